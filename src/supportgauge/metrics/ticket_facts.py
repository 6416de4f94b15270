"""Per-ticket facts from the timeline: when things first and last happened, and counts.

All of them come from one two-level aggregation of the timeline: first per stretch of
vendor silence (a ticket's rows from creation or a public agent reply up to the next),
then per ticket. Firsts, lasts, counts and sums combine across stretches; the waiting
figures need the stretches themselves. The definitions are in docs/metrics.md and pinned
by tests/metrics/.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from supportgauge.canonical import REQUESTER_WAIT_STATUSES, RESOLVED_STATUSES
from supportgauge.metrics.keys import TICKET_NUMBER
from supportgauge.metrics.reply_facts import REPLY_COUNT_LABELS
from supportgauge.metrics.timeline import CREATION_KIND

# Instants kept in both clocks, as epoch seconds (`<name>_sec`) and business position
# (`<name>_bpos`): the first time each holds.
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


@dataclass(frozen=True)
class _Clock:
    """A way to read time off the timeline: wall-clock seconds, or business position."""

    position: str  # the row's instant on this clock
    segment: str  # seconds on this clock to the next row
    instant: str  # suffix of instants: first_reply_<instant>
    duration: str  # infix of durations: on_hold_<duration>seconds


_WALL = _Clock("tsec", "segment_seconds", "sec", "")
_BUSINESS = _Clock("bpos", "segment_business_seconds", "bpos", "business_")


def _stretch_facts(rows: Any, clocks: tuple[_Clock, ...]) -> Any:
    """The facts of each stretch of vendor silence: (tn, reply_group)."""
    status_row = rows.status.notnull()
    resolved = rows.status.isin(RESOLVED_STATUSES)
    # The vendor's silence grows only while the customer waits (new, open, on_hold).
    waiting = rows.status_now.isin(REQUESTER_WAIT_STATUSES) & rows.segment_seconds.notnull()
    on_hold = rows.status_now == "on_hold"
    timed = {}
    for clock in clocks:
        at, segment = rows[clock.position], rows[clock.segment]
        for name, condition in _first_conditions(rows).items():
            timed[f"{name}_{clock.instant}"] = at.min(where=condition)
        timed[f"last_row_{clock.instant}"] = at.max()
        timed[f"last_resolution_{clock.instant}"] = at.max(where=rows.enters_resolved)
        timed[f"silence_{clock.duration}seconds"] = segment.sum(where=waiting)
        timed[f"on_hold_{clock.duration}seconds"] = segment.sum(where=on_hold)
    # Filtered counts: the engine skips the rows a count does not count.
    counts = {
        name: rows.tn.count(where=condition) for name, condition in _count_conditions(rows).items()
    }
    created = rows.kind == CREATION_KIND
    return rows.group_by([TICKET_NUMBER, "reply_group"]).aggregate(
        created_bpos=rows[clocks[-1].position].min(where=created),
        created_in_hours=rows.is_open.max(where=created),
        first_reply_position=rows.position.min(where=rows.is_reply),
        first_customer_position=rows.position.min(where=rows.is_customer),
        last_resolved_position=rows.position.max(where=status_row & resolved),
        last_unresolved_position=rows.position.max(where=status_row & ~resolved),
        **timed,
        **counts,
    )


def ticket_facts(rows: Any, *, business_time: bool = True) -> Any:
    """One row per ticket (`tn`) with every fact the per-ticket figures read.

    Instants are epoch seconds (`<name>_sec`) and business positions (`<name>_bpos`);
    without `business_time` (every vendor on 24x7) the business ones are the wall-clock
    ones, read once. The response clock's choice (from creation, or from the customer's
    first message on a ticket the vendor opened) is made later from the positions of the
    first reply and the first customer message, so both candidates are kept:
    `first_reply` (any public agent reply) and `first_answer` (one after the customer has
    written); likewise for substantive replies. A segment is the time from one timeline
    row to the next, in the status in effect after the first.
    """
    clocks = (_WALL, _BUSINESS) if business_time else (_WALL,)
    stretches = _stretch_facts(rows, clocks)
    timed = {}
    for clock in clocks:
        for name in _FIRSTS:
            timed[f"{name}_{clock.instant}"] = stretches[f"{name}_{clock.instant}"].min()
        for name in ("last_row", "last_resolution"):
            timed[f"{name}_{clock.instant}"] = stretches[f"{name}_{clock.instant}"].max()
        silence = stretches[f"silence_{clock.duration}seconds"]
        timed[f"requester_wait_{clock.duration}seconds"] = silence.sum().fill_null(0)
        timed[f"max_update_gap_{clock.duration}seconds"] = silence.max()
        on_hold = stretches[f"on_hold_{clock.duration}seconds"]
        timed[f"on_hold_{clock.duration}seconds"] = on_hold.sum().fill_null(0)
    facts = stretches.group_by(TICKET_NUMBER).aggregate(
        created_bpos=stretches.created_bpos.min(),
        created_in_hours=stretches.created_in_hours.max(),
        first_reply_position=stretches.first_reply_position.min(),
        first_customer_position=stretches.first_customer_position.min(),
        last_resolved_position=stretches.last_resolved_position.max(),
        last_unresolved_position=stretches.last_unresolved_position.max(),
        **timed,
        **{name: stretches[name].sum() for name in _COUNTS},
    )
    if business_time:
        return facts
    return facts.mutate(
        **{
            name.replace(f"_{_WALL.instant}", f"_{_BUSINESS.instant}"): facts[name]
            for name in facts.columns
            if name.endswith(f"_{_WALL.instant}")
        },
        **{
            f"{name}_{_BUSINESS.duration}seconds": facts[f"{name}_seconds"]
            for name in ("requester_wait", "max_update_gap", "on_hold")
        },
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
    same_second = facts.first_reply_sec.floor() == facts.created_sec.floor()
    return (reply_first & same_second).fill_null(False)
