"""How per-ticket figures are built from the shared parts (`metrics.figure_parts`): their
units, stored columns, and the response, resolution and since-creation clocks that the
declarations in `metrics.figures` and `metrics.sla_figures` use."""

from __future__ import annotations

from typing import Any

import ibis

from supportgauge.metrics.figure import Figure
from supportgauge.metrics.figure_parts import CLOCK_START_FACTS, FigureParts, minutes_between, when

MINUTES = "minutes"
BUSINESS_MINUTES = "business minutes"
COUNT = "count"
FLAG = "true/false"
TEXT = "text"


def stored(name: str, definition: str, unit: str = TEXT) -> Figure:
    """A ticket column as stored."""
    return Figure(name, unit, definition, columns=(name,))


def on_calendar(wall: str) -> str:
    return (
        f"`{wall}` counted only while the vendor's support calendar was open "
        "(equal to it on `24x7`)"
    )


def fact(name: str) -> Any:
    """A figure that is a fact as it stands."""
    return lambda parts: parts.table[name]


def located(parts: FigureParts, event: str, reply: str) -> Any:
    # A diagnosis event wins; without one, the first reply that states a diagnosis.
    return ibis.coalesce(parts.table[event], parts.table[reply])


def response(parts: FigureParts, any_time: str, after_customer: str) -> Any:
    return minutes_between(parts.clock_start_sec, parts.after_clock_start(any_time, after_customer))


def business_response(parts: FigureParts, any_time: str, after_customer: str) -> Any:
    reply = parts.after_clock_start(any_time, after_customer)
    return minutes_between(parts.clock_start_business_position, reply)


def first_response_hollow(parts: FigureParts) -> Any:
    first = parts.after_clock_start("first_reply_sec", "first_reply_after_customer_sec")
    substantive = parts.after_clock_start(
        "substantive_reply_sec", "substantive_reply_after_customer_sec"
    )
    return when(first.notnull(), substantive.isnull() | (substantive > first))


def once_resolved(fact: str) -> Any:
    """A fact in seconds as minutes, NULL unless the ticket is resolved."""
    return lambda parts: when(parts.resolved, parts.table[fact] / 60.0)


def since_creation(instant: str) -> Any:
    return lambda parts: minutes_between(parts.table.created_sec, parts.table[instant])


def since_business_creation(position: str) -> Any:
    return lambda parts: minutes_between(
        parts.table.created_business_position, parts.table[position]
    )


RESPONSE_FACTS = (*CLOCK_START_FACTS, "first_reply_sec", "first_reply_after_customer_sec")
SUBSTANTIVE_FACTS = ("substantive_reply_sec", "substantive_reply_after_customer_sec")
LOCATE_FACTS = ("diagnosis_event_sec", "diagnosis_reply_sec")
