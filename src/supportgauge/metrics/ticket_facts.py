"""Per-ticket facts from the timeline: when things first and last happened, and counts.

Every fact is a set-wise aggregate over the timeline, keyed on the ticket number; the
definitions are in docs/metrics.md and pinned by tests/metrics/.
"""

from __future__ import annotations

from typing import Any

from supportgauge.canonical import REQUESTER_WAIT_STATUSES, RESOLVED_STATUSES
from supportgauge.metrics.keys import TICKET_NUMBER
from supportgauge.metrics.reply_facts import REPLY_COUNT_LABELS
from supportgauge.metrics.timeline import CREATION_KIND, status_transitions


def _first(rows: Any, condition: Any, name: str) -> dict[str, Any]:
    """The first instant a condition holds, in both clocks: `<name>_at`, `<name>_bpos`."""
    return {
        f"{name}_at": rows.ts.min(where=condition),
        f"{name}_bpos": rows.bpos.min(where=condition),
    }


def row_facts(rows: Any) -> Any:
    """Per ticket, in one pass: creation, first messages and replies, reply counts, history.

    The response clock's choice (from creation, or from the customer's first message on a
    ticket the vendor opened) is made later from `first_message_kind` and `first_message_at`,
    so both candidates are kept: `first_reply` (any public agent reply) and `first_answer`
    (one after the customer has written); likewise for substantive replies.
    """
    is_message = rows.is_reply | rows.is_customer
    substantive = rows.is_reply & ~rows.is_hollow
    created = rows.kind == CREATION_KIND
    counts = {
        f"{label}_replies": (rows.is_reply & rows[f"has_{label}"]).cast("int64").sum()
        for label in REPLY_COUNT_LABELS
    }
    return rows.group_by(TICKET_NUMBER).aggregate(
        created_bpos=rows.bpos.min(where=created),
        created_in_hours=rows.is_open.max(where=created),
        first_message_kind=rows.kind.argmin(rows.position, where=is_message),
        first_message_at=rows.ts.min(where=is_message),
        **_first(rows, rows.is_customer, "first_customer"),
        **_first(rows, rows.is_reply, "first_reply"),
        **_first(rows, rows.is_reply & rows.customer_seen, "first_answer"),
        **_first(rows, substantive, "substantive_reply"),
        **_first(rows, substantive & rows.customer_seen, "substantive_answer"),
        **_first(rows, rows.is_reply & rows.has_diagnosis, "diagnosis_reply"),
        **_first(rows, rows.kind == "diagnosis", "diagnosis_event"),
        agent_replies=rows.is_reply.cast("int64").sum(),
        hollow_replies=(rows.is_reply & rows.is_hollow).cast("int64").sum(),
        last_row_at=rows.ts.max(),
        last_row_bpos=rows.bpos.max(),
        **counts,
    )


def resolution_facts(rows: Any) -> Any:
    """first/last resolution (both clocks), reopens and final_status per ticket."""
    transitions = status_transitions(rows)
    enters = transitions.enters_resolved
    return transitions.group_by(TICKET_NUMBER).aggregate(
        first_resolution_at=transitions.ts.min(where=enters),
        last_resolution_at=transitions.ts.max(where=enters),
        first_resolution_bpos=transitions.bpos.min(where=enters),
        last_resolution_bpos=transitions.bpos.max(where=enters),
        reopens=transitions.is_reopen.cast("int64").sum(),
        final_status=transitions.status.argmax(transitions.position),
    )


def waiting_facts(rows: Any) -> Any:
    """requester_wait, on_hold and max_update_gap seconds per ticket, in both clocks.

    A segment is the time from one timeline row to the next, in the status in effect
    after the first row. The vendor's silence restarts at each public agent reply and
    grows only while the customer waits (new, open, on_hold).
    """
    waiting = rows.status_now.isin(REQUESTER_WAIT_STATUSES)
    on_hold = rows.status_now == "on_hold"
    counted = waiting & rows.segment_seconds.notnull()
    stretches = rows.group_by([TICKET_NUMBER, "reply_group"]).aggregate(
        silence_seconds=rows.segment_seconds.sum(where=counted),
        silence_business_seconds=rows.segment_business_seconds.sum(where=counted),
        on_hold_seconds=rows.segment_seconds.sum(where=on_hold),
        on_hold_business_seconds=rows.segment_business_seconds.sum(where=on_hold),
    )
    return stretches.group_by(TICKET_NUMBER).aggregate(
        requester_wait_seconds=stretches.silence_seconds.sum().fill_null(0),
        requester_wait_business_seconds=stretches.silence_business_seconds.sum().fill_null(0),
        on_hold_seconds=stretches.on_hold_seconds.sum().fill_null(0),
        on_hold_business_seconds=stretches.on_hold_business_seconds.sum().fill_null(0),
        max_update_gap_seconds=stretches.silence_seconds.max(),
        max_update_gap_business_seconds=stretches.silence_business_seconds.max(),
    )


def is_resolved(final_status: Any) -> Any:
    """Whether a ticket's latest status is solved or closed."""
    return final_status.isin(RESOLVED_STATUSES)
