"""Dimension scores: weights, shrinkage toward all vendors, intervals, no evidence, overall."""

from __future__ import annotations

import numpy as np
import pytest

from supportgauge.scoring.bootstrap import Estimate
from supportgauge.scoring.combine import Rating, dimension_score, overall_score
from supportgauge.scoring.config import ScoringConfig

CONFIG = ScoringConfig(resamples=50)


def _perfect(n: int) -> dict[str, Estimate]:
    """Every first-contact figure perfect, from `n` tickets."""
    replicates = np.full(50, 1.0)
    return {
        "first_contact_resolution_share": Estimate(1.0, replicates, n),
        "reopen_rate": Estimate(0.0, np.zeros(50), n),
        "repeat_failure_rate": Estimate(0.0, np.zeros(50), n),
    }


def test_one_perfect_ticket_is_shrunk_near_all_vendors() -> None:
    scored = dimension_score("resolution_quality", _perfect(1), CONFIG, population=3.0,
                             rating=None, tickets=[])  # fmt: skip
    record = scored.record
    assert record.evidence_score == 5.0
    assert record.score == pytest.approx((1 * 5 + 20 * 3) / 21)
    assert record.score < 3.2
    assert record.low is not None and record.high is not None
    assert record.high - record.low > 1.0  # one ticket is never sure


def test_three_perfect_tickets_do_not_score_five() -> None:
    record = dimension_score("resolution_quality", _perfect(3), CONFIG, population=3.0,
                             rating=None, tickets=[]).record  # fmt: skip
    assert record.score is not None and record.score < 3.5


def test_a_thousand_perfect_tickets_keep_nearly_their_own_score() -> None:
    record = dimension_score("resolution_quality", _perfect(1000), CONFIG, population=3.0,
                             rating=None, tickets=[]).record  # fmt: skip
    assert record.score == pytest.approx((1000 * 5 + 20 * 3) / 1020)
    assert record.score > 4.9
    assert record.high is not None and record.low is not None
    assert record.high - record.low < 0.3


def test_no_figure_means_no_evidence_not_a_default_number() -> None:
    record = dimension_score("communication", {}, CONFIG, population=3.0, rating=None,
                             tickets=[]).record  # fmt: skip
    assert record.score is None and record.low is None and record.n == 0
    assert record.to_dict()["score"] is None


def test_ratings_blend_in_and_their_disagreement_widens_the_interval() -> None:
    agreeing = dimension_score("resolution_quality", _perfect(1000), CONFIG, population=3.0,
                               rating=Rating(1.0, 0.0, 3), tickets=[]).record  # fmt: skip
    split = dimension_score("resolution_quality", _perfect(1000), CONFIG, population=3.0,
                            rating=Rating(1.0, 2.0, 3), tickets=[]).record  # fmt: skip
    # Blended first (0.8 x 5 + 0.2 x 1), then shrunk by 20 tickets toward 3.
    assert agreeing.score == pytest.approx((1000 * 4.2 + 20 * 3) / 1020)
    assert agreeing.score == pytest.approx(split.score)
    assert (split.high or 0) - (split.low or 0) > (agreeing.high or 0) - (agreeing.low or 0)


def test_overall_uses_the_scenario_weights_of_dimensions_with_evidence() -> None:
    good = dimension_score("resolution_quality", _perfect(1000), CONFIG, population=3.0,
                           rating=None, tickets=[])  # fmt: skip
    empty = dimension_score("communication", {}, CONFIG, population=3.0, rating=None, tickets=[])
    score, low, high = overall_score(
        {"resolution_quality": good, "communication": empty},
        {"resolution_quality": 0.25, "communication": 0.75},
        0.95,
    )
    assert score == pytest.approx(good.record.score)
    assert low is not None and high is not None and low <= score <= high
    assert overall_score({"communication": empty}, {"communication": 1.0}, 0.95) == (None,) * 3
