"""Dimension scores: weights, shrinkage toward all vendors, intervals, no evidence, overall."""

from __future__ import annotations

import numpy as np
import pytest

from supportgauge.scoring.bootstrap import Estimate
from supportgauge.scoring.combine import (
    Rating,
    dimension_score,
    evidence_weight,
    figure_scores,
    overall_score,
)
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


def test_a_vendor_alone_shrinks_toward_the_middle_not_toward_itself() -> None:
    # No other vendor's tickets behind the prior: the middle of the scale is the prior.
    record = dimension_score("resolution_quality", _perfect(1), CONFIG, population=5.0,
                             population_n=0, rating=None, tickets=[]).record  # fmt: skip
    assert record.score == pytest.approx((1 * 5 + 20 * 3) / 21)
    assert record.population_score == 3.0


def test_the_other_vendors_prior_is_itself_shrunk_toward_the_middle() -> None:
    record = dimension_score("resolution_quality", _perfect(1000), CONFIG, population=5.0,
                             population_n=20, rating=None, tickets=[]).record  # fmt: skip
    assert record.population_score == pytest.approx((20 * 5 + 20 * 3) / 40)


def test_one_ticket_has_an_interval_spanning_most_of_the_scale() -> None:
    record = dimension_score("resolution_quality", _perfect(1), CONFIG, population=5.0,
                             population_n=1000, rating=None, tickets=[]).record  # fmt: skip
    # At least z x 1.5 / sqrt(1) = 2.94 below the score, whatever the replicates say.
    assert record.score is not None and record.low == pytest.approx(record.score - 2.94, abs=0.01)
    assert record.high == 5.0


def test_a_figure_from_few_tickets_weighs_a_fraction_of_its_weight() -> None:
    many = {
        "diagnosis_reply_share": Estimate(0.5, np.full(50, 0.5), 1000),
        "expert_reply_share": Estimate(0.6, np.full(50, 0.6), 1000),
        "generic_advice_share": Estimate(0.0, np.zeros(50), 1000),
    }
    probed = {**many, "probe_key_point_coverage": Estimate(0.0, np.zeros(50), 1)}
    alone = dimension_score("technical_expertise", many, CONFIG, population=None,
                            rating=None, tickets=[]).record  # fmt: skip
    with_probe = dimension_score("technical_expertise", probed, CONFIG, population=None,
                                 rating=None, tickets=[]).record  # fmt: skip
    probe = next(f for f in with_probe.figures if f.name == "probe_key_point_coverage")
    assert probe.weight == pytest.approx(2 * 1 / 11, abs=1e-4)
    # One probe ticket covering nothing costs a vendor perfect elsewhere about 0.12.
    assert (alone.evidence_score or 0) - (with_probe.evidence_score or 0) < 0.15
    assert evidence_weight(2.0, 10) == 1.0


def test_replicates_that_never_reach_the_median_count_in_its_interval() -> None:
    replicates = np.where(np.arange(50) < 10, np.inf, 5.0)
    estimates = {"first_real_answer_median_min": Estimate(5.0, replicates, 40, 0.6)}
    (record, scores), *_ = figure_scores("response_speed", estimates, CONFIG)
    assert record.low == 5.0 and record.high == float("inf")
    assert record.to_dict()["high_open"] is True
    assert scores.min() == 1.0  # a replicate not reached scores as the slowest
