"""Random calendars against a brute-force oracle that walks UTC minute by minute.

The oracle converts each UTC minute to local wall time with zoneinfo and asks whether a
shift of that local date, or the overnight tail of the previous date's shift, covers it.
Shift boundaries fall on whole minutes in UTC, so business seconds are 60 x open minutes.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

import holidays
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests.examples import examples

from supportgauge.clocks import (
    business_seconds_between,
    compile_calendar,
    is_open,
    next_open,
    parse_calendars,
)

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
# Zone, its holiday country, and UTC instants of DST changes to draw spans near.
ZONES = {
    "Europe/Berlin": ("DE", ["2026-03-29T01:00", "2026-10-25T01:00"]),
    "America/New_York": ("US", ["2026-03-08T07:00", "2026-11-01T06:00"]),
    "America/Sao_Paulo": ("BR", ["2018-11-04T03:00", "2019-02-17T02:00"]),
    "Asia/Riyadh": ("SA", []),
    "Asia/Shanghai": ("CN", []),
    "Australia/Sydney": ("AU", ["2026-04-04T16:00", "2026-10-03T16:00"]),
}
YEAR_2026_START = int(datetime(2026, 1, 1, tzinfo=UTC).timestamp())
MAX_SPAN_MIN = 3 * 24 * 60


@dataclass(frozen=True)
class Case:
    zone: str
    week: tuple[tuple[tuple[int, int], ...], ...]  # (start_min, end_min) per weekday
    closed: tuple[date, ...]
    workdays: tuple[date, ...]
    workday_index: int
    with_country: bool
    start_epoch: int
    end_epoch: int


def _special_days_2026(country: str) -> list[date]:
    """Public holidays (and China's make-up working weekends) to draw spans near."""
    calendar = holidays.country_holidays(country, years=2026)
    return sorted({*calendar, *getattr(calendar, "weekend_workdays", set())})


SPECIAL_DAYS = {zone: _special_days_2026(country) for zone, (country, _) in ZONES.items()}


def _hhmm(minute: int) -> str:
    """'HH:MM' of a shift bound; 1440 is '24:00', later minutes are the next morning."""
    if minute != 1440:
        minute %= 1440
    return f"{minute // 60:02d}:{minute % 60:02d}"


@st.composite
def day_shifts(draw: st.DrawFn) -> tuple[tuple[int, int], ...]:
    if draw(st.booleans()) and draw(st.booleans()):
        return ((0, 1440),)
    points = sorted(draw(st.lists(st.integers(0, 48), max_size=4, unique=True)))
    shifts = [(a * 30, b * 30) for a, b in zip(points[::2], points[1::2], strict=False)]
    if draw(st.booleans()):  # an overnight shift, 20:00..23:30 to 00:30..08:00
        start = draw(st.integers(40, 47)) * 30
        end = 1440 + draw(st.integers(1, 16)) * 30
        if not shifts or shifts[-1][1] <= start:
            shifts.append((start, end))
    return tuple(shifts)


@st.composite
def cases(draw: st.DrawFn) -> Case:
    if draw(st.booleans()):  # half of the spans start near a DST change
        zone = draw(st.sampled_from(sorted(zone for zone in ZONES if ZONES[zone][1])))
        change = datetime.fromisoformat(draw(st.sampled_from(ZONES[zone][1])))
        change_epoch = int(change.replace(tzinfo=UTC).timestamp())
        start_epoch = change_epoch + draw(st.integers(-2 * 1440, 1440)) * 60
    elif draw(st.booleans()):  # near a public holiday or make-up day of the zone's country
        zone = draw(st.sampled_from(sorted(ZONES)))
        day = draw(st.sampled_from(SPECIAL_DAYS[zone]))
        noon = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
        start_epoch = int(noon.timestamp()) + draw(st.integers(-2 * 1440, 1440)) * 60
    else:
        zone = draw(st.sampled_from(sorted(ZONES)))
        start_epoch = YEAR_2026_START + draw(st.integers(0, 364 * 1440)) * 60
    end_epoch = start_epoch + draw(st.integers(0, MAX_SPAN_MIN)) * 60
    first_day = datetime.fromtimestamp(start_epoch, tz=UTC).date() - timedelta(days=1)
    nearby = [first_day + timedelta(days=offset) for offset in range(6)]
    closed = draw(st.lists(st.sampled_from(nearby), max_size=2, unique=True))
    workdays = draw(
        st.lists(st.sampled_from([d for d in nearby if d not in closed]), max_size=2, unique=True)
    )
    return Case(
        zone=zone,
        week=tuple(draw(day_shifts()) for _ in WEEKDAYS),
        closed=tuple(closed),
        workdays=tuple(workdays),
        workday_index=draw(st.integers(0, 6)),
        with_country=draw(st.booleans()),
        start_epoch=start_epoch,
        end_epoch=end_epoch,
    )


def calendar_table(case: Case) -> dict[str, object]:
    table: dict[str, object] = {
        "timezone": case.zone,
        "closed": [day.isoformat() for day in case.closed],
        "workdays": [day.isoformat() for day in case.workdays],
        "workday_hours": WEEKDAYS[case.workday_index],
        "holidays": [ZONES[case.zone][0]] if case.with_country else [],
    }
    for name, shifts in zip(WEEKDAYS, case.week, strict=True):
        table[name] = [f"{_hhmm(start)}-{_hhmm(end)}" for start, end in shifts]
    return table


def oracle_open_minutes(case: Case) -> np.ndarray:
    """Open (True) or closed for each UTC minute from start to end, by local wall time."""
    zone = ZoneInfo(case.zone)
    country = ZONES[case.zone][0]

    @cache
    def country_days(year: int) -> tuple[frozenset[date], frozenset[date]]:
        if not case.with_country:
            return frozenset(), frozenset()
        calendar = holidays.country_holidays(country, years=year)
        make_up = getattr(calendar, "weekend_workdays", set()) if country == "CN" else set()
        return frozenset(calendar), frozenset(make_up)

    @cache
    def shifts_of(day: date) -> tuple[tuple[int, int], ...]:
        public, make_up = country_days(day.year)
        if day in case.closed:
            return ()
        if day in case.workdays or day in make_up:
            return case.week[case.workday_index]
        if day in public:
            return ()
        return case.week[day.weekday()]

    flags = []
    for instant in range(case.start_epoch, case.end_epoch, 60):
        local = datetime.fromtimestamp(instant, tz=zone)
        wall_min = local.hour * 60 + local.minute
        today = local.date()
        yesterday = today - timedelta(days=1)
        flags.append(
            any(start <= wall_min < end for start, end in shifts_of(today))
            or any(start <= wall_min + 1440 < end for start, end in shifts_of(yesterday))
        )
    return np.asarray(flags, dtype=bool)


@pytest.mark.properties
@settings(max_examples=examples(100), deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(cases())
def test_business_time_matches_minute_by_minute_oracle(case: Case) -> None:
    spec = parse_calendars({"random": calendar_table(case)})["random"]
    start_day = datetime.fromtimestamp(case.start_epoch, tz=UTC).date()
    end_day = datetime.fromtimestamp(case.end_epoch, tz=UTC).date()
    calendar = compile_calendar(spec, start=start_day, end=end_day)
    expected = oracle_open_minutes(case)

    minutes = np.arange(case.start_epoch, case.end_epoch, 60, dtype=np.int64)
    assert np.array_equal(is_open(calendar, minutes), expected)
    forward = business_seconds_between(
        calendar, np.array([case.start_epoch]), np.array([case.end_epoch])
    )
    assert forward[0] == 60 * int(expected.sum())
    backward = business_seconds_between(
        calendar, np.array([case.end_epoch]), np.array([case.start_epoch])
    )
    assert backward[0] == -forward[0]
    if expected.any():
        first_open = case.start_epoch + 60 * int(np.argmax(expected))
        assert next_open(calendar, np.array([case.start_epoch]))[0] == first_open
