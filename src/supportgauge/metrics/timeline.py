"""Each ticket's history as one ordered timeline: creation, then every event, with its status.

Ties in time are broken by import order (`seq`), so same-second events keep the order
of the export. The ticket's creation comes first and opens it in status `new`.

Tickets are numbered once (`tn`) so every window and group keys on one integer, and every
window shares one partition and order: the engine sorts the events once.
"""

from __future__ import annotations

from typing import Any

import ibis

from supportgauge.canonical import RESOLVED_STATUSES
from supportgauge.metrics.business_time import ClockTables, with_business_positions
from supportgauge.metrics.keys import TICKET_KEY, TICKET_NUMBER
from supportgauge.metrics.reply_facts import reply_flags

CREATION_KIND = "created"
_TIMELINE_TYPES = {
    "tn": "int64",
    "vendor": "string",
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
        return ibis.window(group_by=TICKET_NUMBER, order_by=["ts", "seq"])
    return ibis.cumulative_window(group_by=TICKET_NUMBER, order_by=["ts", "seq"])


def numbered_tickets(tickets: Any) -> Any:
    """The tickets, each with its number `tn` for this query."""
    return tickets.mutate(tn=ibis.row_number())


def timeline(numbered: Any, events: Any, readings: Any, clocks: ClockTables | None = None) -> Any:
    """Creation plus events, ordered per ticket, with everything the figures read from it.

    Columns: tn, ts, seq, kind, public, status (on status rows only), status_now,
    is_reply (a public agent reply), is_customer (a public customer message),
    customer_seen (the customer has written at or before this row), reply_group (public
    agent replies so far), position, segment_seconds (to the next row, NULL on the last),
    bpos (position in business seconds on the vendor's calendar), is_open,
    segment_business_seconds, reading_key, and the reply's reading as flags (reply_flags).
    """
    creation = numbered.select(
        tn=numbered.tn,
        vendor=numbered.vendor,
        ts=numbered.created_at,
        seq=ibis.literal(-1, type="int64"),
        kind=ibis.literal(CREATION_KIND, type="string"),
        public=ibis.literal(False, type="boolean"),
        status=ibis.literal("new"),
        reading_key=ibis.null("string"),
    )
    keys = numbered.select(*TICKET_KEY, TICKET_NUMBER)
    joined = events.inner_join(keys, list(TICKET_KEY))
    changes = joined.select(
        tn=joined.tn,
        vendor=joined.vendor,
        ts=joined.ts,
        seq=joined.seq,
        kind=joined.kind,
        public=joined.public,
        # Only status_change rows move the status, whatever else a file put in `status`.
        status=ibis.cases((joined.kind == "status_change", joined.status), else_=ibis.null()),
        # Readings are kept per distinct reply text, by its MD5 (stored at import).
        reading_key=joined.body_md5,
    )
    # Engines disagree on NOT NULL; both sides of the union get the same nullable types.
    rows = creation.cast(_TIMELINE_TYPES).union(changes.cast(_TIMELINE_TYPES))
    if clocks is None:
        # Every vendor on 24x7: business time is wall-clock time.
        rows = rows.mutate(bpos=rows.ts.epoch_seconds().cast("float64"), is_open=True)
    else:
        rows = with_business_positions(rows, clocks)
    rows = reply_flags(rows, readings)
    in_order = ticket_window()
    whole = ticket_window(following=True)
    rows = rows.mutate(
        is_reply=(rows.kind == "agent_reply") & rows.public,
        is_customer=(rows.kind == "customer_message") & rows.public,
    )
    rows = rows.mutate(
        status_group=rows.status.notnull().cast("int64").sum().over(in_order),
        reply_group=rows.is_reply.cast("int64").sum().over(in_order),
        customer_seen=rows.is_customer.cast("int64").sum().over(in_order) > 0,
        position=ibis.row_number().over(whole),
        next_ts=rows.ts.lead().over(whole),
        next_bpos=rows.bpos.lead().over(whole),
    )
    # The status row that opened each stretch of the timeline sets the status in it; a
    # hash join finds it without sorting the timeline a second time.
    stretches = rows.filter(rows.status.notnull()).select(
        stretch_tn=rows.tn, stretch_group=rows.status_group, status_now=rows.status
    )
    rows = rows.left_join(
        stretches,
        [rows.tn == stretches.stretch_tn, rows.status_group == stretches.stretch_group],
    ).drop("stretch_tn", "stretch_group")
    rows = rows.mutate(
        segment_seconds=rows.next_ts.epoch_seconds() - rows.ts.epoch_seconds(),
        segment_business_seconds=rows.next_bpos - rows.bpos,
    )
    return rows.drop("status_group", "next_ts", "next_bpos", "vendor")


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
