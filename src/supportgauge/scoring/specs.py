"""Which per-ticket evidence each figure reads: its ratio or clock, over a group's rows."""

from __future__ import annotations

import numpy as np

from supportgauge.canonical import PRIORITIES
from supportgauge.scoring.bootstrap import MedianSpec, RatioSpec
from supportgauge.scoring.evidence import Evidence

# Clocks the claims read besides the scored figures.
IN_HOURS_REAL_ANSWER = "in_hours_first_real_answer_median_min"


def response_met_key(priority: str) -> str:
    """The name of the claims' share of tickets of one priority answered within target."""
    return f"first_response_met_{priority}"


def resolution_met_key(priority: str) -> str:
    """The name of the share of tickets of one priority resolved within target."""
    return f"resolution_met_{priority}"


def _flag(values: np.ndarray) -> np.ndarray:
    """1/0 where known, NaN where not."""
    return values.astype(float)


def _known(values: np.ndarray) -> np.ndarray:
    return (~np.isnan(values)).astype(float)


def _positive(values: np.ndarray) -> np.ndarray:
    return (np.nan_to_num(values) > 0).astype(float)


def unsolved_close(ev: Evidence) -> np.ndarray:
    """1 where a resolved ticket was closed without a solution: no public agent reply, never
    marked solved, or the same account raised the same category again soon after (repeat)."""
    silent = np.nan_to_num(ev["agent_replies"]) == 0
    unmarked = np.nan_to_num(ev["marked_solved"]) == 0
    again = np.nan_to_num(ev["repeat"]) > 0
    return (np.nan_to_num(ev["resolved"]) > 0) & (silent | unmarked | again)


def ratio_specs(ev: Evidence) -> dict[str, RatioSpec]:
    """The share-like figures of a group (numerators NaN where a ticket does not count)."""
    replies = np.nan_to_num(ev["agent_replies"])
    answered = _positive(ev["agent_replies"])
    resolved = np.nan_to_num(ev["resolved"])
    one_touch = ev["one_touch"]
    return {
        "hollow_first_response_share": RatioSpec(
            _flag(ev["first_response_hollow"]), _known(ev["first_response_hollow"])
        ),
        "sla_first_response_met_share": RatioSpec(
            _flag(ev["response_met"]), _known(ev["response_met"])
        ),
        "sla_resolution_met_share": RatioSpec(
            _flag(ev["resolution_met"]), _known(ev["resolution_met"])
        ),
        "diagnosis_reply_share": RatioSpec(ev["diagnosis_replies"], replies),
        "expert_reply_share": RatioSpec(ev["expert_replies"], replies),
        "generic_advice_share": RatioSpec(ev["generic_advice_replies"], replies),
        "probe_key_point_coverage": RatioSpec(ev["probe_coverage"], _known(ev["probe_coverage"])),
        "first_contact_resolution_share": RatioSpec(_flag(one_touch), _known(one_touch)),
        "reopen_rate": RatioSpec(_positive(ev["reopens"]), resolved),
        "repeat_failure_rate": RatioSpec(_flag(ev["repeat"]), _known(ev["repeat"])),
        "closed_without_solution_rate": RatioSpec(resolved * unsolved_close(ev), resolved),
        "resolved_share": RatioSpec(resolved, np.ones(len(ev))),
        "cause_stated_share": RatioSpec(_positive(ev["diagnosis_replies"]), answered),
        "action_stated_share": RatioSpec(_positive(ev["action_replies"]), answered),
        "eta_share": RatioSpec(_positive(ev["eta_replies"]), answered),
        "next_update_share": RatioSpec(_positive(ev["next_update_replies"]), answered),
        "hollow_reply_share": RatioSpec(ev["hollow_replies"], replies),
        "customer_follow_ups_per_ticket": RatioSpec(ev["customer_follow_ups"], np.ones(len(ev))),
        "update_cadence_met_share": RatioSpec(_flag(ev["update_met"]), _known(ev["update_met"])),
        "p1_review_share": RatioSpec(_flag(ev["p1_reviewed"]), _known(ev["p1_reviewed"])),
        **{
            response_met_key(priority): RatioSpec(
                _flag(ev["response_met"]), _known(ev["response_met"]) * (ev["priority"] == priority)
            )
            for priority in PRIORITIES
        },
        **{
            resolution_met_key(priority): RatioSpec(
                _flag(ev["resolution_met"]),
                _known(ev["resolution_met"]) * (ev["priority"] == priority),
            )
            for priority in PRIORITIES
        },
    }


def median_specs(ev: Evidence) -> dict[str, MedianSpec]:
    """The clocks of a group: each stops at its event or runs on to its censoring time."""
    everyone = np.ones(len(ev), dtype=bool)
    censor = ev["censor_min"]
    real = ev["real_answer_min"]
    off_hours = np.nan_to_num(ev["off_hours"]) > 0
    gap = ev["max_update_gap_min"]
    return {
        "first_real_answer_median_min": MedianSpec(real, censor, everyone),
        "first_response_median_min": MedianSpec(ev["first_response_min"], censor, everyone),
        # Business clocks still running are censored at their wall-clock time: an upper
        # bound of the staffed minutes that passed, so they never look faster than they were.
        "first_real_answer_business_median_min": MedianSpec(
            ev["real_answer_business_min"], censor, everyone
        ),
        "first_response_business_median_min": MedianSpec(
            ev["first_response_business_min"], censor, everyone
        ),
        "peak_first_real_answer_median_min": MedianSpec(
            real, censor, np.nan_to_num(ev["peak"]) > 0
        ),
        "off_hours_first_real_answer_median_min": MedianSpec(real, censor, off_hours),
        IN_HOURS_REAL_ANSWER: MedianSpec(real, censor, ~off_hours),
        "time_to_locate_median_min": MedianSpec(ev["locate_min"], censor, everyone),
        "resolution_median_min": MedianSpec(ev["resolution_min"], ev["open_min"], everyone),
        # A longest silence is known for every ticket that has one: nothing is censored.
        "update_gap_median_min": MedianSpec(gap, np.full(len(ev), np.nan), ~np.isnan(gap)),
    }


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
