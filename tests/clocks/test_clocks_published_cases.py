"""Facts published by other help desks' test suites and docs, restated as our input -> output.

Each table names its source. Times are UTC unless a zone is given; durations are the
business time the source asserts (its minutes or timedeltas, here in seconds).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import numpy as np
import pytest

from supportgauge.clocks import (
    CompiledCalendar,
    business_deadline,
    business_seconds_between,
    compile_calendar,
    is_open,
    parse_calendars,
)

HOUR = 3600
MINUTE = 60


def epoch(text: str) -> float:
    """Epoch seconds of 'YYYY-MM-DD HH:MM[:SS]' in UTC, or of 'YYYY-MM-DDTHH:MM:SS+HH:MM'."""
    moment = datetime.fromisoformat(text if "T" in text else text + "+00:00")
    return moment.timestamp()


def compiled(table: dict[str, Any], start: date, end: date) -> CompiledCalendar:
    return compile_calendar(parse_calendars({"case": table})["case"], start=start, end=end)


def between(calendar: CompiledCalendar, start: str, end: str) -> float:
    return float(
        business_seconds_between(calendar, np.array([epoch(start)]), np.array([epoch(end)]))[0]
    )


def deadline(calendar: CompiledCalendar, start: str, minutes: int) -> float:
    return float(business_deadline(calendar, np.array([epoch(start)]), np.array([minutes * 60]))[0])


# --- Zammad, test/unit/ticket_sla_test.rb (zammad/zammad) -------------------------------
# Calendar "EU 2": Europe/Berlin, Mon-Fri 08:00-18:00 (March 2013 is still CET, UTC+1).
ZAMMAD_EU2 = {
    "timezone": "Europe/Berlin",
    **{day: ["08:00-18:00"] for day in ("mon", "tue", "wed", "thu", "fri")},
}
ZAMMAD_EU2_DURATIONS = [
    # ticket created 09:30 UTC; first_response_at 14:00 -> first_response_in_min 270
    ("2013-03-21 09:30", "2013-03-21 14:00", 270 * MINUTE),
    # last_contact_agent_at 11:00 -> update_in_min 90
    ("2013-03-21 09:30", "2013-03-21 11:00", 90 * MINUTE),
    # close_at 13:00 -> close_in_min 210; close_at 11:30 -> close_in_min 120
    ("2013-03-21 09:30", "2013-03-21 13:00", 210 * MINUTE),
    ("2013-03-21 09:30", "2013-03-21 11:30", 120 * MINUTE),
    # created Thu 23:49 UTC (Fri 00:49 local), answered Fri 07:00:03 UTC (08:00:03 local):
    # first_response_in_min 0 -- three seconds after opening.
    ("2013-03-28 23:49", "2013-03-29 07:00:03", 3),
]
ZAMMAD_EU2_DEADLINES = [
    # SLA 60/120/180 minutes from 09:30 UTC -> escalation at 10:30, 11:30, 12:30 UTC
    ("2013-03-21 09:30", 60, "2013-03-21 10:30"),
    ("2013-03-21 09:30", 120, "2013-03-21 11:30"),
    ("2013-03-21 09:30", 180, "2013-03-21 12:30"),
]
# Calendar "EU 1": Europe/Berlin, Mon-Fri 09:00-17:00; SLA 60/120/180/240 from 09:30 UTC.
ZAMMAD_EU1 = {
    "timezone": "Europe/Berlin",
    **{day: ["09:00-17:00"] for day in ("mon", "tue", "wed", "thu", "fri")},
}
ZAMMAD_EU1_DEADLINES = [
    ("2013-03-21 09:30", 60, "2013-03-21 10:30"),
    ("2013-03-21 09:30", 120, "2013-03-21 11:30"),
    ("2013-03-21 09:30", 180, "2013-03-21 12:30"),
    ("2013-03-21 09:30", 240, "2013-03-21 13:30"),
]
# Calendars "EU 3"/"EU 4": Europe/Berlin, every day 08:00-17:00; "EU 4" has the public
# holiday 2015-09-22 active (2015-09-23 listed but inactive). October 2013 is CEST (UTC+2).
ZAMMAD_EU4 = {
    "timezone": "Europe/Berlin",
    **{day: ["08:00-17:00"] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")},
    "closed": ["2015-09-22"],
}
ZAMMAD_EU4_DEADLINES = [
    ("2013-03-21 09:30", 120, "2013-03-21 11:30"),
    ("2013-10-21 09:30", 120, "2013-10-21 11:30"),
    # created 05:30 UTC = 07:30 local, before opening: the clock starts at 08:00 local
    ("2013-10-21 05:30", 120, "2013-10-21 08:00"),
    ("2013-10-21 05:30", 180, "2013-10-21 09:00"),
    ("2013-10-21 05:30", 240, "2013-10-21 10:00"),
    # created Mon 2015-09-21 16:30 local; Tuesday is the holiday -> due Wednesday morning
    ("2015-09-21 14:30", 120, "2015-09-23 07:30"),
    ("2015-09-21 14:30", 180, "2015-09-23 08:30"),
    ("2015-09-21 14:30", 240, "2015-09-23 09:30"),
]


@pytest.mark.parametrize(("start", "end", "seconds"), ZAMMAD_EU2_DURATIONS)
def test_zammad_eu2_business_durations(start: str, end: str, seconds: int) -> None:
    calendar = compiled(ZAMMAD_EU2, date(2013, 3, 1), date(2013, 4, 30))
    assert between(calendar, start, end) == seconds


@pytest.mark.parametrize(
    ("table", "start", "minutes", "due"),
    [(ZAMMAD_EU2, *case) for case in ZAMMAD_EU2_DEADLINES]
    + [(ZAMMAD_EU1, *case) for case in ZAMMAD_EU1_DEADLINES]
    + [(ZAMMAD_EU4, *case) for case in ZAMMAD_EU4_DEADLINES],
)
def test_zammad_escalation_deadlines(
    table: dict[str, Any], start: str, minutes: int, due: str
) -> None:
    calendar = compiled(table, date(2013, 1, 1), date(2015, 12, 31))
    assert deadline(calendar, start, minutes) == epoch(due)
    assert between(calendar, start, due) == minutes * MINUTE


# --- django-helpdesk, helpdesk/tests/test_time_spent_auto.py -----------------------------
# test_followup_time_spent_auto_opening_hours: FOLLOWUP_TIME_SPENT_OPENING_HOURS = Monday
# (0, 23.9999) -- a whole day, written 00:00-24:00 here --, Tuesday (8, 18), Wednesday
# (8.5, 18.5), Thursday (0, 10), Friday (13, 23), weekend closed; holidays 2024-03-18..22.
HELPDESK = {
    "timezone": "UTC",
    "mon": ["00:00-24:00"],
    "tue": ["08:00-18:00"],
    "wed": ["08:30-18:30"],
    "thu": ["00:00-10:00"],
    "fri": ["13:00-23:00"],
    "closed": ["2024-03-18..2024-03-22"],
}
HELPDESK_CASES = [
    ("2024-03-04 00:00", "2024-03-04 09:30:10", 9 * HOUR + 30 * MINUTE + 10),
    ("2024-03-05 07:00", "2024-03-05 09:00", 1 * HOUR),
    ("2024-03-05 17:50", "2024-03-05 17:51", 1 * MINUTE),
    ("2024-03-05 17:50", "2024-03-05 19:51", 10 * MINUTE),
    ("2024-03-05 18:00", "2024-03-05 23:59:59", 0),
    ("2024-03-05 20:00", "2024-03-05 20:59:59", 0),
    ("2024-03-06 08:00", "2024-03-06 09:01", 31 * MINUTE),
    ("2024-03-06 01:00", "2024-03-06 19:30:10", 10 * HOUR),
    ("2024-03-06 18:01", "2024-03-06 19:00", 29 * MINUTE),
    ("2024-03-07 00:00", "2024-03-07 09:30:10", 9 * HOUR + 30 * MINUTE + 10),
    ("2024-03-07 09:30", "2024-03-07 10:30", 30 * MINUTE),
    ("2024-03-08 00:00", "2024-03-08 23:30:10", 10 * HOUR),
    ("2024-03-09 00:00", "2024-03-09 09:30:10", 0),
    ("2024-03-10 00:00", "2024-03-10 09:30:10", 0),
    ("2024-03-04 04:00", "2024-03-10 09:00", 60 * HOUR),
    ("2024-03-04 04:00", "2024-03-17 09:00", 124 * HOUR),
    # the third week is all holidays: nothing more
    ("2024-03-04 04:00", "2024-03-24 09:00", 124 * HOUR),
    ("2024-03-18 04:00", "2024-03-24 09:00", 0),
]


@pytest.mark.parametrize(("start", "end", "seconds"), HELPDESK_CASES)
def test_django_helpdesk_opening_hours(start: str, end: str, seconds: int) -> None:
    calendar = compiled(HELPDESK, date(2024, 3, 1), date(2024, 3, 31))
    assert between(calendar, start, end) == seconds


# --- GLPI, tests/functionnal/Calendar.php (glpi-project/glpi) ----------------------------
# The default calendar (install/empty_data.php: glpi_calendarsegments days 1-5,
# 08:00:00-20:00:00), no holidays: 2019-01-01 is a working day in these tests.
GLPI_DEFAULT = {
    "timezone": "UTC",
    **{day: ["08:00-20:00"] for day in ("mon", "tue", "wed", "thu", "fri")},
}
GLPI_ACTIVE_TIME = [  # testGetActiveTimeBetween
    ("2019-01-01 07:00", "2019-01-01 09:00", 1 * HOUR),
    ("2019-01-01 06:00", "2019-01-01 07:00", 0),
    ("2019-01-01 00:00", "2019-01-08 00:00", 12 * HOUR * 5),
    # GLPI answers 0 for a reversed span; here it is the negative of the forward span,
    # so that business(a, b) + business(b, c) == business(a, c) always holds.
    ("2019-01-08 00:00", "2019-01-01 00:00", -12 * HOUR * 5),
]
GLPI_WORKING_HOURS = [  # testIsAWorkingHour
    ("2019-01-01 00:00", False),
    ("2019-01-02 08:30", True),
    ("2019-01-03 18:10", True),
    ("2019-01-04 21:00", False),
    ("2019-01-05 08:30", False),
    ("2019-01-06 00:00", False),
]
# testIsHoliday: a 1st of May holiday and "Summer vacations" 2019-07-08..2019-09-01.
GLPI_WITH_HOLIDAYS = {**GLPI_DEFAULT, "closed": ["2019-05-01", "2019-07-08..2019-09-01"]}
GLPI_HOLIDAYS = [
    ("2019-05-01 10:00", False),
    ("2019-05-02 10:00", True),
    ("2019-07-01 10:00", True),
    ("2019-07-12 10:00", False),
]


@pytest.mark.parametrize(("start", "end", "seconds"), GLPI_ACTIVE_TIME)
def test_glpi_active_time_between(start: str, end: str, seconds: int) -> None:
    calendar = compiled(GLPI_DEFAULT, date(2018, 12, 1), date(2019, 1, 31))
    assert between(calendar, start, end) == seconds


@pytest.mark.parametrize(
    ("table", "moment", "expected"),
    [(GLPI_DEFAULT, *case) for case in GLPI_WORKING_HOURS]
    + [(GLPI_WITH_HOLIDAYS, *case) for case in GLPI_HOLIDAYS],
)
def test_glpi_working_hours_and_holidays(
    table: dict[str, Any], moment: str, expected: bool
) -> None:
    calendar = compiled(table, date(2019, 1, 1), date(2019, 12, 31))
    assert bool(is_open(calendar, np.array([epoch(moment)]))[0]) is expected


# --- Chatwoot -----------------------------------------------------------------------------
# spec/listeners/reporting_event_listener_spec.rb, "when business hours enabled for inbox":
# created 2022-03-20 00:00, resolved / first reply 2022-03-26 23:59 -> value_in_business_hours
# 144000. The inbox has the default hours of app/models/concerns/out_of_offisable.rb
# (create_default_working_hours: Mon-Fri 09:00-17:00, Sunday and Saturday closed) in UTC.
CHATWOOT_DEFAULT = {
    "timezone": "UTC",
    **{day: ["09:00-17:00"] for day in ("mon", "tue", "wed", "thu", "fri")},
}


def test_chatwoot_business_hours_value_of_a_week() -> None:
    calendar = compiled(CHATWOOT_DEFAULT, date(2022, 3, 1), date(2022, 3, 31))
    assert between(calendar, "2022-03-20 00:00", "2022-03-26 23:59") == 144_000


# --- Zendesk, developer.zendesk.com schedules API (Show Schedule example) -------------------
# /work/shared/reference/formats/zendesk_schedule_and_holiday.json: "North America",
# "Pacific Time (US & Canada)" (America/Los_Angeles), intervals in minutes since Sunday
# 00:00 of the schedule's zone: 1980-2460 and 3420-3900; holiday 2016-01-01.
ZENDESK_INTERVALS = [(1980, 2460), (3420, 3900)]
ZENDESK_WEEKDAYS = ("sun", "mon", "tue", "wed", "thu", "fri", "sat")


def zendesk_schedule_table() -> dict[str, Any]:
    table: dict[str, Any] = {"timezone": "America/Los_Angeles", "closed": ["2016-01-01"]}
    for start_min, end_min in ZENDESK_INTERVALS:
        day = ZENDESK_WEEKDAYS[start_min // 1440]
        start, end = start_min % 1440, end_min - (start_min // 1440) * 1440
        text = f"{start // 60:02d}:{start % 60:02d}-{end // 60:02d}:{end % 60:02d}"
        table.setdefault(day, []).append(text)
    return table


def test_zendesk_intervals_are_monday_and_tuesday_nine_to_five() -> None:
    assert zendesk_schedule_table()["mon"] == ["09:00-17:00"]
    assert zendesk_schedule_table()["tue"] == ["09:00-17:00"]


@pytest.mark.parametrize(
    ("moment", "expected"),
    [
        ("2016-03-07T09:00:00-08:00", True),  # Monday, PST
        ("2016-03-07T16:59:00-08:00", True),
        ("2016-03-07T17:00:00-08:00", False),
        ("2016-03-14T09:00:00-07:00", True),  # Monday after the switch to PDT
        ("2016-03-14T08:30:00-07:00", False),
        ("2016-03-09T10:00:00-08:00", False),  # Wednesday: no interval
    ],
)
def test_zendesk_schedule_follows_pacific_time(moment: str, expected: bool) -> None:
    calendar = compiled(zendesk_schedule_table(), date(2015, 12, 1), date(2016, 3, 31))
    assert bool(is_open(calendar, np.array([epoch(moment)]))[0]) is expected


def test_zendesk_schedule_week_has_sixteen_business_hours() -> None:
    calendar = compiled(zendesk_schedule_table(), date(2015, 12, 1), date(2016, 3, 31))
    assert between(calendar, "2016-03-06T00:00:00-08:00", "2016-03-13T00:00:00-08:00") == 16 * HOUR
