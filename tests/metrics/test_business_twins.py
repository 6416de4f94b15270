"""Business-time twins on the vendor's calendar, and creation outside its hours."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportgauge.errors import SettingsError
from supportgauge.settings import Settings, settings_from_document
from tests.builders import event_row
from tests.metrics.cases import figures, status

# Base time is Monday 2026-03-02 10:00 UTC; this office is open weekdays 09:00-18:00 UTC.
OFFICE = settings_from_document(
    {
        "calendars": {
            "office": {
                "timezone": "UTC",
                **{day: ["09:00-18:00"] for day in ("mon", "tue", "wed", "thu", "fri")},
            }
        },
        "vendors": {"VendorA": {"calendar": "office"}},
    }
)
FRIDAY_17H = 4 * 24 * 60 + 7 * 60  # minutes after the base time


def test_without_calendars_business_equals_wall_clock(load: Callable[..., Any]) -> None:
    row = figures(load, [event_row(30, "agent_reply"), status(90, "solved")])
    assert row["first_response_business_min"] == row["first_response_min"] == 30
    assert row["full_resolution_business_min"] == 90
    assert row["created_off_hours"] is False


def test_weekend_does_not_count_on_an_office_calendar(load: Callable[..., Any]) -> None:
    created = FRIDAY_17H
    events = [
        event_row(created + 3 * 24 * 60 - 6 * 60, "agent_reply"),  # Monday 11:00
        status(created + 3 * 24 * 60 - 5 * 60, "solved"),  # Monday 12:00
    ]
    row = figures(load, events, settings=OFFICE, created_at=_iso(created))
    assert row["first_response_min"] == 3 * 24 * 60 - 6 * 60
    assert row["first_response_business_min"] == 60 + 120
    assert row["full_resolution_business_min"] == 60 + 180
    assert row["requester_wait_business_min"] == 240
    assert row["max_update_gap_business_min"] == 180
    assert row["created_off_hours"] is False


def test_ticket_created_at_night_is_off_hours(load: Callable[..., Any]) -> None:
    created = 12 * 60  # Monday 22:00
    events = [event_row(created + 11 * 60 + 30, "agent_reply")]  # Tuesday 09:30
    row = figures(load, events, settings=OFFICE, created_at=_iso(created))
    assert row["created_off_hours"] is True
    assert row["first_response_min"] == 11 * 60 + 30
    assert row["first_response_business_min"] == 30


def test_pending_time_is_excluded_in_business_time_too(load: Callable[..., Any]) -> None:
    events = [status(60, "pending"), status(180, "open"), status(240, "solved")]
    row = figures(load, events, settings=OFFICE)
    assert row["requester_wait_business_min"] == 60 + 60


def test_unknown_vendor_calendar_is_a_settings_error() -> None:
    with pytest.raises(SettingsError) as raised:
        settings_from_document({"vendors": {"VendorA": {"calendar": "nowhere"}}})
    assert str(raised.value) == (
        "settings: vendor 'VendorA', key 'calendar': 'nowhere' is not a calendar; "
        "defined calendars: 24x7."
    )


def _iso(minutes: int) -> str:
    from tests.builders import at

    return at(minutes)


def test_settings_type_is_public() -> None:
    assert isinstance(OFFICE, Settings)


def test_first_real_answer_counts_only_open_hours(load: Callable[..., Any]) -> None:
    created = 12 * 60  # Monday 22:00
    events = [
        event_row(created + 5, "agent_reply", body="Thanks, we are looking into it."),
        event_row(
            created + 11 * 60 + 30, "agent_reply", body="Root cause: packet loss at the edge node."
        ),
    ]
    row = figures(load, events, settings=OFFICE, created_at=_iso(created))
    assert row["first_response_business_min"] == 0
    assert row["first_real_answer_min"] == 11 * 60 + 30
    assert row["first_real_answer_business_min"] == 30
