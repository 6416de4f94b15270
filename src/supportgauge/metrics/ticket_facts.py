"""The facts table: one row per ticket with the facts (`metrics.facts`) asked for.

All of them come from one two-level aggregation of the timeline: first per stretch of
vendor silence, then per ticket. Only the facts asked for are aggregated, and a stretch
aggregate that several facts combine is taken once. The definitions are in
docs/metrics.md and pinned by tests/metrics/.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

import ibis

from supportgauge.errors import InputError
from supportgauge.metrics.facts import FACTS, FACTS_BY_NAME, Fact
from supportgauge.metrics.keys import TICKET_NUMBER

FACT_NAMES = tuple(FACTS_BY_NAME)


def _combined(column: Any, how: str) -> Any:
    if how == "sum_or_zero":
        return column.sum().fill_null(0)
    return getattr(column, how)()


def ticket_facts(
    rows: Any, *, business_time: bool = True, facts: Collection[str] = FACT_NAMES
) -> Any:
    """One row per ticket (`ticket_number`) with `facts` (every fact by default).

    Without `business_time` (every vendor on 24x7; the timeline has no business columns)
    a business fact is the wall-clock fact it equals there, read once, and every creation
    is in hours. A segment is the time from one timeline row to the next, in the status
    in effect after the first.
    """
    wanted = set(facts)
    unknown = sorted(wanted - FACTS_BY_NAME.keys())
    if unknown:
        raise InputError(f"no such ticket facts: {', '.join(unknown)}", parameter="facts")
    on_24x7: dict[str, str | bool] = {}
    if not business_time:
        for name in wanted:
            twin = FACTS_BY_NAME[name].on_24x7
            if FACTS_BY_NAME[name].business and twin is not None:
                on_24x7[name] = twin
    computed: list[Fact] = [
        fact
        for fact in FACTS
        if (fact.name in wanted and fact.name not in on_24x7) or fact.name in on_24x7.values()
    ]
    stretch_aggregates = {fact.stretch.name: fact.stretch for fact in computed}
    stretches = rows.group_by([TICKET_NUMBER, "reply_group"]).aggregate(
        **{name: stretch.build(rows) for name, stretch in stretch_aggregates.items()}
    )
    per_ticket = stretches.group_by(TICKET_NUMBER).aggregate(
        **{fact.name: _combined(stretches[fact.stretch.name], fact.combine) for fact in computed}
    )
    added = {
        name: ibis.literal(True) if twin is True else per_ticket[twin]
        for name, twin in on_24x7.items()
    }
    return per_ticket.mutate(**added) if added else per_ticket
