"""One row per ticket with the public field names (`metrics tickets`), as an Ibis expression.

The figures are declared in `metrics.figures`; this module builds the query that joins
the tickets to the facts, and the other tables, that the asked-for fields need.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Sequence
from typing import Any

import ibis

from supportgauge.errors import InputError
from supportgauge.metrics.business_positions import ClockTables
from supportgauge.metrics.field_needs import (
    columns_for,
    facts_for,
    figures_read,
    joins_for,
    needs_calendars,
    needs_readings,
)
from supportgauge.metrics.figure_parts import FigureParts, MetricOptions
from supportgauge.metrics.figures import DURATION_FIELDS, TICKET_FIELDS
from supportgauge.metrics.keys import TICKET_KEY, TICKET_NUMBER
from supportgauge.metrics.repeat import repeat_flags
from supportgauge.metrics.sla import with_sla_targets
from supportgauge.metrics.ticket_facts import ticket_facts
from supportgauge.metrics.timeline import numbered_tickets, timeline
from supportgauge.regions import main_zones
from supportgauge.store.backends import engine_functions

__all__ = [
    "DURATION_FIELDS",
    "TICKET_FIELDS",
    "MetricOptions",
    "check_fields",
    "parse_fields",
    "ticket_metrics",
]


def ticket_metrics(
    tickets: Any,
    events: Any,
    readings: Any,
    relevant_terms: Any,
    *,
    backend_name: str,
    options: MetricOptions | None = None,
    clocks: ClockTables | None = None,
    fields: Sequence[str] = TICKET_FIELDS,
) -> Any:
    """Per-ticket `fields` (the public names, all by default) from the store's tickets,
    events, reply readings and relevant terms; business twins on each vendor's calendar
    in `clocks` (24x7 when None). Joins that none of `fields` needs are left out."""
    options = options or MetricOptions()
    check_fields(fields)
    if not needs_calendars(fields):
        clocks = None
    read_replies = needs_readings(fields)
    joins = joins_for(fields)
    category = ibis.coalesce(tickets.category, tickets.category_inferred)
    derived = {"created_sec": engine_functions(backend_name).epoch_seconds(tickets.created_at)}
    if "repeats" in joins:
        derived["category_effective"] = category
    if read_replies:
        # Replies are expert when they use a term relevant to the ticket's category (its
        # own or inferred), or to its scenario when it has none.
        derived["relevance_key"] = ibis.coalesce(category, tickets.scenario)
    columns = {*TICKET_KEY, "created_at", *columns_for(fields)}
    kept = [tickets[name] for name in tickets.columns if name in columns]
    if "region_zones" in joins:
        zones = ibis.memtable(
            {"zone_region": list(main_zones()), "region_zone": list(main_zones().values())}
        )
        tickets = tickets.left_join(zones, tickets.region == zones.zone_region)
        derived["region_zone"] = zones.region_zone
    tickets = tickets.select(*kept, **derived)
    # Numbered once and kept: the timeline, the facts and the final join read the same
    # numbers on every engine, whether or not it would compute a shared subquery twice.
    numbered = numbered_tickets(tickets).cache()
    read = facts_for(fields)
    joined = numbered
    if read:
        rows = timeline(
            numbered,
            events,
            readings,
            relevant_terms,
            clocks,
            backend_name=backend_name,
            read_replies=read_replies,
        )
        facts = ticket_facts(rows, business_time=clocks is not None, facts=read)
        # Every ticket has facts (its creation row at least): an inner join keeps them all.
        joined = numbered.inner_join(facts, TICKET_NUMBER)
    if "repeats" in joins:
        repeats = repeat_flags(numbered, window_days=options.repeat_window_days)
        joined = joined.left_join(repeats, TICKET_NUMBER).drop(f"{TICKET_NUMBER}_right")
    # Figures that read other figures or the SLA targets (the SLA figures) are built over
    # a projection of the others, with the targets joined to it: the engine computes
    # each figure they read once.
    built = [figure for figure in figures_read(fields) if figure.build]
    later = [figure for figure in built if figure.figures or "sla_targets" in figure.joins]
    first = [figure for figure in built if figure not in later]
    parts = FigureParts(
        joined,
        backend_name=backend_name,
        options=options,
        builders={figure.name: figure.build for figure in first if figure.build},
    )
    figures = joined.mutate(**{figure.name: parts.figure(figure.name) for figure in first})
    if later:
        if "sla_targets" in joins:
            figures = with_sla_targets(figures, options.vendor_clocks, options.round_the_clock)
        parts = FigureParts(
            figures,
            backend_name=backend_name,
            options=options,
            builders={
                **{figure.name: _column(figure.name) for figure in first},
                **{figure.name: figure.build for figure in later if figure.build},
            },
        )
        figures = figures.mutate(**{figure.name: parts.figure(figure.name) for figure in later})
    return figures.select(*fields)


def _column(name: str) -> Callable[[FigureParts], Any]:
    return lambda parts: parts.table[name]


def parse_fields(text: str) -> list[str]:
    """The list of field names in `text`, checked: e.g. 'ticket_id,first_response_min'."""
    fields = [part.strip() for part in text.split(",") if part.strip()]
    check_fields(fields)
    return fields


def check_fields(fields: Sequence[str]) -> None:
    """Refuse an empty list, unknown names (with the nearest known one) and repeats."""
    if not fields:
        raise InputError("name at least one field.", parameter="fields")
    for name in fields:
        if name not in TICKET_FIELDS:
            nearest = difflib.get_close_matches(name, TICKET_FIELDS, n=1)
            hint = f" Did you mean '{nearest[0]}'?" if nearest else ""
            raise InputError(
                f"no field '{name}'.{hint} The fields are listed in docs/metrics.md.",
                parameter="fields",
            )
    repeated = sorted({name for name in fields if list(fields).count(name) > 1})
    if repeated:
        given = ", ".join(repr(n) for n in repeated)
        raise InputError(f"{given} given twice.", parameter="fields")
