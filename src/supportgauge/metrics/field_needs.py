"""Which per-ticket fields need what: the reading of replies, or the vendors' calendars.

A query asked for fewer fields leaves out the joins nothing asked for; a test holds each
field computed alone to its value in the full set.
"""

from __future__ import annotations

from collections.abc import Sequence

from supportgauge.metrics.reply_facts import REPLY_COUNT_LABELS
from supportgauge.metrics.sla import SLA_FIELDS

# Fields read from what the replies say (reply_readings, relevant_terms).
READING_FIELDS = frozenset(
    {
        "first_response_hollow",
        "substantive_response_min",
        "substantive_response_business_min",
        "time_to_locate_min",
        "time_to_locate_business_min",
        "locate_inferred",
        "hollow_replies",
        "expert_replies",
        *(f"{label}_replies" for label in REPLY_COUNT_LABELS),
    }
)
# Fields on the vendors' support calendars; SLA clocks may run in business time.
CALENDAR_FIELDS = frozenset({"created_off_hours", *SLA_FIELDS})


def needs_readings(fields: Sequence[str]) -> bool:
    """Whether any of `fields` reads what the replies say."""
    return any(name in READING_FIELDS for name in fields)


def needs_calendars(fields: Sequence[str]) -> bool:
    """Whether any of `fields` is measured on the vendors' calendars."""
    return any(name in CALENDAR_FIELDS or "_business_" in name for name in fields)


def needs_period(fields: Sequence[str]) -> bool:
    """Whether any of `fields` needs the dates the data spans (calendars, Ramadan peaks)."""
    return needs_calendars(fields) or "created_peak_hours" in fields
