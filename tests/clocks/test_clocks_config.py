"""Parsing `[calendars.NAME]` tables: the SPEC example, the extra keys, exact error messages."""

from __future__ import annotations

import tomllib
from datetime import date
from typing import Any

import pytest

from supportgauge.clocks import BUILT_IN_24X7, parse_calendars
from supportgauge.clocks.hours import ALL_DAY_WEEK, Shift
from supportgauge.errors import SettingsError

SPEC_EXAMPLE = """
[calendars.berlin_office]
timezone = "Europe/Berlin"
mon = ["08:00-12:00", "13:00-18:00"]
tue = ["08:00-18:00"]
wed = ["08:00-18:00"]
thu = ["00:00-24:00"]
fri = ["22:00-06:00"]
holidays = ["DE"]
closed = ["2026-12-24", "2026-12-28..2026-12-31"]

[calendars.shanghai]
timezone = "Asia/Shanghai"
mon = ["09:00-18:00"]
holidays = ["CN"]
workdays = [2026-03-07, "2026-03-14"]
workday_hours = "mon"

[calendars.riyadh]
timezone = "Asia/Riyadh"
sun = ["09:00-17:00"]
holidays = ["SA"]

[calendars.riyadh.ramadan]
hours = { sun = ["10:00-15:00", "21:00-02:00"] }
dates = [["2026-02-19", "2026-03-20"]]

[[calendars.riyadh.special]]
from = "2026-06-01"
to = "2026-06-30"
sun = ["08:00-12:00"]
"""


def parsed_spec_example() -> dict[str, Any]:
    return parse_calendars(tomllib.loads(SPEC_EXAMPLE)["calendars"])


def test_spec_example_parses_weekly_hours_in_minutes() -> None:
    berlin = parsed_spec_example()["berlin_office"]
    assert berlin.timezone == "Europe/Berlin"
    assert berlin.hours[0] == (Shift(480, 720), Shift(780, 1080))
    assert berlin.hours[3] == (Shift(0, 1440),)
    # 22:00-06:00 belongs to Friday and runs 8 hours into Saturday.
    assert berlin.hours[4] == (Shift(1320, 1800),)
    assert berlin.hours[5] == () and berlin.hours[6] == ()
    assert berlin.holiday_regions == (("DE", None),)
    assert berlin.closed == (
        (date(2026, 12, 24), date(2026, 12, 24)),
        (date(2026, 12, 28), date(2026, 12, 31)),
    )


def test_spec_example_parses_workdays_special_and_ramadan() -> None:
    calendars = parsed_spec_example()
    shanghai = calendars["shanghai"]
    assert shanghai.workdays == (
        (date(2026, 3, 7), date(2026, 3, 7)),
        (date(2026, 3, 14), date(2026, 3, 14)),
    )
    assert shanghai.workday_hours == "mon"
    riyadh = calendars["riyadh"]
    assert riyadh.ramadan is not None
    assert riyadh.ramadan.hours[6] == (Shift(600, 900), Shift(1260, 1560))
    assert riyadh.ramadan.date_overrides == ((date(2026, 2, 19), date(2026, 3, 20)),)
    assert len(riyadh.special) == 1
    assert riyadh.special[0].first == date(2026, 6, 1)
    assert riyadh.special[0].hours[6] == (Shift(480, 720),)


def test_24x7_is_always_built_in() -> None:
    assert set(parse_calendars({})) == {BUILT_IN_24X7}
    assert set(parse_calendars(None)) == {BUILT_IN_24X7}
    built_in = parsed_spec_example()[BUILT_IN_24X7]
    assert built_in.timezone == "UTC"
    assert built_in.hours == ALL_DAY_WEEK


def test_special_may_be_a_single_table() -> None:
    section = {
        "c": {"timezone": "UTC", "special": {"from": "2026-01-01", "to": "2026-01-02", "fri": []}}
    }
    assert len(parse_calendars(section)["c"].special) == 1


