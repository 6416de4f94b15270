"""The generated data set: deterministic, canonical, and internally consistent."""

from __future__ import annotations

import datetime as dt
import functools

import pandas as pd
import pyarrow as pa
import pytest

from supportgauge.canonical import (
    PRIORITIES,
    PROACTIVE_KINDS,
    SCENARIOS,
    STATUSES,
    TABLES,
    TICKET_KINDS,
)
from supportgauge.errors import InputError
from supportgauge.synthetic import VENDOR_PROFILES, SyntheticDataset, generate_dataset
from supportgauge.synthetic.issue_catalogue import CATEGORIES

_DUCKDB_TO_ARROW = {
    "VARCHAR": pa.string(),
    "TIMESTAMPTZ": pa.timestamp("us", tz="UTC"),
    "BOOLEAN": pa.bool_(),
    "DOUBLE": pa.float64(),
}


@functools.cache
def _dataset(seed: int) -> SyntheticDataset:
    return generate_dataset(2000, seed=seed)


@pytest.fixture(scope="module")
def dataset() -> SyntheticDataset:
    return _dataset(7)


@pytest.fixture(scope="module")
def tickets(dataset: SyntheticDataset) -> pd.DataFrame:
    return dataset.tables["tickets"].to_pandas()


@pytest.fixture(scope="module")
def events(dataset: SyntheticDataset) -> pd.DataFrame:
    return dataset.tables["events"].to_pandas()


def test_same_seed_gives_identical_tables() -> None:
    first, second = _dataset(7), generate_dataset(2000, seed=7)
    for name, table in first.tables.items():
        assert table.equals(second.tables[name]), name
    assert first.truth == second.truth


def test_other_seed_gives_other_tickets() -> None:
    assert not _dataset(7).tables["events"].equals(_dataset(8).tables["events"])
    assert not _dataset(7).tables["tickets"].equals(_dataset(8).tables["tickets"])


@pytest.mark.parametrize("name", sorted(TABLES))
def test_tables_have_exactly_the_canonical_columns_and_types(
    dataset: SyntheticDataset, name: str
) -> None:
    table = dataset.tables[name]
    assert table.column_names == [column.name for column in TABLES[name]]
    for column in TABLES[name]:
        assert table.schema.field(column.name).type == _DUCKDB_TO_ARROW[column.type], column.name
        if column.required:
            assert table.column(column.name).null_count == 0, column.name


def test_ticket_count_and_ids_unique_within_vendor(tickets: pd.DataFrame) -> None:
    assert len(tickets) == 2000
    assert not tickets.duplicated(["vendor", "ticket_id"]).any()
    assert tickets["ticket_id"].str.fullmatch(r"[A-Z]-\d{6}").all()


def test_values_are_from_the_canonical_vocabularies(
    tickets: pd.DataFrame, events: pd.DataFrame, dataset: SyntheticDataset
) -> None:
    assert set(tickets["priority"]) <= set(PRIORITIES)
    assert set(tickets["scenario"]) <= set(SCENARIOS)
    assert set(tickets["category"].dropna()) <= set(CATEGORIES)
    assert set(tickets["vendor"]) == {p.name for p in VENDOR_PROFILES}
    assert set(events["kind"]) == set(TICKET_KINDS)
    assert set(events["status"].dropna()) <= set(STATUSES) - {"new"}
    assert set(dataset.tables["proactive"].column("kind").to_pylist()) == set(PROACTIVE_KINDS)


def test_risk_notices_name_the_category_they_warn_of(dataset: SyntheticDataset) -> None:
    proactive = dataset.tables["proactive"].to_pandas()
    named = proactive["category"].notna()
    assert set(proactive.loc[named, "kind"]) == {"risk_notice"}
    assert named.sum() == (proactive["kind"] == "risk_notice").sum()
    assert set(proactive.loc[named, "category"]) <= set(CATEGORIES)


def test_vendors_review_the_big_event_the_settings_declare(dataset: SyntheticDataset) -> None:
    proactive = dataset.tables["proactive"].to_pandas()
    reviews = proactive[proactive["kind"] == "post_event_review"]
    gala_end = pd.Timestamp("2026-03-20T23:00:00Z")
    after = reviews[(reviews["ts"] > gala_end) & (reviews["ts"] < gala_end + pd.Timedelta(days=3))]
    by_vendor = after.groupby("vendor").size()
    # Aurora reviews 85% of its P1s, Nimbus 5%: the gala's reviews follow the same habit.
    assert by_vendor.get("Aurora", 0) > by_vendor.get("Nimbus", 0)


def test_status_only_on_status_changes(events: pd.DataFrame) -> None:
    is_change = events["kind"] == "status_change"
    assert events.loc[is_change, "status"].notna().all()
    assert events.loc[~is_change, "status"].isna().all()


