"""The benchmark's hand-written SQL and pandas references against the Ibis metric code.

Both references are written from docs/metrics.md, apart from the Ibis expressions, so
agreement on a generated data set (plus hand-built edge tickets checked against the
row-by-row oracle) is an independent check of `store_ticket_metrics`.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pyarrow as pa
import pytest
from benchmarks.reference_pandas import pandas_ticket_figures
from benchmarks.reference_sql import FIGURES, SUMMARY_FIGURES, sql_summary, sql_ticket_figures
from tests.metrics.oracle import Event, oracle_figures

from supportgauge.importing import import_paths
from supportgauge.metrics.keys import TICKET_KEY
from supportgauge.metrics.store_metrics import store_summary, store_ticket_metrics
from supportgauge.metrics.ticket_metrics import TICKET_FIELDS
from supportgauge.settings import settings_from_document
from supportgauge.store.duckdb import DuckDBStore, open_store
from supportgauge.synthetic import SyntheticDataset, calendars_toml, generate_dataset, write_dataset

GENERATED_TICKETS = 500
EDGE_VENDOR = "Aurora"  # a generated vendor, so its calendar is configured
EDGE_CREATED = datetime(2026, 3, 2, 10, 0, 30, tzinfo=UTC)
EDGE_CASES: dict[str, list[Event]] = {
    "no-events": [],
    "vendor-opened": [
        Event(0, "agent_reply"),
        Event(5, "customer_message"),
        Event(12, "agent_reply"),
        Event(20, "status_change", status="solved"),
    ],
    "vendor-opened-no-answer": [Event(0, "agent_reply"), Event(3, "agent_reply")],
    "opened-later-by-reply": [Event(1, "agent_reply"), Event(4, "customer_message")],
    "same-second-reopen": [
        Event(10, "agent_reply"),
        Event(30, "status_change", status="solved"),
        Event(30, "status_change", status="open"),
        Event(45, "status_change", status="closed"),
    ],
    "same-second-resolve-last": [
        Event(30, "status_change", status="open"),
        Event(30, "status_change", status="solved"),
    ],
    "status-on-reply-ignored": [
        Event(5, "agent_reply", status="solved"),
        Event(9, "customer_message", status="closed"),
    ],
    "reopened-still-open": [
        Event(10, "status_change", status="solved"),
        Event(15, "customer_message"),
        Event(20, "status_change", status="pending"),
        Event(60, "status_change", status="open"),
    ],
    "solved-closed-reopened-solved": [
        Event(3, "agent_reply"),
        Event(10, "status_change", status="solved"),
        Event(11, "status_change", status="closed"),
        Event(40, "status_change", status="open"),
        Event(41, "status_change", status="open"),
        Event(50, "agent_reply"),
        Event(70, "status_change", status="solved"),
    ],
    "hold-and-pending": [
        Event(2, "auto_reply"),
        Event(4, "agent_reply", public=False),
        Event(6, "internal_note", public=False),
        Event(8, "status_change", status="on_hold"),
        Event(30, "agent_reply"),
        Event(31, "status_change", status="pending"),
        Event(90, "customer_message"),
        Event(91, "status_change", status="open"),
        Event(120, "status_change", status="solved"),
    ],
    "event-at-creation": [
        Event(0, "status_change", status="open"),
        Event(0, "agent_reply"),
        Event(0, "status_change", status="solved"),
    ],
}


@dataclass(frozen=True)
class Figures:
    """Per-ticket figures and summaries of one data set, from Ibis and the references."""

    ibis: pa.Table
    sql: pa.Table
    pandas: pa.Table
    ibis_summary: pa.Table
    sql_summary: pa.Table


def _edge_tables(template: dict[str, pa.Table]) -> dict[str, pa.Table]:
    """Tickets and events of the edge cases, in the generated files' schemas."""
    tickets, events = [], []
    for name, history in EDGE_CASES.items():
        ticket_id = f"EDGE-{name}"
        tickets.append(
            {
                "ticket_id": ticket_id,
                "vendor": EDGE_VENDOR,
                "created_at": EDGE_CREATED,
                "priority": "P2",
            }
        )
        for number, event in enumerate(history):
            events.append(
                {
                    "ticket_id": ticket_id,
                    "vendor": EDGE_VENDOR,
                    "ts": EDGE_CREATED + timedelta(minutes=event.minute),
                    "kind": event.kind,
                    "public": event.public,
                    "status": event.status,
                    "event_id": f"{ticket_id}/{number}",
                }
            )
    return {
        "tickets": pa.Table.from_pylist(tickets, schema=template["tickets"].schema),
        "events": pa.Table.from_pylist(events, schema=template["events"].schema),
    }


SETTINGS = settings_from_document(tomllib.loads(calendars_toml()))


