"""Random ticket histories: engine figures equal the plain-Python oracle; invariants hold."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from supportgauge.metrics.store_metrics import store_ticket_metrics
from supportgauge.store.duckdb import open_store
from supportgauge.store.importer import import_batch
from tests.builders import batch_of, event_row, ticket_row
from tests.examples import examples
from tests.metrics.oracle import Event, oracle_figures

KINDS = ("customer_message", "agent_reply", "auto_reply", "internal_note", "status_change")
STATUSES = ("new", "open", "pending", "on_hold", "solved", "closed")

events_strategy = st.lists(
    st.builds(
        Event,
        minute=st.integers(0, 600),
        kind=st.sampled_from(KINDS),
        public=st.booleans(),
        status=st.sampled_from(STATUSES),
    ),
    max_size=12,
)


def rows_of(histories: list[list[Event]]) -> dict[str, list[dict[str, Any]]]:
    """Ticket and event rows for the histories, ticket i named T{i}."""
    tickets = [ticket_row(f"T{i}") for i in range(len(histories))]
    events = [
        event_row(
            e.minute,
            e.kind,
            f"T{i}",
            public=e.public,
            status=e.status if e.kind == "status_change" else None,
        )
        for i, history in enumerate(histories)
        for e in history
    ]
    return {"tickets": tickets, "events": events}


def engine_figures(histories: list[list[Event]]) -> dict[str, dict[str, Any]]:
    with open_store(":memory:") as store:
        import_batch(store, batch_of(**rows_of(histories)))
        rows = store_ticket_metrics(store).to_pyarrow().to_pylist()
        return {row["ticket_id"]: row for row in rows}


@pytest.mark.properties
@settings(max_examples=examples(25), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events_strategy, min_size=1, max_size=8))
def test_engine_matches_oracle_and_invariants_hold(histories: list[list[Event]]) -> None:
    computed = engine_figures(histories)
    for i, history in enumerate(histories):
        row = computed[f"T{i}"]
        expected = oracle_figures(history)
        for name, value in expected.items():
            assert row[name] == value, (name, history)
        for name in (
            "first_response_min",
            "first_resolution_min",
            "full_resolution_min",
            "requester_wait_min",
            "on_hold_min",
            "max_update_gap_min",
        ):
            assert row[name] is None or row[name] >= 0
        if row["full_resolution_min"] is not None:
            assert row["first_resolution_min"] <= row["full_resolution_min"]
            assert row["requester_wait_min"] <= row["full_resolution_min"]
            assert row["on_hold_min"] <= row["requester_wait_min"]


@pytest.mark.properties
@settings(max_examples=examples(10), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(events_strategy, min_size=1, max_size=5))
def test_importing_twice_equals_importing_once(histories: list[list[Event]]) -> None:
    rows = rows_of(histories)
    with open_store(":memory:") as store:
        import_batch(store, batch_of(**rows))
        once = store_ticket_metrics(store).to_pyarrow()
        stored = store.connection.execute("SELECT * FROM events ORDER BY seq").fetchall()
        import_batch(store, batch_of(**rows))
        assert store_ticket_metrics(store).to_pyarrow().equals(once)
        assert store.connection.execute("SELECT * FROM events ORDER BY seq").fetchall() == stored
