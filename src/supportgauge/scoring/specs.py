"""Which per-ticket evidence each figure reads: its ratio or clock, over a group's rows."""

from __future__ import annotations

import numpy as np

from supportgauge.canonical import PRIORITIES
from supportgauge.scoring.bootstrap import MedianSpec, RatioSpec
from supportgauge.scoring.evidence import Evidence
from supportgauge.scoring.evidence_figures import FIGURES
from supportgauge.scoring.spec_parts import ticket_share

# Clocks the claims read besides the scored figures.
IN_HOURS_REAL_ANSWER = "in_hours_first_real_answer_median_min"


def response_met_key(priority: str) -> str:
    """The name of the claims' share of tickets of one priority answered within target."""
    return f"first_response_met_{priority}"


def resolution_met_key(priority: str) -> str:
    """The name of the share of tickets of one priority resolved within target."""
    return f"resolution_met_{priority}"


def figure_specs(ev: Evidence) -> tuple[dict[str, RatioSpec], dict[str, MedianSpec]]:
    """The shares and the clocks of a group: every declared figure read from the tickets,
    and what the claims read besides (per priority, and the in-hours real answer)."""
    ratios: dict[str, RatioSpec] = {}
    medians: dict[str, MedianSpec] = {}
    for rule in FIGURES:
        if rule.spec is None:
            continue
        spec = rule.spec(ev)
        if isinstance(spec, RatioSpec):
            ratios[rule.name] = spec
        else:
            medians[rule.name] = spec
    met, resolved = ticket_share("response_met")(ev), ticket_share("resolution_met")(ev)
    assert isinstance(met, RatioSpec) and isinstance(resolved, RatioSpec)
    for priority in PRIORITIES:
        mine = ev["priority"] == priority
        ratios[response_met_key(priority)] = RatioSpec(met.numerator, met.denominator * mine)
        ratios[resolution_met_key(priority)] = RatioSpec(
            resolved.numerator, resolved.denominator * mine
        )
    in_hours = ~(np.nan_to_num(ev["off_hours"]) > 0)
    medians[IN_HOURS_REAL_ANSWER] = MedianSpec(ev["real_answer_min"], ev["censor_min"], in_hours)
    return ratios, medians


def badness(ev: Evidence, dimension: str) -> np.ndarray:
    """How badly each ticket went on a dimension (NaN: the ticket shows nothing of it): the
    worst tickets are kept as the dimension's evidence (`evidence.tickets`)."""
    replied = np.nan_to_num(ev["agent_replies"]) > 0
    if dimension == "response_speed":
        return np.where(np.isnan(ev["real_answer_min"]), ev["censor_min"], ev["real_answer_min"])
    if dimension == "technical_expertise":
        bad = (
            np.nan_to_num(ev["generic_advice_replies"])
            - np.nan_to_num(ev["expert_replies"])
            - np.nan_to_num(ev["diagnosis_replies"])
            - np.nan_to_num(ev["probe_coverage"]) * 3
        )
        return np.where(replied, bad, np.nan)
    if dimension == "resolution_quality":
        return (
            np.nan_to_num(ev["reopens"])
            + 2 * np.nan_to_num(ev["repeat"])
            + 3 * (1 - np.nan_to_num(ev["resolved"]))
            - np.nan_to_num(ev["one_touch"])
        )
    if dimension == "communication":
        stated = sum(
            (np.nan_to_num(ev[name]) > 0).astype(float)
            for name in ("diagnosis_replies", "eta_replies", "next_update_replies")
        )
        bad = np.nan_to_num(ev["max_update_gap_min"]) / 60 + 2 * np.nan_to_num(ev["hollow_replies"])
        return np.where(replied, bad - stated, np.nan)
    # Proactive service: resolved P1 incidents that no review followed come first.
    return np.where(ev["p1_reviewed"] == 0, 1.0, np.where(ev["p1_reviewed"] == 1, -1.0, np.nan))


def ranked_examples(bad: np.ndarray, count: int) -> tuple[np.ndarray, np.ndarray]:
    """Positions of the `count` worst and best tickets, among those that show something."""
    shown = np.flatnonzero(~np.isnan(bad))
    order = shown[np.argsort(-bad[shown], kind="stable")]
    return order[:count], order[::-1][:count]