@pytest.fixture(scope="module")
def data_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Generated tickets plus the edge cases, as Parquet."""
    data: Path = tmp_path_factory.mktemp("references") / "data"
    dataset = generate_dataset(GENERATED_TICKETS, seed=3)
    tables = dict(dataset.tables)
    for name, extra in _edge_tables(tables).items():
        tables[name] = pa.concat_tables([tables[name], extra])
    write_dataset(SyntheticDataset(tables=tables, truth=dataset.truth), data)
    return data


@pytest.fixture(scope="module")
def measured_store(data_folder: Path) -> Iterator[DuckDBStore]:
    """The data folder imported into a store."""
    with open_store(data_folder.parent / "store.duckdb") as store:
        import_paths(store, [data_folder])
        yield store


@pytest.fixture(scope="module")
def figures(measured_store: DuckDBStore, data_folder: Path) -> Figures:
    """The figures measured three ways."""
    store = measured_store
    return Figures(
        ibis=store_ticket_metrics(store, settings=SETTINGS).to_pyarrow(),
        sql=sql_ticket_figures(store.connection),
        pandas=pandas_ticket_figures(data_folder),
        ibis_summary=store_summary(
            store, by=["vendor", "priority"], settings=SETTINGS
        ).to_pyarrow(),
        sql_summary=sql_summary(store.connection),
    )


def _by_key(table: pa.Table, keys: list[str], columns: tuple[str, ...]) -> dict[Any, dict]:
    rows = table.select([*keys, *columns]).to_pylist()
    return {tuple(row.pop(key) for key in keys): row for row in rows}


def _differences(expected: pa.Table, actual: pa.Table) -> list[str]:
    """Tickets whose figures differ, with both values, exact comparison."""
    keys = ["vendor", "ticket_id"]
    left, right = _by_key(expected, keys, FIGURES), _by_key(actual, keys, FIGURES)
    assert left.keys() == right.keys()
    return [
        f"{'/'.join(key)} {name}: {row[name]!r} vs {right[key][name]!r}"
        for key, row in left.items()
        for name in FIGURES
        if row[name] != right[key][name]
    ]


def test_ticket_count_covers_generated_and_edge_tickets(figures: Figures) -> None:
    expected = GENERATED_TICKETS + len(EDGE_CASES)
    assert (figures.ibis.num_rows, figures.sql.num_rows, figures.pandas.num_rows) == (
        expected,
        expected,
        expected,
    )


def test_sql_reference_matches_store_ticket_metrics(figures: Figures) -> None:
    assert _differences(figures.ibis, figures.sql) == []


def test_pandas_reference_matches_store_ticket_metrics(figures: Figures) -> None:
    assert _differences(figures.ibis, figures.pandas) == []


def test_sql_reference_matches_the_same_fields_asked_alone(
    figures: Figures, measured_store: DuckDBStore
) -> None:
    alone = store_ticket_metrics(
        measured_store, settings=SETTINGS, fields=["vendor", "ticket_id", *FIGURES]
    ).to_pyarrow()
    assert alone.column_names == ["vendor", "ticket_id", *FIGURES]
    assert _differences(figures.sql, alone) == []


@pytest.mark.parametrize("field", [name for name in TICKET_FIELDS if name not in TICKET_KEY])
def test_every_field_asked_alone_equals_its_value_in_the_full_set(
    figures: Figures, measured_store: DuckDBStore, field: str
) -> None:
    alone = store_ticket_metrics(
        measured_store, settings=SETTINGS, fields=[*TICKET_KEY, field]
    ).to_pyarrow()
    assert alone.column_names == [*TICKET_KEY, field]
    assert alone.to_pylist() == figures.ibis.select([*TICKET_KEY, field]).to_pylist()


@pytest.mark.parametrize(
    "fields", [None, ["ticket_id", "first_response_business_min", "reopens"], ["repeat"]]
)
def test_the_first_tickets_alone_are_the_head_of_the_full_listing(
    figures: Figures, measured_store: DuckDBStore, fields: list[str] | None
) -> None:
    first = store_ticket_metrics(measured_store, settings=SETTINGS, fields=fields, first=7)
    expected = figures.ibis.select(fields or list(TICKET_FIELDS)).slice(0, 7)
    assert first.to_pyarrow().to_pylist() == expected.to_pylist()


@pytest.mark.parametrize("name", list(EDGE_CASES))
@pytest.mark.parametrize("reference", ["sql", "pandas"])
def test_reference_matches_oracle_on_edge_ticket(
    figures: Figures, reference: str, name: str
) -> None:
    table = getattr(figures, reference)
    rows = _by_key(table, ["vendor", "ticket_id"], FIGURES)
    expected = oracle_figures(EDGE_CASES[name])
    assert rows[(EDGE_VENDOR, f"EDGE-{name}")] == {field: expected[field] for field in FIGURES}


def test_sql_summary_matches_store_summary(figures: Figures) -> None:
    keys = ["vendor", "priority"]
    expected = _by_key(figures.ibis_summary, keys, SUMMARY_FIGURES)
    actual = _by_key(figures.sql_summary, keys, SUMMARY_FIGURES)
    assert expected.keys() == actual.keys()
    for group, row in expected.items():
        assert actual[group] == pytest.approx(row, rel=1e-12, nan_ok=True), group
