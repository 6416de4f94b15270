"""From figure estimates to dimension scores: thresholds, weights, human ratings, shrinkage
toward all vendors and the interval; and from dimensions to the scenario's overall."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np

from supportgauge.scoring.bootstrap import Estimate, central_interval, estimate_interval
from supportgauge.scoring.config import ScoringConfig
from supportgauge.scoring.evidence_figures import figures_of
from supportgauge.scoring.records import DimensionScore, FigureScore
from supportgauge.scoring.thresholds import anchor_scores, crossed_threshold

# Spread of one ticket's evidence on the 1-5 scale: the narrowest an interval of n tickets
# may be is z * TICKET_SPREAD / sqrt(n), so one ticket spans the whole scale and a handful
# never looks sure.
TICKET_SPREAD = 1.5
# A figure read from n units weighs weight * n / (n + FIGURE_PRIOR_UNITS) in its dimension:
# ten units give it half its weight, three probe tickets less than a quarter.
FIGURE_PRIOR_UNITS = 10.0
# The middle of the scale: where the prior sits when no other vendor's tickets say more.
NEUTRAL_SCORE = 3.0


@dataclass(frozen=True)
class Rating:
    """Human ratings of one vendor's dimension in one period: mean, spread, count."""

    mean: float
    spread: float
    count: int


@dataclass(frozen=True)
class Scored:
    """A dimension's score with the replicates behind its interval (for overall, flags)."""

    record: DimensionScore
    replicates: np.ndarray
    floor: float  # the interval's narrowest half-width


def z_value(confidence: float) -> float:
    """The two-sided normal quantile of a confidence level."""
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def evidence_weight(weight: float, units: int) -> float:
    """A figure's weight in its dimension, grown with the units (tickets) behind it."""
    return weight * units / (units + FIGURE_PRIOR_UNITS)


def prior_centre(population: float | None, population_n: int, prior: float) -> float:
    """Where a vendor's score shrinks: the other vendors' score, itself shrunk toward the
    middle of the scale by `prior` pseudo-tickets (the middle alone when there are none)."""
    if population is None or population_n <= 0:
        return NEUTRAL_SCORE
    return (population_n * population + prior * NEUTRAL_SCORE) / (population_n + prior)


def figure_scores(
    dimension: str, estimates: Mapping[str, Estimate], config: ScoringConfig
) -> list[tuple[FigureScore, np.ndarray]]:
    """Each figure of a dimension with evidence: its record and replicate scores."""
    scored = []
    for rule in figures_of(dimension):
        estimate = estimates.get(rule.name)
        weight = config.weights[rule.name]
        if estimate is None or estimate.value is None or weight <= 0:
            continue
        anchors = config.anchors[rule.name]
        score = float(anchor_scores(np.array([estimate.value]), anchors)[0])
        replicate_scores = anchor_scores(estimate.replicates, anchors)
        replicate_scores = np.where(np.isnan(replicate_scores), score, replicate_scores)
        low, high = estimate_interval(estimate, config.confidence)
        record = FigureScore(
            name=rule.name,
            value=estimate.value,
            score=score,
            low=low,
            high=high,
            weight=round(evidence_weight(weight, estimate.n), 4),
            anchors=tuple(anchors),
            crossed=crossed_threshold(estimate.value, anchors),
            n=estimate.n,
            unit=rule.unit,
            observed_share=estimate.observed_share,
        )
        scored.append((record, replicate_scores))
    return scored


def evidence_score(
    dimension: str, estimates: Mapping[str, Estimate], config: ScoringConfig
) -> tuple[float | None, int]:
    """A dimension's score from its figures alone and the tickets behind it (the other
    vendors', for shrinkage)."""
    scored = [(record, _) for record, _ in figure_scores(dimension, estimates, config)
              if record.weight > 0]  # fmt: skip
    if not scored:
        return None, 0
    weights = np.array([record.weight for record, _ in scored])
    scores = np.array([record.score for record, _ in scored], dtype=float)
    return float((weights * scores).sum() / weights.sum()), max(r.n for r, _ in scored)


def dimension_score(
    dimension: str,
    estimates: Mapping[str, Estimate],
    config: ScoringConfig,
    *,
    population: float | None,
    population_n: int = 0,
    rating: Rating | None,
    tickets: Sequence[str],
) -> Scored:
    """A dimension's score: figures by weight, blended with ratings, shrunk by
    `prior_tickets` toward the other vendors' score (itself shrunk toward the middle of the
    scale), with a percentile interval over the replicates."""
    scored = [(record, replicates) for record, replicates
              in figure_scores(dimension, estimates, config) if record.weight > 0]  # fmt: skip
    resamples = config.resamples
    if not scored:
        empty = DimensionScore(dimension, None, None, None, 0)
        return Scored(empty, np.full(resamples, np.nan), 0.0)
    weights = np.array([record.weight for record, _ in scored])
    scores = np.array([record.score for record, _ in scored], dtype=float)
    raw = float((weights * scores).sum() / weights.sum())
    stacked = np.vstack([replicates for _, replicates in scored])
    raw_replicates = (weights[:, None] * stacked).sum(axis=0) / weights.sum()
    n = max(record.n for record, _ in scored)
    alpha = config.rating_weight if rating else 0.0
    rated = rating.mean if rating else 0.0
    blended = (1 - alpha) * raw + alpha * rated
    blended_replicates = (1 - alpha) * raw_replicates + alpha * rated
    prior = config.prior_tickets
    centre = prior_centre(population, population_n, prior)
    score = (n * blended + prior * centre) / (n + prior)
    replicates = (n * blended_replicates + prior * centre) / (n + prior)
    z = z_value(config.confidence)
    floor = z * TICKET_SPREAD / np.sqrt(max(n, 1))
    interval = central_interval(replicates, config.confidence) or (score, score)
    # Raters who disagree widen the interval, by their share of the blend.
    spread = alpha * z * rating.spread / np.sqrt(rating.count) if rating else 0.0
    below = np.hypot(max(score - interval[0], floor), spread)
    above = np.hypot(max(interval[1] - score, floor), spread)
    record = DimensionScore(
        dimension=dimension,
        score=score,
        low=max(1.0, score - below),
        high=min(5.0, score + above),
        n=n,
        figures=tuple(record for record, _ in scored),
        tickets=tuple(tickets),
        evidence_score=raw,
        rating=rating.mean if rating else None,
        raters=rating.count if rating else 0,
        population_score=centre,
    )
    return Scored(record, replicates, float(max(floor, spread)))


def overall_score(
    dimensions: Mapping[str, Scored], weights: Mapping[str, float], confidence: float
) -> tuple[float | None, float | None, float | None]:
    """The scenario-weighted score over the dimensions with evidence, and its interval."""
    used = [name for name, scored in dimensions.items() if scored.record.score is not None]
    total = sum(weights[name] for name in used)
    if not used or total <= 0:
        return None, None, None
    share = {name: weights[name] / total for name in used}
    score = sum(share[name] * float(dimensions[name].record.score or 0) for name in used)
    replicates = sum(share[name] * dimensions[name].replicates for name in used)
    interval = central_interval(np.asarray(replicates), confidence) or (score, score)
    floor = float(np.sqrt(sum((share[name] * dimensions[name].floor) ** 2 for name in used)))
    low = score - max(score - interval[0], floor)
    high = score + max(interval[1] - score, floor)
    return score, max(1.0, low), min(5.0, high)
