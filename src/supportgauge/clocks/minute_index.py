"""Compiled calendars as two small lookup tables an engine joins on equality.

Every opening and closing of a compiled calendar falls on a whole UTC minute (shifts are
written in minutes; zone offsets are whole minutes). So an instant's business position is
its UTC day's position, plus the open seconds of that day before its minute, plus the
seconds into its minute when that minute is open:

    position(t) = day_position[calendar, day] + minute_position[pattern, minute]
                  + (t - minute start, when minute_open[pattern, minute]; else 0)

where day = floor(t / 86400), minute = floor((t mod 86400) / 60), and `pattern` is the
day's shape of open minutes. A calendar has few shapes (weekday, weekend, holiday, a
shift moved by daylight saving), so the minute table stays small however long the data
runs, and both lookups are hash joins on integers: no range or ASOF join, which some
engines lack and which would sort every event again.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from supportgauge.clocks.business_time import business_position, is_open
from supportgauge.clocks.compiled import CompiledCalendar
from supportgauge.clocks.local_time import SECONDS_PER_DAY
from supportgauge.errors import SettingsError

MINUTES_PER_DAY = 1440
_SECONDS_PER_MINUTE = 60


@dataclass(frozen=True)
class MinuteIndex:
    """The lookup tables of one or more calendars."""

    days: pa.Table  # calendar, day, day_position, pattern
    minutes: pa.Table  # pattern, minute, minute_position, minute_open


def minute_index(calendars: Mapping[str, CompiledCalendar]) -> MinuteIndex:
    """Day and minute tables for the covered days of every calendar, patterns shared."""
    names, days, positions, shapes = [], [], [], []
    for name, calendar in calendars.items():
        _check_whole_minutes(name, calendar)
        covered = np.arange(
            calendar.cover_from_epoch // SECONDS_PER_DAY,
            calendar.cover_until_epoch // SECONDS_PER_DAY + 1,
            dtype=np.int64,
        )
        day_positions = business_position(calendar, covered * SECONDS_PER_DAY)
        known = np.isfinite(day_positions)
        minute_starts = (
            covered[known, None] * SECONDS_PER_DAY
            + np.arange(MINUTES_PER_DAY, dtype=np.int64)[None, :] * _SECONDS_PER_MINUTE
        )
        names += [name] * int(known.sum())
        days.append(covered[known])
        positions.append(day_positions[known])
        shapes.append(is_open(calendar, minute_starts))
    # Each distinct day shape once: its row number is the day's pattern. Shapes are
    # compared as packed bytes, one value per day, far faster than rows of booleans.
    packed = np.packbits(np.concatenate(shapes), axis=1)
    as_bytes = np.ascontiguousarray(packed).view(np.dtype((np.void, packed.shape[1])))
    unique_bytes, pattern_of_day = np.unique(as_bytes.reshape(-1), return_inverse=True)
    patterns = np.unpackbits(
        unique_bytes.view(np.uint8).reshape(-1, packed.shape[1]), axis=1, count=MINUTES_PER_DAY
    ).astype(bool)
    day_table = pa.table(
        {
            "calendar": pa.array(names, pa.string()),
            "day": pa.array(np.concatenate(days), pa.int64()),
            "day_position": pa.array(np.concatenate(positions), pa.float64()),
            "pattern": pa.array(pattern_of_day.reshape(-1).astype(np.int64)),
        }
    )
    return MinuteIndex(days=day_table, minutes=_minute_table(patterns))


def _check_whole_minutes(name: str, calendar: CompiledCalendar) -> None:
    edges = np.concatenate([calendar.open_start, calendar.open_end])
    if np.any(edges % _SECONDS_PER_MINUTE):
        raise SettingsError(
            f"[calendars.{name}]: opens or closes between whole minutes in its zone; give "
            "hours in whole minutes in a zone whose offset is whole minutes."
        )


def _minute_table(open_minutes: np.ndarray) -> pa.Table:
    """One row per pattern and minute of the day, from each pattern's open minutes."""
    count = len(open_minutes)
    opened = open_minutes.astype(np.int64)
    before = (np.cumsum(opened, axis=1) - opened) * _SECONDS_PER_MINUTE
    return pa.table(
        {
            "pattern": pa.array(np.repeat(np.arange(count, dtype=np.int64), MINUTES_PER_DAY)),
            "minute": pa.array(np.tile(np.arange(MINUTES_PER_DAY, dtype=np.int64), count)),
            "minute_position": pa.array(before.reshape(-1).astype(np.float64)),
            "minute_open": pa.array(open_minutes.reshape(-1)),
        }
    )
