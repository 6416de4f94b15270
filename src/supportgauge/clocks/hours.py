"""Weekly opening hours: parsing `"HH:MM-HH:MM"` shifts per weekday into minutes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

from supportgauge.errors import SettingsError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")  # date.weekday() order
MINUTES_PER_DAY = 24 * 60

_RANGE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


@dataclass(frozen=True)
class Shift:
    """One opening on the day it starts, in minutes after that day's local midnight.

    `end_min` runs past 1440 when the shift crosses midnight (22:00-06:00 is 1320..1800).
    """

    start_min: int
    end_min: int


# Shifts per weekday, Monday first; an empty tuple is a closed day.
WeekHours = tuple[tuple[Shift, ...], ...]

CLOSED_WEEK: WeekHours = ((),) * 7
ALL_DAY_WEEK: WeekHours = ((Shift(0, MINUTES_PER_DAY),),) * 7


def settings_error(calendar: str, key: str, problem: str) -> SettingsError:
    """A SettingsError naming the calendar, the key and what is wrong."""
    return SettingsError(f"calendar '{calendar}', key '{key}': {problem}")


def parse_shift(calendar: str, key: str, text: object) -> Shift:
    """One `"HH:MM-HH:MM"` range; an end before the start crosses midnight."""
    match = _RANGE.match(text) if isinstance(text, str) else None
    if match is None:
        raise settings_error(calendar, key, f"{text!r} is not a time range HH:MM-HH:MM.")
    start_h, start_m, end_h, end_m = (int(part) for part in match.groups())
    if start_h > 23 or start_m > 59 or end_m > 59 or end_h > 24 or (end_h == 24 and end_m):
        raise settings_error(calendar, key, f"{text!r} is not a time range HH:MM-HH:MM.")
    start_min = start_h * 60 + start_m
    end_min = end_h * 60 + end_m
    if start_min == end_min:
        raise settings_error(
            calendar,
            key,
            f"{text!r} starts and ends at the same time. "
            "Write '00:00-24:00' for a whole day, or leave the day out to close it.",
        )
    if end_min < start_min:
        end_min += MINUTES_PER_DAY  # belongs to the day it starts on
    return Shift(start_min, end_min)


def parse_day(calendar: str, key: str, value: object) -> tuple[Shift, ...]:
    """A weekday's list of shifts, sorted, with overlaps refused."""
    if not isinstance(value, list):
        raise settings_error(
            calendar, key, f'{value!r} is not a list of time ranges, e.g. ["09:00-18:00"].'
        )
    shifts = sorted((parse_shift(calendar, key, text) for text in value), key=_start)
    for earlier, later in pairwise(shifts):
        if later.start_min < earlier.end_min:
            raise settings_error(
                calendar,
                key,
                f"shifts {_show(earlier)} and {_show(later)} overlap. Merge them into one range.",
            )
    return tuple(shifts)


def parse_week(calendar: str, table: Mapping[str, Any], *, key_prefix: str = "") -> WeekHours:
    """The seven weekdays of a table; a weekday left out is closed."""
    return tuple(
        parse_day(calendar, key_prefix + day, table[day]) if day in table else ()
        for day in WEEKDAYS
    )


def _start(shift: Shift) -> int:
    return shift.start_min


def _show(shift: Shift) -> str:
    end_min = shift.end_min if shift.end_min <= MINUTES_PER_DAY else shift.end_min - MINUTES_PER_DAY
    return (
        f"'{shift.start_min // 60:02d}:{shift.start_min % 60:02d}-"
        f"{end_min // 60:02d}:{end_min % 60:02d}'"
    )
