"""requester_wait_min, on_hold_min and max_update_gap_min from the status timeline."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.builders import event_row
from tests.metrics.cases import figures, status


def test_pending_time_is_not_requester_wait(load: Callable[..., Any]) -> None:
    # new 0-10, open 10-40, pending 40-100 (vendor waits on customer), open 100-130, solved.
    events = [
        status(10, "open"),
        event_row(40, "agent_reply"),
        status(40, "pending"),
        status(100, "open"),
        status(130, "solved"),
    ]
    row = figures(load, events)
    assert row["requester_wait_min"] == 10 + 30 + 30
    assert row["on_hold_min"] == 0


def test_on_hold_counts_as_requester_wait_and_on_hold(load: Callable[..., Any]) -> None:
    events = [status(10, "open"), status(20, "on_hold"), status(80, "open"), status(90, "solved")]
    row = figures(load, events)
    assert row["on_hold_min"] == 60
    assert row["requester_wait_min"] == 90


def test_time_after_final_solve_is_not_waiting(load: Callable[..., Any]) -> None:
    events = [status(30, "solved"), status(2000, "closed")]
    assert figures(load, events)["requester_wait_min"] == 30


def test_time_solved_before_reopen_is_not_waiting(load: Callable[..., Any]) -> None:
    events = [status(30, "solved"), status(90, "open"), status(100, "solved")]
    assert figures(load, events)["requester_wait_min"] == 40


def test_update_gap_is_longest_vendor_silence_while_customer_waits(
    load: Callable[..., Any],
) -> None:
    events = [
        event_row(15, "agent_reply"),  # silence 15 since creation
        event_row(20, "customer_message"),  # a customer message does not reset the gap
        event_row(75, "agent_reply"),  # silence 60
        status(75, "pending"),  # waiting on the customer: not the vendor's silence
        status(500, "open"),
        event_row(530, "agent_reply"),  # silence 30 while open again
        status(540, "solved"),
    ]
    assert figures(load, events)["max_update_gap_min"] == 60


def test_update_gap_stops_at_resolution(load: Callable[..., Any]) -> None:
    events = [event_row(10, "agent_reply"), status(40, "solved"), status(5000, "closed")]
    assert figures(load, events)["max_update_gap_min"] == 30


def test_unanswered_open_ticket_gap_runs_to_its_last_event(load: Callable[..., Any]) -> None:
    events = [event_row(30, "customer_message"), event_row(200, "internal_note")]
    assert figures(load, events)["max_update_gap_min"] == 200


def test_internal_note_is_not_an_update(load: Callable[..., Any]) -> None:
    events = [event_row(10, "internal_note"), event_row(50, "agent_reply"), status(60, "solved")]
    assert figures(load, events)["max_update_gap_min"] == 50


def test_ticket_without_events_has_null_gap(load: Callable[..., Any]) -> None:
    row = figures(load, [])
    assert row["max_update_gap_min"] is None
    assert row["reopens"] == 0
