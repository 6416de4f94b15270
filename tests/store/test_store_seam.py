"""The store is the one engine seam: engine code stays in store/, capabilities are declared."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pytest

from supportgauge import ConflictError, Gauge, InputError, StoreError, SupportGaugeError
from supportgauge.store.duckdb import DuckDBStore, import_target, open_store
from supportgauge.store.interface import IMPORT, METRICS, require

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "supportgauge"


def test_no_engine_code_outside_the_store() -> None:
    # Sources and the generator too call store/'s named functions (scratch_engine).
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("store/"):
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(
            r"^\s*(import|from) duckdb|duckdb\.|\.connection\b|query_arrow|to_pyarrow", text, re.M
        ):
            offenders.append(relative)
    assert offenders == []


def test_a_metrics_only_store_refuses_to_import(store: DuckDBStore) -> None:
    class MetricsOnly:
        location = store.location
        engine = "otherengine"
        capabilities = frozenset({METRICS})

    require(store, IMPORT)
    with pytest.raises(
        StoreError, match=r"cannot import on its engine \(otherengine\); it can: metrics"
    ):
        import_target(MetricsOnly())  # type: ignore[arg-type]


def test_write_appends_rows_by_column_name(store: DuckDBStore) -> None:
    rows = pa.table({"vendor": ["VendorA"], "calendar": ["24x7"], "import_id": [1]})
    assert store.write("vendors", rows) == 1
    assert store.to_arrow(store.table("vendors").select("vendor", "calendar")).to_pylist() == [
        {"vendor": "VendorA", "calendar": "24x7"}
    ]


def test_reading_opens_neither_create_nor_migrate(tmp_path: Path) -> None:
    db = tmp_path / "s.duckdb"
    open_store(db).close()
    with Gauge.open(db, read_only=True) as reader:
        assert reader.tickets(fields=["ticket_id"]).num_rows == 0
        with pytest.raises(ConflictError, match="opened for reading only"):
            reader.import_paths([tmp_path])


def test_a_failed_first_import_leaves_no_store_file(tmp_path: Path) -> None:
    db = tmp_path / "new.duckdb"
    bad = tmp_path / "tickets.csv"
    bad.write_text("ticket_id,vendor,created_at,priority\nT1,VendorA,yesterday,P1\n", "utf-8")
    with pytest.raises(SupportGaugeError), Gauge.open(db) as gauge:
        gauge.import_paths([bad])
    assert not db.exists()
    assert not db.with_name("new.duckdb.wal").exists()


def test_a_failed_import_keeps_a_store_that_was_there(tmp_path: Path) -> None:
    db = tmp_path / "old.duckdb"
    open_store(db).close()
    bad = tmp_path / "tickets.csv"
    bad.write_text("ticket_id,vendor,created_at,priority\nT1,VendorA,yesterday,P1\n", "utf-8")
    with pytest.raises(SupportGaugeError), Gauge.open(db) as gauge:
        gauge.import_paths([bad])
    assert db.exists()


@pytest.mark.parametrize(
    ("content", "named"),
    [
        (b"SQLite format 3\x00" + bytes(100), "an SQLite database"),
        (b"ticket_id,vendor\nT1,A\n", None),
    ],
)
def test_a_file_that_is_not_a_store_is_refused_before_the_engine_reads_it(
    tmp_path: Path, content: bytes, named: str | None
) -> None:
    db = tmp_path / "other.db"
    db.write_bytes(content)
    said = f"is {named}, not a DuckDB store" if named else "is not a DuckDB store"
    for read_only in (False, True):
        with pytest.raises(InputError, match=said) as raised:
            open_store(db, read_only=read_only)
        assert raised.value.parameter == "db"
    assert db.read_bytes() == content


def test_a_folder_is_not_a_store(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="is a folder"):
        open_store(tmp_path)
