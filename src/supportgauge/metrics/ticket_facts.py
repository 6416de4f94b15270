"""Per-ticket facts from the timeline: when things first and last happened, and counts.

Every fact is a set-wise aggregate over the timeline; the definitions are in
docs/metrics.md and pinned by tests/metrics/.
"""

from __future__ import annotations

from typing import Any

import ibis

from supportgauge.canonical import REQUESTER_WAIT_STATUSES, RESOLVED_STATUSES
from supportgauge.metrics.reply_facts import is_hollow, with_readings
from supportgauge.metrics.timeline import (
    CREATION_KIND,
    TICKET_KEY,
    status_transitions,
    ticket_window,
)


def resolution_facts(rows: Any) -> Any:
    """first_resolution_at, last_resolution_at, reopens and final_status per ticket."""
    transitions = status_transitions(rows)
    last_first = ibis.window(
        group_by=list(TICKET_KEY), order_by=[ibis.desc("ts"), ibis.desc("seq")]
    )
    transitions = transitions.mutate(position_from_end=ibis.row_number().over(last_first))
    return transitions.group_by(list(TICKET_KEY)).aggregate(
        first_resolution_at=transitions.ts.min(where=transitions.enters_resolved),
        last_resolution_at=transitions.ts.max(where=transitions.enters_resolved),
        first_resolution_bpos=transitions.bpos.min(where=transitions.enters_resolved),
        last_resolution_bpos=transitions.bpos.max(where=transitions.enters_resolved),
        reopens=transitions.is_reopen.cast("int64").sum(),
        final_status=transitions.status.max(where=transitions.position_from_end == 0),
    )


def first_response_facts(rows: Any, readings: Any) -> Any:
    """first_response_at, agent_replies and how the response clock starts, per ticket.

    A ticket the vendor opened (a public agent reply is its first row, at the very second
    of creation) starts its response clock at the customer's first message; every other
    ticket at creation.
    """
    whole = ticket_window(following=True)
    rows = rows.mutate(created_at=rows.ts.min().over(whole))
    messages = rows.filter(rows.public & rows.kind.isin(("customer_message", "agent_reply")))
    messages = with_readings(messages, readings)
    first_kind = messages.kind.first().over(whole)
    first_at = messages.ts.first().over(whole)
    messages = messages.mutate(
        opened_by_vendor=(first_kind == "agent_reply")
        & (first_at.epoch_seconds() == messages.created_at.epoch_seconds()),
        customer_has_written=(messages.kind == "customer_message")
        .cast("int64")
        .sum()
        .over(ticket_window())
        > 0,
    )
    counts_as_response = (messages.kind == "agent_reply") & (
        ~messages.opened_by_vendor | messages.customer_has_written
    )
    substantive = counts_as_response & ~is_hollow(messages.labels)
    is_customer = messages.kind == "customer_message"
    return messages.group_by(list(TICKET_KEY)).aggregate(
        opened_by_vendor=messages.opened_by_vendor.max(),
        first_customer_message_at=messages.ts.min(where=is_customer),
        first_customer_message_bpos=messages.bpos.min(where=is_customer),
        first_response_at=messages.ts.min(where=counts_as_response),
        first_response_bpos=messages.bpos.min(where=counts_as_response),
        substantive_response_at=messages.ts.min(where=substantive),
        substantive_response_bpos=messages.bpos.min(where=substantive),
        agent_replies=(messages.kind == "agent_reply").cast("int64").sum(),
    )


def waiting_facts(rows: Any) -> Any:
    """requester_wait, on_hold and max_update_gap seconds per ticket, in both clocks.

    A segment is the time from one timeline row to the next, in the status in effect
    after the first row. The vendor's silence restarts at each public agent reply and
    grows only while the customer waits (new, open, on_hold).
    """
    waiting = rows.status_now.isin(REQUESTER_WAIT_STATUSES)
    on_hold = rows.status_now == "on_hold"
    business = rows.segment_business_seconds
    rows = rows.mutate(
        waiting_seconds=ibis.cases((waiting, rows.segment_seconds), else_=0),
        on_hold_seconds=ibis.cases((on_hold, rows.segment_seconds), else_=0),
        waiting_business_seconds=ibis.cases((waiting, business), else_=0),
        on_hold_business_seconds=ibis.cases((on_hold, business), else_=0),
        reply_group=rows.is_public_agent_reply.cast("int64").sum().over(ticket_window()),
        has_waiting_segment=waiting & rows.segment_seconds.notnull(),
    )
    counted = rows.has_waiting_segment
    silences = rows.group_by([*TICKET_KEY, "reply_group"]).aggregate(
        silence_seconds=rows.waiting_seconds.sum(where=counted),
        silence_business_seconds=rows.waiting_business_seconds.sum(where=counted),
        requester_wait_seconds=rows.waiting_seconds.sum(),
        requester_wait_business_seconds=rows.waiting_business_seconds.sum(),
        on_hold_seconds=rows.on_hold_seconds.sum(),
        on_hold_business_seconds=rows.on_hold_business_seconds.sum(),
    )
    return silences.group_by(list(TICKET_KEY)).aggregate(
        requester_wait_seconds=silences.requester_wait_seconds.sum(),
        requester_wait_business_seconds=silences.requester_wait_business_seconds.sum(),
        on_hold_seconds=silences.on_hold_seconds.sum(),
        on_hold_business_seconds=silences.on_hold_business_seconds.sum(),
        max_update_gap_seconds=silences.silence_seconds.max(),
        max_update_gap_business_seconds=silences.silence_business_seconds.max(),
    )


def history_facts(rows: Any) -> Any:
    """The ticket's last recorded instant, in both clocks."""
    return rows.group_by(list(TICKET_KEY)).aggregate(
        last_row_at=rows.ts.max(), last_row_bpos=rows.bpos.max()
    )


def creation_facts(rows: Any) -> Any:
    """created_bpos and whether the vendor's calendar was open at creation, per ticket."""
    created = rows.filter(rows.kind == CREATION_KIND)
    return created.select(*TICKET_KEY, created_bpos=created.bpos, created_in_hours=created.is_open)


def is_resolved(final_status: Any) -> Any:
    """Whether a ticket's latest status is solved or closed."""
    return final_status.isin(RESOLVED_STATUSES)
