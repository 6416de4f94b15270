"""`metrics hours`: tickets never answered count, and the share answered stands beside
every time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from supportgauge.metrics.store_metrics import store_hours_comparison
from tests.builders import at, event_row, ticket_row

HOUR = 60


def hours_by_vendor(store: Any) -> dict[str, dict[str, Any]]:
    rows = store_hours_comparison(store).to_pyarrow().to_pylist()
    return {row["vendor"]: row for row in rows}


def vendor_tickets(
    vendor: str, count: int, answered: int, *, reply_after: float
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """`count` tickets five hours apart, the first `answered` of them answered."""
    tickets, events = [], []
    for number in range(count):
        ticket_id, created = f"{vendor[0]}{number}", number * 5 * HOUR
        tickets.append(ticket_row(ticket_id, vendor=vendor, created_at=at(created)))
        if number < answered:
            events.append(event_row(created + reply_after, "agent_reply", ticket_id, vendor=vendor))
    return tickets, events


def test_a_vendor_answering_a_quarter_of_its_tickets_has_no_median(
    load: Callable[..., Any],
) -> None:
    quick_tickets, quick_events = vendor_tickets("Quick", 12, 3, reply_after=5)
    steady_tickets, steady_events = vendor_tickets("Steady", 12, 12, reply_after=30)
    store = load(tickets=quick_tickets + steady_tickets, events=quick_events + steady_events)
    hours = hours_by_vendor(store)
    quick, steady = hours["Quick"], hours["Steady"]
    assert (quick["in_hours_n"], quick["in_hours_responded_rate"]) == (12, 0.25)
    # Not reached: never the 5 minutes of the three it answered.
    assert quick["in_hours_first_response_p50"] is None
    assert quick["in_hours_first_response_p90"] is None
    assert quick["in_hours_substantive_responded_rate"] == 0.25
    assert quick["in_hours_substantive_response_p50"] is None
    assert (steady["in_hours_n"], steady["in_hours_responded_rate"]) == (12, 1.0)
    assert steady["in_hours_first_response_p50"] == 30
    assert steady["in_hours_first_response_p90"] == 30


def test_an_unanswered_ticket_waits_until_its_close_or_the_end_of_the_data(
    load: Callable[..., Any],
) -> None:
    # Each vendor answers two tickets, at 10 and 30 minutes, and not a third: Closer solves
    # it at 20 minutes, Opener leaves it open until the data ends (a day later).
    tickets, events = [], []
    for vendor in ("Closer", "Opener"):
        for number, reply in enumerate((10, 30, None)):
            ticket_id = f"{vendor[0]}{number}"
            tickets.append(ticket_row(ticket_id, vendor=vendor))
            if reply is not None:
                events.append(event_row(reply, "agent_reply", ticket_id, vendor=vendor))
    events.append(event_row(20, "status_change", "C2", vendor="Closer", status="solved"))
    events.append(event_row(24 * HOUR, "customer_message", "O2", vendor="Opener"))
    hours = hours_by_vendor(load(tickets=tickets, events=events))
    closer, opener = hours["Closer"], hours["Opener"]
    assert closer["in_hours_responded_rate"] == opener["in_hours_responded_rate"] == 2 / 3
    assert closer["in_hours_first_response_p50"] == opener["in_hours_first_response_p50"] == 30
    # Closed at 20 minutes, the third ticket says nothing about waiting past 30.
    assert closer["in_hours_first_response_p90"] == 30
    # Still waiting a day later, it keeps a tenth of Opener's tickets unanswered.
    assert opener["in_hours_first_response_p90"] is None


def test_classes_without_tickets_count_none_and_have_no_share(load: Callable[..., Any]) -> None:
    tickets, events = vendor_tickets("Steady", 2, 2, reply_after=30)
    row = hours_by_vendor(load(tickets=tickets, events=events))["Steady"]
    assert row["off_hours_n"] == 0
    assert row["off_hours_responded_rate"] is None
    assert row["off_hours_first_response_p50"] is None
    assert row["off_to_in_hours_p50_ratio"] is None
