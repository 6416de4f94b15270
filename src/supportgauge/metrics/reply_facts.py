"""What the vendor's replies say, per ticket: substantive response, time to locate, depth.

A reply's labels come from its reading (`reply_readings`, one per distinct text). A reply
is hollow when it only acknowledges or defers to business hours; a reply without a
reading (no text) is taken at its word, as not hollow.
"""

from __future__ import annotations

from typing import Any

import ibis

from supportgauge.metrics.timeline import TICKET_KEY

REPLY_COUNT_LABELS = ("generic_advice", "eta", "next_update", "diagnosis", "asks_for_info")
# Labels that make a reply more than an acknowledgement or a deferral.
SUBSTANCE_LABELS = ("diagnosis", "action", "eta", "asks_for_info", "generic_advice")


def with_readings(rows: Any, readings: Any) -> Any:
    """Timeline rows with the `labels` and `terms` of each read reply (empty otherwise)."""
    chosen = readings.select(
        reading_body=readings.body_md5, labels=readings.labels, terms=readings.terms
    )
    joined = rows.left_join(chosen, rows.reading_key == chosen.reading_body).drop("reading_body")
    return joined


def _has(labels: Any, label: str) -> Any:
    return labels.contains(label).fill_null(False)


def is_hollow(labels: Any) -> Any:
    """Only an acknowledgement, or a deferral to business hours with nothing of substance."""
    substance = ibis.literal(False)
    for label in SUBSTANCE_LABELS:
        substance = substance | _has(labels, label)
    hollow = _has(labels, "acknowledgement_only") | _has(labels, "defers_to_business_hours")
    return hollow & ~substance


def reply_label_facts(rows: Any, readings: Any) -> Any:
    """Per ticket: counts of public agent replies by label, and the first stated diagnosis."""
    replies = with_readings(rows.filter(rows.is_public_agent_reply), readings)
    counts = {
        f"{label}_replies": _has(replies.labels, label).cast("int64").sum()
        for label in REPLY_COUNT_LABELS
    }
    hollow = is_hollow(replies.labels)
    replies_by_ticket = replies.group_by(list(TICKET_KEY)).aggregate(
        hollow_replies=hollow.cast("int64").sum(),
        diagnosis_reply_at=replies.ts.min(where=_has(replies.labels, "diagnosis")),
        diagnosis_reply_bpos=replies.bpos.min(where=_has(replies.labels, "diagnosis")),
        **counts,
    )
    stated = rows.filter(rows.kind == "diagnosis")
    stated_by_ticket = stated.group_by(list(TICKET_KEY)).aggregate(
        diagnosis_event_at=stated.ts.min(), diagnosis_event_bpos=stated.bpos.min()
    )
    return replies_by_ticket.outer_join(stated_by_ticket, list(TICKET_KEY)).select(
        vendor=ibis.coalesce(replies_by_ticket.vendor, stated_by_ticket.vendor),
        ticket_id=ibis.coalesce(replies_by_ticket.ticket_id, stated_by_ticket.ticket_id),
        hollow_replies=replies_by_ticket.hollow_replies,
        diagnosis_reply_at=replies_by_ticket.diagnosis_reply_at,
        diagnosis_reply_bpos=replies_by_ticket.diagnosis_reply_bpos,
        diagnosis_event_at=stated_by_ticket.diagnosis_event_at,
        diagnosis_event_bpos=stated_by_ticket.diagnosis_event_bpos,
        **{name: replies_by_ticket[name] for name in counts},
    )


def expert_reply_counts(rows: Any, readings: Any, tickets: Any, relevant_terms: Any) -> Any:
    """Per ticket: public agent replies using a term relevant to the ticket's category
    (its own or inferred), or to its scenario when it has no category."""
    keyed = tickets.select(
        *TICKET_KEY,
        relevance_key=ibis.coalesce(tickets.category_effective, tickets.scenario),
    )
    replies = with_readings(rows.filter(rows.is_public_agent_reply), readings)
    replies = replies.filter(replies.terms.notnull())
    replies = replies.mutate(reply_seq=replies.seq).select(*TICKET_KEY, "reply_seq", "terms")
    used = replies.select(*TICKET_KEY, "reply_seq", term=replies.terms.unnest())
    used = used.inner_join(keyed, list(TICKET_KEY))
    relevant = relevant_terms.select("relevance_key", "term").distinct()
    matched = used.inner_join(relevant, ["relevance_key", "term"])
    return matched.group_by(list(TICKET_KEY)).aggregate(expert_replies=matched.reply_seq.nunique())
