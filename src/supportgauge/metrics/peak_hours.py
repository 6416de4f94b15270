"""Whether a customer-local time is in its region's evening (or Ramadan) peak, in the engine.

The regions' peaks are read from the settings by `clocks.customer_clock`; this module
only tests local times against them inside the query.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

import ibis

from supportgauge.clocks.customer_clock import DEFAULT_REGION, RAMADAN_REGIONS, RegionClock
from supportgauge.clocks.hours import MINUTES_PER_DAY, Shift


def _in_windows(minute_of_day: Any, windows: tuple[Shift, ...]) -> Any:
    """Whether a local minute of the day falls in any window (windows may cross midnight)."""
    conditions = []
    for window in windows:
        if window.end_min <= MINUTES_PER_DAY:
            conditions.append(
                (minute_of_day >= window.start_min) & (minute_of_day < window.end_min)
            )
        else:
            conditions.append(
                (minute_of_day >= window.start_min)
                | (minute_of_day < window.end_min - MINUTES_PER_DAY)
            )
    result = conditions[0]
    for condition in conditions[1:]:
        result = result | condition
    return result


def _in_ranges(local_date: Any, ranges: list[tuple[date, date]]) -> Any:
    result = ibis.literal(False)
    for first, last in ranges:
        result = result | local_date.between(first, last)
    return result


def _clock_peak(
    clock: RegionClock, minute: Any, local_date: Any, observes: Any, first: date, last: date
) -> Any:
    in_ramadan = observes & _in_ranges(local_date, clock.ramadans(first, last))
    return ibis.cases(
        (in_ramadan, _in_windows(minute, clock.ramadan_peak)),
        else_=_in_windows(minute, clock.peak),
    )


def peak_hours(
    local_time: Any,
    region: Any,
    clocks: Mapping[str, RegionClock],
    *,
    first: date,
    last: date,
) -> Any:
    """Whether a customer-local wall-clock time is in its region's peak (NULL when unknown)."""
    minute = local_time.hour() * 60 + local_time.minute()
    local_date = local_time.date()
    default = clocks[DEFAULT_REGION]
    default_observes = (
        ibis.literal(default.observes_ramadan)
        if default.observes_ramadan is not None
        else region.isin(sorted(RAMADAN_REGIONS)).fill_null(False)
    )
    branches = [
        (
            region == code,
            _clock_peak(
                clock, minute, local_date, ibis.literal(bool(clock.observes_ramadan)), first, last
            ),
        )
        for code, clock in clocks.items()
        if code != DEFAULT_REGION
    ]
    fallback = _clock_peak(default, minute, local_date, default_observes, first, last)
    peak = ibis.cases(*branches, else_=fallback) if branches else fallback
    return ibis.cases((local_time.isnull(), ibis.null("boolean")), else_=peak)