def test_notes_are_private_and_replies_public(events: pd.DataFrame) -> None:
    assert not events.loc[events["kind"] == "internal_note", "public"].any()
    assert events.loc[events["kind"].isin(["agent_reply", "customer_message"]), "public"].all()


def test_no_event_before_its_ticket_and_events_in_time_order(
    tickets: pd.DataFrame, events: pd.DataFrame
) -> None:
    joined = events.merge(
        tickets[["vendor", "ticket_id", "created_at"]], on=["vendor", "ticket_id"]
    )
    assert len(joined) == len(events)
    assert (joined["ts"] >= joined["created_at"]).all()
    assert (
        events.groupby(["vendor", "ticket_id"], sort=False)["ts"].diff().dropna() >= pd.Timedelta(0)
    ).all()
    first = events.groupby(["vendor", "ticket_id"], sort=False).head(1)
    assert first["kind"].isin(["customer_message", "agent_reply"]).all()


def test_some_events_share_a_second(events: pd.DataFrame) -> None:
    assert events.duplicated(["vendor", "ticket_id", "ts"]).any()


def test_hard_cases_are_present(tickets: pd.DataFrame, events: pd.DataFrame) -> None:
    keys = ["vendor", "ticket_id"]
    replied = events[events["kind"] == "agent_reply"].groupby(keys).size()
    solved = events[events["status"] == "solved"].groupby(keys).size()
    reopened = events[(events["kind"] == "status_change") & (events["status"] == "open")]
    assert len(tickets) - len(replied) > 0  # never answered
    assert len(tickets) - len(solved) > 0  # never solved
    assert (solved >= 3).any()  # reopened more than once
    assert len(reopened) > 0
    first = events.groupby(keys, sort=False).head(1)
    assert (first["kind"] == "agent_reply").any()  # opened by the vendor
    assert (events["kind"] == "diagnosis").any() and (events["kind"] == "priority_change").any()


def test_about_fifteen_percent_of_categories_left_empty(tickets: pd.DataFrame) -> None:
    empty_share = tickets["category"].isna().mean()
    assert 0.11 < empty_share < 0.19


def test_probe_tickets_reference_the_probes_table(
    tickets: pd.DataFrame, dataset: SyntheticDataset
) -> None:
    probe_ids = set(dataset.tables["probes"].column("probe_id").to_pylist())
    used = tickets["probe_id"].dropna()
    assert len(used) >= 3 * len(VENDOR_PROFILES)
    assert set(used) <= probe_ids


def test_ratings_are_one_to_five_per_month(dataset: SyntheticDataset) -> None:
    ratings = dataset.tables["ratings"].to_pandas()
    assert ratings["score"].between(1, 5).all()
    assert set(ratings["period"]) == {f"2026-{m:02d}" for m in range(1, 7)}


def test_custom_start_and_length_move_the_period() -> None:
    data = generate_dataset(300, seed=1, start=dt.date(2025, 11, 1), months=2)
    created = data.tables["tickets"].column("created_at").to_pandas()
    assert created.min() >= pd.Timestamp("2025-10-31", tz="UTC")
    assert created.max() < pd.Timestamp("2026-01-08", tz="UTC")


def test_progress_is_reported_up_to_done() -> None:
    calls: list[tuple[int, int]] = []
    generate_dataset(50, seed=1, progress=lambda done, total: calls.append((done, total)))
    assert calls[-1][0] == calls[-1][1]
    assert [done for done, _ in calls] == sorted(done for done, _ in calls)


def test_rejects_an_empty_data_set() -> None:
    with pytest.raises(InputError, match="must be at least 1, got 0") as raised:
        generate_dataset(0)
    assert raised.value.parameter == "tickets"


def test_account_count_can_be_chosen() -> None:
    data = generate_dataset(200, seed=1, n_accounts=3)
    assert len(data.tables["tickets"].column("account").unique()) <= 3


def test_texts_come_in_chinese_english_and_mixed(tickets: pd.DataFrame) -> None:
    has_chinese = tickets["description"].str.contains(r"[\u4e00-\u9fff]")
    has_latin_words = tickets["description"].str.contains(r"[A-Za-z]{4,}")
    assert (~has_chinese).mean() > 0.2
    assert (has_chinese & ~has_latin_words).mean() > 0.2
    assert (has_chinese & has_latin_words).mean() > 0.05


def test_probe_tickets_ask_the_probe_question(
    tickets: pd.DataFrame, dataset: SyntheticDataset
) -> None:
    probes = dataset.tables["probes"].to_pandas().set_index("probe_id")
    asked = tickets.dropna(subset=["probe_id"])
    for _, ticket in asked.iterrows():
        assert ticket["description"] in probes.loc[ticket["probe_id"], "question"]
        assert ticket["scenario"] == probes.loc[ticket["probe_id"], "scenario"]
