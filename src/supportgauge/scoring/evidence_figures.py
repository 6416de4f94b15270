"""The evidence figures behind each dimension, with their default thresholds and weights.

A figure's `anchors` are the values at which it scores 5, 4, 3, 2 and 1; between two
anchors the score is interpolated linearly, beyond the last it stays at the end. `kind`
says how it is estimated: `median` (Kaplan-Meier median of a clock that may still run),
`ratio` (a weighted share: sum of numerators over sum of denominators) or `rate` (per
account and month, the proactive records).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FigureRule:
    """One evidence figure: what it measures, how it maps to 1-5, and its weight."""

    name: str
    dimension: str
    kind: str  # "median", "ratio" or "rate"
    anchors: tuple[float, float, float, float, float]  # values scoring 5, 4, 3, 2, 1
    weight: float
    unit: str  # "min", "share" or "per account-month"
    description: str


_FAST_ANSWER = (15.0, 30.0, 60.0, 240.0, 720.0)

FIGURES: tuple[FigureRule, ...] = (
    FigureRule("first_real_answer_median_min", "response_speed", "median", _FAST_ANSWER, 3.0,
               "min", "wall-clock minutes to the first real answer (KM median)"),
    FigureRule("first_response_median_min", "response_speed", "median",
               (5.0, 15.0, 30.0, 60.0, 240.0), 1.0,
               "min", "minutes to the first public reply, hollow or not (KM)"),
    FigureRule("first_real_answer_business_median_min", "response_speed", "median", _FAST_ANSWER,
               1.0, "min", "business minutes (the vendor's staffed calendar) to the first real "
               "answer (KM)"),
    FigureRule("first_response_business_median_min", "response_speed", "median",
               (5.0, 15.0, 30.0, 60.0, 240.0), 1.0,
               "min", "business minutes to the first public reply, hollow or not (KM)"),
    FigureRule("peak_first_real_answer_median_min", "response_speed", "median", _FAST_ANSWER, 1.0,
               "min", "first real answer (KM) at the customer's evening peak"),
    FigureRule("off_hours_first_real_answer_median_min", "response_speed", "median", _FAST_ANSWER,
               1.0, "min", "first real answer (KM) outside the vendor's hours"),
    FigureRule("hollow_first_response_share", "response_speed", "ratio",
               (0.05, 0.15, 0.30, 0.50, 0.80), 1.0,
               "share", "answered tickets whose first reply was hollow"),
    FigureRule("sla_first_response_met_share", "response_speed", "ratio",
               (0.95, 0.90, 0.80, 0.65, 0.40), 1.0,
               "share", "tickets answered within the first-response target"),
    FigureRule("sla_resolution_met_share", "response_speed", "ratio",
               (0.95, 0.90, 0.80, 0.65, 0.40), 1.0,
               "share", "tickets resolved within the resolution target"),
    FigureRule("time_to_locate_median_min", "response_speed", "median",
               (60.0, 120.0, 240.0, 480.0, 1440.0), 1.0,
               "min", "minutes until the vendor stated where the problem lies (KM)"),
    FigureRule("resolution_median_min", "response_speed", "median",
               (240.0, 480.0, 1440.0, 2880.0, 7200.0), 1.0,
               "min", "median wall-clock minutes to the first resolution (KM)"),
    FigureRule("diagnosis_reply_share", "technical_expertise", "ratio",
               (0.40, 0.30, 0.20, 0.10, 0.03), 2.0, "share", "agent replies that give a diagnosis"),
    FigureRule("expert_reply_share", "technical_expertise", "ratio",
               (0.50, 0.35, 0.20, 0.10, 0.03), 2.0,
               "share", "agent replies using technical terms relevant to the ticket's category"),
    FigureRule("generic_advice_share", "technical_expertise", "ratio",
               (0.05, 0.10, 0.20, 0.35, 0.50), 2.0,
               "share", "agent replies with generic advice (switch network, restart the device)"),
    FigureRule("probe_key_point_coverage", "technical_expertise", "ratio",
               (0.80, 0.60, 0.40, 0.20, 0.05), 2.0,
               "share", "key points of stress-test probes that the vendor's replies covered"),
    FigureRule("first_contact_resolution_share", "resolution_quality", "ratio",
               (0.70, 0.55, 0.40, 0.25, 0.10), 2.0,
               "share", "resolved tickets solved after one public reply and never reopened"),
    FigureRule("reopen_rate", "resolution_quality", "ratio", (0.03, 0.06, 0.10, 0.20, 0.35), 1.0,
               "share", "resolved tickets reopened at least once"),
    FigureRule("repeat_failure_rate", "resolution_quality", "ratio",
               (0.02, 0.05, 0.10, 0.20, 0.35), 2.0,
               "share", "tickets followed by the same account's ticket on the same category"),
    FigureRule("closed_without_solution_rate", "resolution_quality", "ratio",
               (0.03, 0.06, 0.10, 0.20, 0.35), 1.0,
               "share", "resolved tickets closed without a solution: no public agent reply, "
               "never marked solved, or the customer raised the same issue again (repeat)"),
    FigureRule("resolved_share", "resolution_quality", "ratio", (0.98, 0.95, 0.90, 0.80, 0.60),
               1.0, "share", "tickets resolved by the end of the data"),
    FigureRule("cause_stated_share", "communication", "ratio", (0.70, 0.50, 0.35, 0.20, 0.10),
               1.0, "share", "answered tickets where a reply stated the cause (diagnosis)"),
    FigureRule("action_stated_share", "communication", "ratio",
               (0.70, 0.50, 0.35, 0.20, 0.10), 1.0,
               "share", "answered tickets where a reply stated an action taken or planned"),
    FigureRule("eta_share", "communication", "ratio", (0.50, 0.35, 0.20, 0.10, 0.03), 1.0,
               "share", "answered tickets where a reply gave a concrete ETA"),
    FigureRule("next_update_share", "communication", "ratio", (0.50, 0.35, 0.20, 0.10, 0.03),
               1.0, "share", "answered tickets where a reply promised the next update"),
    FigureRule("hollow_reply_share", "communication", "ratio", (0.05, 0.10, 0.20, 0.35, 0.50),
               2.0, "share", "agent replies that only acknowledge or defer"),
    FigureRule("customer_follow_ups_per_ticket", "communication", "ratio",
               (0.02, 0.05, 0.10, 0.25, 0.50), 2.0, "per ticket",
               "customer messages chasing the vendor while they waited, per ticket"),
    FigureRule("update_gap_median_min", "communication", "median",
               (60.0, 120.0, 240.0, 480.0, 1440.0), 3.0,
               "min", "median of each ticket's longest silence while it waited on the vendor"),
    FigureRule("update_cadence_met_share", "communication", "ratio",
               (0.95, 0.90, 0.80, 0.65, 0.40), 1.0,
               "share", "tickets kept within the promised update_every (where one is set)"),
    FigureRule("proactive_per_account_month", "proactive_service", "rate",
               (0.80, 0.50, 0.25, 0.10, 0.02), 2.0, "per account-month",
               "proactive records per account served and month, weighted by what they followed"),
    FigureRule("p1_review_share", "proactive_service", "ratio", (0.80, 0.60, 0.40, 0.20, 0.05),
               1.0, "share", "resolved P1 tickets followed by a post-event review within 7 days"),
)  # fmt: skip
FIGURE_NAMES = tuple(rule.name for rule in FIGURES)


def figures_of(dimension: str) -> tuple[FigureRule, ...]:
    """The figures that make up one dimension, in order."""
    return tuple(rule for rule in FIGURES if rule.dimension == dimension)
