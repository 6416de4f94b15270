"""Repeat failures: a ticket followed by another of the same account and category."""

from __future__ import annotations

from typing import Any

import ibis

from supportgauge.metrics.keys import TICKET_NUMBER


def repeat_flags(tickets: Any, *, window_days: int) -> Any:
    """`repeat` per numbered ticket (with `created_sec`, its creation in epoch seconds): a
    later ticket of the same vendor, account and category followed within `window_days`;
    NULL when the ticket has no account or category."""
    known = tickets.filter(tickets.account.notnull() & tickets.category_effective.notnull())
    same_problem = ibis.window(
        group_by=[known.vendor, known.account, known.category_effective],
        order_by=[known.created_at, known.ticket_id],
    )
    next_created_sec = known.created_sec.lead().over(same_problem)
    gap_seconds = next_created_sec - known.created_sec
    flagged = known.mutate(repeat=(gap_seconds <= window_days * 86400).fill_null(False))
    return flagged.select(TICKET_NUMBER, "repeat")
