"""The documented rules: DST, overnight shifts and holidays, make-up days, Ramadan, edges."""

from __future__ import annotations

import time
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np
import pytest

from supportgauge.clocks import (
    CompiledCalendar,
    as_epoch_seconds,
    business_deadline,
    business_position,
    business_seconds_between,
    compile_calendar,
    dates_covering,
    interval_table,
    is_open,
    next_open,
    parse_calendars,
)

HOUR = 3600
MINUTE = 60


def at(text: str) -> float:
    """Epoch seconds of an ISO time with its offset, e.g. '2026-03-29T03:00+02:00'."""
    return datetime.fromisoformat(text).timestamp()


def calendar_of(table: dict[str, Any], start: date, end: date) -> CompiledCalendar:
    return compile_calendar(parse_calendars({"c": table})["c"], start=start, end=end)


def between(calendar: CompiledCalendar, start: str, end: str) -> float:
    return float(business_seconds_between(calendar, np.array([at(start)]), np.array([at(end)]))[0])


def open_at(calendar: CompiledCalendar, moment: str) -> bool:
    return bool(is_open(calendar, np.array([at(moment)]))[0])


BERLIN_SUNDAYS = {"timezone": "Europe/Berlin", "sun": ["02:30-03:30"]}


def test_spring_forward_shift_starting_in_the_gap_opens_after_it() -> None:
    # 2026-03-29 02:00 CET jumps to 03:00 CEST: 02:30 does not exist.
    calendar = calendar_of(BERLIN_SUNDAYS, date(2026, 3, 28), date(2026, 3, 30))
    assert between(calendar, "2026-03-29T00:00+01:00", "2026-03-29T12:00+02:00") == 30 * MINUTE
    assert float(next_open(calendar, np.array([at("2026-03-29T01:00+01:00")]))[0]) == at(
        "2026-03-29T03:00+02:00"
    )
    assert open_at(calendar, "2026-03-29T03:29+02:00")
    assert not open_at(calendar, "2026-03-29T03:30+02:00")


def test_fall_back_repeated_hour_counts_twice_when_open_both_times() -> None:
    # 2026-10-25 03:00 CEST falls back to 02:00 CET: 02:30 happens twice.
    calendar = calendar_of(BERLIN_SUNDAYS, date(2026, 10, 24), date(2026, 10, 26))
    assert between(calendar, "2026-10-25T00:00+02:00", "2026-10-25T12:00+01:00") == 90 * MINUTE
    assert open_at(calendar, "2026-10-25T02:45+02:00")
    assert open_at(calendar, "2026-10-25T02:45+01:00")
    assert not open_at(calendar, "2026-10-25T02:15+02:00")


@pytest.mark.parametrize(
    ("day", "hours"), [(date(2026, 3, 29), 23), (date(2026, 10, 25), 25), (date(2026, 6, 7), 24)]
)
def test_all_day_is_real_elapsed_time(day: date, hours: int) -> None:
    calendar = calendar_of(
        {"timezone": "Europe/Berlin", "sun": ["00:00-24:00"]}, date(2026, 1, 1), date(2026, 12, 31)
    )
    berlin = ZoneInfo("Europe/Berlin")
    midnight = datetime(day.year, day.month, day.day, tzinfo=berlin).timestamp()
    next_midnight = (
        datetime(day.year, day.month, day.day, tzinfo=berlin) + timedelta(days=1)
    ).timestamp()
    result = business_seconds_between(calendar, np.array([midnight]), np.array([next_midnight]))
    assert float(result[0]) == hours * HOUR


OVERNIGHT = {"timezone": "Europe/Berlin", "fri": ["22:00-06:00"], "holidays": ["DE"]}


def test_overnight_shift_belongs_to_friday() -> None:
    calendar = calendar_of(OVERNIGHT, date(2026, 3, 1), date(2026, 3, 31))
    assert between(calendar, "2026-03-06T12:00+01:00", "2026-03-07T12:00+01:00") == 8 * HOUR
    assert open_at(calendar, "2026-03-07T05:59+01:00")
    assert not open_at(calendar, "2026-03-07T06:00+01:00")


def test_holiday_on_friday_closes_the_whole_overnight_shift() -> None:
    # Good Friday 2026-04-03 is a German public holiday.
    calendar = calendar_of(OVERNIGHT, date(2026, 3, 1), date(2026, 4, 30))
    assert between(calendar, "2026-04-03T12:00+02:00", "2026-04-04T12:00+02:00") == 0
    assert not open_at(calendar, "2026-04-04T02:00+02:00")


def test_closed_saturday_keeps_the_friday_night_shift_open() -> None:
    table = {**OVERNIGHT, "closed": ["2026-03-07"]}
    calendar = calendar_of(table, date(2026, 3, 1), date(2026, 3, 31))
    assert between(calendar, "2026-03-06T12:00+01:00", "2026-03-07T12:00+01:00") == 8 * HOUR
    assert open_at(calendar, "2026-03-07T02:00+01:00")


