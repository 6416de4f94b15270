"""The public Python API: its names, and the README's and docs' examples run as written."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

import supportgauge
from supportgauge import Gauge, InputError
from supportgauge.synthetic import calendars_toml, generate_dataset, write_dataset

ROOT = Path(__file__).resolve().parents[2]
PUBLIC_NAMES = {
    "DIMENSIONS",
    "Explanation",
    "Scorecard",
    "GROUP_KEYS",
    "LABELS",
    "SOURCE_FORMATS",
    "TICKET_FIELDS",
    "Classification",
    "ConflictError",
    "EngineLimitError",
    "FigureComparison",
    "Gauge",
    "ImportOutcome",
    "ImportResult",
    "ReadingCounts",
    "InputError",
    "Interrupted",
    "MissingExtraError",
    "NotFoundError",
    "SettingsError",
    "Settings",
    "SourceError",
    "StoreError",
    "SupportGaugeError",
    "__version__",
    "default_settings",
    "load_settings",
}


def python_blocks(document: Path) -> list[str]:
    """The ```python blocks of a Markdown file."""
    return re.findall(r"```python\n(.*?)```", document.read_text(encoding="utf-8"), re.S)


@pytest.fixture(scope="module")
def export_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder holding `export/` (a small generated data set) and the settings it needs."""
    folder = tmp_path_factory.mktemp("api")
    write_dataset(generate_dataset(150, seed=3), folder / "export", file_format="parquet")
    (folder / "supportgauge.toml").write_text(calendars_toml(), encoding="utf-8")
    return folder


@pytest.fixture
def in_export_folder(
    export_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """The working folder of a user who has an export and nothing else."""
    for item in ("export", "supportgauge.toml"):
        (tmp_path / item).symlink_to(export_folder / item)
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("SUPPORTGAUGE_DB", raising=False)
    yield tmp_path


def test_public_names_are_pinned() -> None:
    assert set(supportgauge.__all__) == PUBLIC_NAMES
    for name in supportgauge.__all__:
        assert hasattr(supportgauge, name), name


@pytest.mark.parametrize(
    "document", [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))], ids=lambda p: p.name
)
def test_python_examples_run_as_written(document: Path, in_export_folder: Path) -> None:
    for block in python_blocks(document):
        exec(compile(block, str(document), "exec"), {})


def test_python_and_cli_read_the_same_settings(in_export_folder: Path) -> None:
    # The vendors name calendars that only ./supportgauge.toml defines: both faces read it.
    with Gauge.open() as gauge:
        gauge.import_paths("export")
        assert gauge.settings.source == Path("supportgauge.toml")
        hours = gauge.hours().to_pylist()
    assert {row["vendor"] for row in hours} and all(row["vendor"] for row in hours)


def test_tickets_limit_and_fields(in_export_folder: Path) -> None:
    with Gauge.open() as gauge:
        gauge.import_paths(["export"])
        first = gauge.tickets(fields="ticket_id,first_response_min", limit=5)
        assert first.column_names == ["ticket_id", "first_response_min"]
        assert first.num_rows == 5
        assert gauge.tickets(fields=["ticket_id"]).num_rows == gauge.ticket_count()
        with pytest.raises(InputError) as caught:
            gauge.tickets(limit=0)
    assert caught.value.parameter == "limit"
    assert "--" not in caught.value.message


def test_read_only_gauge_does_not_create_a_store(tmp_path: Path) -> None:
    with pytest.raises(supportgauge.SupportGaugeError):
        Gauge.open(tmp_path / "missing.duckdb", read_only=True)
    assert not (tmp_path / "missing.duckdb").exists()


def test_classify_needs_a_list() -> None:
    readings = Gauge.classify(["Please restart the app and try again."])
    assert "generic_advice" in readings[0].labels
    with pytest.raises(InputError):
        Gauge.classify("one string")  # type: ignore[arg-type]


def test_importing_docs_list_every_column_of_the_optional_tables() -> None:
    from supportgauge.canonical import TABLES

    text = (ROOT / "docs" / "importing.md").read_text(encoding="utf-8")
    for name in ("vendors", "ratings", "proactive", "probes"):
        for column in TABLES[name]:
            required = "yes" if column.required else "no"
            row = f"| `{column.name}` | {required} |"
            assert row in text, f"{name}.{column.name}"
            assert column.description in text, f"{name}.{column.name}"


def test_importing_the_package_loads_no_engine() -> None:
    import subprocess
    import sys

    code = "import sys, supportgauge; print('duckdb' in sys.modules, 'ibis' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert loaded.stdout.split() == ["False", "False"], loaded.stderr


def test_ctrl_c_while_the_command_line_loads_prints_one_line() -> None:
    import subprocess
    import sys

    # The child stops itself 0.1 s into the command line's loading (which takes over a
    # second): timed from its own start of loading, so a busy machine cannot move it.
    code = (
        "import os, signal, threading, supportgauge.launch as l; "
        "threading.Timer(0.1, os.kill, (os.getpid(), signal.SIGINT)).start(); l.main()"
    )
    child = subprocess.Popen(
        [sys.executable, "-c", code, "--version"], stderr=subprocess.PIPE, text=True
    )
    _, err = child.communicate(timeout=60)
    if child.returncode == 0:
        pytest.skip("the command line loaded before the signal arrived")
    assert (child.returncode, err.strip()) == (
        130,
        "Interrupted before the command started: nothing was changed.",
    )
