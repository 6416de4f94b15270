"""A scorecard's clock median is the p50 `metrics hours` reports for the same tickets: the
exact Kaplan-Meier estimate, its midpoint rule and its "not reached"."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportgauge.metrics.store_metrics import store_hours_comparison
from supportgauge.scoring.scorecard import scorecard
from supportgauge.settings import settings_from_document
from tests.builders import at, event_row, ticket_row

HOUR = 60
# Per vendor, each ticket's first reply in minutes, or the minute it was solved unanswered.
TICKETS: dict[str, list[tuple[str, float]]] = {
    # Half answered by 20 minutes and the rest from 30: the midpoint, 25.
    "Even": [("reply", 10), ("reply", 20), ("reply", 30), ("reply", 40)],
    # One solved unanswered at 5 minutes leaves the risk set: 4/5, then 4/5 x 2/3, then
    # below a half at 12 minutes (a time off the scorecard's old bins).
    "Mixed": [("reply", 3.25), ("solved", 5), ("reply", 7.5), ("reply", 12), ("reply", 20)],
    # Three of twelve answered: not reached, never the 5 minutes of the three.
    "Quiet": [("reply", 5)] * 3 + [("solved", 600)] * 9,
}
EXPECTED_P50 = {"Even": 25.0, "Mixed": 12.0, "Quiet": None}


@pytest.fixture
def store_with_three_vendors(load: Callable[..., Any]) -> Any:
    tickets, events = [], []
    for vendor, clocks in TICKETS.items():
        for number, (kind, minutes) in enumerate(clocks):
            ticket_id, created = f"{vendor}-{number}", number * 5 * HOUR
            tickets.append(ticket_row(ticket_id, vendor=vendor, created_at=at(created)))
            if kind == "reply":
                events.append(event_row(created + minutes, "agent_reply", ticket_id,
                                        vendor=vendor))  # fmt: skip
            else:
                events.append(event_row(created + minutes, "status_change", ticket_id,
                                        vendor=vendor, status="solved"))  # fmt: skip
    return load(tickets=tickets, events=events)


def _first_response_median(card: Any, vendor: str) -> float | None:
    entry = next(v for v in card.vendors if v.vendor == vendor)
    (figure,) = [f for f in entry.dimensions["response_speed"].figures
                 if f.name == "first_response_median_min"]  # fmt: skip
    return None if figure.value == float("inf") else figure.value


def test_scorecard_median_is_the_metrics_hours_p50(store_with_three_vendors: Any) -> None:
    settings = settings_from_document({"scoring": {"resamples": 20}})
    hours = store_hours_comparison(store_with_three_vendors, settings).to_pyarrow().to_pylist()
    p50 = {row["vendor"]: row["in_hours_first_response_p50"] for row in hours}
    card = scorecard(store_with_three_vendors, settings)
    medians = {vendor: _first_response_median(card, vendor) for vendor in TICKETS}
    assert p50 == EXPECTED_P50
    assert medians == EXPECTED_P50


def test_a_median_interval_holds_its_exact_value(store_with_three_vendors: Any) -> None:
    settings = settings_from_document({"scoring": {"resamples": 50}})
    card = scorecard(store_with_three_vendors, settings)
    for entry in card.vendors:
        for figure in entry.dimensions["response_speed"].figures:
            assert figure.low is not None and figure.high is not None
            assert figure.low <= figure.value <= figure.high, (entry.vendor, figure.name)
