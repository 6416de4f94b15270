"""Edge inputs: a calendar that never opens, scalars, and the docs naming every key."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np

from supportgauge.clocks import (
    business_deadline,
    business_position,
    business_seconds_between,
    compile_calendar,
    interval_table,
    is_open,
    next_open,
    parse_calendars,
)
from supportgauge.clocks.calendar_config import CALENDAR_KEYS

MARCH_2ND_NOON = 1772452800  # 2026-03-02 12:00 UTC, a Monday
DOCS = Path(__file__).resolve().parents[2] / "docs" / "calendars.md"


def test_calendar_that_never_opens() -> None:
    spec = parse_calendars({"never": {"timezone": "UTC"}})["never"]
    calendar = compile_calendar(spec, start=date(2026, 3, 1), end=date(2026, 3, 31))
    moments = np.array([MARCH_2ND_NOON, MARCH_2ND_NOON + 86_400])
    assert interval_table(calendar).num_rows == 0
    assert business_seconds_between(calendar, moments[:1], moments[1:]).tolist() == [0.0]
    assert is_open(calendar, moments).tolist() == [False, False]
    assert np.isnan(next_open(calendar, moments)).all()
    assert np.isnan(business_deadline(calendar, moments, np.array([60, 60]))).all()


def test_scalar_instants_give_scalar_answers() -> None:
    spec = parse_calendars({"c": {"timezone": "UTC", "mon": ["09:00-17:00"]}})["c"]
    calendar = compile_calendar(spec, start=date(2026, 3, 1), end=date(2026, 3, 31))
    assert bool(is_open(calendar, MARCH_2ND_NOON)) is True
    assert float(business_seconds_between(calendar, MARCH_2ND_NOON, MARCH_2ND_NOON + 3600)) == 3600
    assert (
        float(business_position(calendar, MARCH_2ND_NOON + 7 * 86_400))
        == float(business_position(calendar, MARCH_2ND_NOON)) + 8 * 3600
    )


def test_every_calendar_key_is_documented() -> None:
    text = DOCS.read_text(encoding="utf-8")
    missing = [key for key in sorted(CALENDAR_KEYS) if f"`{key}`" not in text]
    assert missing == []
