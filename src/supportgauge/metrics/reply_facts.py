"""What the vendor's replies say: flags from each reply's reading, and technical depth.

A reply's labels come from its reading (`reply_readings`, one per distinct text). A reply
is hollow when it only acknowledges or defers to business hours; a reply without a
reading (no text) is taken at its word, as not hollow.
"""

from __future__ import annotations

from typing import Any

import ibis

REPLY_COUNT_LABELS = ("generic_advice", "eta", "next_update", "diagnosis", "asks_for_info")
# Labels that make a reply more than an acknowledgement or a deferral.
SUBSTANCE_LABELS = ("diagnosis", "action", "eta", "asks_for_info", "generic_advice")
# Labels that make a reply a real answer: neither an acknowledgement nor generic advice alone.
REAL_ANSWER_LABELS = ("diagnosis", "action", "asks_for_info", "eta")
# The flags `reply_flags` adds to each row.
FLAG_NAMES = (
    "is_hollow",
    "is_real_answer",
    "is_expert",
    *(f"has_{label}" for label in REPLY_COUNT_LABELS),
)


def _has(labels: Any, label: str) -> Any:
    return labels.contains(label).fill_null(False)


def _has_any(labels: Any, wanted: tuple[str, ...]) -> Any:
    found = ibis.literal(False)
    for label in wanted:
        found = found | _has(labels, label)
    return found


def is_hollow(labels: Any) -> Any:
    """Only an acknowledgement, or a deferral to business hours with nothing of substance."""
    substance = _has_any(labels, SUBSTANCE_LABELS)
    hollow = _has(labels, "acknowledgement_only") | _has(labels, "defers_to_business_hours")
    return hollow & ~substance


def reading_flags(readings: Any) -> Any:
    """Per distinct reply text (`reading_key`): `is_hollow`, `is_real_answer` and a
    `has_<label>` per counted label, worked out once per text rather than once per reply."""
    flags = {f"has_{label}": _has(readings.labels, label) for label in REPLY_COUNT_LABELS}
    return readings.select(
        reading_key=readings.body_md5,
        is_hollow=is_hollow(readings.labels),
        is_real_answer=_has_any(readings.labels, REAL_ANSWER_LABELS),
        **flags,
    )


def expert_pairs(readings: Any, relevant_terms: Any) -> Any:
    """Each (reply text, relevance key) where the text uses a term relevant to that key."""
    used = readings.select(reading_key=readings.body_md5, term=readings.terms).unnest("term")
    relevant = relevant_terms.select("relevance_key", "term").distinct()
    matched = used.inner_join(relevant, "term")
    return matched.select("reading_key", "relevance_key", is_expert=ibis.literal(True)).distinct()


def reply_flags(rows: Any, readings: Any, relevant_terms: Any) -> Any:
    """Rows with the reading of their `reading_key` as flags (false when unread):
    `is_hollow`, `is_real_answer`, `has_<label>`, and `is_expert` (a term relevant to the row's
    `relevance_key`)."""
    flags = reading_flags(readings).rename(flag_key="reading_key")
    pairs = expert_pairs(readings, relevant_terms).rename(
        pair_key="reading_key", pair_relevance="relevance_key"
    )
    joined = rows.left_join(flags, rows.reading_key == flags.flag_key).left_join(
        pairs,
        [rows.reading_key == pairs.pair_key, rows.relevance_key == pairs.pair_relevance],
    )
    return joined.mutate(**{name: joined[name].fill_null(False) for name in FLAG_NAMES}).drop(
        "flag_key", "pair_key", "pair_relevance"
    )
