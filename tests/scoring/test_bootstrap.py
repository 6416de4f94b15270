"""Kaplan-Meier medians count open clocks, exactly and weighted by relevance; intervals hold
their point; the Poisson bootstrap is seeded and set-wise."""

from __future__ import annotations

import numpy as np
import pytest

from supportgauge.metrics.kaplan_meier import km_percentile
from supportgauge.scoring.bootstrap import (
    _BINS,
    MedianSpec,
    RatioSpec,
    _clock_minutes,
    _median_codes,
    estimate_group,
    estimate_interval,
    group_rng,
    km_medians,
)

NAN = np.nan


def _median(
    times: list[float], censor: list[float], relevance: list[float] | None = None
) -> float | None:
    spec = MedianSpec(np.array(times), np.array(censor), np.ones(len(times), dtype=bool))
    weights = np.ones(len(times)) if relevance is None else np.array(relevance)
    estimates = estimate_group({}, {"m": spec}, weights, resamples=0, rng=group_rng(1, "g"))
    return estimates["m"].value


def test_km_median_of_complete_clocks_is_the_plain_median() -> None:
    assert _median([10, 20, 30, 40, 50], [NAN] * 5) == 30
    assert _median([10, 20, 30, 40], [NAN] * 4) == 25


def test_km_median_weighs_each_ticket_by_its_relevance() -> None:
    # Half the weight answered at 10 minutes: on the level until 20, so the midpoint.
    assert _median([10, 20, 30], [NAN] * 3, relevance=[1.0, 0.5, 0.5]) == 15


def test_unanswered_tickets_push_the_median_up_instead_of_dropping_out() -> None:
    # Two answered quickly, three never answered within 1000 minutes: over half still wait.
    answered_only = _median([10, 12], [NAN, NAN])
    with_open = _median([10, 12, NAN, NAN, NAN], [NAN, NAN, 1000, 1000, 1000])
    assert answered_only == 11
    assert with_open == float("inf")  # the median is not reached


def test_a_clock_censored_early_does_not_count_as_slow() -> None:
    # KM by hand: times 10, 20 (censored at 15), 30, 40: S(10)=3/4, S(30)=3/4*1/2=3/8.
    assert _median([10, NAN, 30, 40], [NAN, 15, NAN, NAN]) == 30


def test_observed_share_reports_how_many_clocks_stopped() -> None:
    spec = MedianSpec(np.array([5.0, NAN, NAN, 7.0]), np.array([NAN, 60, 60, NAN]),
                      np.ones(4, dtype=bool))  # fmt: skip
    estimate = estimate_group({}, {"m": spec}, np.ones(4), resamples=0, rng=group_rng(0, "g"))["m"]
    assert estimate.observed_share == 0.5
    assert estimate.n == 4
    # Relevance weighs the median, not the share shown beside it: 2 of 4 stopped is 50%.
    relevance = np.array([1.0, 0.5, 0.5, 0.5])
    weighed = estimate_group({}, {"m": spec}, relevance, resamples=0, rng=group_rng(0, "g"))
    assert weighed["m"].observed_share == 0.5


def test_ratio_weights_tickets_by_relevance() -> None:
    spec = RatioSpec(np.array([1.0, 0.0, NAN]), np.array([1.0, 1.0, 0.0]))
    estimate = estimate_group({"r": spec}, {}, np.array([1.0, 0.5, 1.0]), resamples=0,
                              rng=group_rng(0, "g"))["r"]  # fmt: skip
    assert estimate.value == pytest.approx(1 / 1.5)
    assert estimate.n == 2


def test_bootstrap_is_reproducible_with_a_seed_and_changes_with_another() -> None:
    rng = np.random.default_rng(3)
    ratio = {"r": RatioSpec((rng.random(500) < 0.3).astype(float), np.ones(500))}
    times = rng.exponential(60, 500)
    medians = {"m": MedianSpec(times, np.full(500, NAN), np.ones(500, dtype=bool))}

    def run(seed: int) -> np.ndarray:
        estimates = estimate_group(ratio, medians, np.ones(500), resamples=100,
                                   rng=group_rng(seed, "Aurora|"))  # fmt: skip
        return np.concatenate([estimates["r"].replicates, estimates["m"].replicates])

    assert np.array_equal(run(7), run(7))
    assert not np.array_equal(run(7), run(8))
    replicates = run(7)[:100]
    assert 0.25 < np.percentile(replicates, 2.5) < 0.3 < np.percentile(replicates, 97.5) < 0.35


def test_an_interval_holds_its_point_when_binned_replicates_miss_it() -> None:
    # Every clock stops at 25 minutes: each binned replicate is its bin's centre, not 25.
    spec = MedianSpec(np.full(50, 25.0), np.full(50, NAN), np.ones(50, dtype=bool))
    estimate = estimate_group({}, {"m": spec}, np.ones(50), resamples=40,
                              rng=group_rng(2, "g"))["m"]  # fmt: skip
    assert estimate.value == 25
    assert not np.any(estimate.replicates == 25)
    low, high = estimate_interval(estimate, 0.95)
    assert low is not None and high is not None and low <= 25 <= high


@pytest.mark.parametrize("seed", range(30))
def test_binned_replicate_medians_track_the_exact_estimate(seed: int) -> None:
    # Log-normal clocks, censored by another log-normal clock (often heavily), a third of the
    # groups in whole minutes, weighted 1 or 0.5: the binned estimate, which every replicate
    # uses, stays within a few percent of the exact one.
    rng = np.random.default_rng(seed)
    count = int(rng.integers(200, 5000))
    times = rng.lognormal(rng.uniform(1, 7), rng.uniform(0.3, 2), count)
    times = np.round(times) + 1 if seed % 3 == 0 else times
    censor = rng.lognormal(rng.uniform(1, 8), rng.uniform(0.3, 2), count)
    stopped = times <= censor
    spec = MedianSpec(np.where(stopped, times, NAN), np.where(stopped, NAN, censor),
                      np.ones(count, dtype=bool))  # fmt: skip
    weights = np.where(rng.random(count) < 0.4, 1.0, 0.5)
    codes, _ = _median_codes(spec)
    binned = km_medians(np.bincount(codes, weights=weights, minlength=2 * _BINS)[None, :])[0]
    exact = km_percentile(*_clock_minutes(spec), weights, fraction=0.5)
    if exact == float("inf"):
        assert binned == exact
    else:
        assert binned == pytest.approx(exact, rel=0.05)
