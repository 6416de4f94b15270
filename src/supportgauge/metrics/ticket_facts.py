"""Per-ticket facts from the timeline: when things first and last happened, and counts.

All of them come from one two-level aggregation of the timeline: first per stretch of
vendor silence (a ticket's rows from creation or a public agent reply up to the next),
then per ticket. Firsts, lasts, counts and sums combine across stretches; the waiting
figures need the stretches themselves. The definitions are in docs/metrics.md and pinned
by tests/metrics/.
"""

from __future__ import annotations

from typing import Any

from supportgauge.canonical import REQUESTER_WAIT_STATUSES, RESOLVED_STATUSES
from supportgauge.metrics.keys import TICKET_NUMBER
from supportgauge.metrics.reply_facts import REPLY_COUNT_LABELS
from supportgauge.metrics.timeline import CREATION_KIND

# Instants kept in both clocks (`<name>_at`, `<name>_bpos`): the first time each holds.
_FIRSTS = (
    "first_customer",
    "first_reply",
    "first_answer",
    "substantive_reply",
    "substantive_answer",
    "diagnosis_reply",
    "diagnosis_event",
    "first_resolution",
)
# Counts of rows, summed over the stretches.
_COUNTS = (
    "agent_replies",
    "hollow_replies",
    "expert_replies",
    "reopens",
    *(f"{label}_replies" for label in REPLY_COUNT_LABELS),
)


def _first_conditions(rows: Any) -> dict[str, Any]:
    """When each first instant is reached: on which rows."""
    substantive = rows.is_reply & ~rows.is_hollow
    return {
        "first_customer": rows.is_customer,
        "first_reply": rows.is_reply,
        "first_answer": rows.is_reply & rows.customer_seen,
        "substantive_reply": substantive,
        "substantive_answer": substantive & rows.customer_seen,
        "diagnosis_reply": rows.is_reply & rows.has_diagnosis,
        "diagnosis_event": rows.kind == "diagnosis",
        "first_resolution": rows.enters_resolved,
    }


def _count_conditions(rows: Any) -> dict[str, Any]:
    """Which rows each count counts."""
    return {
        "agent_replies": rows.is_reply,
        "hollow_replies": rows.is_reply & rows.is_hollow,
        "expert_replies": rows.is_reply & rows.is_expert,
        "reopens": rows.is_reopen,
        **{
            f"{label}_replies": rows.is_reply & rows[f"has_{label}"] for label in REPLY_COUNT_LABELS
        },
    }


def _stretch_facts(rows: Any) -> Any:
    """The facts of each stretch of vendor silence: (tn, reply_group)."""
    created = rows.kind == CREATION_KIND
    status_row = rows.status.notnull()
    resolved = rows.status.isin(RESOLVED_STATUSES)
    firsts = {}
    for name, condition in _first_conditions(rows).items():
        firsts[f"{name}_at"] = rows.ts.min(where=condition)
        firsts[f"{name}_bpos"] = rows.bpos.min(where=condition)
    counts = {
        name: condition.cast("int64").sum() for name, condition in _count_conditions(rows).items()
    }
    # The vendor's silence grows only while the customer waits (new, open, on_hold).
    waiting = rows.status_now.isin(REQUESTER_WAIT_STATUSES) & rows.segment_seconds.notnull()
    on_hold = rows.status_now == "on_hold"
    return rows.group_by([TICKET_NUMBER, "reply_group"]).aggregate(
        created_bpos=rows.bpos.min(where=created),
        created_in_hours=rows.is_open.max(where=created),
        first_reply_position=rows.position.min(where=rows.is_reply),
        first_customer_position=rows.position.min(where=rows.is_customer),
        last_resolved_position=rows.position.max(where=status_row & resolved),
        last_unresolved_position=rows.position.max(where=status_row & ~resolved),
        last_row_at=rows.ts.max(),
        last_row_bpos=rows.bpos.max(),
        last_resolution_at=rows.ts.max(where=rows.enters_resolved),
        last_resolution_bpos=rows.bpos.max(where=rows.enters_resolved),
        silence_seconds=rows.segment_seconds.sum(where=waiting),
        silence_business_seconds=rows.segment_business_seconds.sum(where=waiting),
        on_hold_seconds=rows.segment_seconds.sum(where=on_hold),
        on_hold_business_seconds=rows.segment_business_seconds.sum(where=on_hold),
        **firsts,
        **counts,
    )


def ticket_facts(rows: Any) -> Any:
    """One row per ticket (`tn`) with every fact the per-ticket figures read.

    The response clock's choice (from creation, or from the customer's first message on a
    ticket the vendor opened) is made later from the positions of the first reply and the
    first customer message, so both candidates are kept: `first_reply` (any public agent
    reply) and `first_answer` (one after the customer has written); likewise for
    substantive replies. A segment is the time from one timeline row to the next, in the
    status in effect after the first.
    """
    stretches = _stretch_facts(rows)
    firsts = {
        f"{name}_{clock}": stretches[f"{name}_{clock}"].min()
        for name in _FIRSTS
        for clock in ("at", "bpos")
    }
    return stretches.group_by(TICKET_NUMBER).aggregate(
        created_bpos=stretches.created_bpos.min(),
        created_in_hours=stretches.created_in_hours.max(),
        first_reply_position=stretches.first_reply_position.min(),
        first_customer_position=stretches.first_customer_position.min(),
        last_resolved_position=stretches.last_resolved_position.max(),
        last_unresolved_position=stretches.last_unresolved_position.max(),
        last_row_at=stretches.last_row_at.max(),
        last_row_bpos=stretches.last_row_bpos.max(),
        last_resolution_at=stretches.last_resolution_at.max(),
        last_resolution_bpos=stretches.last_resolution_bpos.max(),
        requester_wait_seconds=stretches.silence_seconds.sum().fill_null(0),
        requester_wait_business_seconds=stretches.silence_business_seconds.sum().fill_null(0),
        on_hold_seconds=stretches.on_hold_seconds.sum().fill_null(0),
        on_hold_business_seconds=stretches.on_hold_business_seconds.sum().fill_null(0),
        max_update_gap_seconds=stretches.silence_seconds.max(),
        max_update_gap_business_seconds=stretches.silence_business_seconds.max(),
        **firsts,
        **{name: stretches[name].sum() for name in _COUNTS},
    )


def is_resolved(facts: Any) -> Any:
    """Whether a ticket's latest status is solved or closed: its last resolved status row
    comes after its last other one (creation counts as one, in status new)."""
    return (facts.last_resolved_position > facts.last_unresolved_position).fill_null(False)


def is_vendor_opened(facts: Any) -> Any:
    """Opened by the vendor: the first public message is its reply in the creation second."""
    reply_first = facts.first_reply_position < facts.first_customer_position.fill_null(
        facts.first_reply_position + 1
    )
    same_second = (
        facts.first_reply_at.epoch_seconds().floor() == facts.created_at.epoch_seconds().floor()
    )
    return (reply_first & same_second).fill_null(False)
