"""What the vendor's replies say: flags from each reply's reading, and technical depth.

A reply's labels come from its reading (`reply_readings`, one per distinct text). A reply
is hollow when it only acknowledges or defers to business hours; a reply without a
reading (no text) is taken at its word, as not hollow.
"""

from __future__ import annotations

from typing import Any

import ibis

from supportgauge.metrics.keys import TICKET_NUMBER

REPLY_COUNT_LABELS = ("generic_advice", "eta", "next_update", "diagnosis", "asks_for_info")
# Labels that make a reply more than an acknowledgement or a deferral.
SUBSTANCE_LABELS = ("diagnosis", "action", "eta", "asks_for_info", "generic_advice")


def _has(labels: Any, label: str) -> Any:
    return labels.contains(label).fill_null(False)


def is_hollow(labels: Any) -> Any:
    """Only an acknowledgement, or a deferral to business hours with nothing of substance."""
    substance = ibis.literal(False)
    for label in SUBSTANCE_LABELS:
        substance = substance | _has(labels, label)
    hollow = _has(labels, "acknowledgement_only") | _has(labels, "defers_to_business_hours")
    return hollow & ~substance


def reply_flags(rows: Any, readings: Any) -> Any:
    """Rows with `is_hollow` and a `has_<label>` flag per counted label (false unread)."""
    chosen = readings.select(reading_body=readings.body_md5, labels=readings.labels)
    joined = rows.left_join(chosen, rows.reading_key == chosen.reading_body)
    flags = {f"has_{label}": _has(joined.labels, label) for label in REPLY_COUNT_LABELS}
    return joined.mutate(is_hollow=is_hollow(joined.labels), **flags).drop("reading_body", "labels")


def expert_reply_counts(rows: Any, readings: Any, numbered: Any, relevant_terms: Any) -> Any:
    """Per ticket: public agent replies using a term relevant to the ticket's category
    (its own or inferred), or to its scenario when it has no category."""
    keyed = numbered.select(
        TICKET_NUMBER,
        relevance_key=ibis.coalesce(numbered.category_effective, numbered.scenario),
    )
    replies = rows.filter(rows.is_reply & rows.reading_key.notnull()).select(
        TICKET_NUMBER, "position", "reading_key"
    )
    with_terms = replies.inner_join(
        readings.select(reading_key=readings.body_md5, terms=readings.terms), "reading_key"
    ).select(TICKET_NUMBER, "position", "terms")
    used = with_terms.unnest("terms").rename(term="terms").inner_join(keyed, TICKET_NUMBER)
    relevant = relevant_terms.select("relevance_key", "term").distinct()
    matched = used.inner_join(relevant, ["relevance_key", "term"])
    return matched.group_by(TICKET_NUMBER).aggregate(expert_replies=matched.position.nunique())
