"""The figures recover each generated vendor's true behaviour (generator truth vs metrics)."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportgauge.importing import import_paths
from supportgauge.metrics.store_metrics import store_hours_comparison, store_ticket_metrics
from supportgauge.settings import Settings, load_settings
from supportgauge.store.duckdb import open_store
from supportgauge.store.interface import Store
from supportgauge.synthetic import SyntheticDataset, calendars_toml, generate_dataset, write_dataset


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[SyntheticDataset, Path]:
    folder = tmp_path_factory.mktemp("generated")
    dataset = generate_dataset(3000, seed=11)
    write_dataset(dataset, folder / "data", file_format="csv")
    (folder / "supportgauge.toml").write_text(calendars_toml(), encoding="utf-8")
    return dataset, folder


@pytest.fixture(scope="module")
def imported(generated: tuple[SyntheticDataset, Path]) -> tuple[Store, Settings]:
    _, folder = generated
    store = open_store(":memory:")
    outcome = import_paths(store, [folder / "data"])
    assert outcome.result.rows_rejected == 0
    return store, load_settings(folder / "supportgauge.toml")


def test_every_generated_row_is_imported(
    generated: tuple[SyntheticDataset, Path], imported: tuple[Store, Settings]
) -> None:
    dataset, _ = generated
    store, _ = imported
    assert store.count("tickets") == dataset.tables["tickets"].num_rows
    assert store.count("events") == dataset.tables["events"].num_rows


def test_first_response_medians_match_the_truth(
    generated: tuple[SyntheticDataset, Path], imported: tuple[Store, Settings]
) -> None:
    dataset, _ = generated
    store, settings = imported
    per_ticket = store_ticket_metrics(store, settings).to_pandas()
    for vendor, truth in dataset.truth.items():
        mine = per_ticket[(per_ticket.vendor == vendor) & ~per_ticket.created_off_hours]
        if truth.first_response_median_min_in_hours is None:
            continue
        measured = mine.first_response_min.median()
        assert measured == pytest.approx(truth.first_response_median_min_in_hours, rel=0.25), vendor


def test_resolution_and_one_touch_recover_the_ordering(
    generated: tuple[SyntheticDataset, Path], imported: tuple[Store, Settings]
) -> None:
    dataset, _ = generated
    store, settings = imported
    per_ticket = store_ticket_metrics(store, settings).to_pandas()
    grouped = per_ticket.groupby("vendor")
    one_touch = grouped.one_touch.mean()
    for vendor, truth in dataset.truth.items():
        assert one_touch[vendor] == pytest.approx(truth.one_touch_share, abs=0.03), vendor
    medians = grouped.first_resolution_min.median()
    truth_medians = {v: t.resolution_median_min for v, t in dataset.truth.items()}
    assert sorted(medians.index, key=medians.get) == sorted(truth_medians, key=truth_medians.get)


def test_office_hours_vendor_is_off_hours_and_the_24x7_one_is_not(
    imported: tuple[Store, Settings],
) -> None:
    store, settings = imported
    hours = {
        row["vendor"]: row
        for row in store_hours_comparison(store, settings).to_pyarrow().to_pylist()
    }
    assert hours["Aurora"]["off_hours_n"] == 0
    assert hours["Panda"]["off_hours_n"] > hours["Panda"]["in_hours_n"] * 0.5
    # Dune is silent off hours: its off-hours first response is many times its in-hours one.
    assert hours["Dune"]["off_to_in_hours_p50_ratio"] > 5
