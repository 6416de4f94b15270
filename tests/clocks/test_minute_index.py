"""The day and minute lookup tables give the same business positions as the intervals."""

from __future__ import annotations

from datetime import date

import numpy as np
import pyarrow as pa
import pytest

from supportgauge.clocks import business_position, compile_calendar, is_open, parse_calendars
from supportgauge.clocks.compiled import CompiledCalendar
from supportgauge.clocks.minute_index import MINUTES_PER_DAY, MinuteIndex, minute_index
from supportgauge.errors import SettingsError

CALENDARS = parse_calendars(
    {
        "berlin": {  # daylight saving moves the shift in UTC twice
            "timezone": "Europe/Berlin",
            **{day: ["09:00-18:00"] for day in ("mon", "tue", "wed", "thu", "fri")},
            "holidays": ["DE"],
            "closed": ["2026-12-24", "2026-12-28..2026-12-31"],
        },
        "shanghai": {  # split shifts, make-up working weekends, Chinese New Year
            "timezone": "Asia/Shanghai",
            **{day: ["09:00-12:00", "13:30-18:30"] for day in ("mon", "tue", "wed", "thu", "fri")},
            "holidays": ["CN"],
        },
        "night": {  # overnight shifts across UTC midnight, in a zone off the hour
            "timezone": "Asia/Kolkata",
            **{day: ["22:15-06:45"] for day in ("sun", "mon", "tue", "wed", "thu")},
        },
        "riyadh": {
            "timezone": "Asia/Riyadh",
            **{day: ["08:00-16:00"] for day in ("sun", "mon", "tue", "wed", "thu")},
            "holidays": ["SA"],
            "ramadan": {
                "hours": {day: ["10:00-15:00"] for day in ("sun", "mon", "tue", "wed", "thu")},
                "dates": [["2026-02-18", "2026-03-19"]],
            },
        },
        "always": {"timezone": "UTC", **{day: ["00:00-24:00"] for day in ("mon", "sun")}},
    }
)
FIRST, LAST = date(2026, 1, 1), date(2026, 12, 31)


@pytest.fixture(scope="module")
def compiled() -> dict[str, CompiledCalendar]:
    return {name: compile_calendar(spec, start=FIRST, end=LAST) for name, spec in CALENDARS.items()}


@pytest.fixture(scope="module")
def index(compiled: dict[str, CompiledCalendar]) -> MinuteIndex:
    return minute_index(compiled)


def _looked_up(index: MinuteIndex, name: str, instants: np.ndarray) -> tuple[np.ndarray, ...]:
    """Position and openness as the engine computes them from the two tables."""
    days = index.days.filter(pa.compute.equal(index.days["calendar"], name))
    day_of = {d: i for i, d in enumerate(days["day"].to_numpy())}
    day = np.floor(instants / 86_400).astype(np.int64)
    minute = np.floor((instants - day * 86_400) / 60).astype(np.int64)
    rows = np.array([day_of[d] for d in day])
    pattern = days["pattern"].to_numpy()[rows]
    cell = pattern * MINUTES_PER_DAY + minute
    minute_open = index.minutes["minute_open"].to_numpy(zero_copy_only=False)[cell]
    into = np.where(minute_open, instants - (day * 86_400 + minute * 60), 0.0)
    position = (
        days["day_position"].to_numpy()[rows]
        + index.minutes["minute_position"].to_numpy()[cell]
        + into
    )
    return position, minute_open


@pytest.mark.parametrize("name", list(CALENDARS))
def test_lookups_equal_the_interval_mapping(
    compiled: dict[str, CompiledCalendar], index: MinuteIndex, name: str
) -> None:
    rng = np.random.default_rng(7)
    calendar = compiled[name]
    low, high = calendar.cover_from_epoch, calendar.cover_until_epoch - 86_400
    instants = rng.uniform(low, high, 20_000)
    edges = np.concatenate([calendar.open_start, calendar.open_end]).astype(np.float64)
    instants = np.concatenate([instants, edges[(edges >= low) & (edges < high)]])
    position, minute_open = _looked_up(index, name, instants)
    assert np.array_equal(position, business_position(calendar, instants))
    assert np.array_equal(minute_open, is_open(calendar, instants))


def test_a_year_of_days_needs_few_minute_patterns(index: MinuteIndex) -> None:
    patterns = index.minutes.num_rows // MINUTES_PER_DAY
    assert index.days.num_rows > 5 * 365
    assert patterns < 40
    assert index.minutes["pattern"].to_pylist()[::MINUTES_PER_DAY] == list(range(patterns))


def test_a_calendar_opening_between_minutes_is_refused() -> None:
    odd = CompiledCalendar(
        name="odd",
        timezone="UTC",
        open_start=np.array([1_000_030], dtype=np.int64),
        open_end=np.array([1_003_600], dtype=np.int64),
        cum_before=np.array([0], dtype=np.int64),
        cover_from_epoch=950_400,
        cover_until_epoch=1_123_200,
        horizon_epoch=1_123_200,
    )
    with pytest.raises(SettingsError, match="between whole minutes"):
        minute_index({"odd": odd})


def test_hours_between_minutes_are_a_settings_error_for_metrics() -> None:
    from supportgauge.errors import SettingsError
    from supportgauge.metrics.business_positions import clock_tables

    # Before 1854 Kolkata kept local mean time, 5:53:28 ahead of UTC.
    calendars = parse_calendars({"old": {"timezone": "Asia/Kolkata", "mon": ["09:00-17:00"]}})
    with pytest.raises(SettingsError, match=r"\[calendars.old\]: opens or closes between whole"):
        clock_tables({"V": "old"}, calendars, first=date(1850, 3, 1), last=date(1850, 3, 20))
