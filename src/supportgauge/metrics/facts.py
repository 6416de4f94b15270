"""Every per-ticket fact, declared once by name: what it aggregates and how it combines.

A fact is an aggregate of a ticket's timeline (`metrics.timeline`), taken in two levels:
first per stretch of vendor silence (a ticket's rows from creation or a public agent reply
up to the next), then per ticket. Firsts, lasts, counts and sums combine across stretches;
the waiting figures need the stretches themselves. Instants are epoch seconds (`*_sec`)
or positions on the vendor's business clock (`*_business_position`, business seconds);
durations are seconds (`*_seconds`, `*_business_seconds`).

The response clock's choice (from creation, or from the customer's first message on a
ticket the vendor opened) is made by the figures from the positions of the first reply
and the first customer message, so both candidates are facts: the first public agent
reply of a kind (`first_reply_sec`, `substantive_reply_sec`, `real_answer_sec`) and the
first one after the customer has written (`first_reply_after_customer_sec`, ...).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ibis

from supportgauge.canonical import REQUESTER_WAIT_STATUSES, RESOLVED_STATUSES
from supportgauge.metrics.timeline import CREATION_KIND

Condition = Callable[[Any], Any]


@dataclass(frozen=True)
class Stretch:
    """An aggregate of one stretch of vendor silence, by name; facts may share one."""

    name: str
    build: Callable[[Any], Any]  # the timeline's rows -> the aggregate


@dataclass(frozen=True)
class Fact:
    """One per-ticket fact: the stretch aggregate it combines, and what it reads."""

    name: str
    stretch: Stretch
    combine: str  # across stretches: "min", "max", "sum", or "sum_or_zero"
    # Read off the vendors' calendars (the timeline's business columns).
    business: bool = False
    # Read from what the replies say (the timeline's reply flags).
    reads_replies: bool = False
    # When every vendor runs 24x7 (no business columns): the wall-clock fact this one
    # equals, or True for a fact that is then always true.
    on_24x7: str | bool | None = None


def _created(rows: Any) -> Any:
    return rows.kind == CREATION_KIND


def _customer(rows: Any) -> Any:
    return rows.is_customer


def _reply(rows: Any) -> Any:
    return rows.is_reply


def _reply_after_customer(rows: Any) -> Any:
    return rows.is_reply & rows.customer_seen


def _substantive_reply(rows: Any) -> Any:
    return rows.is_reply & ~rows.is_hollow


def _substantive_reply_after_customer(rows: Any) -> Any:
    return _substantive_reply(rows) & rows.customer_seen


def _real_answer(rows: Any) -> Any:
    return rows.is_reply & rows.is_real_answer


def _real_answer_after_customer(rows: Any) -> Any:
    return _real_answer(rows) & rows.customer_seen


def _diagnosis_reply(rows: Any) -> Any:
    return rows.is_reply & rows.has_diagnosis


def _diagnosis_event(rows: Any) -> Any:
    return rows.kind == "diagnosis"


def _enters_resolved(rows: Any) -> Any:
    return rows.enters_resolved


def _status_row(rows: Any, *, resolved: bool) -> Any:
    in_resolved = rows.status.isin(RESOLVED_STATUSES)
    return rows.status.notnull() & (in_resolved if resolved else ~in_resolved)


def _customer_waits(rows: Any, segment: str) -> Any:
    # The vendor's silence grows only while the customer waits (new, open, on_hold).
    return rows.status_now.isin(REQUESTER_WAIT_STATUSES) & rows[segment].notnull()


def _chases(rows: Any) -> Any:
    # A stretch's first customer message asks; each further one while the customer
    # waits (not in `pending`, where the vendor waits on them) chases an answer.
    waiting = rows.is_customer & rows.status_now.isin(REQUESTER_WAIT_STATUSES)
    return ibis.greatest(rows.ticket_number.count(where=waiting) - 1, 0)


def _aggregate(name: str, combine: str, build: Callable[[Any], Any], **options: Any) -> Fact:
    """A fact whose stretch aggregate has its own name."""
    return Fact(name, Stretch(name, build), combine, **options)


def _instants(
    wall: str,
    business: str,
    condition: Condition | None,
    *,
    combine: str = "min",
    reads_replies: bool = False,
) -> tuple[Fact, Fact]:
    """The first (with combine="max": last) instant of the rows meeting `condition` (of
    any row when None), as epoch seconds (`wall`) and business position (`business`)."""

    def on(column: str) -> Callable[[Any], Any]:
        def build(rows: Any) -> Any:
            aggregate = getattr(rows[column], combine)
            return aggregate() if condition is None else aggregate(where=condition(rows))

        return build

    return (
        _aggregate(wall, combine, on("epoch_seconds"), reads_replies=reads_replies),
        _aggregate(
            business,
            combine,
            on("business_position"),
            business=True,
            reads_replies=reads_replies,
            on_24x7=wall,
        ),
    )


def _count(name: str, condition: Condition, *, reads_replies: bool = False) -> Fact:
    return _aggregate(
        name,
        "sum",
        lambda rows: rows.ticket_number.count(where=condition(rows)),
        reads_replies=reads_replies,
    )


def _reply_count(name: str, flag: str) -> Fact:
    return _count(name, lambda rows: rows.is_reply & rows[flag], reads_replies=True)


# Silence of the vendor in each stretch while the customer waited, on either clock: its
# sum is the requester's wait, its longest the update gap.
_SILENCE = Stretch(
    "silence_seconds",
    lambda rows: rows.segment_seconds.sum(where=_customer_waits(rows, "segment_seconds")),
)
_BUSINESS_SILENCE = Stretch(
    "silence_business_seconds",
    lambda rows: rows.segment_business_seconds.sum(
        where=_customer_waits(rows, "segment_business_seconds")
    ),
)

# Every fact `ticket_facts` can give.
FACTS: tuple[Fact, ...] = (
    _aggregate("creation_sec", "min", lambda rows: rows.epoch_seconds.min(where=_created(rows))),
    _aggregate(
        "created_business_position",
        "min",
        lambda rows: rows.business_position.min(where=_created(rows)),
        business=True,
        on_24x7="creation_sec",
    ),
    _aggregate(
        "created_in_hours",
        "max",
        lambda rows: rows.is_open.max(where=_created(rows)),
        business=True,
        on_24x7=True,
    ),
    _aggregate("first_reply_position", "min", lambda rows: rows.position.min(where=_reply(rows))),
    _aggregate(
        "first_customer_position", "min", lambda rows: rows.position.min(where=_customer(rows))
    ),
    _aggregate(
        "last_resolved_position",
        "max",
        lambda rows: rows.position.max(where=_status_row(rows, resolved=True)),
    ),
    _aggregate(
        "last_unresolved_position",
        "max",
        lambda rows: rows.position.max(where=_status_row(rows, resolved=False)),
    ),
    *_instants("first_customer_sec", "first_customer_business_position", _customer),
    *_instants("first_reply_sec", "first_reply_business_position", _reply),
    *_instants(
        "first_reply_after_customer_sec",
        "first_reply_after_customer_business_position",
        _reply_after_customer,
    ),
    *_instants(
        "substantive_reply_sec",
        "substantive_reply_business_position",
        _substantive_reply,
        reads_replies=True,
    ),
    *_instants(
        "substantive_reply_after_customer_sec",
        "substantive_reply_after_customer_business_position",
        _substantive_reply_after_customer,
        reads_replies=True,
    ),
    *_instants(
        "real_answer_sec", "real_answer_business_position", _real_answer, reads_replies=True
    ),
    *_instants(
        "real_answer_after_customer_sec",
        "real_answer_after_customer_business_position",
        _real_answer_after_customer,
        reads_replies=True,
    ),
    *_instants(
        "diagnosis_reply_sec",
        "diagnosis_reply_business_position",
        _diagnosis_reply,
        reads_replies=True,
    ),
    *_instants("diagnosis_event_sec", "diagnosis_event_business_position", _diagnosis_event),
    *_instants("first_resolution_sec", "first_resolution_business_position", _enters_resolved),
    *_instants("last_row_sec", "last_row_business_position", None, combine="max"),
    *_instants(
        "last_resolution_sec",
        "last_resolution_business_position",
        _enters_resolved,
        combine="max",
    ),
    Fact("requester_wait_seconds", _SILENCE, "sum_or_zero"),
    Fact(
        "requester_wait_business_seconds",
        _BUSINESS_SILENCE,
        "sum_or_zero",
        business=True,
        on_24x7="requester_wait_seconds",
    ),
    Fact("max_update_gap_seconds", _SILENCE, "max"),
    Fact(
        "max_update_gap_business_seconds",
        _BUSINESS_SILENCE,
        "max",
        business=True,
        on_24x7="max_update_gap_seconds",
    ),
    _aggregate(
        "on_hold_seconds",
        "sum_or_zero",
        lambda rows: rows.segment_seconds.sum(where=rows.status_now == "on_hold"),
    ),
    _aggregate(
        "on_hold_business_seconds",
        "sum_or_zero",
        lambda rows: rows.segment_business_seconds.sum(where=rows.status_now == "on_hold"),
        business=True,
        on_24x7="on_hold_seconds",
    ),
    _count("agent_replies", _reply),
    _count("reopens", lambda rows: rows.is_reopen),
    _aggregate("customer_chases", "sum", _chases),
    _reply_count("hollow_replies", "is_hollow"),
    _reply_count("expert_replies", "is_expert"),
    _reply_count("generic_advice_replies", "has_generic_advice"),
    _reply_count("eta_replies", "has_eta"),
    _reply_count("next_update_replies", "has_next_update"),
    _reply_count("diagnosis_replies", "has_diagnosis"),
    _reply_count("asks_for_info_replies", "has_asks_for_info"),
)
FACTS_BY_NAME = {fact.name: fact for fact in FACTS}
