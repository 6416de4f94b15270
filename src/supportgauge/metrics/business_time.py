"""Business time in the engine: each instant's position on its vendor's support calendar.

A calendar is compiled once into sorted open intervals (UTC epoch seconds) with the
business seconds before each one (`clocks.compile_calendar`). The engine maps every
instant with one ASOF join to the last interval opening at or before it:

    position(t) = cum_before + clamp(t - open_start, 0, open_end - open_start)

so business time between two instants is the difference of their positions.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import ibis
import pyarrow as pa

from supportgauge.clocks import BUILT_IN_24X7, CalendarSpec, compile_calendar, interval_table


@dataclass(frozen=True)
class ClockTables:
    """Open intervals of every calendar in use, and each vendor's calendar."""

    intervals: pa.Table  # calendar, open_start, open_end, cum_before
    vendor_calendars: pa.Table  # vendor, calendar


def clock_tables(
    vendor_calendars: Mapping[str, str],
    calendars: Mapping[str, CalendarSpec],
    *,
    first: date,
    last: date,
) -> ClockTables:
    """Compile the calendars the vendors use over [first, last] (with a margin)."""
    used = sorted({*vendor_calendars.values(), BUILT_IN_24X7})
    parts = []
    for name in used:
        compiled = compile_calendar(
            calendars[name], start=first - timedelta(days=2), end=last + timedelta(days=2)
        )
        table = interval_table(compiled)
        parts.append(
            table.append_column("calendar", pa.array([name] * table.num_rows, pa.string()))
        )
    intervals = pa.concat_tables(parts).select(["calendar", "open_start", "open_end", "cum_before"])
    mapping = pa.table(
        {
            "vendor": pa.array(list(vendor_calendars), pa.string()),
            "calendar": pa.array(list(vendor_calendars.values()), pa.string()),
        }
    )
    return ClockTables(intervals.cast(_INTERVAL_SCHEMA), mapping)


_INTERVAL_SCHEMA = pa.schema(
    [
        ("calendar", pa.string()),
        ("open_start", pa.int64()),
        ("open_end", pa.int64()),
        ("cum_before", pa.int64()),
    ]
)


def with_business_positions(rows: Any, clocks: ClockTables, *, epoch: str) -> Any:
    """Add `bpos` (business seconds on the vendor's calendar) and `is_open` for the instant
    in column `epoch` (seconds since the Unix epoch)."""
    vendors = ibis.memtable(clocks.vendor_calendars).rename(calendar_vendor="vendor")
    intervals = ibis.memtable(clocks.intervals)
    columns = rows.columns
    placed = rows.left_join(vendors, rows.vendor == vendors.calendar_vendor).mutate(
        calendar_name=ibis.coalesce(ibis._.calendar, BUILT_IN_24X7)
    )
    placed = placed.select(*columns, "calendar_name")
    matched = placed.asof_join(
        intervals,
        on=placed[epoch] >= intervals.open_start,
        predicates=[placed.calendar_name == intervals.calendar],
    )
    span = matched.open_end - matched.open_start
    offset = ibis.greatest(ibis.least(matched[epoch] - matched.open_start, span), 0)
    return matched.mutate(
        bpos=(matched.cum_before + offset).cast("float64"),
        is_open=(matched[epoch] < matched.open_end).fill_null(False),
    ).select(*columns, "bpos", "is_open")
