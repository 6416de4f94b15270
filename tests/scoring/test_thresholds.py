"""Figures map to 1-5 through their five anchors, in both directions."""

from __future__ import annotations

import math

import numpy as np
import pytest

from supportgauge.scoring.evidence_figures import FIGURES
from supportgauge.scoring.thresholds import anchor_score, anchor_scores, crossed_threshold

MINUTES = (15.0, 30.0, 60.0, 240.0, 720.0)  # lower is better
SHARES = (0.70, 0.55, 0.40, 0.25, 0.10)  # higher is better


@pytest.mark.parametrize(
    ("value", "score"),
    [(0.0, 5.0), (15.0, 5.0), (22.5, 4.5), (30.0, 4.0), (60.0, 3.0), (150.0, 2.5),
     (240.0, 2.0), (720.0, 1.0), (10_000.0, 1.0), (math.inf, 1.0)],
)  # fmt: skip
def test_lower_is_better_anchors_score_each_boundary(value: float, score: float) -> None:
    assert anchor_score(value, MINUTES) == pytest.approx(score)


@pytest.mark.parametrize(
    ("value", "score"),
    [(1.0, 5.0), (0.70, 5.0), (0.625, 4.5), (0.55, 4.0), (0.40, 3.0), (0.25, 2.0),
     (0.10, 1.0), (0.0, 1.0)],
)  # fmt: skip
def test_higher_is_better_anchors_score_each_boundary(value: float, score: float) -> None:
    assert anchor_score(value, SHARES) == pytest.approx(score)


def test_no_value_has_no_score() -> None:
    assert anchor_score(None, MINUTES) is None
    assert np.isnan(anchor_scores(np.array([np.nan]), MINUTES)[0])


@pytest.mark.parametrize(
    ("value", "anchors", "crossed"),
    [(15.0, MINUTES, "<= 15 (5)"), (15.1, MINUTES, "<= 30 (4)"), (240.0, MINUTES, "<= 240 (2)"),
     (241.0, MINUTES, "> 240 (below 2)"), (0.55, SHARES, ">= 0.55 (4)"),
     (0.2, SHARES, "< 0.25 (below 2)")],
)  # fmt: skip
def test_crossed_threshold_names_the_best_anchor_reached(
    value: float, anchors: tuple[float, ...], crossed: str
) -> None:
    assert crossed_threshold(value, anchors) == crossed


def test_every_default_figure_has_monotone_anchors_and_a_positive_weight() -> None:
    for rule in FIGURES:
        steps = np.diff(rule.anchors)
        assert (steps > 0).all() or (steps < 0).all(), rule.name
        assert rule.weight > 0, rule.name
