"""customer_follow_ups: customer messages that chase the vendor while they wait."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from supportgauge.metrics.store_metrics import store_ticket_metrics
from supportgauge.store.duckdb import DuckDBStore
from tests.builders import event_row, ticket_row


def _follow_ups(load: Callable[..., DuckDBStore], events: list[dict[str, Any]]) -> int:
    store = load(tickets=[ticket_row("T1")], events=events)
    table = store.to_arrow(store_ticket_metrics(store, fields=["customer_follow_ups"]))
    return int(table.column("customer_follow_ups")[0].as_py())


def test_writing_again_before_any_reply_is_a_chase(load: Callable[..., DuckDBStore]) -> None:
    events = [
        event_row(0, "customer_message", body="Calls fail in Riyadh"),
        event_row(60, "customer_message", body="Any update?"),
        event_row(120, "customer_message", body="Still failing, please answer"),
        event_row(180, "agent_reply", body="Root cause: expired token"),
    ]
    assert _follow_ups(load, events) == 2


def test_answering_the_vendor_is_not_a_chase(load: Callable[..., DuckDBStore]) -> None:
    events = [
        event_row(0, "customer_message", body="Calls fail in Riyadh"),
        event_row(10, "agent_reply", body="Please send the uid and channel."),
        event_row(11, "status_change", status="pending"),
        event_row(30, "customer_message", body="uid 42, channel room_7"),
        event_row(31, "customer_message", body="and the time was 22:00"),
        event_row(40, "status_change", status="open"),
        event_row(50, "agent_reply", body="Fixed the token renewal."),
        event_row(60, "customer_message", body="Thanks, works now"),
    ]
    # The two answers came while the vendor waited (pending); the thanks is the first
    # message after a reply.
    assert _follow_ups(load, events) == 0


def test_a_ticket_without_customer_messages_has_none(load: Callable[..., DuckDBStore]) -> None:
    assert _follow_ups(load, [event_row(5, "agent_reply", body="We saw an alert")]) == 0
