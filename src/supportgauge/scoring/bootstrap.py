"""Point estimates and Poisson-bootstrap replicates of a group's figures, vectorised.

Every replicate draws one Poisson(1) weight per ticket (the Poisson bootstrap: close to
resampling n tickets with replacement, and independent across tickets, so it runs in
chunks of replicates without a loop over tickets). All figures of a replicate read the
same weights, so a dimension's figures move together as they would in a resample.

A clock's point value is the exact Kaplan-Meier median of `metrics.kaplan_meier`, the one
`metrics hours` reports. Its replicates count the clocks in log-spaced bins (about 4% wide)
instead, for speed: a bincount per replicate, not a sort. A binned estimate can miss the
exact one by a little (within a few percent), so a figure's interval is the replicates'
central interval widened, where needed, to hold the point (`estimate_interval`).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass

import numpy as np
from threadpoolctl import threadpool_limits

from supportgauge.metrics.kaplan_meier import km_percentile

# Poisson(1) quantiles on 256 equal steps: one random byte gives one weight.
_CDF = np.cumsum([np.exp(-1.0) / np.prod(np.arange(1, k + 1)) for k in range(12)])
_POISSON_BYTE = np.searchsorted(_CDF, (np.arange(256) + 0.5) / 256).astype(np.float32)
# Clock bins for the replicates' Kaplan-Meier, by lower edge: 0, then log-spaced from 0.5 min
# to 365 days (about 4% wide); the last, open above, reads as not reached.
_EDGES = np.concatenate([[0.0], np.geomspace(0.5, 525_600.0, 360)])
_UPPER = np.append(_EDGES[1:], np.inf)
_BINS = len(_EDGES)
# Replicates per chunk: bounds the memory of one chunk to about 32 x n floats.
_CHUNK = 32


@dataclass(frozen=True)
class RatioSpec:
    """A weighted share: sum of numerators over sum of denominators (0/0 rows drop out)."""

    numerator: np.ndarray
    denominator: np.ndarray


@dataclass(frozen=True)
class MedianSpec:
    """A clock that may still run: `time` where it stopped (NaN if not), else `censor`."""

    time: np.ndarray
    censor: np.ndarray
    include: np.ndarray  # which tickets the figure reads


@dataclass(frozen=True)
class Estimate:
    """One figure of one group: point value, replicate values, units behind it and, for a
    clock, the share of those units whose clock stopped (answered, resolved)."""

    value: float | None
    replicates: np.ndarray
    n: int
    observed_share: float | None = None


def group_rng(seed: int, group: str) -> np.random.Generator:
    """A generator seeded by the run's seed and the group's name: reproducible per group."""
    return np.random.default_rng([seed, zlib.crc32(group.encode("utf-8"))])


def _clean_ratio(spec: RatioSpec) -> tuple[np.ndarray, np.ndarray]:
    numerator = np.nan_to_num(spec.numerator.astype(float), nan=0.0)
    denominator = np.nan_to_num(spec.denominator.astype(float), nan=0.0)
    numerator = np.where(denominator > 0, numerator, 0.0)
    return numerator, denominator


def _clock_minutes(spec: MedianSpec) -> tuple[np.ndarray, np.ndarray]:
    """Per ticket where its clock stopped or was censored (NaN: neither), and whether it
    stopped."""
    stopped = ~np.isnan(spec.time)
    return np.where(stopped, spec.time, spec.censor), stopped


def _median_codes(spec: MedianSpec) -> tuple[np.ndarray, np.ndarray]:
    """Per ticket a code (bin * 2 + stopped) and whether the figure reads it."""
    when, stopped = _clock_minutes(spec)
    include = spec.include & ~np.isnan(when)
    when = np.nan_to_num(np.maximum(when, 0.0), nan=0.0)
    bins = np.clip(np.searchsorted(_EDGES, when, side="right") - 1, 0, _BINS - 1)
    return bins * 2 + stopped.astype(np.int64), include


def km_medians(counts: np.ndarray) -> np.ndarray:
    """Binned Kaplan-Meier medians (the replicates') from weighted (replicates, bins * 2)
    counts of censored (even columns) and stopped (odd columns) clocks; inf where the median
    is not reached."""
    counts = counts.reshape(counts.shape[0], _BINS, 2)
    censored, stopped = counts[:, :, 0], counts[:, :, 1]
    leaving = censored + stopped
    total = leaving.sum(axis=1, keepdims=True)
    # At risk in a bin: everything not gone in an earlier bin, less half the bin's censored
    # (the life-table rule: they leave, on average, halfway through it).
    at_risk = total - (np.cumsum(leaving, axis=1) - leaving) - censored / 2
    with np.errstate(divide="ignore", invalid="ignore"):
        hazard = np.where(at_risk > 0, stopped / at_risk, 0.0)
    survival = np.cumprod(1.0 - hazard, axis=1)
    reached = survival <= 0.5
    first = np.argmax(reached, axis=1)
    rows = np.arange(len(first))
    before = np.where(first > 0, survival[rows, first - 1], 1.0)
    low, high = _EDGES[first], _UPPER[first]
    # Not the bin's centre: the median sits as far into its bin as the survival there has
    # fallen through a half, on a log scale of time (linear in the first bin, from 0).
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        through = (before - 0.5) / (before - survival[rows, first])
        inside = np.where(first == 0, through * high, low * (high / low) ** through)
    medians = np.where(reached.any(axis=1) & (first < _BINS - 1), inside, np.inf)
    return np.where(total[:, 0] > 0, medians, np.nan)


def _replicates(
    matrix: np.ndarray,
    coded: dict[str, tuple[np.ndarray, np.ndarray]],
    relevance: np.ndarray,
    ratio_sums: np.ndarray,
    median_values: dict[str, np.ndarray],
    rng: np.random.Generator,
) -> None:
    """Fill the replicates' ratio sums and medians, a chunk of replicates at a time."""
    resamples, count = len(ratio_sums), len(relevance)
    # Tickets a clock does not read go to one extra bin, dropped before the estimate.
    dumped = {name: np.where(include, codes, 2 * _BINS) for name, (codes, include) in coded.items()}
    for start in range(0, resamples, _CHUNK):
        size = min(_CHUNK, resamples - start)
        weights = _POISSON_BYTE[rng.integers(0, 256, (size, count), dtype=np.uint8)]
        ratio_sums[start : start + size] = weights @ matrix
        if not dumped:
            continue
        weighted = weights * relevance.astype(np.float32)
        for name, codes in dumped.items():
            counts = np.stack(
                [np.bincount(codes, weights=row, minlength=2 * _BINS + 1) for row in weighted]
            )
            median_values[name][start : start + size] = km_medians(counts[:, : 2 * _BINS])


def estimate_group(
    ratios: dict[str, RatioSpec],
    medians: dict[str, MedianSpec],
    relevance: np.ndarray,
    *,
    resamples: int,
    rng: np.random.Generator,
) -> dict[str, Estimate]:
    """Point and replicate values of every figure for one group of tickets."""
    count = len(relevance)
    names = list(ratios)
    cleaned = [_clean_ratio(ratios[name]) for name in names]
    matrix = np.zeros((count, 2 * len(names)), dtype=np.float32)
    for index, (numerator, denominator) in enumerate(cleaned):
        matrix[:, 2 * index] = numerator * relevance
        matrix[:, 2 * index + 1] = denominator * relevance
    coded = {name: _median_codes(spec) for name, spec in medians.items()}
    ratio_sums = np.zeros((resamples, matrix.shape[1]))
    median_values = {name: np.zeros(resamples) for name in medians}
    # One BLAS thread: a threaded product stalls when other work shares the cores.
    with threadpool_limits(1, user_api="blas"):
        _replicates(matrix, coded, relevance, ratio_sums, median_values, rng)
    estimates: dict[str, Estimate] = {}
    for index, name in enumerate(names):
        numerator, denominator = cleaned[index]
        total = float((denominator * relevance).sum())
        point = float((numerator * relevance).sum()) / total if total > 0 else None
        with np.errstate(divide="ignore", invalid="ignore"):
            replicates = ratio_sums[:, 2 * index] / ratio_sums[:, 2 * index + 1]
        estimates[name] = Estimate(point, replicates, int((denominator > 0).sum()))
    for name, spec in medians.items():
        codes, include = coded[name]
        weighted = np.where(include, relevance, 0.0)
        point = km_percentile(*_clock_minutes(spec), weighted, fraction=0.5)
        units = int(include.sum())
        # Shown beside the time as "n tickets, x% stopped": a plain share of the tickets,
        # not weighted by relevance as the median is.
        stopped = float((codes[include] % 2).sum()) / units if units else None
        estimates[name] = Estimate(
            None if np.isnan(point) else point, median_values[name], units, stopped
        )
    return estimates


def central_interval(replicates: np.ndarray, confidence: float) -> tuple[float, float] | None:
    """The replicates' central interval; a replicate at +inf (a median not reached) counts,
    so the interval reaches inf when enough of them never reach it."""
    known = replicates[~np.isnan(replicates)]
    if len(known) == 0:
        return None
    tail = (1 - confidence) / 2 * 100
    low, high = np.percentile(known, [tail, 100 - tail], method="inverted_cdf")
    return float(low), float(high)


def estimate_interval(
    estimate: Estimate | None, confidence: float
) -> tuple[float | None, float | None]:
    """A figure's interval: its replicates' central interval, widened where needed to hold
    its value (None, None without replicates)."""
    interval = central_interval(estimate.replicates, confidence) if estimate else None
    if estimate is None or interval is None:
        return None, None
    low, high = interval
    if estimate.value is None:
        return low, high
    # Binned clock replicates may miss an exact point by a little.
    return min(low, estimate.value), max(high, estimate.value)
