"""Which shifts each date opens with: weekly hours after holidays, make-up days and Ramadan.

A date's shifts belong to that date, including the part of an overnight shift that runs
into the next morning: a holiday on Friday closes Friday 22:00-06:00 entirely, a holiday
on Saturday leaves the Saturday 00:00-06:00 part of Friday's shift open.

Precedence for one date, first match wins:
1. listed under `closed`                 -> closed
2. a make-up working day (`workdays`, or China's official make-up weekends when "CN" is
   in `holidays`)                        -> the hours of the `workday_hours` weekday
3. a public holiday of a listed country  -> closed
4. the weekday's hours
where "hours" are those of a `special` stretch holding the date, else Ramadan's hours
during Ramadan, else the regular weekly hours.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

import holidays
from hijridate import Gregorian, Hijri

from supportgauge.clocks.calendar_config import CalendarSpec, DateRange
from supportgauge.clocks.hours import WEEKDAYS, Shift, WeekHours

_RAMADAN = 9
_SHAWWAL = 10


def shifts_by_date(
    spec: CalendarSpec, first: date, last: date
) -> list[tuple[date, tuple[Shift, ...]]]:
    """Each date from `first` to `last` (both included) with the shifts it opens."""
    closed = _expand(spec.closed, first, last)
    workdays = _expand(spec.workdays, first, last) | _official_workdays(spec, first, last)
    public_holidays = public_holiday_dates(spec, first, last)
    ramadan = _expand(ramadan_ranges(spec, first, last), first, last) if spec.ramadan else set()
    workday_index = WEEKDAYS.index(spec.workday_hours)
    plan: list[tuple[date, tuple[Shift, ...]]] = []
    day = first
    while day <= last:
        if day in closed:
            shifts: tuple[Shift, ...] = ()
        elif day in workdays:
            shifts = _week_for(spec, day, ramadan)[workday_index]
        elif day in public_holidays:
            shifts = ()
        else:
            shifts = _week_for(spec, day, ramadan)[day.weekday()]
        plan.append((day, shifts))
        day += timedelta(days=1)
    return plan


def public_holiday_dates(spec: CalendarSpec, first: date, last: date) -> set[date]:
    """Public holidays of the calendar's countries between the two dates."""
    years = range(first.year, last.year + 1)
    found: set[date] = set()
    for country, subdivision in spec.holiday_regions:
        calendar = holidays.country_holidays(country, subdiv=subdivision, years=years)
        found.update(day for day in calendar if first <= day <= last)
    return found


def ramadan_ranges(spec: CalendarSpec, first: date, last: date) -> list[DateRange]:
    """Ramadan's first and last day for every Ramadan touching the dates (Umm al-Qura)."""
    if spec.ramadan is None:
        return []
    return ramadans_between(first, last, overrides=spec.ramadan.date_overrides)


def ramadans_between(
    first: date, last: date, *, overrides: tuple[DateRange, ...] = ()
) -> list[DateRange]:
    """Every Ramadan touching [first, last] by Umm al-Qura; an override replaces the one it
    overlaps (countries that sight the moon can differ by a day)."""
    computed = []
    for hijri_year in range(_hijri_year(first) - 1, _hijri_year(last) + 2):
        try:
            start = Hijri(hijri_year, _RAMADAN, 1).to_gregorian()
            after = Hijri(hijri_year, _SHAWWAL, 1).to_gregorian()
        except (OverflowError, ValueError):
            continue  # outside the Umm al-Qura table (1924-2077): only overrides apply
        computed.append((date(start.year, start.month, start.day), _minus_day(after)))
    kept = [
        (start, end)
        for start, end in computed
        if not any(start <= o_last and o_first <= end for o_first, o_last in overrides)
    ]
    return sorted(
        (start, end) for start, end in [*kept, *overrides] if start <= last and first <= end
    )


def _week_for(spec: CalendarSpec, day: date, ramadan: set[date]) -> WeekHours:
    for stretch in spec.special:
        if stretch.first <= day <= stretch.last:
            return stretch.hours
    if spec.ramadan is not None and day in ramadan:
        return spec.ramadan.hours
    return spec.hours


def _official_workdays(spec: CalendarSpec, first: date, last: date) -> set[date]:
    if not any(country == "CN" for country, _ in spec.holiday_regions):
        return set()
    calendar = holidays.country_holidays("CN", years=range(first.year, last.year + 1))
    return {day for day in calendar.weekend_workdays if first <= day <= last}


def _expand(ranges: Iterable[DateRange], first: date, last: date) -> set[date]:
    days: set[date] = set()
    for range_first, range_last in ranges:
        day = max(range_first, first)
        while day <= min(range_last, last):
            days.add(day)
            day += timedelta(days=1)
    return days


def _hijri_year(day: date) -> int:
    try:
        return int(Gregorian(day.year, day.month, day.day).to_hijri().year)
    except (OverflowError, ValueError):
        return 1343 if day.year < 2000 else 1500


def _minus_day(day: date) -> date:
    return date(day.year, day.month, day.day) - timedelta(days=1)
