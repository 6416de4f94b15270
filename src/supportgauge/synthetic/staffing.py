"""A vendor desk's open hours as UTC intervals, to move work to the next staffed minute."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import holidays
import numpy as np
import pandas as pd

from supportgauge.synthetic.profiles import StaffingHours


@dataclass(frozen=True)
class StaffedIntervals:
    """Sorted open intervals in UTC epoch seconds with the staffed seconds before each."""

    starts: np.ndarray
    ends: np.ndarray
    staffed_before: np.ndarray

    def is_open(self, at_seconds: np.ndarray) -> np.ndarray:
        """True where the instant falls inside staffed hours."""
        index = np.searchsorted(self.starts, at_seconds, side="right") - 1
        inside = index >= 0
        clipped = np.clip(index, 0, None)
        return inside & (at_seconds < self.ends[clipped])

    def advance(self, at_seconds: np.ndarray, staffed_seconds: np.ndarray) -> np.ndarray:
        """The instant after `staffed_seconds` of staffed time, starting at `at_seconds`."""
        index = np.searchsorted(self.starts, at_seconds, side="right") - 1
        clipped = np.clip(index, 0, None)
        into = np.clip(
            at_seconds - self.starts[clipped], 0, self.ends[clipped] - self.starts[clipped]
        )
        clock = np.where(index >= 0, self.staffed_before[clipped] + into, 0) + staffed_seconds
        staffed_after = self.staffed_before + (self.ends - self.starts)
        # Work finishing exactly at a closing time finishes then, not at the next opening.
        target = np.clip(
            np.searchsorted(staffed_after, clock, side="left"), 0, len(self.starts) - 1
        )
        result = self.starts[target] + (clock - self.staffed_before[target])
        return np.maximum(result, at_seconds)


def staffed_intervals(hours: StaffingHours, first: dt.date, last: dt.date) -> StaffedIntervals:
    """Compile open hours between two dates (inclusive) into UTC intervals."""
    days = pd.date_range(first, last, freq="D")
    closed: set[dt.date] = set()
    make_up: set[dt.date] = set()
    if hours.holidays:
        years = range(first.year, last.year + 1)
        calendar = holidays.country_holidays(hours.holidays, years=years)
        closed = set(calendar.keys())
        make_up = {day for day in getattr(calendar, "weekend_workdays", set()) if first <= day}
    dates = [day.date() for day in days]
    is_workday = np.array(
        [(d.weekday() in hours.weekdays or d in make_up) and d not in closed for d in dates]
    )
    open_days = days[is_workday]
    starts = (open_days + pd.Timedelta(hours=hours.open_hour)).tz_localize(hours.timezone)
    ends = (open_days + pd.Timedelta(hours=hours.close_hour)).tz_localize(hours.timezone)
    start_seconds = starts.as_unit("s").asi8
    end_seconds = ends.as_unit("s").asi8
    durations = end_seconds - start_seconds
    staffed_before = np.concatenate(([0], np.cumsum(durations)[:-1]))
    return StaffedIntervals(start_seconds, end_seconds, staffed_before)


def advance_per_vendor(
    calendars: list[StaffedIntervals | None],
    vendor_index: np.ndarray,
    at_seconds: np.ndarray,
    staffed_seconds: np.ndarray,
) -> np.ndarray:
    """Add vendor-side work time: wall time for 24x7 desks, staffed time for office desks."""
    result = at_seconds + staffed_seconds
    for vendor, calendar in enumerate(calendars):
        if calendar is None:
            continue
        rows = vendor_index == vendor
        result[rows] = calendar.advance(at_seconds[rows], staffed_seconds[rows])
    return result


def open_per_vendor(
    calendars: list[StaffedIntervals | None], vendor_index: np.ndarray, at_seconds: np.ndarray
) -> np.ndarray:
    """True where the ticket's vendor desk is staffed at that instant."""
    result = np.ones(len(at_seconds), dtype=bool)
    for vendor, calendar in enumerate(calendars):
        if calendar is None:
            continue
        rows = vendor_index == vendor
        result[rows] = calendar.is_open(at_seconds[rows])
    return result
