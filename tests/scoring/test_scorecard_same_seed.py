"""The same data and the same seed give the same scorecard, intervals included, whatever
order the engine returns the rows in (it keeps none: a multi-threaded scan differs run to
run, and the resampling weights are drawn row by row)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest

from supportgauge.importing import import_paths
from supportgauge.scoring.scorecard import scorecard
from supportgauge.settings import load_settings
from supportgauge.store.duckdb import open_store
from supportgauge.synthetic import calendars_toml, generate_dataset, write_dataset


def test_rows_returned_in_another_order_give_the_same_intervals(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_dataset(generate_dataset(1500, seed=5), tmp_path / "data", file_format="parquet")
    (tmp_path / "supportgauge.toml").write_text(calendars_toml(), encoding="utf-8")
    settings = load_settings(tmp_path / "supportgauge.toml")
    store = open_store(":memory:")
    import_paths(store, [tmp_path / "data"])
    in_engine_order = scorecard(store, settings, seed=11).to_dict()

    fetch = store.to_arrow

    def reversed_rows(expression: Any) -> pa.Table:
        table = fetch(expression)
        return table.take(pa.array(range(table.num_rows - 1, -1, -1)))

    monkeypatch.setattr(store, "to_arrow", reversed_rows)
    assert scorecard(store, settings, seed=11).to_dict() == in_engine_order
