"""What a scorecard returns: frozen records whose `to_dict()` is the public JSON shape."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any


def _round(value: float | None, digits: int = 2) -> float | None:
    if value is None:
        return None
    if value == float("inf"):
        return None
    return round(float(value), digits)


@dataclass(frozen=True)
class FigureScore:
    """One evidence figure of a vendor: its value, the score and threshold it reached."""

    name: str
    value: float | None  # inf: a median not reached (most clocks still running)
    score: float | None
    low: float | None  # interval of the value
    high: float | None
    weight: float
    anchors: tuple[float, ...]
    crossed: str | None
    n: int
    unit: str
    observed_share: float | None = None  # clocks: share answered / resolved

    def to_dict(self) -> dict[str, Any]:
        """The figure as JSON."""
        shape: dict[str, Any] = {
            "name": self.name,
            "value": _round(self.value, 4),
            "not_reached": self.value == float("inf"),
            "score": _round(self.score),
            "low": _round(self.low, 4),
            "high": _round(self.high, 4),
            # Enough replicates never reached the median: the interval is open above.
            "high_open": self.high == float("inf"),
            "weight": self.weight,
            "thresholds": list(self.anchors),
            "crossed": self.crossed,
            "n": self.n,
            "unit": self.unit,
        }
        if self.observed_share is not None:
            shape["observed_share"] = _round(self.observed_share, 4)
        return shape


@dataclass(frozen=True)
class PrioritySla:
    """One priority's SLA results: the shares answered and resolved within target, each
    with its interval and the tickets that had a verdict."""

    priority: str
    first_response_met: float | None
    first_response_low: float | None
    first_response_high: float | None
    first_response_n: int
    resolution_met: float | None
    resolution_low: float | None
    resolution_high: float | None
    resolution_n: int

    def to_dict(self) -> dict[str, Any]:
        """The priority's SLA results as JSON."""
        return {
            "priority": self.priority,
            "first_response_met_share": _round(self.first_response_met, 4),
            "first_response_low": _round(self.first_response_low, 4),
            "first_response_high": _round(self.first_response_high, 4),
            "first_response_n": self.first_response_n,
            "resolution_met_share": _round(self.resolution_met, 4),
            "resolution_low": _round(self.resolution_low, 4),
            "resolution_high": _round(self.resolution_high, 4),
            "resolution_n": self.resolution_n,
        }


@dataclass(frozen=True)
class DimensionScore:
    """One dimension of one vendor: the score (None: no evidence), its interval and why."""

    dimension: str
    score: float | None
    low: float | None
    high: float | None
    n: int
    figures: tuple[FigureScore, ...] = ()
    tickets: tuple[str, ...] = ()  # the worst tickets behind the score, bounded
    evidence_score: float | None = None  # from the figures alone, before ratings and shrinkage
    rating: float | None = None  # mean human rating, when any
    raters: int = 0
    population_score: float | None = None  # what small samples shrink toward
    sla_by_priority: tuple[PrioritySla, ...] = ()  # response speed: SLA results per priority

    def to_dict(self) -> dict[str, Any]:
        """The dimension as JSON: score, low, high, n, evidence."""
        return {
            "score": _round(self.score),
            "low": _round(self.low),
            "high": _round(self.high),
            "n": self.n,
            "evidence": {
                "figures": [figure.to_dict() for figure in self.figures],
                "tickets": list(self.tickets),
                "evidence_score": _round(self.evidence_score),
                "rating": _round(self.rating),
                "raters": self.raters,
                "population_score": _round(self.population_score),
                **(
                    {"sla_by_priority": [p.to_dict() for p in self.sla_by_priority]}
                    if self.sla_by_priority
                    else {}
                ),
            },
        }


@dataclass(frozen=True)
class VendorScore:
    """A vendor's scorecard for one period ('' for the whole selection)."""

    vendor: str
    period: str | None
    n: int
    overall: float | None
    overall_low: float | None
    overall_high: float | None
    dimensions: Mapping[str, DimensionScore]

    def to_dict(self) -> dict[str, Any]:
        """The vendor as JSON."""
        return {
            "vendor": self.vendor,
            "period": self.period,
            "n": self.n,
            "overall": {
                "score": _round(self.overall),
                "low": _round(self.overall_low),
                "high": _round(self.overall_high),
            },
            "dimensions": {name: score.to_dict() for name, score in self.dimensions.items()},
        }


@dataclass(frozen=True)
class Tie:
    """Vendors whose intervals overlap on one dimension (or overall) in one period."""

    period: str | None
    dimension: str  # a dimension key or "overall"
    vendors: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        """The tie as JSON."""
        return {"period": self.period, "dimension": self.dimension, "vendors": list(self.vendors)}


@dataclass(frozen=True)
class Flag:
    """Something a reader must see: a significant change between periods, or missing data."""

    kind: str  # "deteriorated", "improved", "missing_data" or "no_data" (vendor "")
    vendor: str
    period: str | None
    message: str
    dimension: str | None = None
    previous_period: str | None = None
    before: float | None = None
    after: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The flag as JSON."""
        return {
            "kind": self.kind,
            "vendor": self.vendor,
            "period": self.period,
            "dimension": self.dimension,
            "previous_period": self.previous_period,
            "before": _round(self.before),
            "after": _round(self.after),
            "message": self.message,
        }


@dataclass(frozen=True)
class Claim:
    """One thing a vendor claims beside what was measured, with the verdict."""

    vendor: str
    claim: str  # e.g. "support_hours", "first_response_P1", "fcr_rate", "repeat_rate"
    claimed: str | float
    measured: float | None
    low: float | None
    high: float | None
    unit: str
    verdict: str  # "holds", "broken" or "untested"
    note: str

    def to_dict(self) -> dict[str, Any]:
        """The claim as JSON."""
        return {
            "vendor": self.vendor,
            "claim": self.claim,
            "claimed": self.claimed,
            "measured": _round(self.measured, 4),
            "low": _round(self.low, 4),
            "high": _round(self.high, 4),
            "unit": self.unit,
            "verdict": self.verdict,
            "note": self.note,
        }


@dataclass(frozen=True)
class Scorecard:
    """Every vendor's five scores and overall under one scenario, with ties, flags, claims."""

    scenario: str
    weights: Mapping[str, float]
    period: str | None
    by_period: str | None
    resamples: int
    confidence: float
    seed: int
    vendors: tuple[VendorScore, ...]
    ties: tuple[Tie, ...]
    flags: tuple[Flag, ...]
    claims: tuple[Claim, ...]

    def to_dict(self) -> dict[str, Any]:
        """The scorecard as JSON (`score --format json`)."""
        return {
            "scenario": self.scenario,
            "weights": {name: round(value, 4) for name, value in self.weights.items()},
            "period": self.period,
            "by": self.by_period,
            "resamples": self.resamples,
            "confidence": self.confidence,
            "seed": self.seed,
            "vendors": [vendor.to_dict() for vendor in self.vendors],
            "ties": [tie.to_dict() for tie in self.ties],
            "flags": [flag.to_dict() for flag in self.flags],
            "claims": [claim.to_dict() for claim in self.claims],
        }