def test_bare_toml_dates_are_accepted_and_date_times_refused() -> None:
    table = tomllib.loads(
        'timezone = "UTC"\nclosed = [2026-12-24]\nworkdays = [2026-12-26T10:00:00]'
    )
    with pytest.raises(SettingsError) as raised:
        parse_calendars({"c": table})
    assert str(raised.value) == (
        "calendar 'c', key 'workdays': 2026-12-26T10:00:00 is a date and time; "
        "give the date alone, YYYY-MM-DD."
    )
    del table["workdays"]
    assert parse_calendars({"c": table})["c"].closed == ((date(2026, 12, 24), date(2026, 12, 24)),)


def test_holiday_region_with_subdivision() -> None:
    spec = parse_calendars({"c": {"timezone": "Europe/Berlin", "holidays": ["DE-BY"]}})["c"]
    assert spec.holiday_regions == (("DE", "BY"),)


ERROR_CASES = [
    (
        {"mon": ["25:00-26:00"]},
        "calendar 'berlin_office', key 'mon': '25:00-26:00' is not a time range HH:MM-HH:MM.",
    ),
    (
        {"tue": ["9:00-17:00"]},
        "calendar 'berlin_office', key 'tue': '9:00-17:00' is not a time range HH:MM-HH:MM.",
    ),
    (
        {"wed": ["08:00-24:30"]},
        "calendar 'berlin_office', key 'wed': '08:00-24:30' is not a time range HH:MM-HH:MM.",
    ),
    (
        {"thu": ["10:00-10:00"]},
        "calendar 'berlin_office', key 'thu': '10:00-10:00' starts and ends at the same time. "
        "Write '00:00-24:00' for a whole day, or leave the day out to close it.",
    ),
    (
        {"mon": ["08:00-12:00", "11:00-18:00"]},
        "calendar 'berlin_office', key 'mon': shifts '08:00-12:00' and '11:00-18:00' overlap. "
        "Merge them into one range.",
    ),
    (
        {"fri": ["22:00-06:00", "23:00-23:30"]},
        "calendar 'berlin_office', key 'fri': shifts '22:00-06:00' and '23:00-23:30' overlap. "
        "Merge them into one range.",
    ),
    (
        {"sat": "09:00-12:00"},
        "calendar 'berlin_office', key 'sat': '09:00-12:00' is not a list of time ranges, "
        'e.g. ["09:00-18:00"].',
    ),
    (
        {"timezone": "Europe/Berlinn"},
        "calendar 'berlin_office', key 'timezone': 'Europe/Berlinn' is not an IANA time zone "
        "such as 'Europe/Berlin'.",
    ),
    (
        {"timezone": None},
        "calendar 'berlin_office', key 'timezone': missing. Give the IANA zone the hours are "
        "read in, e.g. 'Europe/Berlin'.",
    ),
    (
        {"monday": ["08:00-18:00"]},
        "calendar 'berlin_office', key 'monday': unknown key. Known keys: closed, fri, holidays, "
        "mon, ramadan, sat, special, sun, thu, timezone, tue, wed, workday_hours, workdays.",
    ),
    (
        {"holidays": ["XX"]},
        "calendar 'berlin_office', key 'holidays': 'XX' is not a country the holidays library "
        "knows. Use ISO codes such as 'DE', 'CN', 'SA', or 'DE-BY' for a region.",
    ),
    (
        {"holidays": "DE"},
        "calendar 'berlin_office', key 'holidays': 'DE' is not a list of country codes, "
        'e.g. ["DE"].',
    ),
    (
        {"closed": ["2026-02-30"]},
        "calendar 'berlin_office', key 'closed': '2026-02-30' is not a date YYYY-MM-DD.",
    ),
    (
        {"closed": ["2026-12-31..2026-12-28"]},
        "calendar 'berlin_office', key 'closed': '2026-12-31..2026-12-28' ends before it starts.",
    ),
    (
        {"closed": ["2026-12-28..end"]},
        "calendar 'berlin_office', key 'closed': '2026-12-28..end' is not a date range "
        "YYYY-MM-DD..YYYY-MM-DD.",
    ),
    (
        {"workdays": ["2026-12-27"], "closed": ["2026-12-24..2026-12-31"]},
        "calendar 'berlin_office', key 'workdays': 2026-12-27 is also listed under 'closed'. "
        "Keep the date in one of the two.",
    ),
    (
        {"workday_hours": "monday"},
        "calendar 'berlin_office', key 'workday_hours': 'monday' is not a weekday: use one of "
        "mon, tue, wed, thu, fri, sat, sun.",
    ),
    (
        {"special": [{"from": "2026-02-18", "sun": ["10:00-15:00"]}]},
        "calendar 'berlin_office', key 'special[1].to': missing. Give a date YYYY-MM-DD.",
    ),
    (
        {"special": [{"from": "2026-02-18", "to": "2026-02-10"}]},
        "calendar 'berlin_office', key 'special[1].to': 2026-02-10 is before 'from'.",
    ),
    (
        {"special": [{"from": "2026-02-18", "to": "2026-03-19", "sun": ["25:00-26:00"]}]},
        "calendar 'berlin_office', key 'special[1].sun': '25:00-26:00' is not a time range "
        "HH:MM-HH:MM.",
    ),
    (
        {
            "special": [
                {"from": "2026-02-18", "to": "2026-03-19"},
                {"from": "2026-03-01", "to": "2026-03-31"},
            ]
        },
        "calendar 'berlin_office', key 'special': the stretches starting 2026-02-18 and "
        "2026-03-01 overlap. A date takes its hours from one stretch.",
    ),
    (
        {"ramadan": {"hours": {"sun": ["10:00-15:00"]}, "dates": [["2026-02-19", "2026-04-20"]]}},
        "calendar 'berlin_office', key 'ramadan.dates': 2026-02-19..2026-04-20 is 61 days long; "
        "Ramadan lasts 29 or 30 days.",
    ),
    (
        {"ramadan": {"hours": {"sunday": ["10:00-15:00"]}}},
        "calendar 'berlin_office', key 'ramadan.hours.sunday': unknown key. Known keys: fri, "
        "mon, sat, sun, thu, tue, wed.",
    ),
]