SHANGHAI = {
    "timezone": "Asia/Shanghai",
    **{day: ["09:00-18:00"] for day in ("mon", "tue", "wed", "thu", "fri")},
    "holidays": ["CN"],
}


def test_china_make_up_saturday_opens_with_monday_hours() -> None:
    # holidays.CN: Saturday 2026-02-14 is an official make-up working day.
    calendar = calendar_of(SHANGHAI, date(2026, 1, 1), date(2026, 3, 31))
    assert between(calendar, "2026-02-14T00:00+08:00", "2026-02-15T00:00+08:00") == 9 * HOUR
    assert not open_at(calendar, "2026-02-21T10:00+08:00")  # an ordinary Saturday


def test_spring_festival_closes_the_office() -> None:
    calendar = calendar_of(SHANGHAI, date(2026, 1, 1), date(2026, 3, 31))
    assert not open_at(calendar, "2026-02-17T10:00+08:00")  # Chinese New Year
    assert open_at(calendar, "2026-02-10T10:00+08:00")


def test_explicit_workday_uses_the_configured_weekday_hours() -> None:
    table = {
        "timezone": "UTC",
        "mon": ["09:00-18:00"],
        "fri": ["09:00-13:00"],
        "workdays": ["2026-03-07"],
        "workday_hours": "fri",
    }
    calendar = calendar_of(table, date(2026, 3, 1), date(2026, 3, 31))
    assert between(calendar, "2026-03-07T00:00+00:00", "2026-03-08T00:00+00:00") == 4 * HOUR


def test_explicit_workday_opens_on_a_public_holiday() -> None:
    table = {"timezone": "Europe/Berlin", "fri": ["09:00-17:00"], "holidays": ["DE"]}
    table["workdays"] = ["2026-04-04"]  # the Saturday after Good Friday, with Monday's hours
    table["mon"] = ["10:00-12:00"]
    calendar = calendar_of(table, date(2026, 3, 1), date(2026, 4, 30))
    assert between(calendar, "2026-04-03T00:00+02:00", "2026-04-05T00:00+02:00") == 2 * HOUR


RIYADH = {
    "timezone": "Asia/Riyadh",
    **{day: ["09:00-17:00"] for day in ("sun", "mon", "tue", "wed", "thu")},
    "ramadan": {"hours": {day: ["10:00-15:00", "21:00-02:00"] for day in ("sun", "mon", "tue")}},
}


def test_ramadan_hours_follow_umm_al_qura_dates() -> None:
    # 1 Ramadan 1447 = Wednesday 2026-02-18; Ramadan hours list no Wednesday: closed.
    calendar = calendar_of(RIYADH, date(2026, 2, 1), date(2026, 3, 31))
    assert between(calendar, "2026-02-17T00:00+03:00", "2026-02-18T00:00+03:00") == 8 * HOUR
    assert between(calendar, "2026-02-18T00:00+03:00", "2026-02-19T00:00+03:00") == 0
    # Sunday 2026-02-22: 10:00-15:00 plus 21:00-02:00 running into Monday.
    assert between(calendar, "2026-02-22T00:00+03:00", "2026-02-23T09:00+03:00") == 10 * HOUR
    assert open_at(calendar, "2026-02-23T01:30+03:00")


def test_ramadan_date_override_moves_the_first_day() -> None:
    table = {**RIYADH, "ramadan": {**RIYADH["ramadan"], "dates": [["2026-02-19", "2026-03-20"]]}}
    calendar = calendar_of(table, date(2026, 2, 1), date(2026, 3, 31))
    # Wednesday 2026-02-18 is now an ordinary day with regular hours.
    assert between(calendar, "2026-02-18T00:00+03:00", "2026-02-19T00:00+03:00") == 8 * HOUR


def test_special_stretch_replaces_weekly_hours_and_beats_ramadan() -> None:
    special = {"from": "2026-02-22", "to": "2026-02-22", "sun": ["12:00-13:00"]}
    calendar = calendar_of({**RIYADH, "special": [special]}, date(2026, 2, 1), date(2026, 3, 31))
    assert between(calendar, "2026-02-22T00:00+03:00", "2026-02-23T00:00+03:00") == 1 * HOUR


def test_24x7_counts_wall_clock_time() -> None:
    spec = parse_calendars({})["24x7"]
    calendar = compile_calendar(spec, start=date(2026, 1, 1), end=date(2026, 12, 31))
    assert len(calendar.open_start) == 1
    assert between(calendar, "2026-03-28T22:00+00:00", "2026-03-30T01:30+00:00") == 27.5 * HOUR


WEEKDAYS_9_TO_17 = {
    "timezone": "UTC",
    **{day: ["09:00-17:00"] for day in ("mon", "tue", "wed", "thu", "fri")},
}


