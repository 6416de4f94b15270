"""Which tickets earned or cost each figure, and which of their replies shows it: a diagnosis
share is earned by replies read as diagnosis, hollow first replies cost by the hollow ones.

Every rule gives, per ticket, how much it cost the figure and how much it earned it (NaN:
not an example of that side), the value shown beside it, and the reply to quote on each
side: a reply flag and whether the reply has it, or None for the ticket's first reply.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from supportgauge.metrics.kaplan_meier import km_percentile
from supportgauge.scoring.spec_parts import unsolved_close

if TYPE_CHECKING:  # the settings import these declarations: no cycle through evidence
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


def reply_count(column: str, *, good: bool) -> Callable[[Evidence], Sides]:
    """A share of replies: tickets with replies that have the label, and with ones that lack it."""

    def sides(ev: Evidence) -> Sides:
        flagged = np.nan_to_num(ev[column])
        other = _replies(ev) - flagged
        with_it, without = _where(flagged > 0, flagged), _where(other > 0, other)
        cost, earned = (without, with_it) if good else (with_it, without)
        return Sides(cost, earned, flagged)

    return sides


def flag_sides(
    column: str, *, good: float, within: str | None = None
) -> Callable[[Evidence], Sides]:
    """A share of tickets: those whose flag is the good value earned it, the others cost it."""

    def sides(ev: Evidence) -> Sides:
        values = ev[column]
        counted = ~np.isnan(values) & (np.nan_to_num(ev[within]) > 0 if within else True)
        return Sides(
            _where(counted & (values != good), 1.0), _where(counted & (values == good), 1.0), values
        )

    return sides


def stated(column: str) -> Callable[[Evidence], Sides]:
    """A share of answered tickets: those where a reply had the label earned it."""

    def sides(ev: Evidence) -> Sides:
        answered = _replies(ev) > 0
        has = np.nan_to_num(ev[column]) > 0
        return Sides(_where(answered & ~has, 1.0), _where(answered & has, 1.0), ev[column])

    return sides


def clock_sides(column: str, *, within: str | None = None, censor: str = "censor_min") -> Callable[
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
        # The split is the figure's own median (Kaplan-Meier, as the scorecard shows it); where
        # it is not reached every stopped clock earned it.
        median = km_percentile(waited, stopped, counted.astype(float), fraction=0.5)
        # Fastest first: the earned score falls with the minutes, from a finite top.
        top = median if np.isfinite(median) else float(np.nanmax(waited[counted]))
        never = running & bool(censor)
        cost = np.where(never, 1e12 + waited, _where(stopped & (minutes > median), minutes))
        earned = _where(stopped & (minutes <= median), top - minutes + 1.0)
        return Sides(_where(counted, cost), earned, np.where(never, np.inf, waited))

    return sides


def resolved_reopened(ev: Evidence) -> Sides:
    """Resolved tickets reopened cost it; those never reopened earned it."""
    resolved = np.nan_to_num(ev["resolved"]) > 0
    reopens = np.nan_to_num(ev["reopens"])
    return Sides(_where(resolved & (reopens > 0), reopens), _where(resolved & (reopens == 0), 1.0),
                 reopens)  # fmt: skip


def closed_without_solution(ev: Evidence) -> Sides:
    """Resolved tickets closed without a solution cost it; the others earned it."""
    resolved = np.nan_to_num(ev["resolved"]) > 0
    unsolved = unsolved_close(ev)
    return Sides(_where(unsolved, 1.0), _where(resolved & ~unsolved, 1.0), unsolved.astype(float))


def follow_ups(ev: Evidence) -> Sides:
    """Tickets whose customer chased cost it; answered ones without a chase earned it."""
    chased = np.nan_to_num(ev["customer_follow_ups"])
    answered = _replies(ev) > 0
    return Sides(_where(chased > 0, chased), _where(answered & (chased == 0), 1.0), chased)


def coverage(ev: Evidence) -> Sides:
    """Probe tickets cost it by the key points missed and earned it by those covered."""
    covered = ev["probe_coverage"]
    known = ~np.isnan(covered)
    cost = _where(known & (covered < 1), 1.0 - covered)
    return Sides(cost, _where(known & (covered > 0), covered), covered)


def nothing(ev: Evidence) -> Sides:
    """No ticket costs or earns it."""
    empty = np.full(len(ev), np.nan)
    return Sides(empty, empty, empty)


DIAGNOSIS: Quote = ("has_diagnosis", True)


def top(amounts: np.ndarray, count: int) -> np.ndarray:
    """Positions of the `count` largest amounts (NaN: left out), largest first."""
    shown = np.flatnonzero(~np.isnan(amounts))
    return shown[np.argsort(-amounts[shown], kind="stable")][:count]
