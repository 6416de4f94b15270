"""Each ticket's history as one ordered timeline: creation, then every event, with its status.

Ties in time are broken by import order (`seq`), so same-second events keep the order
of the export. The ticket's creation comes first and opens it in status `new`.

Tickets are numbered once (`ticket_number`) so every window and group keys on one integer,
and every window shares one partition and order: the engine sorts the events once.

The status in effect at a row is the status of the last status row at or before it. SQL
says that with `last_value(... IGNORE NULLS)`, which PostgreSQL lacks and Ibis does not
emit; instead each row counts the status rows so far (`status_group`) and a hash join
finds the status row that opened its group. That side is built from the status rows
alone, numbered in the same order, so the engine never keeps the whole timeline.
"""

from __future__ import annotations

from typing import Any

import ibis

from supportgauge.canonical import RESOLVED_STATUSES
from supportgauge.metrics.business_positions import ClockTables, with_business_positions
from supportgauge.metrics.keys import TICKET_KEY, TICKET_NUMBER
from supportgauge.metrics.reply_facts import FLAG_NAMES, reply_flags
from supportgauge.store.backends import engine_functions

CREATION_KIND = "created"
CREATION_STATUS = "new"
# Both sides of each union get the same nullable types: engines disagree on NOT NULL.
_TS_TYPE = "timestamp('UTC')"


def ticket_window(*, following: bool = False) -> Any:
    """Rows of one ticket in time order (whole ticket when `following`)."""
    if following:
        return ibis.window(group_by=TICKET_NUMBER, order_by=["ts", "seq"])
    return ibis.cumulative_window(group_by=TICKET_NUMBER, order_by=["ts", "seq"])


def numbered_tickets(tickets: Any) -> Any:
    """The tickets, each with its `ticket_number` for this query."""
    return tickets.mutate(ticket_number=ibis.row_number())


def _creations(numbered: Any, **columns: Any) -> Any:
    """A creation row per ticket, in status new, before any event of the same instant."""
    return numbered.select(
        ticket_number=numbered.ticket_number,
        ts=numbered.created_at.cast(_TS_TYPE),
        seq=ibis.literal(-1, type="int64"),
        status=ibis.literal(CREATION_STATUS, type="string"),
        **columns,
    )


def _numbered_events(events: Any, numbered: Any, *carried: str) -> Any:
    keys = numbered.select(*TICKET_KEY, TICKET_NUMBER, *carried)
    return events.inner_join(keys, list(TICKET_KEY))


def status_stretches(numbered: Any, events: Any) -> Any:
    """One row per status row of each ticket (creation included), numbered as the timeline
    counts them (`status_group`), with whether it enters a resolved status or reopens."""
    changes = _numbered_events(
        events.filter(events.kind == "status_change", events.status.notnull()), numbered
    )
    rows = _creations(numbered).union(
        changes.select(
            ticket_number=changes.ticket_number,
            ts=changes.ts.cast(_TS_TYPE),
            seq=changes.seq.cast("int64"),
            status=changes.status.cast("string"),
        )
    )
    in_order = ticket_window(following=True)
    previous = rows.status.lag().over(in_order)
    resolved = rows.status.isin(RESOLVED_STATUSES)
    was_resolved = previous.isin(RESOLVED_STATUSES).fill_null(False)
    return rows.select(
        stretch_ticket_number=rows.ticket_number,
        stretch_group=ibis.row_number().over(in_order) + 1,
        status_now=rows.status,
        enters_resolved=resolved & ~was_resolved,
        is_reopen=was_resolved & ~resolved,
    )


