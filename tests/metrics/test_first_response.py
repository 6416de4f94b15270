"""first_response_min: first public agent reply after the customer's first contact."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from tests.builders import event_row
from tests.metrics.cases import figures


def test_first_response_is_first_public_agent_reply(load: Callable[..., Any]) -> None:
    events = [event_row(12, "agent_reply"), event_row(30, "agent_reply")]
    assert figures(load, events)["first_response_min"] == 12


@pytest.mark.parametrize("kind", ["auto_reply", "internal_note", "diagnosis", "status_change"])
def test_first_response_ignores_events_that_are_not_replies(
    load: Callable[..., Any], kind: str
) -> None:
    extra = {"status": "open"} if kind == "status_change" else {}
    events = [event_row(1, kind, **extra), event_row(45, "agent_reply")]
    assert figures(load, events)["first_response_min"] == 45


def test_private_agent_reply_is_not_a_response(load: Callable[..., Any]) -> None:
    events = [event_row(5, "agent_reply", public=False), event_row(50, "agent_reply")]
    assert figures(load, events)["first_response_min"] == 50


def test_ticket_never_answered_has_null_first_response(load: Callable[..., Any]) -> None:
    events = [event_row(5, "customer_message"), event_row(9, "internal_note")]
    row = figures(load, events)
    assert row["first_response_min"] is None
    assert row["agent_replies"] == 0


def test_reply_in_the_second_of_creation_counts_as_zero(load: Callable[..., Any]) -> None:
    events = [event_row(0, "customer_message"), event_row(0, "agent_reply")]
    assert figures(load, events)["first_response_min"] == 0


def test_vendor_opened_ticket_counts_from_customers_first_message(
    load: Callable[..., Any],
) -> None:
    # The vendor opened the ticket with a public reply at creation (a proactive alert).
    events = [
        event_row(0, "agent_reply"),
        event_row(60, "customer_message"),
        event_row(80, "agent_reply"),
    ]
    assert figures(load, events)["first_response_min"] == 20


def test_vendor_opened_ticket_without_customer_message_has_no_response(
    load: Callable[..., Any],
) -> None:
    events = [event_row(0, "agent_reply"), event_row(30, "agent_reply")]
    assert figures(load, events)["first_response_min"] is None


def test_note_before_reply_does_not_start_anything(load: Callable[..., Any]) -> None:
    events = [
        event_row(2, "internal_note"),
        event_row(3, "auto_reply"),
        event_row(20, "customer_message"),
        event_row(95, "agent_reply"),
    ]
    assert figures(load, events)["first_response_min"] == 95


def test_same_second_events_keep_export_order(load: Callable[..., Any]) -> None:
    # The reply and the solve happen in the same second; the reply still counts.
    events = [event_row(7, "agent_reply"), event_row(7, "status_change", status="solved")]
    row = figures(load, events)
    assert row["first_response_min"] == 7
    assert row["first_resolution_min"] == 7
    assert row["one_touch"] is True