def test_missing_instants_give_nan_and_reversed_spans_are_negative() -> None:
    calendar = calendar_of(WEEKDAYS_9_TO_17, date(2026, 3, 1), date(2026, 3, 31))
    starts = np.array([at("2026-03-02T10:00+00:00"), np.nan, at("2026-03-03T10:00+00:00")])
    ends = np.array(
        [at("2026-03-03T10:00+00:00"), at("2026-03-03T10:00+00:00"), at("2026-03-02T10:00+00:00")]
    )
    result = business_seconds_between(calendar, starts, ends)
    assert result[0] == 8 * HOUR
    assert np.isnan(result[1])
    assert result[2] == -8 * HOUR


def test_datetime64_input_with_nat() -> None:
    calendar = calendar_of(WEEKDAYS_9_TO_17, date(2026, 3, 1), date(2026, 3, 31))
    starts = np.array(["2026-03-02T08:00", "NaT"], dtype="datetime64[ns]")
    ends = np.array(["2026-03-02T10:00:30", "2026-03-02T10:00"], dtype="datetime64[s]")
    result = business_seconds_between(calendar, starts, ends)
    assert result[0] == HOUR + 30
    assert np.isnan(result[1])
    assert as_epoch_seconds(np.array([5], dtype=np.int64)).dtype == np.float64


def test_instants_outside_the_compiled_dates_give_nan() -> None:
    calendar = calendar_of(WEEKDAYS_9_TO_17, date(2026, 3, 1), date(2026, 3, 31))
    outside = np.array([at("2026-05-04T10:00+00:00")])
    assert np.isnan(business_position(calendar, outside)[0])
    assert not is_open(calendar, outside)[0]
    assert np.isnan(next_open(calendar, outside)[0])


def test_next_open_on_a_holiday_is_the_next_opening() -> None:
    table = {**WEEKDAYS_9_TO_17, "closed": ["2026-03-06"]}
    calendar = calendar_of(table, date(2026, 3, 1), date(2026, 3, 31))
    moments = np.array([at("2026-03-06T11:00+00:00"), at("2026-03-05T11:00+00:00"), np.nan])
    result = next_open(calendar, moments)
    assert result[0] == at("2026-03-09T09:00+00:00")
    assert result[1] == moments[1]
    assert np.isnan(result[2])


def test_deadline_skips_closed_time_and_zero_is_the_start() -> None:
    calendar = calendar_of(WEEKDAYS_9_TO_17, date(2026, 3, 1), date(2026, 3, 31))
    friday_late = at("2026-03-06T16:00+00:00")
    result = business_deadline(calendar, np.array([friday_late] * 3), np.array([2 * HOUR, 0, -1]))
    assert result[0] == at("2026-03-09T10:00+00:00")
    assert result[1] == friday_late
    assert np.isnan(result[2])


def test_interval_table_formula_matches_the_mapping() -> None:
    calendar = calendar_of(
        OVERNIGHT | {"mon": ["08:00-12:00", "13:00-18:00"]}, date(2026, 1, 1), date(2026, 12, 31)
    )
    table = interval_table(calendar)
    assert table.column_names == ["open_start", "open_end", "cum_before"]
    assert all(str(field.type) == "int64" for field in table.schema)
    starts = np.asarray(table["open_start"])
    ends = np.asarray(table["open_end"])
    cum_before = np.asarray(table["cum_before"])
    rng = np.random.default_rng(7)
    moments = rng.integers(
        int(at("2026-01-01T00:00+00:00")), int(at("2026-12-31T00:00+00:00")), 500
    )
    for moment in moments:
        rows = np.flatnonzero(starts <= moment)  # the ASOF match: greatest open_start <= t
        if rows.size == 0:
            expected = 0
        else:
            i = rows[-1]
            expected = cum_before[i] + min(max(moment - starts[i], 0), ends[i] - starts[i])
        assert business_position(calendar, np.array([moment]))[0] == expected


def test_intervals_are_sorted_merged_and_cumulative() -> None:
    table = {
        "timezone": "UTC",
        "mon": ["00:00-24:00"],
        "sun": ["12:00-24:00"],
        "tue": ["00:00-06:00"],
    }
    calendar = calendar_of(table, date(2026, 3, 1), date(2026, 3, 31))
    assert np.all(calendar.open_start[1:] > calendar.open_end[:-1])
    lengths = calendar.open_end - calendar.open_start
    assert np.array_equal(calendar.cum_before, np.concatenate(([0], np.cumsum(lengths)[:-1])))
    # Sunday noon to Tuesday 06:00 is one merged interval of 42 hours.
    assert 42 * HOUR in set(lengths.tolist())


def test_compiling_three_years_takes_well_under_a_second() -> None:
    spec = parse_calendars({"c": SHANGHAI})["c"]
    started = time.perf_counter()
    calendar = compile_calendar(spec, start=date(2024, 1, 1), end=date(2026, 12, 31))
    assert time.perf_counter() - started < 0.5
    assert len(calendar.open_start) > 700


def test_dates_covering_ignores_missing_values() -> None:
    first, last = dates_covering(
        np.array([at("2026-03-02T10:00+00:00"), np.nan]), np.array([at("2026-04-01T23:00+00:00")])
    )
    assert (first, last) == (date(2026, 3, 2), date(2026, 4, 1))
