"""Which tickets earned or cost each figure, and which of their replies shows it: a diagnosis
share is earned by replies read as diagnosis, hollow first replies cost by the hollow ones.

Every rule gives, per ticket, how much it cost the figure and how much it earned it (NaN:
not an example of that side), the value shown beside it, and the reply to quote on each
side: a reply flag and whether the reply has it, or None for the ticket's first reply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from supportgauge.scoring.evidence import Evidence

# (flag of `example_replies`, wanted value), or None: the first public reply.
Quote = tuple[str, bool] | None
FIRST_REPLY: Quote = None
REAL_ANSWER: Quote = ("is_real_answer", True)


@dataclass(frozen=True)
class Sides:
    """Per ticket: what it cost and earned a figure (NaN: neither), and its value."""

    cost: np.ndarray
    earned: np.ndarray
    value: np.ndarray


@dataclass(frozen=True)
class ExampleRule:
    """How one figure picks its examples and the replies to quote on each side."""

    sides: Callable[[Evidence], Sides]
    cost_quote: Quote = FIRST_REPLY
    earned_quote: Quote = FIRST_REPLY


def _where(keep: np.ndarray, values: np.ndarray | float) -> np.ndarray:
    return np.where(keep, values, np.nan)


def _replies(ev: Evidence) -> np.ndarray:
    return np.nan_to_num(ev["agent_replies"])


def _reply_count(column: str, *, good: bool) -> Callable[[Evidence], Sides]:
    """A share of replies: tickets with replies that have the label, and with ones that lack it."""

    def sides(ev: Evidence) -> Sides:
        flagged = np.nan_to_num(ev[column])
        other = _replies(ev) - flagged
        with_it, without = _where(flagged > 0, flagged), _where(other > 0, other)
        cost, earned = (without, with_it) if good else (with_it, without)
        return Sides(cost, earned, flagged)

    return sides


def _flag(column: str, *, good: float, within: str | None = None) -> Callable[[Evidence], Sides]:
    """A share of tickets: those whose flag is the good value earned it, the others cost it."""

    def sides(ev: Evidence) -> Sides:
        values = ev[column]
        counted = ~np.isnan(values) & (np.nan_to_num(ev[within]) > 0 if within else True)
        return Sides(
            _where(counted & (values != good), 1.0), _where(counted & (values == good), 1.0), values
        )

    return sides


def _stated(column: str) -> Callable[[Evidence], Sides]:
    """A share of answered tickets: those where a reply had the label earned it."""

    def sides(ev: Evidence) -> Sides:
        answered = _replies(ev) > 0
        has = np.nan_to_num(ev[column]) > 0
        return Sides(_where(answered & ~has, 1.0), _where(answered & has, 1.0), ev[column])

    return sides


def _clock(column: str, *, within: str | None = None, censor: str = "censor_min") -> Callable[
    [Evidence], Sides
]:  # fmt: skip
    """A median clock: tickets slower than the group's median cost it (a clock that never
    stopped most), those that stopped at or below it earned it (fastest first)."""

    def sides(ev: Evidence) -> Sides:
        minutes = ev[column]
        counted = np.nan_to_num(ev[within]) > 0 if within else np.ones(len(ev), dtype=bool)
        stopped = counted & ~np.isnan(minutes)
        running = counted & np.isnan(minutes)
        waited = np.where(stopped, minutes, np.nan_to_num(ev[censor]) if censor else np.nan)
        if not counted.any() or np.isnan(waited[counted]).all():
            empty = np.full(len(ev), np.nan)
            return Sides(empty, empty, waited)
        median = float(np.nanmedian(waited[counted]))
        never = running & bool(censor)
        cost = np.where(never, 1e12 + waited, _where(stopped & (minutes > median), minutes))
        earned = _where(stopped & (minutes <= median), median - minutes + 1.0)
        return Sides(_where(counted, cost), earned, np.where(never, np.inf, waited))

    return sides


def _resolved_reopened(ev: Evidence) -> Sides:
    resolved = np.nan_to_num(ev["resolved"]) > 0
    reopens = np.nan_to_num(ev["reopens"])
    return Sides(_where(resolved & (reopens > 0), reopens), _where(resolved & (reopens == 0), 1.0),
                 reopens)  # fmt: skip


def _closed_without_solution(ev: Evidence) -> Sides:
    resolved = np.nan_to_num(ev["resolved"]) > 0
    unsolved = resolved & (
        (_replies(ev) == 0)
        | (np.nan_to_num(ev["marked_solved"]) == 0)
        | (np.nan_to_num(ev["repeat"]) > 0)
    )
    return Sides(_where(unsolved, 1.0), _where(resolved & ~unsolved, 1.0), unsolved.astype(float))


def _follow_ups(ev: Evidence) -> Sides:
    chased = np.nan_to_num(ev["customer_follow_ups"])
    answered = _replies(ev) > 0
    return Sides(_where(chased > 0, chased), _where(answered & (chased == 0), 1.0), chased)


def _coverage(ev: Evidence) -> Sides:
    covered = ev["probe_coverage"]
    known = ~np.isnan(covered)
    cost = _where(known & (covered < 1), 1.0 - covered)
    return Sides(cost, _where(known & (covered > 0), covered), covered)


def _nothing(ev: Evidence) -> Sides:
    empty = np.full(len(ev), np.nan)
    return Sides(empty, empty, empty)


_DIAGNOSIS: Quote = ("has_diagnosis", True)
EXAMPLE_RULES: dict[str, ExampleRule] = {
    "first_real_answer_median_min": ExampleRule(
        _clock("real_answer_min"), earned_quote=REAL_ANSWER
    ),
    "first_response_median_min": ExampleRule(_clock("first_response_min")),
    "peak_first_real_answer_median_min": ExampleRule(
        _clock("real_answer_min", within="peak"), earned_quote=REAL_ANSWER
    ),
    "off_hours_first_real_answer_median_min": ExampleRule(
        _clock("real_answer_min", within="off_hours"), earned_quote=REAL_ANSWER
    ),
    # The first reply of a ticket whose first reply was hollow is that hollow reply.
    "hollow_first_response_share": ExampleRule(_flag("first_response_hollow", good=0.0)),
    "sla_first_response_met_share": ExampleRule(_flag("response_met", good=1.0)),
    "sla_resolution_met_share": ExampleRule(
        _flag("resolution_met", good=1.0), earned_quote=REAL_ANSWER
    ),
    "time_to_locate_median_min": ExampleRule(_clock("locate_min"), earned_quote=_DIAGNOSIS),
    "resolution_median_min": ExampleRule(
        _clock("resolution_min", censor="open_min"), earned_quote=REAL_ANSWER
    ),
    "diagnosis_reply_share": ExampleRule(
        _reply_count("diagnosis_replies", good=True), ("has_diagnosis", False), _DIAGNOSIS
    ),
    "expert_reply_share": ExampleRule(
        _reply_count("expert_replies", good=True), ("is_expert", False), ("is_expert", True)
    ),
    "generic_advice_share": ExampleRule(
        _reply_count("generic_advice_replies", good=False),
        ("has_generic_advice", True),
        REAL_ANSWER,
    ),
    "probe_key_point_coverage": ExampleRule(_coverage, earned_quote=REAL_ANSWER),
    "first_contact_resolution_share": ExampleRule(_flag("one_touch", good=1.0)),
    "reopen_rate": ExampleRule(_resolved_reopened),
    "repeat_failure_rate": ExampleRule(_flag("repeat", good=0.0)),
    "closed_without_solution_rate": ExampleRule(_closed_without_solution, earned_quote=REAL_ANSWER),
    "action_stated_share": ExampleRule(_stated("action_replies"), earned_quote=REAL_ANSWER),
    "first_real_answer_business_median_min": ExampleRule(
        _clock("real_answer_business_min"), earned_quote=REAL_ANSWER
    ),
    "first_response_business_median_min": ExampleRule(_clock("first_response_business_min")),
    "resolved_share": ExampleRule(_flag("resolved", good=1.0)),
    "cause_stated_share": ExampleRule(_stated("diagnosis_replies"), earned_quote=_DIAGNOSIS),
    "eta_share": ExampleRule(_stated("eta_replies"), earned_quote=("has_eta", True)),
    "next_update_share": ExampleRule(
        _stated("next_update_replies"), earned_quote=("has_next_update", True)
    ),
    "hollow_reply_share": ExampleRule(
        _reply_count("hollow_replies", good=False), ("is_hollow", True), ("is_hollow", False)
    ),
    "customer_follow_ups_per_ticket": ExampleRule(_follow_ups),
    "update_gap_median_min": ExampleRule(
        _clock("max_update_gap_min", censor=""), earned_quote=("has_next_update", True)
    ),
    "update_cadence_met_share": ExampleRule(_flag("update_met", good=1.0)),
    # Counted per account and month from the proactive table: no ticket earns or costs it.
    "proactive_per_account_month": ExampleRule(_nothing),
    "p1_review_share": ExampleRule(_flag("p1_reviewed", good=1.0)),
}


def top(amounts: np.ndarray, count: int) -> np.ndarray:
    """Positions of the `count` largest amounts (NaN: left out), largest first."""
    shown = np.flatnonzero(~np.isnan(amounts))
    return shown[np.argsort(-amounts[shown], kind="stable")][:count]
