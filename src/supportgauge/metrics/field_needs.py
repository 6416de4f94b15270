"""What a set of per-ticket fields needs, read off their declarations (`metrics.figures`):
facts (and so the replies' reading), ticket columns, joins, calendars.

A query asked for fewer fields leaves out the aggregates and joins nothing asked for; a
test holds each field computed alone to its value in the full set, so a fact missing
from a figure's declaration fails it loudly.
"""

from __future__ import annotations

from collections.abc import Collection

from supportgauge.metrics.facts import FACTS_BY_NAME
from supportgauge.metrics.figure import Figure
from supportgauge.metrics.figures import FIGURES, FIGURES_BY_NAME


def figures_read(fields: Collection[str]) -> list[Figure]:
    """The figures of `fields` and every figure they read, once each, in the registry's
    order; unknown names are skipped (`ticket_metrics.check_fields` refuses them)."""
    seen: set[str] = set()
    waiting = [name for name in fields if name in FIGURES_BY_NAME]
    while waiting:
        name = waiting.pop()
        if name not in seen:
            seen.add(name)
            waiting.extend(FIGURES_BY_NAME[name].figures)
    return [figure for figure in FIGURES if figure.name in seen]


def facts_for(fields: Collection[str]) -> set[str]:
    """The ticket facts that `fields` read."""
    return {fact for figure in figures_read(fields) for fact in figure.facts}


def columns_for(fields: Collection[str]) -> set[str]:
    """The ticket columns that `fields` read besides the ticket's key and creation."""
    return {column for figure in figures_read(fields) for column in figure.columns}


def joins_for(fields: Collection[str]) -> set[str]:
    """The joins (`figure.JOINS`) that `fields` need."""
    return {join for figure in figures_read(fields) for join in figure.joins}


def needs_readings(fields: Collection[str]) -> bool:
    """Whether any of `fields` reads what the replies say (reply_readings, relevant_terms)."""
    return any(FACTS_BY_NAME[fact].reads_replies for fact in facts_for(fields))


def needs_calendars(fields: Collection[str]) -> bool:
    """Whether any of `fields` is measured on the vendors' calendars."""
    return any(FACTS_BY_NAME[fact].business for fact in facts_for(fields))


def needs_period(fields: Collection[str]) -> bool:
    """Whether any of `fields` needs the dates the data spans (calendars, Ramadan peaks)."""
    return needs_calendars(fields) or "created_peak_hours" in fields
