"""Kaplan–Meier percentiles of clocks that may still run: per group in the engine, and of
one group's weighted clocks in numpy (the scorecard's figures), by one definition.

A clock either stopped (the ticket was answered) at `minutes`, or is censored there: it was
still running when the ticket closed or the data ended, so all we know is that it would
have stopped later. The estimate of the share still running after `t` is the product,
over the times up to `t` at which clocks stopped, of (1 - stopped there / still running
there). A percentile `p` is the first time that share falls to 1 - p or below; where it
sits exactly on 1 - p until the next stop, the midpoint of the two (so with nothing
censored the median is the usual one). When the share never falls that far, the
percentile is not reached: NULL, never the largest time seen.

A clock may carry a weight (the scorecard's relevance of its ticket): it counts as that
many clocks, both where it stops and among those still running. With whole weights that is
the estimate of the rows repeated that often; equal weights give the unweighted estimate.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

import ibis
import numpy as np

# Survival within this of a level counts as on it: the product is summed as logarithms.
_ON_LEVEL = 1e-9


def km_percentiles(clocks: Any, *, by: Sequence[str], percentiles: Mapping[str, float]) -> Any:
    """Per group of `by`, from rows of `minutes` (where the clock stopped or was censored)
    and `stopped`: `clocks` (rows), `stopped` (clocks that stopped) and each of
    `percentiles` (name: fraction, e.g. {"p50": 0.5}), NULL where not reached."""
    keys = list(by)
    times = clocks.group_by([*keys, "minutes"]).aggregate(
        leaving=clocks.count(),
        stopping=clocks.stopped.cast("int64").sum(),
    )
    # Still running just before a time: every clock that stops or is censored there or later.
    later_first = ibis.cumulative_window(group_by=keys, order_by=ibis.desc("minutes"))
    times = times.mutate(at_risk=times.leaving.sum().over(later_first))
    stops = times.filter(times.stopping > 0)
    everyone_stops = stops.stopping == stops.at_risk
    factor = ibis.cases(
        (everyone_stops, ibis.null("float64")),
        else_=(1.0 - stops.stopping.cast("float64") / stops.at_risk).ln(),
    )
    in_order = ibis.cumulative_window(group_by=keys, order_by="minutes")
    stops = stops.mutate(
        log_running=factor.sum().over(in_order).fill_null(0.0),
        emptied=everyone_stops.cast("int64").sum().over(in_order),
        next_minutes=stops.minutes.lead().over(group_by=keys, order_by="minutes"),
    )
    running = ibis.cases((stops.emptied > 0, 0.0), else_=stops.log_running.exp())
    stops = stops.mutate(running=running)
    found: dict[str, Any] = {}
    for name, fraction in percentiles.items():
        level = 1.0 - fraction
        on_level = ((stops.running - level).abs() <= _ON_LEVEL) & stops.next_minutes.notnull()
        value = ibis.cases(
            (on_level, (stops.minutes + stops.next_minutes) / 2.0), else_=stops.minutes
        )
        found[name] = value.min(where=stops.running <= level + _ON_LEVEL)
    estimates = stops.group_by(keys).aggregate(**found)
    counts = times.group_by(keys).aggregate(
        clocks=times.leaving.sum(), stopped=times.stopping.sum()
    )
    joined = counts.left_join(estimates, keys)
    return joined.select(*keys, "clocks", "stopped", *percentiles)


def km_percentile(
    minutes: np.ndarray, stopped: np.ndarray, weights: np.ndarray, *, fraction: float
) -> float:
    """The percentile `fraction` of one group's clocks (`minutes` where each stopped or was
    censored, `stopped`), each counted with its weight: inf where not reached (NULL above),
    NaN where no clock has weight."""
    kept = (weights > 0) & ~np.isnan(minutes)
    order = np.argsort(minutes[kept], kind="stable")
    minutes, weights = minutes[kept][order], weights[kept][order]
    stopped = stopped[kept][order].astype(bool)
    if not len(minutes):
        return math.nan
    starts = np.flatnonzero(np.concatenate([[True], minutes[1:] != minutes[:-1]]))
    stopping = np.add.reduceat(np.where(stopped, weights, 0.0), starts)
    leaving = np.add.reduceat(weights, starts)
    # Still running just before a time: every clock that stops or is censored there or later.
    at_risk = np.cumsum(leaving[::-1])[::-1]
    stops = stopping > 0
    times = minutes[starts][stops]
    # Where every clock left stops (the last time, nothing censored there) the ratio is
    # exactly 1: the log is -inf and the share 0.
    with np.errstate(divide="ignore"):
        running = np.exp(np.cumsum(np.log1p(-stopping[stops] / at_risk[stops])))
    level = 1.0 - fraction
    reached = np.flatnonzero(running <= level + _ON_LEVEL)
    if not len(reached):
        return math.inf
    first = int(reached[0])
    if abs(running[first] - level) <= _ON_LEVEL and first + 1 < len(times):
        return float((times[first] + times[first + 1]) / 2.0)
    return float(times[first])
