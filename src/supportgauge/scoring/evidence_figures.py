"""Every evidence figure behind the dimensions, declared once: its name, dimension, default
anchors and weight, unit and meaning, how it reads the per-ticket evidence, and which
tickets and replies explain it. Settings, the glossary, the estimates and `--explain` all
derive from this list.

A figure's `anchors` are the values at which it scores 5, 4, 3, 2 and 1; between two
anchors the score is interpolated linearly, beyond the last it stays at the end. `spec`
builds a share (`RatioSpec`) or a clock (`MedianSpec`, a Kaplan-Meier median of a clock
that may still run) from a group's evidence; None for the proactive rate, counted per
account and month from the proactive table.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supportgauge.scoring.bootstrap import RatioSpec
from supportgauge.scoring.figure_examples import (
    DIAGNOSIS,
    FIRST_REPLY,
    REAL_ANSWER,
    ExampleRule,
    Quote,
    clock_sides,
    closed_without_solution,
    coverage,
    flag_sides,
    follow_ups,
    nothing,
    reply_count,
    resolved_reopened,
    stated,
)
from supportgauge.scoring.spec_parts import (
    SpecBuilder,
    answered_share,
    clock,
    known,
    positive,
    reply_share,
    ticket_share,
    unsolved_close,
)


@dataclass(frozen=True)
class FigureRule:
    """One evidence figure: what it measures, how it maps to 1-5, its weight, how it is
    built from the evidence and which examples explain it."""

    name: str
    dimension: str
    anchors: tuple[float, float, float, float, float]  # values scoring 5, 4, 3, 2, 1
    weight: float
    unit: str  # "min", "share", "per ticket" or "per account-month"
    description: str
    spec: SpecBuilder | None
    examples: ExampleRule


_FAST_ANSWER = (15.0, 30.0, 60.0, 240.0, 720.0)
_FIRST_REPLY = (5.0, 15.0, 30.0, 60.0, 240.0)
_LOCATE = (60.0, 120.0, 240.0, 480.0, 1440.0)
_ATTAINMENT = (0.95, 0.90, 0.80, 0.65, 0.40)
_STATED = (0.70, 0.50, 0.35, 0.20, 0.10)
_PROMISED = (0.50, 0.35, 0.20, 0.10, 0.03)
_BAD_REPLIES = (0.05, 0.10, 0.20, 0.35, 0.50)
_FAILED_FIX = (0.03, 0.06, 0.10, 0.20, 0.35)
_SPEED, _EXPERT, _RESOLVE = "response_speed", "technical_expertise", "resolution_quality"
_COMMS, _PROACTIVE = "communication", "proactive_service"
Anchors = tuple[float, float, float, float, float]


def _clock(name: str, dimension: str, anchors: Anchors, weight: float, description: str,
           column: str, *, within: str | None = None, censor: str = "censor_min",
           earned: Quote = FIRST_REPLY) -> FigureRule:  # fmt: skip
    """A Kaplan-Meier median of a clock, explained by the slowest and fastest tickets."""
    sides = clock_sides(column, within=within, censor=censor)
    return FigureRule(name, dimension, anchors, weight, "min", description,
                      clock(column, within=within, censor=censor),
                      ExampleRule(sides, earned_quote=earned))  # fmt: skip


def _tickets(name: str, dimension: str, anchors: Anchors, weight: float, description: str,
             column: str, *, good: float = 1.0,
             earned: Quote = FIRST_REPLY) -> FigureRule:  # fmt: skip
    """A share of tickets with a flag, explained by the tickets on each side of it."""
    return FigureRule(name, dimension, anchors, weight, "share", description,
                      ticket_share(column),
                      ExampleRule(flag_sides(column, good=good), earned_quote=earned))  # fmt: skip


def _answered(name: str, anchors: Anchors, description: str, column: str,
              earned: Quote) -> FigureRule:  # fmt: skip
    """A share of answered tickets where a reply had a label (communication, weight 1)."""
    return FigureRule(name, _COMMS, anchors, 1.0, "share", description, answered_share(column),
                      ExampleRule(stated(column), earned_quote=earned))  # fmt: skip


def _replies(name: str, dimension: str, anchors: Anchors, description: str, column: str, *,
             good: bool, quotes: tuple[Quote, Quote]) -> FigureRule:  # fmt: skip
    """A share of agent replies with a label (weight 2), quoting a reply of each side."""
    return FigureRule(name, dimension, anchors, 2.0, "share", description, reply_share(column),
                      ExampleRule(reply_count(column, good=good), *quotes))  # fmt: skip


FIGURES: tuple[FigureRule, ...] = (
    _clock("first_real_answer_median_min", _SPEED, _FAST_ANSWER, 3.0,
           "wall-clock minutes to the first real answer (KM median)", "real_answer_min",
           earned=REAL_ANSWER),
    _clock("first_response_median_min", _SPEED, _FIRST_REPLY, 1.0,
           "minutes to the first public reply, hollow or not (KM)", "first_response_min"),
    # A business clock still running is censored at its wall-clock minutes: an upper bound
    # of the staffed minutes, so it never looks faster than it was.
    _clock("first_real_answer_business_median_min", _SPEED, _FAST_ANSWER, 1.0,
           "business minutes (the vendor's staffed calendar) to the first real answer (KM)",
           "real_answer_business_min", earned=REAL_ANSWER),
    _clock("first_response_business_median_min", _SPEED, _FIRST_REPLY, 1.0,
           "business minutes to the first public reply, hollow or not (KM)",
           "first_response_business_min"),
    _clock("peak_first_real_answer_median_min", _SPEED, _FAST_ANSWER, 1.0,
           "first real answer (KM) at the customer's evening peak", "real_answer_min",
           within="peak", earned=REAL_ANSWER),
    _clock("off_hours_first_real_answer_median_min", _SPEED, _FAST_ANSWER, 1.0,
           "first real answer (KM) outside the vendor's hours", "real_answer_min",
           within="off_hours", earned=REAL_ANSWER),
    # The first reply of a ticket whose first reply was hollow is that hollow reply.
    _tickets("hollow_first_response_share", _SPEED, (0.05, 0.15, 0.30, 0.50, 0.80), 1.0,
             "answered tickets whose first reply was hollow", "first_response_hollow", good=0.0),
    _tickets("sla_first_response_met_share", _SPEED, _ATTAINMENT, 1.0,
             "tickets answered within the first-response target", "response_met"),
    _tickets("sla_resolution_met_share", _SPEED, _ATTAINMENT, 1.0,
             "tickets resolved within the resolution target", "resolution_met",
             earned=REAL_ANSWER),
    _clock("time_to_locate_median_min", _SPEED, _LOCATE, 1.0,
           "minutes until the vendor stated where the problem lies (KM)", "locate_min",
           earned=DIAGNOSIS),
    _clock("resolution_median_min", _SPEED, (240.0, 480.0, 1440.0, 2880.0, 7200.0), 1.0,
           "median wall-clock minutes to the first resolution (KM)", "resolution_min",
           censor="open_min", earned=REAL_ANSWER),
    _replies("diagnosis_reply_share", _EXPERT, (0.40, 0.30, 0.20, 0.10, 0.03),
             "agent replies that give a diagnosis", "diagnosis_replies", good=True,
             quotes=(("has_diagnosis", False), DIAGNOSIS)),
    _replies("expert_reply_share", _EXPERT, (0.50, 0.35, 0.20, 0.10, 0.03),
             "agent replies using technical terms relevant to the ticket's category",
             "expert_replies", good=True, quotes=(("is_expert", False), ("is_expert", True))),
    _replies("generic_advice_share", _EXPERT, _BAD_REPLIES,
             "agent replies with generic advice (switch network, restart the device)",
             "generic_advice_replies", good=False,
             quotes=(("has_generic_advice", True), REAL_ANSWER)),
    FigureRule("probe_key_point_coverage", _EXPERT, (0.80, 0.60, 0.40, 0.20, 0.05), 2.0,
               "share", "key points of stress-test probes that the vendor's replies covered",
               lambda ev: RatioSpec(ev["probe_coverage"], known(ev["probe_coverage"])),
               ExampleRule(coverage, earned_quote=REAL_ANSWER)),
    _tickets("first_contact_resolution_share", _RESOLVE, (0.70, 0.55, 0.40, 0.25, 0.10), 2.0,
             "resolved tickets solved after one public reply and never reopened", "one_touch"),
    FigureRule("reopen_rate", _RESOLVE, _FAILED_FIX, 1.0, "share",
               "resolved tickets reopened at least once",
               lambda ev: RatioSpec(positive(ev["reopens"]), np.nan_to_num(ev["resolved"])),
               ExampleRule(resolved_reopened)),
    _tickets("repeat_failure_rate", _RESOLVE, (0.02, 0.05, 0.10, 0.20, 0.35), 2.0,
             "tickets followed by the same account's ticket on the same category", "repeat",
             good=0.0),
    FigureRule("closed_without_solution_rate", _RESOLVE, _FAILED_FIX, 1.0, "share",
               "resolved tickets closed without a solution: no public agent reply, never "
               "marked solved, or the customer raised the same issue again (repeat)",
               lambda ev: RatioSpec(unsolved_close(ev).astype(float),
                                    np.nan_to_num(ev["resolved"])),
               ExampleRule(closed_without_solution, earned_quote=REAL_ANSWER)),
    FigureRule("resolved_share", _RESOLVE, (0.98, 0.95, 0.90, 0.80, 0.60), 1.0, "share",
               "tickets resolved by the end of the data",
               lambda ev: RatioSpec(np.nan_to_num(ev["resolved"]), np.ones(len(ev))),
               ExampleRule(flag_sides("resolved", good=1.0))),
    _answered("cause_stated_share", _STATED,
              "answered tickets where a reply stated the cause (diagnosis)",
              "diagnosis_replies", DIAGNOSIS),
    _answered("action_stated_share", _STATED,
              "answered tickets where a reply stated an action taken or planned",
              "action_replies", REAL_ANSWER),
    _answered("eta_share", _PROMISED, "answered tickets where a reply gave a concrete ETA",
              "eta_replies", ("has_eta", True)),
    _answered("next_update_share", _PROMISED,
              "answered tickets where a reply promised the next update", "next_update_replies",
              ("has_next_update", True)),
    _replies("hollow_reply_share", _COMMS, _BAD_REPLIES,
             "agent replies that only acknowledge or defer", "hollow_replies", good=False,
             quotes=(("is_hollow", True), ("is_hollow", False))),
    FigureRule("customer_follow_ups_per_ticket", _COMMS, (0.02, 0.05, 0.10, 0.25, 0.50), 2.0,
               "per ticket", "customer messages chasing the vendor while they waited, per ticket",
               lambda ev: RatioSpec(ev["customer_follow_ups"], np.ones(len(ev))),
               ExampleRule(follow_ups)),
    # A longest silence is known for every ticket that has one: nothing is censored.
    _clock("update_gap_median_min", _COMMS, _LOCATE, 3.0,
           "median of each ticket's longest silence while it waited on the vendor",
           "max_update_gap_min", censor="", earned=("has_next_update", True)),
    _tickets("update_cadence_met_share", _COMMS, _ATTAINMENT, 1.0,
             "tickets kept within the promised update_every (where one is set)", "update_met"),
    # Counted per account and month from the proactive table: no ticket earns or costs it.
    FigureRule("proactive_per_account_month", _PROACTIVE, (0.80, 0.50, 0.25, 0.10, 0.02), 2.0,
               "per account-month",
               "proactive records per account served and month, weighted by what they followed",
               None, ExampleRule(nothing)),
    _tickets("p1_review_share", _PROACTIVE, (0.80, 0.60, 0.40, 0.20, 0.05), 1.0,
             "resolved P1 tickets followed by a post-event review within 7 days", "p1_reviewed"),
)  # fmt: skip
FIGURE_NAMES = tuple(rule.name for rule in FIGURES)
FIGURES_BY_NAME = {rule.name: rule for rule in FIGURES}


def figures_of(dimension: str) -> tuple[FigureRule, ...]:
    """The figures that make up one dimension, in order."""
    return tuple(rule for rule in FIGURES if rule.dimension == dimension)
