"""Kaplan–Meier percentiles in the engine, against hand-worked cases and a plain reading, and
the scorecard's weighted form in numpy against the engine."""

from __future__ import annotations

import random
import statistics

import ibis
import numpy as np
import pytest

from supportgauge.metrics.kaplan_meier import km_percentile, km_percentiles

PERCENTILES = {"p50": 0.5, "p90": 0.9}


def estimate(clocks: list[tuple[float, bool]]) -> dict[str, float | None]:
    """The estimates of one group of clocks: (minutes, stopped) each."""
    rows = {
        "group": ["g"] * len(clocks),
        "minutes": [float(minutes) for minutes, _ in clocks],
        "stopped": [stopped for _, stopped in clocks],
    }
    table = ibis.memtable(
        rows, schema={"group": "string", "minutes": "float64", "stopped": "boolean"}
    )
    result = km_percentiles(table, by=["group"], percentiles=PERCENTILES)
    (row,) = ibis.duckdb.connect().to_pyarrow(result).to_pylist()
    return row


def plain_km(clocks: list[tuple[float, bool]], fraction: float) -> float | None:
    """The same definition row by row: stops before censorings at one time, the midpoint
    where the survival sits exactly on the level."""
    times = sorted({minutes for minutes, stopped in clocks if stopped})
    survival = 1.0
    for index, time in enumerate(times):
        at_risk = sum(1 for minutes, _ in clocks if minutes >= time)
        stops = sum(1 for minutes, stopped in clocks if stopped and minutes == time)
        survival *= 1 - stops / at_risk
        if abs(survival - (1 - fraction)) <= 1e-9 and index + 1 < len(times):
            return (time + times[index + 1]) / 2
        if survival <= 1 - fraction + 1e-9:
            return time
    return None


@pytest.mark.parametrize("minutes", [[7, 1, 3], [4, 1, 3, 2], [5, 5, 5, 1], [2]])
def test_with_nothing_censored_the_median_is_the_usual_one(minutes: list[float]) -> None:
    row = estimate([(value, True) for value in minutes])
    assert row["p50"] == statistics.median(minutes)
    assert row["clocks"] == row["stopped"] == len(minutes)


def test_a_censored_clock_leaves_the_risk_set_without_stopping() -> None:
    # Still running at 1, 2, 3, 10: after 1 four of five, after 2 three of four of that
    # (0.6), after 3 half of that (0.3), after 10 none.
    row = estimate([(1, True), (2, True), (2, False), (3, True), (10, True)])
    assert row["p50"] == 3
    assert row["p90"] == 10
    assert (row["clocks"], row["stopped"]) == (5, 4)


def test_fewer_than_half_stopped_is_not_reached_never_the_largest_time() -> None:
    row = estimate([(5, True)] * 3 + [(1000, False)] * 9)
    assert row["p50"] is None
    assert row["p90"] is None
    assert (row["clocks"], row["stopped"]) == (12, 3)


def test_nothing_stopped_is_not_reached() -> None:
    row = estimate([(5, False), (6, False)])
    assert row["p50"] is None
    assert row["stopped"] == 0


def test_early_censoring_lets_the_median_be_reached() -> None:
    # Six tickets opened just before the data ends, four answered at 10 minutes: every
    # ticket watched that long was answered.
    row = estimate([(1, False)] * 6 + [(10, True)] * 4)
    assert row["p50"] == 10


def test_groups_are_estimated_apart() -> None:
    table = ibis.memtable(
        {
            "group": ["a", "a", "b", "b", "b"],
            "minutes": [1.0, 3.0, 2.0, 4.0, 9.0],
            "stopped": [True, True, True, False, False],
        }
    )
    result = km_percentiles(table, by=["group"], percentiles=PERCENTILES).order_by("group")
    rows = ibis.duckdb.connect().to_pyarrow(result).to_pylist()
    assert [(row["group"], row["p50"]) for row in rows] == [("a", 2.0), ("b", None)]


@pytest.mark.parametrize("seed", range(6))
def test_agrees_with_a_plain_reading(seed: int) -> None:
    generator = random.Random(seed)
    clocks = [
        (float(generator.randint(0, 30)), generator.random() < 0.6)
        for _ in range(generator.randint(1, 60))
    ]
    row = estimate(clocks)
    for name, fraction in PERCENTILES.items():
        expected = plain_km(clocks, fraction)
        assert row[name] == (None if expected is None else pytest.approx(expected)), name


def in_numpy(
    clocks: list[tuple[float, bool]], fraction: float, weights: list[float] | None = None
) -> float | None:
    """The numpy estimate of one group, None where not reached (as the engine says it)."""
    value = km_percentile(
        np.array([minutes for minutes, _ in clocks], dtype=float),
        np.array([stopped for _, stopped in clocks], dtype=bool),
        np.ones(len(clocks)) if weights is None else np.array(weights, dtype=float),
        fraction=fraction,
    )
    return None if value == float("inf") else value


def random_clocks(seed: int) -> list[tuple[float, bool]]:
    """Whole minutes (many ties), some censored, sometimes too few stopped to reach p50."""
    generator = random.Random(seed)
    stopping = generator.choice([0.2, 0.5, 0.8, 1.0])
    return [
        (float(generator.randint(0, 30)), generator.random() < stopping)
        for _ in range(generator.randint(1, 60))
    ]


HAND_WORKED = [
    [(10, True), (20, True), (30, True), (40, True)],  # on the level: the midpoint, 25
    [(1, True), (2, True), (2, False), (3, True), (10, True)],
    [(5, True)] * 3 + [(1000, False)] * 9,  # not reached
    [(1, False)] * 6 + [(10, True)] * 4,
    [(5, False), (6, False)],
    [(7, True)],
]


@pytest.mark.parametrize("clocks", HAND_WORKED + [random_clocks(seed) for seed in range(40)])
def test_numpy_and_engine_agree_with_ties_censoring_and_not_reached(
    clocks: list[tuple[float, bool]],
) -> None:
    row = estimate(clocks)
    for name, fraction in PERCENTILES.items():
        assert in_numpy(clocks, fraction) == row[name], name


@pytest.mark.parametrize("seed", range(20))
def test_whole_weights_count_as_repeated_clocks(seed: int) -> None:
    clocks = random_clocks(seed)
    generator = random.Random(seed)
    weights = [generator.randint(1, 3) for _ in clocks]
    repeated = [clock for clock, weight in zip(clocks, weights, strict=True)
                for _ in range(weight)]  # fmt: skip
    row = estimate(repeated)
    for name, fraction in PERCENTILES.items():
        assert in_numpy(clocks, fraction, [float(w) for w in weights]) == row[name], name
        # Scaled weights (a scenario's 1 and 0.5) give the same estimate.
        assert in_numpy(clocks, fraction, [w * 0.3 for w in weights]) == row[name], name


def test_clocks_without_weight_or_minutes_do_not_count() -> None:
    minutes = np.array([10.0, 20.0, np.nan, 30.0, 40.0, 1.0])
    stopped = np.array([True, True, False, True, True, True])
    weights = np.array([1.0, 1.0, 1.0, 1.0, 1.0, 0.0])
    assert km_percentile(minutes, stopped, weights, fraction=0.5) == 25.0
    assert np.isnan(km_percentile(minutes, stopped, np.zeros(6), fraction=0.5))