def timeline(
    numbered: Any,
    events: Any,
    readings: Any,
    relevant_terms: Any,
    clocks: ClockTables | None = None,
    *,
    backend_name: str,
    read_replies: bool = True,
) -> Any:
    """Creation plus events, ordered per ticket, with everything the figures read from it.

    `numbered` carries `ticket_number`, `created_sec` (creation in epoch seconds) and, to read
    replies, `relevance_key` (the category or scenario whose terms make a reply expert).

    Columns: ticket_number, kind, status (on status rows only), epoch_seconds, status_now,
    enters_resolved and is_reopen (on status rows; false elsewhere), is_reply (a public
    agent reply), is_customer (a public customer message), customer_seen (the customer
    has written at or before this row), reply_group (public agent replies so far),
    position, segment_seconds (to the next row, NULL on the last); with `clocks`,
    business_position (business seconds on the vendor's calendar), is_open and
    segment_business_seconds; with `read_replies`, the reply's reading as flags
    (`reply_flags`).
    """
    business = clocks is not None
    joined = _numbered_events(events, numbered, *(["relevance_key"] if read_replies else []))
    is_reply = (joined.kind == "agent_reply") & joined.public
    # Columns only some figures read, the same on both sides of the union.
    creation_extra: dict[str, Any] = {}
    changes_extra: dict[str, Any] = {}
    if business:
        creation_extra["vendor"] = numbered.vendor.cast("string")
        changes_extra["vendor"] = joined.vendor.cast("string")
    if read_replies:
        creation_extra["reading_key"] = ibis.null("string")
        creation_extra["relevance_key"] = ibis.null("string")
        # Replies are read per distinct text, by its MD5 (stored at import).
        reading_key = ibis.cases((is_reply, joined.body_md5), else_=ibis.null())
        changes_extra["reading_key"] = reading_key.cast("string")
        changes_extra["relevance_key"] = joined.relevance_key.cast("string")
    creation = _creations(
        numbered,
        kind=ibis.literal(CREATION_KIND, type="string"),
        epoch_seconds=numbered.created_sec.cast("float64"),
        is_reply=ibis.literal(False, type="boolean"),
        is_customer=ibis.literal(False, type="boolean"),
        **creation_extra,
    )
    # Only status_change rows move the status, whatever else a file put in `status`.
    status = ibis.cases((joined.kind == "status_change", joined.status), else_=ibis.null())
    changes = joined.select(
        ticket_number=joined.ticket_number,
        ts=joined.ts.cast(_TS_TYPE),
        seq=joined.seq.cast("int64"),
        status=status.cast("string"),
        kind=joined.kind.cast("string"),
        epoch_seconds=engine_functions(backend_name).epoch_seconds(joined.ts).cast("float64"),
        is_reply=is_reply.cast("boolean"),
        is_customer=((joined.kind == "customer_message") & joined.public).cast("boolean"),
        **changes_extra,
    )
    rows = creation.union(changes)
    carried = ["ticket_number", "kind", "status", "epoch_seconds", "is_reply", "is_customer"]
    if clocks is not None:
        rows = with_business_positions(rows, clocks, epoch="epoch_seconds")
        carried += ["business_position", "is_open"]
    if read_replies:
        rows = reply_flags(rows, readings, relevant_terms)
        carried += FLAG_NAMES
    # The window sorts what it carries: only what the figures read goes through it.
    in_order = ticket_window()
    whole = ticket_window(following=True)
    segments = {"segment_seconds": rows.epoch_seconds.lead().over(whole) - rows.epoch_seconds}
    if business:
        segments["segment_business_seconds"] = (
            rows.business_position.lead().over(whole) - rows.business_position
        )
    rows = rows.select(
        *carried,
        # Counts, not sums: they stay 64-bit integers on every engine, cheap to join on.
        status_group=rows.status.count().over(in_order),
        reply_group=rows.seq.count(where=rows.is_reply).over(in_order),
        customer_seen=rows.seq.count(where=rows.is_customer).over(in_order) > 0,
        position=ibis.row_number().over(whole),
        **segments,
    )
    stretches = status_stretches(numbered, events)
    rows = rows.left_join(
        stretches,  # status_now, enters_resolved, is_reopen
        [
            rows.ticket_number == stretches.stretch_ticket_number,
            rows.status_group == stretches.stretch_group,
        ],
    )
    on_status_row = rows.status.notnull()
    return rows.select(
        *carried,
        "reply_group",
        "customer_seen",
        "position",
        *segments,
        "status_now",
        enters_resolved=on_status_row & rows.enters_resolved,
        is_reopen=on_status_row & rows.is_reopen,
    )
