"""Which per-ticket fields need what: ticket facts (and so the replies' reading), calendars.

A query asked for fewer fields leaves out the aggregates and joins nothing asked for; a
test holds each field computed alone to its value in the full set, so a fact missing
here fails it loudly.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from supportgauge.metrics.reply_facts import REPLY_COUNT_LABELS
from supportgauge.metrics.sla import SLA_FIELDS
from supportgauge.metrics.ticket_facts import READING_FACTS

# Fields on the vendors' support calendars; SLA clocks may run in business time.
CALENDAR_FIELDS = frozenset({"created_off_hours", *SLA_FIELDS})


# Facts read by the shared parts of the figures.
_RESOLVED = ("last_resolved_position", "last_unresolved_position")
_VENDOR_OPENED = ("first_reply_position", "first_customer_position", "first_reply_sec")
_CLOCK_START = (*_VENDOR_OPENED, "first_customer_sec")
_CLOCK_START_BUSINESS = (*_VENDOR_OPENED, "first_customer_bpos", "created_bpos")
# The ticket facts (`ticket_facts.FACTS`) each figure reads.
FIELD_FACTS: dict[str, tuple[str, ...]] = {
    "first_response_min": (*_CLOCK_START, "first_answer_sec"),
    "first_response_business_min": (
        *_CLOCK_START_BUSINESS,
        "first_reply_bpos",
        "first_answer_bpos",
    ),
    "first_response_hollow": (
        *_VENDOR_OPENED,
        "first_answer_sec",
        "substantive_reply_sec",
        "substantive_answer_sec",
    ),
    "substantive_response_min": (
        *_CLOCK_START,
        "substantive_reply_sec",
        "substantive_answer_sec",
    ),
    "substantive_response_business_min": (
        *_CLOCK_START_BUSINESS,
        "substantive_reply_bpos",
        "substantive_answer_bpos",
    ),
    "first_real_answer_min": (*_CLOCK_START, "real_reply_sec", "real_answer_sec"),
    "first_real_answer_business_min": (
        *_CLOCK_START_BUSINESS,
        "real_reply_bpos",
        "real_answer_bpos",
    ),
    "time_to_locate_min": ("diagnosis_event_sec", "diagnosis_reply_sec"),
    "time_to_locate_business_min": ("diagnosis_event_bpos", "diagnosis_reply_bpos", "created_bpos"),
    "locate_inferred": ("diagnosis_event_sec", "diagnosis_reply_sec"),
    "first_resolution_min": ("first_resolution_sec",),
    "first_resolution_business_min": ("first_resolution_bpos", "created_bpos"),
    "full_resolution_min": (*_RESOLVED, "last_resolution_sec"),
    "full_resolution_business_min": (*_RESOLVED, "last_resolution_bpos", "created_bpos"),
    "requester_wait_min": (*_RESOLVED, "requester_wait_seconds"),
    "requester_wait_business_min": (*_RESOLVED, "requester_wait_business_seconds"),
    "on_hold_min": (*_RESOLVED, "on_hold_seconds"),
    "on_hold_business_min": (*_RESOLVED, "on_hold_business_seconds"),
    "reopens": ("reopens",),
    "agent_replies": ("agent_replies",),
    "one_touch": (*_RESOLVED, "agent_replies", "reopens"),
    "hollow_replies": ("hollow_replies",),
    "expert_replies": ("expert_replies",),
    **{f"{label}_replies": (f"{label}_replies",) for label in REPLY_COUNT_LABELS},
    "max_update_gap_min": ("max_update_gap_seconds",),
    "max_update_gap_business_min": ("max_update_gap_business_seconds",),
    "created_off_hours": ("created_in_hours",),
    "history_min": (*_CLOCK_START, "last_row_sec"),
    "history_business_min": (*_CLOCK_START_BUSINESS, "last_row_bpos"),
}


def facts_for(fields: Collection[str]) -> set[str]:
    """The ticket facts that `fields` read."""
    return {fact for name in fields for fact in FIELD_FACTS.get(name, ())}


def needs_readings(fields: Collection[str]) -> bool:
    """Whether any of `fields` reads what the replies say (reply_readings, relevant_terms)."""
    return not facts_for(fields).isdisjoint(READING_FACTS)


def needs_calendars(fields: Sequence[str]) -> bool:
    """Whether any of `fields` is measured on the vendors' calendars."""
    return any(name in CALENDAR_FIELDS or "_business_" in name for name in fields)


def needs_period(fields: Sequence[str]) -> bool:
    """Whether any of `fields` needs the dates the data spans (calendars, Ramadan peaks)."""
    return needs_calendars(fields) or "created_peak_hours" in fields
