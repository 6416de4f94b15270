"""Help desks' JSON exports and flat exports read through a mapping, randomly mutated."""

from __future__ import annotations

import csv
import io
import json
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import strategies as st

from tests.fuzz.harness import (
    ODD_VALUES,
    import_or_refuse,
    mutated_bytes,
    mutated_json,
    quick_and_long,
)

EXPORTS = Path(__file__).parents[1] / "data" / "exports"
HELP_DESKS = {
    "zendesk": EXPORTS / "zendesk" / "api",
    "zendesk_incremental": EXPORTS / "zendesk" / "incremental",
    "freshdesk": EXPORTS / "freshdesk",
    "jira": EXPORTS / "jira",
    "zammad": EXPORTS / "zammad",
}
MAPPED = ("messages", "sentences", "audit_log")


def _copy(source: Path, folder: Path) -> Path:
    target = folder / "export"
    shutil.copytree(source, target)
    return target


def _help_desk_import(name: str, data: st.DataObject, *, as_bytes: bool) -> None:
    with tempfile.TemporaryDirectory() as folder:
        export = _copy(HELP_DESKS[name], Path(folder))
        files = sorted(path for path in export.rglob("*") if path.is_file())
        path = data.draw(st.sampled_from(files))
        if as_bytes or path.suffix == ".jsonl":
            path.write_bytes(data.draw(mutated_bytes(path.read_bytes())))
        else:
            document = json.loads(path.read_text(encoding="utf-8"))
            path.write_text(json.dumps(data.draw(mutated_json(document))), encoding="utf-8")
        source_format = name.split("_")[0]
        import_or_refuse([export], source_format=source_format, vendor="VendorA")


def help_desk_exports_with_mutated_records(name, data):
    _help_desk_import(name, data, as_bytes=False)


def help_desk_exports_with_mutated_bytes(name, data):
    _help_desk_import(name, data, as_bytes=True)


NAMES = ("name", sorted(HELP_DESKS))
test_help_desk_exports_with_mutated_records, test_help_desk_exports_with_mutated_records_long = (
    quick_and_long(help_desk_exports_with_mutated_records, parametrize=NAMES, data=st.data())
)
test_help_desk_exports_with_mutated_bytes, test_help_desk_exports_with_mutated_bytes_long = (
    quick_and_long(help_desk_exports_with_mutated_bytes, parametrize=NAMES, data=st.data())
)


def _mutated_cells(text: str, data: st.DataObject) -> str:
    rows = list(csv.reader(io.StringIO(text)))
    for _ in range(data.draw(st.integers(1, 4))):
        row = data.draw(st.integers(0, len(rows) - 1))
        if not rows[row]:
            continue
        column = data.draw(st.integers(0, len(rows[row]) - 1))
        value = data.draw(ODD_VALUES)
        rows[row][column] = "" if value is None else str(value)
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return out.getvalue()


def mapped_exports_with_mutated_cells_or_bytes(layout, data, as_bytes, skip_invalid):
    with tempfile.TemporaryDirectory() as folder:
        export = _copy(EXPORTS / "csv" / layout, Path(folder))
        mapping = export / "map.toml"
        mapping.rename(Path(folder) / "map.toml")
        files = sorted(export.glob("*.csv"))
        path = data.draw(st.sampled_from(files))
        if as_bytes:
            path.write_bytes(data.draw(mutated_bytes(path.read_bytes())))
        else:
            path.write_text(_mutated_cells(path.read_text(encoding="utf-8"), data))
        import_or_refuse(
            [export],
            source_format="csv",
            mapping=Path(folder) / "map.toml",
            vendor="VendorA",
            skip_invalid=skip_invalid,
        )


test_mapped_exports_with_mutated_cells_or_bytes, test_mapped_exports_long = quick_and_long(
    mapped_exports_with_mutated_cells_or_bytes,
    parametrize=("layout", list(MAPPED)),
    data=st.data(),
    as_bytes=st.booleans(),
    skip_invalid=st.booleans(),
)


@pytest.mark.parametrize("name", sorted(HELP_DESKS))
def test_the_sample_exports_import_completely(name):
    with tempfile.TemporaryDirectory() as folder:
        export = _copy(HELP_DESKS[name], Path(folder))
        assert import_or_refuse([export], source_format=name.split("_")[0], vendor="VendorA") == (
            "imported"
        )
