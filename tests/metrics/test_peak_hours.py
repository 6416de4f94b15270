"""The customer's clock: local hour and weekday, evening peak, Ramadan's late peak."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportgauge.errors import SettingsError
from supportgauge.settings import settings_from_document
from tests.metrics.cases import figures


@pytest.mark.parametrize(
    ("created_at", "region", "local_hour", "peak"),
    [
        ("2026-01-10T17:00:00Z", "SA", 20, True),  # Riyadh 20:00, an ordinary evening
        ("2026-01-10T21:00:00Z", "SA", 0, False),  # past the 19:00-23:00 peak
        ("2026-03-01T17:00:00Z", "SA", 20, False),  # Ramadan: 20:00 is iftar, not yet peak
        ("2026-03-01T19:30:00Z", "SA", 22, True),  # Ramadan night
        ("2026-03-01T23:30:00Z", "SA", 2, True),  # Ramadan, before dawn
        ("2026-03-02T01:00:00Z", "US", 20, True),  # New York, no Ramadan shift
        ("2026-03-01T12:30:00Z", "ID", 19, False),  # Jakarta in Ramadan: 19:30 not yet peak
    ],
)
def test_peak_hours_follow_region_and_ramadan(
    load: Callable[..., Any], created_at: str, region: str, local_hour: int, peak: bool
) -> None:
    row = figures(load, [], created_at=created_at, region=region)
    assert row["created_local_hour"] == local_hour
    assert row["created_peak_hours"] is peak


def test_ticket_timezone_wins_over_region(load: Callable[..., Any]) -> None:
    row = figures(load, [], created_at="2026-01-10T17:00:00Z", region="SA", timezone="Asia/Jakarta")
    assert row["created_local_hour"] == 0


def test_unknown_zone_falls_back_to_written_offset_and_no_peak(load: Callable[..., Any]) -> None:
    row = figures(load, [], created_at="2026-01-10T20:30:00+05:00")
    assert row["created_local_hour"] == 20
    assert row["created_peak_hours"] is None


def test_local_weekday_is_monday_zero(load: Callable[..., Any]) -> None:
    # Sunday 23:30 UTC is Monday 02:30 in Riyadh.
    row = figures(load, [], created_at="2026-01-11T23:30:00Z", region="SA")
    assert row["created_local_weekday"] == 0


def test_region_settings_override_the_peak(load: Callable[..., Any]) -> None:
    settings = settings_from_document(
        {"regions": {"BR": {"peak": ["20:00-01:00"]}, "default": {"ramadan": False}}}
    )
    late = figures(load, [], settings=settings, created_at="2026-01-11T03:30:00Z", region="BR")
    assert late["created_local_hour"] == 0
    assert late["created_peak_hours"] is True


def test_bad_region_setting_is_named() -> None:
    with pytest.raises(SettingsError) as raised:
        settings_from_document({"regions": {"SA": {"peak": ["7pm-11pm"]}}})
    assert str(raised.value) == (
        "settings: region 'SA', key 'peak': '7pm-11pm' is not a time range HH:MM-HH:MM."
    )
