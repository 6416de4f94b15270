"""Per-ticket facts from the timeline: when things first and last happened, and counts.

All of them come from one two-level aggregation of the timeline: first per stretch of
vendor silence (a ticket's rows from creation or a public agent reply up to the next),
then per ticket. Firsts, lasts, counts and sums combine across stretches; the waiting
figures need the stretches themselves. Only the facts asked for are aggregated. The
definitions are in docs/metrics.md and pinned by tests/metrics/.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import Any

import ibis

from supportgauge.canonical import REQUESTER_WAIT_STATUSES, RESOLVED_STATUSES
from supportgauge.errors import InputError
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
    "real_reply",
    "real_answer",
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
# What is read from the replies' reading (the timeline's reply flags).
_READ_FIRSTS = (
    "substantive_reply",
    "substantive_answer",
    "real_reply",
    "real_answer",
    "diagnosis_reply",
)
_READ_COUNTS = tuple(name for name in _COUNTS if name not in ("agent_replies", "reopens"))


@dataclass(frozen=True)
class _Clock:
    """A way to read time off the timeline: wall-clock seconds, or business position."""

    position: str  # the row's instant on this clock
    segment: str  # seconds on this clock to the next row
    instant: str  # suffix of instants: first_reply_<instant>
    duration: str  # infix of durations: on_hold_<duration>seconds


_WALL = _Clock("tsec", "segment_seconds", "sec", "")
_BUSINESS = _Clock("bpos", "segment_business_seconds", "bpos", "business_")


def _first_conditions(rows: Any) -> dict[str, Callable[[], Any]]:
    """When each first instant is reached: on which rows."""

    def substantive() -> Any:
        return rows.is_reply & ~rows.is_hollow

    return {
        "first_customer": lambda: rows.is_customer,
        "first_reply": lambda: rows.is_reply,
        "first_answer": lambda: rows.is_reply & rows.customer_seen,
        "substantive_reply": substantive,
        "substantive_answer": lambda: substantive() & rows.customer_seen,
        "real_reply": lambda: rows.is_reply & rows.is_real_answer,
        "real_answer": lambda: rows.is_reply & rows.is_real_answer & rows.customer_seen,
        "diagnosis_reply": lambda: rows.is_reply & rows.has_diagnosis,
        "diagnosis_event": lambda: rows.kind == "diagnosis",
        "first_resolution": lambda: rows.enters_resolved,
    }


def _count_conditions(rows: Any) -> dict[str, Callable[[], Any]]:
    """Which rows each count counts."""

    def labelled(label: str) -> Callable[[], Any]:
        return lambda: rows.is_reply & rows[f"has_{label}"]

    return {
        "agent_replies": lambda: rows.is_reply,
        "hollow_replies": lambda: rows.is_reply & rows.is_hollow,
        "expert_replies": lambda: rows.is_reply & rows.is_expert,
        "reopens": lambda: rows.is_reopen,
        **{f"{label}_replies": labelled(label) for label in REPLY_COUNT_LABELS},
    }


def _stretch_aggregates(rows: Any, clocks: tuple[_Clock, ...]) -> dict[str, Callable[[], Any]]:
    """Each aggregate of a stretch of vendor silence, by name, built when called."""

    def created() -> Any:
        return rows.kind == CREATION_KIND

    def status_row(resolved: bool) -> Any:
        in_resolved = rows.status.isin(RESOLVED_STATUSES)
        return rows.status.notnull() & (in_resolved if resolved else ~in_resolved)

    aggregates: dict[str, Callable[[], Any]] = {
        "created_bpos": lambda: rows[clocks[-1].position].min(where=created()),
        "created_in_hours": lambda: rows.is_open.max(where=created()),
        "first_reply_position": lambda: rows.position.min(where=rows.is_reply),
        "first_customer_position": lambda: rows.position.min(where=rows.is_customer),
        "last_resolved_position": lambda: rows.position.max(where=status_row(True)),
        "last_unresolved_position": lambda: rows.position.max(where=status_row(False)),
    }
    for clock in clocks:
        aggregates |= _clock_aggregates(rows, clock)
    # Filtered counts: the engine skips the rows a count does not count.
    aggregates |= {
        name: _count_of(rows, condition) for name, condition in _count_conditions(rows).items()
    }
    return aggregates


def _clock_aggregates(rows: Any, clock: _Clock) -> dict[str, Callable[[], Any]]:
    """The instants and durations of a stretch on one clock, by name, built when called."""
    at, segment = rows[clock.position], rows[clock.segment]

    def waiting() -> Any:
        # The vendor's silence grows only while the customer waits (new, open, on_hold).
        return rows.status_now.isin(REQUESTER_WAIT_STATUSES) & segment.notnull()

    firsts = {
        f"{name}_{clock.instant}": _first_at(at, condition)
        for name, condition in _first_conditions(rows).items()
    }
    return firsts | {
        f"last_row_{clock.instant}": at.max,
        f"last_resolution_{clock.instant}": lambda: at.max(where=rows.enters_resolved),
        f"silence_{clock.duration}seconds": lambda: segment.sum(where=waiting()),
        f"on_hold_{clock.duration}seconds": lambda: segment.sum(where=rows.status_now == "on_hold"),
    }


def _first_at(at: Any, condition: Callable[[], Any]) -> Callable[[], Any]:
    return lambda: at.min(where=condition())


def _count_of(rows: Any, condition: Callable[[], Any]) -> Callable[[], Any]:
    return lambda: rows.tn.count(where=condition())


def _combinations(clocks: tuple[_Clock, ...]) -> dict[str, tuple[str, str]]:
    """How each per-ticket fact combines its stretches: (stretch aggregate, how)."""
    combined = {
        "created_bpos": ("created_bpos", "min"),
        "first_reply_position": ("first_reply_position", "min"),
        "first_customer_position": ("first_customer_position", "min"),
        "last_resolved_position": ("last_resolved_position", "max"),
        "last_unresolved_position": ("last_unresolved_position", "max"),
    }
    if _BUSINESS in clocks:
        combined["created_in_hours"] = ("created_in_hours", "max")
    for clock in clocks:
        combined |= {f"{n}_{clock.instant}": (f"{n}_{clock.instant}", "min") for n in _FIRSTS}
        for name in ("last_row", "last_resolution"):
            combined[f"{name}_{clock.instant}"] = (f"{name}_{clock.instant}", "max")
        silence = f"silence_{clock.duration}seconds"
        combined[f"requester_wait_{clock.duration}seconds"] = (silence, "sum_or_zero")
        combined[f"max_update_gap_{clock.duration}seconds"] = (silence, "max")
        on_hold = f"on_hold_{clock.duration}seconds"
        combined[on_hold] = (on_hold, "sum_or_zero")
    combined |= {name: (name, "sum") for name in _COUNTS}
    return combined


# Every fact `ticket_facts` can give: the instants and durations in both clocks.
FACTS = tuple(_combinations((_WALL, _BUSINESS)))
# The facts that need the reply flags on the timeline.
READING_FACTS = frozenset(
    {f"{name}_{clock.instant}" for name in _READ_FIRSTS for clock in (_WALL, _BUSINESS)}
    | set(_READ_COUNTS)
)


def _wall_twin(fact: str) -> str:
    """The wall-clock fact a business fact equals when every vendor runs 24x7."""
    if fact == "created_bpos":
        return fact
    return fact.replace(f"_{_BUSINESS.instant}", f"_{_WALL.instant}").replace(
        f"_{_BUSINESS.duration}seconds", "_seconds"
    )


def _combined(column: Any, how: str) -> Any:
    if how == "sum_or_zero":
        return column.sum().fill_null(0)
    return getattr(column, how)()


def ticket_facts(rows: Any, *, business_time: bool = True, facts: Collection[str] = FACTS) -> Any:
    """One row per ticket (`tn`) with `facts` (all of `FACTS` by default).

    Instants are epoch seconds (`<name>_sec`) and business positions (`<name>_bpos`);
    without `business_time` (every vendor on 24x7; the timeline has no business columns)
    the business ones are the wall-clock ones, read once, and every creation is in hours.
    The response clock's choice (from creation, or from the customer's first message on
    a ticket the vendor opened) is made later from the positions of the first reply and
    the first customer message, so both candidates are kept: `first_reply` (any public
    agent reply) and `first_answer` (one after the customer has written); likewise for
    substantive replies and real answers (`real_reply`, `real_answer`). A segment is the
    time from one timeline row to the next, in the status in effect after the first.
    """
    wanted = set(facts)
    unknown = sorted(wanted - set(FACTS))
    if unknown:
        raise InputError(f"no such ticket facts: {', '.join(unknown)}", parameter="facts")
    clocks = (_WALL, _BUSINESS) if business_time else (_WALL,)
    combinations = _combinations(clocks)
    # On 24x7 a business fact is its wall-clock twin, and every creation is in hours.
    twins = {fact: _wall_twin(fact) for fact in wanted - combinations.keys()}
    twins.pop("created_in_hours", None)
    computed = [fact for fact in combinations if fact in wanted or fact in twins.values()]
    aggregates = _stretch_aggregates(rows, clocks)
    read = {combinations[fact][0] for fact in computed}
    stretches = rows.group_by([TICKET_NUMBER, "reply_group"]).aggregate(
        **{name: define() for name, define in aggregates.items() if name in read}
    )
    per_ticket = stretches.group_by(TICKET_NUMBER).aggregate(
        **{
            fact: _combined(stretches[combinations[fact][0]], combinations[fact][1])
            for fact in computed
        }
    )
    added = {fact: per_ticket[twin] for fact, twin in twins.items()}
    if "created_in_hours" in wanted and not business_time:
        added["created_in_hours"] = ibis.literal(True)
    return per_ticket.mutate(**added) if added else per_ticket


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
