"""The `[calendars.NAME]` tables of supportgauge.toml, checked and turned into CalendarSpec."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays

from supportgauge.clocks.hours import (
    ALL_DAY_WEEK,
    WEEKDAYS,
    WeekHours,
    parse_week,
    settings_error,
)
from supportgauge.errors import SettingsError

BUILT_IN_24X7 = "24x7"

# (first, last) dates, both included.
DateRange = tuple[date, date]

CALENDAR_KEYS = frozenset(
    {"timezone", "holidays", "closed", "workdays", "workday_hours", "special", "ramadan"}
    | set(WEEKDAYS)
)
_SPECIAL_KEYS = frozenset({"from", "to", *WEEKDAYS})
_RAMADAN_KEYS = frozenset({"hours", "dates"})
# Ramadan lasts 29 or 30 days; a day of slack either way for typing an end date.
_RAMADAN_DAYS = range(28, 32)


@dataclass(frozen=True)
class SpecialHours:
    """A stretch of dates (both included) that opens with other weekly hours."""

    first: date
    last: date
    hours: WeekHours


@dataclass(frozen=True)
class RamadanHours:
    """Weekly hours for Ramadan; dates from the Umm al-Qura calendar unless overridden."""

    hours: WeekHours
    # Each override replaces the computed Ramadan it overlaps (moon sighting differs).
    date_overrides: tuple[DateRange, ...] = ()


@dataclass(frozen=True)
class CalendarSpec:
    """One support calendar as configured: weekly hours in a zone plus dated exceptions."""

    name: str
    timezone: str
    hours: WeekHours
    holiday_regions: tuple[tuple[str, str | None], ...] = ()  # (country, subdivision)
    closed: tuple[DateRange, ...] = ()
    workdays: tuple[DateRange, ...] = ()
    workday_hours: str = "mon"  # weekday whose hours a make-up working day opens with
    special: tuple[SpecialHours, ...] = ()
    ramadan: RamadanHours | None = None


CALENDAR_24X7 = CalendarSpec(name=BUILT_IN_24X7, timezone="UTC", hours=ALL_DAY_WEEK)


def parse_calendars(section: Mapping[str, Any] | None) -> dict[str, CalendarSpec]:
    """Every calendar of the `[calendars]` section by name, always with the built-in 24x7."""
    if section is None:
        section = {}
    if not isinstance(section, Mapping):
        raise SettingsError(
            "section 'calendars' must be a table of calendars, e.g. [calendars.berlin_office]."
        )
    calendars = {BUILT_IN_24X7: CALENDAR_24X7}
    for name, table in section.items():
        if name == BUILT_IN_24X7:
            raise SettingsError(
                f"calendar '{BUILT_IN_24X7}' is built in and cannot be redefined. "
                "Give your calendar another name."
            )
        if not isinstance(table, Mapping):
            raise SettingsError(
                f"calendar '{name}' must be a table: [calendars.{name}] with keys "
                "timezone, mon..sun, holidays, closed."
            )
        calendars[name] = parse_calendar(name, table)
    return calendars


def parse_calendar(name: str, table: Mapping[str, Any]) -> CalendarSpec:
    """One `[calendars.NAME]` table."""
    _refuse_unknown_keys(name, "", table, CALENDAR_KEYS)
    closed = _parse_dates(name, "closed", table.get("closed", []))
    workdays = _parse_dates(name, "workdays", table.get("workdays", []))
    for first, last in workdays:
        for closed_first, closed_last in closed:
            if first <= closed_last and closed_first <= last:
                raise settings_error(
                    name,
                    "workdays",
                    f"{max(first, closed_first).isoformat()} is also listed under 'closed'. "
                    "Keep the date in one of the two.",
                )
    return CalendarSpec(
        name=name,
        timezone=_parse_timezone(name, table.get("timezone")),
        hours=parse_week(name, table),
        holiday_regions=_parse_holiday_regions(name, table.get("holidays", [])),
        closed=closed,
        workdays=workdays,
        workday_hours=_parse_workday_hours(name, table.get("workday_hours", "mon")),
        special=_parse_special(name, table.get("special", [])),
        ramadan=_parse_ramadan(name, table["ramadan"]) if "ramadan" in table else None,
    )


def _refuse_unknown_keys(
    name: str, prefix: str, table: Mapping[str, Any], known: frozenset[str]
) -> None:
    for key in table:
        if key not in known:
            raise settings_error(
                name, prefix + key, f"unknown key. Known keys: {', '.join(sorted(known))}."
            )


def _parse_timezone(name: str, value: object) -> str:
    if value is None:
        raise settings_error(
            name,
            "timezone",
            "missing. Give the IANA zone the hours are read in, e.g. 'Europe/Berlin'.",
        )
    try:
        if not isinstance(value, str) or not value:
            raise ValueError
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise settings_error(
            name, "timezone", f"{value!r} is not an IANA time zone such as 'Europe/Berlin'."
        ) from None
    return value


def _parse_holiday_regions(name: str, value: object) -> tuple[tuple[str, str | None], ...]:
    if not isinstance(value, list):
        raise settings_error(
            name, "holidays", f'{value!r} is not a list of country codes, e.g. ["DE"].'
        )
    supported = holidays.list_supported_countries()
    regions: list[tuple[str, str | None]] = []
    for code in value:
        country, _, subdivision = str(code).partition("-")
        if not isinstance(code, str) or country not in supported:
            raise settings_error(
                name,
                "holidays",
                f"{code!r} is not a country the holidays library knows. "
                "Use ISO codes such as 'DE', 'CN', 'SA', or 'DE-BY' for a region.",
            )
        if subdivision and subdivision not in supported[country]:
            raise settings_error(
                name,
                "holidays",
                f"{code!r}: '{subdivision}' is not a subdivision of {country}. "
                f"Known: {', '.join(supported[country]) or 'none'}.",
            )
        regions.append((country, subdivision or None))
    return tuple(regions)


def _parse_workday_hours(name: str, value: object) -> str:
    if value not in WEEKDAYS:
        raise settings_error(
            name, "workday_hours", f"{value!r} is not a weekday: use one of {', '.join(WEEKDAYS)}."
        )
    return str(value)


def _parse_date(name: str, key: str, value: object) -> date:
    if isinstance(value, datetime):
        raise settings_error(
            name, key, f"{value.isoformat()} is a date and time; give the date alone, YYYY-MM-DD."
        )
    if isinstance(value, date):
        return value
    try:
        if not isinstance(value, str) or len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise settings_error(name, key, f"{value!r} is not a date YYYY-MM-DD.") from None


def _parse_dates(name: str, key: str, value: object) -> tuple[DateRange, ...]:
    """Dates and `FIRST..LAST` ranges, sorted."""
    if not isinstance(value, list):
        raise settings_error(name, key, f'{value!r} is not a list of dates, e.g. ["2026-12-24"].')
    ranges: list[DateRange] = []
    for item in value:
        if isinstance(item, str) and ".." in item:
            first_text, _, last_text = item.partition("..")
            try:
                first, last = date.fromisoformat(first_text), date.fromisoformat(last_text)
            except ValueError:
                raise settings_error(
                    name, key, f"{item!r} is not a date range YYYY-MM-DD..YYYY-MM-DD."
                ) from None
            if last < first:
                raise settings_error(name, key, f"{item!r} ends before it starts.")
            ranges.append((first, last))
        else:
            day = _parse_date(name, key, item)
            ranges.append((day, day))
    return tuple(sorted(ranges))


def _parse_special(name: str, value: object) -> tuple[SpecialHours, ...]:
    tables = [value] if isinstance(value, Mapping) else value
    if not isinstance(tables, list):
        raise settings_error(
            name, "special", "must be a list of tables with 'from', 'to' and weekday hours."
        )
    stretches: list[SpecialHours] = []
    for position, table in enumerate(tables, start=1):
        key = f"special[{position}]"
        if not isinstance(table, Mapping):
            raise settings_error(name, key, "must be a table with 'from', 'to' and weekday hours.")
        _refuse_unknown_keys(name, key + ".", table, _SPECIAL_KEYS)
        for bound in ("from", "to"):
            if bound not in table:
                raise settings_error(name, f"{key}.{bound}", "missing. Give a date YYYY-MM-DD.")
        first = _parse_date(name, f"{key}.from", table["from"])
        last = _parse_date(name, f"{key}.to", table["to"])
        if last < first:
            raise settings_error(name, f"{key}.to", f"{last.isoformat()} is before 'from'.")
        stretches.append(SpecialHours(first, last, parse_week(name, table, key_prefix=key + ".")))
    stretches.sort(key=lambda stretch: stretch.first)
    for earlier, later in pairwise(stretches):
        if later.first <= earlier.last:
            raise settings_error(
                name,
                "special",
                f"the stretches starting {earlier.first.isoformat()} and "
                f"{later.first.isoformat()} overlap. A date takes its hours from one stretch.",
            )
    return tuple(stretches)


def _parse_ramadan(name: str, value: object) -> RamadanHours:
    if not isinstance(value, Mapping) or "hours" not in value:
        raise settings_error(
            name,
            "ramadan",
            'must be a table with weekday hours, e.g. { hours = { sun = ["10:00-15:00"] } }.',
        )
    _refuse_unknown_keys(name, "ramadan.", value, _RAMADAN_KEYS)
    hours_table = value["hours"]
    if not isinstance(hours_table, Mapping):
        raise settings_error(name, "ramadan.hours", "must be a table of weekday hours.")
    _refuse_unknown_keys(name, "ramadan.hours.", hours_table, frozenset(WEEKDAYS))
    overrides = parse_ramadan_dates(name, "ramadan.dates", value.get("dates", []))
    return RamadanHours(
        hours=parse_week(name, hours_table, key_prefix="ramadan.hours."),
        date_overrides=overrides,
    )


def parse_ramadan_dates(name: str, key: str, pairs: object) -> tuple[DateRange, ...]:
    """`[[first, last], ...]` Ramadan date overrides, each 28 to 31 days long."""
    if not isinstance(pairs, list):
        raise settings_error(
            name, key, 'must be a list of [first, last] pairs, e.g. [["2026-02-19", "2026-03-20"]].'
        )
    overrides = []
    for pair in pairs:
        if not isinstance(pair, list) or len(pair) != 2:
            raise settings_error(
                name, key, f"{pair!r} is not a [first day, last day] pair of dates."
            )
        first = _parse_date(name, key, pair[0])
        last = _parse_date(name, key, pair[1])
        if (last - first).days + 1 not in _RAMADAN_DAYS:
            raise settings_error(
                name,
                key,
                f"{first.isoformat()}..{last.isoformat()} is {(last - first).days + 1} days long; "
                "Ramadan lasts 29 or 30 days.",
            )
        overrides.append((first, last))
    return tuple(sorted(overrides))
