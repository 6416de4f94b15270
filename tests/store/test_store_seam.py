"""The store is the one engine seam: engine code stays in store/, capabilities are declared."""

from __future__ import annotations

import re
from pathlib import Path

import pyarrow as pa
import pytest

from supportgauge import Gauge, StoreError
from supportgauge.store.duckdb import DuckDBStore, import_target, open_store
from supportgauge.store.interface import IMPORT, METRICS, require

PACKAGE = Path(__file__).resolve().parents[2] / "src" / "supportgauge"
# Modules that read files with an embedded engine of their own, never the store's.
FILE_READERS = {"sources/mapped_layouts.py", "sources/zendesk_warehouse.py", "synthetic/writer.py"}
# Still writing readings in SQL of its own: moving into store/ with the import's transaction.
PENDING = {"text/store_readings.py"}


def test_no_engine_code_outside_the_store() -> None:
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("store/") or relative in FILE_READERS | PENDING:
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"^\s*import duckdb|\.connection\b|query_arrow", text, re.M):
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
        with pytest.raises(StoreError, match="opened for reading only"):
            reader.import_paths([tmp_path])
