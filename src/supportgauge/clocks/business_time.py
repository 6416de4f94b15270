"""Business time on a compiled calendar, for whole arrays of instants at once.

Every instant t (UTC epoch seconds) has a business position: the open seconds of the
calendar before it,

    business(t) = cum_before[i] + clamp(t - open_start[i], 0, open_end[i] - open_start[i])

for the last interval i with open_start[i] <= t, and 0 when there is none. Business time
between two instants is business(end) - business(start); `numpy.searchsorted` finds i.

Inputs are epoch seconds as int64 or float64 (NaN = missing) or datetime64 (NaT =
missing). Outputs are float64 seconds; a missing input, or an instant outside the
compiled range (`CompiledCalendar.cover_from_epoch` .. `cover_until_epoch`), gives NaN
(False from `is_open`). An int64 sentinel such as NaT's int64 value lies outside every
compiled range, so it gives NaN too.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import numpy as np
import pyarrow as pa

from supportgauge.clocks.compiled import CompiledCalendar

_CHUNK = 1 << 20


def as_epoch_seconds(values: Any) -> np.ndarray:
    """Float64 epoch seconds from int/float epoch seconds or datetime64; missing -> NaN."""
    array = np.asarray(values)
    if np.issubdtype(array.dtype, np.datetime64):
        micros = array.astype("datetime64[us]")
        seconds = micros.astype(np.int64).astype(np.float64) / 1e6
        seconds[np.isnat(micros)] = np.nan
        return seconds
    return array.astype(np.float64)


def business_position(calendar: CompiledCalendar, epoch: Any) -> np.ndarray:
    """Business seconds of the calendar before each instant (the mapping formula above)."""
    return _in_chunks(partial(_positions, calendar), epoch, np.float64)


def business_seconds_between(
    calendar: CompiledCalendar, start_epoch: Any, end_epoch: Any
) -> np.ndarray:
    """Open seconds between each start and end; negative when end is before start."""
    starts, ends = np.broadcast_arrays(np.asarray(start_epoch), np.asarray(end_epoch))
    result = np.empty(starts.shape, dtype=np.float64)
    flat_starts, flat_ends, flat_result = starts.ravel(), ends.ravel(), result.reshape(-1)
    # Chunks keep the temporaries of 10M pairs in cache and out of peak memory.
    for low in range(0, flat_starts.size, _CHUNK):
        high = low + _CHUNK
        flat_result[low:high] = _positions(
            calendar, as_epoch_seconds(flat_ends[low:high])
        ) - _positions(calendar, as_epoch_seconds(flat_starts[low:high]))
    return result


def is_open(calendar: CompiledCalendar, epoch: Any) -> np.ndarray:
    """Whether the calendar is open at each instant (intervals include start, exclude end)."""
    return _in_chunks(partial(_is_open, calendar), epoch, np.bool_)


def next_open(calendar: CompiledCalendar, epoch: Any) -> np.ndarray:
    """The instant itself when open, else the next opening; NaN when unknown."""
    # A ticket opened on a holiday starts its clock at the next opening.
    return _in_chunks(partial(_next_open, calendar), epoch, np.float64)


def business_deadline(
    calendar: CompiledCalendar, start_epoch: Any, business_seconds: Any
) -> np.ndarray:
    """The instant at which `business_seconds` of open time have passed since each start.

    Zero gives the start itself; negative or missing amounts give NaN. A deadline that
    lands exactly on a closing time is that closing time.
    """
    starts = as_epoch_seconds(start_epoch)
    amounts = np.broadcast_to(as_epoch_seconds(business_seconds), starts.shape)
    target = business_position(calendar, starts) + amounts
    cum_end = calendar.cum_before + (calendar.open_end - calendar.open_start)
    count = len(cum_end)
    index = np.searchsorted(cum_end, target, side="left")
    safe = np.clip(index, 0, max(count - 1, 0))
    if count:
        reached = calendar.open_start[safe] + (target - calendar.cum_before[safe])
    else:
        reached = np.full(starts.shape, np.nan)
    reached = np.where((index < count) & (reached <= calendar.horizon_epoch), reached, np.nan)
    result = np.where(amounts == 0, starts, reached)
    return np.where(np.isfinite(target) & (amounts >= 0), result, np.nan)


def interval_table(calendar: CompiledCalendar) -> pa.Table:
    """The open intervals as an Arrow table, for running the same mapping in an engine.

    Columns `open_start`, `open_end` (int64 UTC epoch seconds, half-open [start, end)) and
    `cum_before` (int64 business seconds before the interval). For an instant t take the
    row with the greatest open_start <= t (an ASOF join on t >= open_start), then

        business(t) = cum_before + clamp(t - open_start, 0, open_end - open_start)

    and 0 when no row matches. Business seconds between two instants are the difference
    of their business(t). In DuckDB:

        SELECT e.*, coalesce(i.cum_before + least(greatest(e.t - i.open_start, 0),
                                                 i.open_end - i.open_start), 0) AS business
        FROM events e ASOF LEFT JOIN intervals i ON e.t >= i.open_start
    """
    return pa.table(
        {
            "open_start": pa.array(calendar.open_start, type=pa.int64()),
            "open_end": pa.array(calendar.open_end, type=pa.int64()),
            "cum_before": pa.array(calendar.cum_before, type=pa.int64()),
        }
    )


def _in_chunks(
    per_chunk: Callable[[np.ndarray], np.ndarray], epoch: Any, dtype: type[np.generic]
) -> np.ndarray:
    """Apply a per-instant mapping chunk by chunk, keeping temporaries small."""
    instants = np.asarray(epoch)
    result = np.empty(instants.shape, dtype=dtype)
    flat_instants, flat_result = instants.reshape(-1), result.reshape(-1)
    for low in range(0, flat_instants.size, _CHUNK):
        high = low + _CHUNK
        flat_result[low:high] = per_chunk(as_epoch_seconds(flat_instants[low:high]))
    return result


def _is_open(calendar: CompiledCalendar, instants: np.ndarray) -> np.ndarray:
    count = len(calendar.open_start)
    if count == 0:
        return np.zeros(instants.shape, dtype=bool)
    index = np.searchsorted(calendar.open_start, instants, side="right") - 1
    safe = np.clip(index, 0, count - 1)
    inside = (index >= 0) & (instants < calendar.open_end[safe])
    return _in_cover(calendar, instants) & inside


def _next_open(calendar: CompiledCalendar, instants: np.ndarray) -> np.ndarray:
    count = len(calendar.open_start)
    if count == 0:
        return np.full(instants.shape, np.nan)
    following = np.searchsorted(calendar.open_start, instants, side="right")
    upcoming = np.where(
        following < count, calendar.open_start[np.minimum(following, count - 1)], np.nan
    )
    result = np.where(_is_open(calendar, instants), instants, upcoming)
    known = _in_cover(calendar, instants) & (result <= calendar.horizon_epoch)
    return np.where(known, result, np.nan)


def _positions(calendar: CompiledCalendar, instants: np.ndarray) -> np.ndarray:
    valid = _in_cover(calendar, instants)
    count = len(calendar.open_start)
    if count == 0:
        return np.where(valid, 0.0, np.nan)
    index = np.searchsorted(calendar.open_start, instants, side="right") - 1
    safe = np.clip(index, 0, count - 1)
    start = calendar.open_start[safe]
    within = np.clip(instants - start, 0, calendar.open_end[safe] - start)
    position = np.where(index >= 0, calendar.cum_before[safe] + within, 0.0)
    return np.where(valid, position, np.nan)


def _in_cover(calendar: CompiledCalendar, instants: np.ndarray) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        return (instants >= calendar.cover_from_epoch) & (instants <= calendar.cover_until_epoch)
