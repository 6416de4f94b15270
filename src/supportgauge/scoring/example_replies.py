"""The public replies of a few example tickets, in order, with what the reader read in each:
the quotes `score --explain` picks from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import ibis

from supportgauge.metrics.reply_facts import reply_flags
from supportgauge.scoring.figure_examples import Quote
from supportgauge.store.interface import Store

QUOTE_CHARS = 160
_FLAGS = ("is_hollow", "is_real_answer", "is_expert", "has_diagnosis", "has_eta",
          "has_next_update", "has_generic_advice")  # fmt: skip


@dataclass(frozen=True)
class Reply:
    """One public agent reply, shortened, with its reading's flags."""

    text: str
    flags: frozenset[str]


def shortened(body: str) -> str:
    """A reply on one line, cut to QUOTE_CHARS."""
    text = " ".join(body.split())
    return text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"


def example_replies(store: Store, vendor: str, ticket_ids: Sequence[str]) -> dict[str, list[Reply]]:
    """Each ticket's public agent replies with text, first first."""
    if not ticket_ids:
        return {}
    events = store.table("events")
    tickets = store.table("tickets")
    replies = events.filter(
        (events.vendor == vendor)
        & events.ticket_id.isin(list(ticket_ids))
        & (events.kind == "agent_reply")
        & events.public
        & events.body.notnull()
    )
    # A reply is expert with a term of the ticket's category, else of its scenario.
    keys = tickets.filter((tickets.vendor == vendor) & tickets.ticket_id.isin(list(ticket_ids)))
    keys = keys.select(
        k_ticket="ticket_id",
        relevance_key=ibis.coalesce(keys.category, keys.category_inferred, keys.scenario),
    )
    # A relation of its own (not a link of this join) for the joins of the reading.
    rows = (
        replies.left_join(keys, replies.ticket_id == keys.k_ticket)
        .select("ticket_id", "ts", "seq", "body", reading_key="body_md5",
                relevance_key="relevance_key")
        .view()
    )  # fmt: skip
    flagged = reply_flags(rows, store.table("reply_readings"), store.table("relevant_terms"))
    ordered = flagged.select("ticket_id", "ts", "seq", "body", *_FLAGS)
    fetched = store.to_arrow(ordered.order_by(["ticket_id", "ts", "seq"]))
    found: dict[str, list[Reply]] = {}
    for row in fetched.to_pylist():
        flags = frozenset(name for name in _FLAGS if row[name])
        found.setdefault(row["ticket_id"], []).append(Reply(shortened(str(row["body"])), flags))
    return found


def quoted(replies: list[Reply], quote: Quote) -> str | None:
    """The first reply the quote asks for (the first reply when it asks for none)."""
    for reply in replies:
        if quote is None or (quote[0] in reply.flags) == quote[1]:
            return reply.text
    return None
