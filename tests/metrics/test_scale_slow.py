"""A larger generated store: invariants of every figure hold and a second import adds nothing."""

from __future__ import annotations

from pathlib import Path

import pyarrow.compute as pc
import pytest

from supportgauge.importing import import_paths
from supportgauge.metrics.store_metrics import store_summary, store_ticket_metrics
from supportgauge.metrics.ticket_metrics import DURATION_FIELDS
from supportgauge.settings import load_settings
from supportgauge.store.duckdb import open_store
from supportgauge.synthetic import calendars_toml, generate_dataset, write_dataset

pytestmark = pytest.mark.slow


def test_fifty_thousand_tickets_keep_every_invariant(tmp_path: Path) -> None:
    write_dataset(generate_dataset(50_000, seed=5), tmp_path / "data", file_format="parquet")
    (tmp_path / "supportgauge.toml").write_text(calendars_toml(), encoding="utf-8")
    settings = load_settings(tmp_path / "supportgauge.toml")
    with open_store(tmp_path / "store.duckdb") as store:
        first = import_paths(store, [tmp_path / "data"]).result
        assert first.tickets_added == 50_000 and first.rows_rejected == 0
        again = import_paths(store, [tmp_path / "data"]).result
        assert not again.changed
        per_ticket = store_ticket_metrics(store, settings).to_pyarrow()
        assert per_ticket.num_rows == 50_000
        for field in DURATION_FIELDS:
            smallest = pc.min(per_ticket[field]).as_py()
            assert smallest is None or smallest >= 0, field
        for calendar_field in ("first_response_min", "full_resolution_min", "requester_wait_min"):
            business = per_ticket[calendar_field.replace("_min", "_business_min")]
            wall = per_ticket[calendar_field]
            assert pc.all(pc.less_equal(business, pc.add(wall, 1e-6))).as_py() is not False
        ordered = pc.less_equal(
            per_ticket["first_resolution_min"], per_ticket["full_resolution_min"]
        )
        assert pc.all(ordered).as_py() is not False
        summary = store_summary(store, by=["vendor", "month"], settings=settings).to_pyarrow()
        assert sum(summary["tickets"].to_pylist()) == 50_000
