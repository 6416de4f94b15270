"""How a figure reads the per-ticket evidence: a share (numerators over denominators) or a
clock (Kaplan-Meier over times that may still run). The figures' declarations use these."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import numpy as np

from supportgauge.scoring.bootstrap import MedianSpec, RatioSpec

if TYPE_CHECKING:  # the settings import these declarations: no cycle through evidence
    from supportgauge.scoring.evidence import Evidence

SpecBuilder = Callable[["Evidence"], RatioSpec | MedianSpec]


def flag(values: np.ndarray) -> np.ndarray:
    """1/0 where known, NaN where not."""
    return values.astype(float)


def known(values: np.ndarray) -> np.ndarray:
    """1 where a value is known, 0 where it is NaN."""
    return (~np.isnan(values)).astype(float)


def positive(values: np.ndarray) -> np.ndarray:
    """1 where a count is above zero."""
    return (np.nan_to_num(values) > 0).astype(float)


def replies(ev: Evidence) -> np.ndarray:
    """Each ticket's public agent replies."""
    return np.nan_to_num(ev["agent_replies"])


def ticket_share(column: str) -> SpecBuilder:
    """The share of tickets whose flag is 1, among those where it is known."""
    return lambda ev: RatioSpec(flag(ev[column]), known(ev[column]))


def reply_share(column: str) -> SpecBuilder:
    """The share of agent replies with a label (the column counts them per ticket)."""
    return lambda ev: RatioSpec(ev[column], replies(ev))


def answered_share(column: str) -> SpecBuilder:
    """The share of answered tickets where at least one reply had a label."""
    return lambda ev: RatioSpec(positive(ev[column]), positive(ev["agent_replies"]))


def clock(column: str, *, within: str | None = None, censor: str = "censor_min") -> SpecBuilder:
    """A clock of `column` minutes, still running up to `censor` (none: nothing is
    censored, only tickets with a value count), over the tickets where `within` is set."""

    def build(ev: Evidence) -> MedianSpec:
        if not censor:
            return MedianSpec(ev[column], np.full(len(ev), np.nan), ~np.isnan(ev[column]))
        include = np.nan_to_num(ev[within]) > 0 if within else np.ones(len(ev), dtype=bool)
        return MedianSpec(ev[column], ev[censor], include)

    return build


def unsolved_close(ev: Evidence) -> np.ndarray:
    """True where a resolved ticket was closed without a solution: no public agent reply,
    never marked solved, or the same account raised the same category again soon after."""
    silent = replies(ev) == 0
    unmarked = np.nan_to_num(ev["marked_solved"]) == 0
    again = np.nan_to_num(ev["repeat"]) > 0
    return (np.nan_to_num(ev["resolved"]) > 0) & (silent | unmarked | again)
