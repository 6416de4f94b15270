"""first/full resolution, reopens and one_touch from the status history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.builders import event_row
from tests.metrics.cases import figures, status


def test_solved_once(load: Callable[..., Any]) -> None:
    row = figures(load, [event_row(10, "agent_reply"), status(10, "open"), status(90, "solved")])
    assert row["first_resolution_min"] == 90
    assert row["full_resolution_min"] == 90
    assert row["reopens"] == 0
    assert row["one_touch"] is True


def test_closed_straight_from_open_counts_as_solved_then(load: Callable[..., Any]) -> None:
    row = figures(load, [status(5, "open"), status(70, "closed")])
    assert row["first_resolution_min"] == 70
    assert row["full_resolution_min"] == 70


def test_solved_then_closed_resolves_at_solve(load: Callable[..., Any]) -> None:
    row = figures(load, [status(30, "solved"), status(2000, "closed")])
    assert row["first_resolution_min"] == 30
    assert row["full_resolution_min"] == 30
    assert row["reopens"] == 0


def test_reopened_twice_then_solved(load: Callable[..., Any]) -> None:
    events = [
        event_row(10, "agent_reply"),
        status(20, "solved"),
        status(100, "open"),
        event_row(110, "agent_reply"),
        status(200, "solved"),
        status(300, "pending"),
        status(400, "solved"),
    ]
    row = figures(load, events)
    assert row["first_resolution_min"] == 20
    assert row["full_resolution_min"] == 400
    assert row["reopens"] == 2
    assert row["one_touch"] is False


def test_reopened_and_still_open_has_no_full_resolution(load: Callable[..., Any]) -> None:
    row = figures(load, [status(20, "solved"), status(50, "open")])
    assert row["first_resolution_min"] == 20
    assert row["full_resolution_min"] is None
    assert row["requester_wait_min"] is None
    assert row["one_touch"] is None
    assert row["reopens"] == 1


def test_reopen_from_closed_counts(load: Callable[..., Any]) -> None:
    row = figures(load, [status(20, "closed"), status(50, "new"), status(60, "closed")])
    assert row["reopens"] == 1
    assert row["full_resolution_min"] == 60


def test_repeated_status_is_not_a_transition(load: Callable[..., Any]) -> None:
    row = figures(load, [status(20, "solved"), status(25, "solved"), status(30, "closed")])
    assert row["reopens"] == 0
    assert row["first_resolution_min"] == 20
    assert row["full_resolution_min"] == 20


def test_solved_without_any_reply_is_not_one_touch(load: Callable[..., Any]) -> None:
    row = figures(load, [status(20, "solved")])
    assert row["one_touch"] is False
    assert row["agent_replies"] == 0


def test_two_replies_is_not_one_touch(load: Callable[..., Any]) -> None:
    events = [event_row(5, "agent_reply"), event_row(8, "agent_reply"), status(9, "solved")]
    assert figures(load, events)["one_touch"] is False


def test_status_column_on_other_kinds_is_ignored(load: Callable[..., Any]) -> None:
    events = [event_row(5, "agent_reply", status="solved"), status(50, "solved")]
    assert figures(load, events)["first_resolution_min"] == 50


def test_unresolved_ticket_has_null_resolution(load: Callable[..., Any]) -> None:
    row = figures(load, [status(5, "open"), event_row(9, "agent_reply")])
    assert row["first_resolution_min"] is None
    assert row["full_resolution_min"] is None