@pytest.mark.parametrize(("changes", "message"), ERROR_CASES)
def test_config_error_names_calendar_key_and_problem(changes: dict[str, Any], message: str) -> None:
    table: dict[str, Any] = {"timezone": "Europe/Berlin", "mon": ["08:00-18:00"]}
    table.update(changes)
    if table["timezone"] is None:
        del table["timezone"]
    with pytest.raises(SettingsError) as raised:
        parse_calendars({"berlin_office": table})
    assert str(raised.value) == message


def test_built_in_24x7_cannot_be_redefined() -> None:
    with pytest.raises(SettingsError) as raised:
        parse_calendars({"24x7": {"timezone": "UTC"}})
    assert str(raised.value) == (
        "calendar '24x7' is built in and cannot be redefined. Give your calendar another name."
    )


def test_calendar_must_be_a_table() -> None:
    with pytest.raises(SettingsError) as raised:
        parse_calendars({"office": "Europe/Berlin"})
    assert str(raised.value) == (
        "calendar 'office' must be a table: [calendars.office] with keys timezone, mon..sun, "
        "holidays, closed."
    )


def test_unknown_holiday_subdivision_lists_known_ones() -> None:
    with pytest.raises(SettingsError) as raised:
        parse_calendars({"c": {"timezone": "Asia/Riyadh", "holidays": ["SA-XX"]}})
    assert str(raised.value) == (
        "calendar 'c', key 'holidays': 'SA-XX': 'XX' is not a subdivision of SA. Known: none."
    )
