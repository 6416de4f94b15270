"""A calendar compiled to sorted, merged UTC open intervals with a cumulative index."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import numpy as np

from supportgauge.clocks.calendar_config import CalendarSpec
from supportgauge.clocks.day_plan import shifts_by_date
from supportgauge.clocks.local_time import SECONDS_PER_DAY, naive_day_start, wall_to_utc
from supportgauge.errors import InputError

# A shift belongs to the day it starts; the day before the first covered date can still
# be open after midnight, and zones reach 14 hours from UTC. Compile days before the
# covered dates for that, and weeks after them so that a clock stopped by a long closure
# (Chinese New Year, a year-end break) near the last date still finds its next opening.
_DAYS_BEFORE = 3
_DAYS_AFTER = 21
_MAX_UTC_OFFSET_SECONDS = 14 * 3600


@dataclass(frozen=True, eq=False)
class CompiledCalendar:
    """Open intervals of one calendar in UTC epoch seconds, and business seconds before each.

    Answers are exact for instants in [cover_from_epoch, cover_until_epoch]; outside that
    range the mapping functions return NaN (or False for `is_open`).
    """

    name: str
    timezone: str
    open_start: np.ndarray  # int64, sorted, strictly increasing
    open_end: np.ndarray  # int64, open_start[i] < open_end[i] < open_start[i + 1]
    cum_before: np.ndarray  # int64 business seconds in all intervals before interval i
    cover_from_epoch: int
    cover_until_epoch: int
    # Openings found up to here are certain; `next_open` and `business_deadline` say NaN
    # for answers beyond it.
    horizon_epoch: int

    @property
    def total_open_seconds(self) -> int:
        """Business seconds in all compiled intervals."""
        if len(self.open_start) == 0:
            return 0
        return int(self.cum_before[-1] + self.open_end[-1] - self.open_start[-1])


def compile_calendar(spec: CalendarSpec, *, start: date, end: date) -> CompiledCalendar:
    """Open intervals covering every instant from `start` 00:00 to `end` 24:00 (with margins)."""
    if end < start:
        raise InputError(f"A calendar's period cannot end ({end}) before it starts ({start}).")
    first = start - timedelta(days=_DAYS_BEFORE)
    last = end + timedelta(days=_DAYS_AFTER)
    wall_start, wall_end = _wall_intervals(spec, first, last)
    utc_start, utc_end = wall_to_utc(wall_start, wall_end, ZoneInfo(spec.timezone), first, last)
    open_start, open_end = _merge(utc_start, utc_end)
    lengths = open_end - open_start
    cum_before = (np.cumsum(lengths) - lengths).astype(np.int64)
    return CompiledCalendar(
        name=spec.name,
        timezone=spec.timezone,
        open_start=open_start,
        open_end=open_end,
        cum_before=cum_before,
        cover_from_epoch=naive_day_start(start) - SECONDS_PER_DAY,
        cover_until_epoch=naive_day_start(end + timedelta(days=1)) + SECONDS_PER_DAY,
        horizon_epoch=naive_day_start(last) - _MAX_UTC_OFFSET_SECONDS,
    )


def dates_covering(*epoch_arrays: np.ndarray) -> tuple[date, date]:
    """First and last UTC date of the non-missing epoch seconds given (for compile_calendar)."""
    finite = [
        values[np.isfinite(values)]
        for values in (np.asarray(array, dtype=np.float64) for array in epoch_arrays)
    ]
    values = np.concatenate(finite) if finite else np.empty(0)
    if values.size == 0:
        today = datetime.now(UTC).date()
        return today, today
    return _utc_date(float(values.min())), _utc_date(float(values.max()))


def _wall_intervals(spec: CalendarSpec, first: date, last: date) -> tuple[np.ndarray, np.ndarray]:
    """Every shift of every date as naive wall-clock seconds."""
    starts: list[int] = []
    ends: list[int] = []
    for day, shifts in shifts_by_date(spec, first, last):
        day_start = naive_day_start(day)
        for shift in shifts:
            starts.append(day_start + shift.start_min * 60)
            ends.append(day_start + shift.end_min * 60)
    return np.asarray(starts, dtype=np.int64), np.asarray(ends, dtype=np.int64)


def _merge(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Sorted union of intervals; touching intervals join into one."""
    if starts.size == 0:
        return starts.astype(np.int64), ends.astype(np.int64)
    order = np.argsort(starts, kind="stable")
    starts, ends = starts[order], ends[order]
    reach = np.maximum.accumulate(ends)
    opens_group = np.concatenate(([True], starts[1:] > reach[:-1]))
    group_first = np.flatnonzero(opens_group)
    group_last = np.append(group_first[1:] - 1, starts.size - 1)
    return starts[group_first].astype(np.int64), reach[group_last].astype(np.int64)


def _utc_date(epoch_seconds: float) -> date:
    return datetime.fromtimestamp(epoch_seconds, tz=UTC).date()
