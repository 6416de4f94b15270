"""Business time in the engine: each instant's position on its vendor's support calendar.

The engine-side twin of `clocks.business_time` (which maps arrays of instants in numpy):
the same positions, found with joins inside the query.

Each calendar is compiled once into a day table and a minute table
(`clocks.minute_index`); the engine finds an instant's position with two equality joins:

    position(t) = day_position + minute_position + (seconds into the minute, when open)

so business time between two instants is the difference of their positions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import ibis
import pyarrow as pa

from supportgauge.clocks import CalendarSpec, compile_calendar
from supportgauge.clocks.local_time import SECONDS_PER_DAY
from supportgauge.clocks.minute_index import minute_index
from supportgauge.errors import SettingsError


@dataclass(frozen=True)
class ClockTables:
    """The vendors' calendars as lookup tables (see `clocks.minute_index`)."""

    days: pa.Table  # vendor, day, day_position, pattern: each vendor on its calendar
    minutes: pa.Table  # pattern, minute, minute_position, minute_open


def clock_tables(
    vendor_calendars: Mapping[str, str],
    calendars: Mapping[str, CalendarSpec],
    *,
    first: date,
    last: date,
) -> ClockTables:
    """Compile the calendars the vendors use over [first, last] (with a margin)."""
    compiled = {
        name: compile_calendar(
            calendars[name], start=first - timedelta(days=2), end=last + timedelta(days=2)
        )
        for name in sorted(set(vendor_calendars.values()))
    }
    try:
        index = minute_index(compiled)
    except ValueError as error:
        # A zone offset in seconds (local mean time, before about 1900) is all that can
        # put an edge between minutes: say so instead of failing deep in the engine.
        raise SettingsError(f"{error}; business time needs whole-minute hours.") from None
    mapping = pa.table(
        {
            "vendor": pa.array(list(vendor_calendars), pa.string()),
            "calendar": pa.array(list(vendor_calendars.values()), pa.string()),
        }
    )
    days = mapping.join(index.days, "calendar").drop_columns("calendar")
    return ClockTables(days, index.minutes)


def with_business_positions(rows: Any, clocks: ClockTables, *, epoch: str) -> Any:
    """Add `business_position` (business seconds on the vendor's calendar) and `is_open`
    for the instant in column `epoch` (seconds since the Unix epoch). Every vendor must be
    in `clocks`."""
    days = ibis.memtable(clocks.days).rename(day_vendor="vendor", day_number="day")
    minutes = ibis.memtable(clocks.minutes).rename(minute_pattern="pattern", minute_number="minute")
    columns = rows.columns
    day = (rows[epoch] / SECONDS_PER_DAY).floor().cast("int64")
    placed = rows.mutate(day=day, minute=((rows[epoch] - day * SECONDS_PER_DAY) / 60).floor())
    placed = placed.mutate(minute=placed.minute.cast("int64"))
    timed = placed.left_join(
        days, [placed.vendor == days.day_vendor, placed.day == days.day_number]
    ).left_join(
        minutes,
        [days.pattern == minutes.minute_pattern, placed.minute == minutes.minute_number],
    )
    minute_start = timed.day * SECONDS_PER_DAY + timed.minute * 60
    into_minute = ibis.cases((timed.minute_open, timed[epoch] - minute_start), else_=0.0)
    return timed.mutate(
        business_position=timed.day_position + timed.minute_position + into_minute,
        is_open=timed.minute_open.fill_null(False),
    ).select(*columns, "business_position", "is_open")
