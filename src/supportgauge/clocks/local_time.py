"""Local wall-clock intervals to UTC, exactly, across daylight-saving changes.

A zone's offset is constant between transitions. Within one such segment a wall-clock
interval [a, b) maps to the UTC interval [a - offset, b - offset); across a whole range
of dates it maps to the union of those pieces clipped to their segments. This gives the
two DST rules without special cases:
- spring forward: wall times in the gap do not exist, so a shift starting inside the gap
  opens at the first instant after it (its UTC piece is clipped to the later segment);
- fall back: a wall time in the repeated hour happens twice, and a shift open through
  both passes counts both (two UTC pieces): real elapsed time.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

import numpy as np

SECONDS_PER_DAY = 86_400
_EPOCH_DATE = date(1970, 1, 1)
_FAR_PAST = np.int64(-(2**62))
_FAR_FUTURE = np.int64(2**62)


def naive_day_start(day: date) -> int:
    """Seconds from 1970-01-01 00:00 to the day's 00:00, as if wall time were UTC."""
    return (day - _EPOCH_DATE).days * SECONDS_PER_DAY


def offset_segments(zone: ZoneInfo, first: date, last: date) -> tuple[np.ndarray, np.ndarray]:
    """Start (UTC epoch seconds) and UTC offset (seconds) of each constant-offset stretch.

    Offsets are read once per calendar day; a change between two days is pinned to the
    second by bisection. Zones change offset at most once a day.
    """
    probes = range(
        naive_day_start(first) - 2 * SECONDS_PER_DAY,
        naive_day_start(last) + 3 * SECONDS_PER_DAY,
        SECONDS_PER_DAY,
    )
    starts = [int(_FAR_PAST)]
    offsets = [_offset_at(zone, probes[0])]
    for before, after in pairwise(probes):
        offset_after = _offset_at(zone, after)
        if offset_after != offsets[-1]:
            starts.append(_first_second_with(zone, before, after, offset_after))
            offsets.append(offset_after)
    return np.asarray(starts, dtype=np.int64), np.asarray(offsets, dtype=np.int64)


def wall_to_utc(
    wall_start: np.ndarray, wall_end: np.ndarray, zone: ZoneInfo, first: date, last: date
) -> tuple[np.ndarray, np.ndarray]:
    """UTC pieces (epoch seconds) of wall-clock intervals given as naive-local seconds."""
    segment_starts, offsets = offset_segments(zone, first, last)
    segment_ends = np.append(segment_starts[1:], _FAR_FUTURE)
    starts, ends = [], []
    for segment_start, segment_end, offset in zip(
        segment_starts, segment_ends, offsets, strict=True
    ):
        piece_start = np.maximum(wall_start - offset, segment_start)
        piece_end = np.minimum(wall_end - offset, segment_end)
        keep = piece_start < piece_end
        starts.append(piece_start[keep])
        ends.append(piece_end[keep])
    return np.concatenate(starts), np.concatenate(ends)


def _offset_at(zone: ZoneInfo, epoch_seconds: int) -> int:
    local = datetime.fromtimestamp(epoch_seconds, tz=UTC).astimezone(zone)
    offset = local.utcoffset() or timedelta(0)
    return int(offset.total_seconds())


def _first_second_with(zone: ZoneInfo, low: int, high: int, offset: int) -> int:
    """First second in (low, high] whose offset is `offset` (true at high, not at low)."""
    while high - low > 1:
        middle = (low + high) // 2
        if _offset_at(zone, middle) == offset:
            high = middle
        else:
            low = middle
    return high
