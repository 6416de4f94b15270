"""Each ticket's history as one ordered timeline: creation, then every event, with its status.

Ties in time are broken by import order (`seq`), so same-second events keep the order
of the export. The ticket's creation comes first and opens it in status `new`.
"""

from __future__ import annotations

from typing import Any

import ibis

from supportgauge.canonical import RESOLVED_STATUSES
from supportgauge.metrics.business_time import ClockTables, with_business_positions

TICKET_KEY = ("vendor", "ticket_id")
CREATION_KIND = "created"
_TIMELINE_TYPES = {
    "vendor": "string",
    "ticket_id": "string",
    "ts": "timestamp('UTC')",
    "seq": "int64",
    "kind": "string",
    "public": "boolean",
    "status": "string",
    "reading_key": "string",
}


def ticket_window(*, following: bool = False) -> Any:
    """Rows of one ticket in time order (whole ticket when `following`)."""
    if following:
        return ibis.window(group_by=list(TICKET_KEY), order_by=["ts", "seq"])
    return ibis.cumulative_window(group_by=list(TICKET_KEY), order_by=["ts", "seq"])


def timeline(tickets: Any, events: Any, clocks: ClockTables | None = None) -> Any:
    """Creation plus events, ordered per ticket, each with the status in effect after it.

    Columns: vendor, ticket_id, ts, seq, kind, public, status (set on status rows only),
    reading_key (MD5 of a reply's text, to join its reading),
    status_now, is_public_agent_reply, next_ts, segment_seconds (time until the next row,
    NULL for the last row of the ticket), bpos (position in business seconds on the
    vendor's calendar; epoch seconds when every vendor runs 24x7), is_open and
    segment_business_seconds.
    """
    creation = tickets.select(
        vendor=tickets.vendor,
        ticket_id=tickets.ticket_id,
        ts=tickets.created_at,
        seq=ibis.literal(-1, type="int64"),
        kind=ibis.literal(CREATION_KIND, type="string"),
        public=ibis.literal(False, type="boolean"),
        status=ibis.literal("new"),
        reading_key=ibis.null("string"),
    )
    changes = events.select(
        vendor=events.vendor,
        ticket_id=events.ticket_id,
        ts=events.ts,
        seq=events.seq.cast("int64"),
        kind=events.kind,
        public=events.public,
        # Only status_change rows move the status, whatever else a file put in `status`.
        status=ibis.cases((events.kind == "status_change", events.status), else_=ibis.null()),
        # Readings are kept per distinct reply text, by its MD5 (stored at import).
        reading_key=events.body_md5,
    )
    # Engines disagree on NOT NULL; both sides of the union get the same nullable types.
    rows = creation.cast(_TIMELINE_TYPES).union(changes.cast(_TIMELINE_TYPES))
    if clocks is None:
        # Every vendor on 24x7: business time is wall-clock time.
        rows = rows.mutate(bpos=rows.ts.epoch_seconds().cast("float64"), is_open=True)
    else:
        rows = with_business_positions(rows, clocks)
    in_order = ticket_window()
    rows = rows.mutate(status_group=rows.status.notnull().cast("int64").sum().over(in_order))
    status_now = rows.status.max().over(ibis.window(group_by=[*TICKET_KEY, "status_group"]))
    whole = ticket_window(following=True)
    rows = rows.mutate(
        status_now=status_now,
        is_public_agent_reply=(rows.kind == "agent_reply") & rows.public,
        next_ts=rows.ts.lead().over(whole),
        next_bpos=rows.bpos.lead().over(whole),
    )
    return rows.mutate(
        segment_seconds=rows.next_ts.epoch_seconds() - rows.ts.epoch_seconds(),
        segment_business_seconds=rows.next_bpos - rows.bpos,
    ).drop("status_group", "next_bpos")


def status_transitions(rows: Any) -> Any:
    """Status rows with the status before them, and whether each one resolves or reopens."""
    status_rows = rows.filter(rows.status.notnull())
    previous = status_rows.status.lag().over(ticket_window(following=True))
    resolved = status_rows.status.isin(RESOLVED_STATUSES)
    was_resolved = previous.isin(RESOLVED_STATUSES).fill_null(False)
    return status_rows.mutate(
        previous_status=previous,
        enters_resolved=resolved & ~was_resolved,
        is_reopen=was_resolved & ~resolved,
    )
