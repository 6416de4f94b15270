"""Aggregates of the per-ticket figures by vendor, priority, scenario, region or month."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis

from supportgauge.errors import InputError
from supportgauge.metrics.ticket_metrics import DURATION_FIELDS

GROUP_KEYS = (
    "vendor",
    "priority",
    "scenario",
    "region",
    "month",
    "category",
    "account",
    "vendor_hours",
    "customer_peak",
    "local_weekday",
    "local_hour",
)
# Group keys derived from per-ticket fields.
_DERIVED_KEYS = {
    "local_weekday": "created_local_weekday",
    "local_hour": "created_local_hour",
}
# Durations summarised; each gets _n, _observed_rate, _mean, _p50 and _p90.
SUMMARY_DURATIONS = DURATION_FIELDS
PERCENTILES = {"p50": 0.5, "p90": 0.9}


def parse_group_keys(text: str) -> list[str]:
    """The list of group keys in `text`, checked: e.g. 'vendor,priority'."""
    keys = [part.strip() for part in text.split(",") if part.strip()]
    check_group_keys(keys)
    return keys


def check_group_keys(keys: Sequence[str]) -> None:
    """Refuse unknown keys (listing the known ones), an empty list and repeats."""
    unknown = [key for key in keys if key not in GROUP_KEYS]
    if unknown:
        raise InputError(
            f"cannot group by {', '.join(repr(k) for k in unknown)}; "
            f"use any of {', '.join(GROUP_KEYS)}.",
            parameter="by",
        )
    if not keys:
        raise InputError(f"name at least one of {', '.join(GROUP_KEYS)}.", parameter="by")
    repeated = sorted({key for key in keys if list(keys).count(key) > 1})
    if repeated:
        raise InputError(f"{', '.join(repr(k) for k in repeated)} given twice.", parameter="by")


def summary(per_ticket: Any, *, by: Sequence[str]) -> Any:
    """n, share known, mean, exact p50/p90 of every duration, and rates, per group."""
    check_group_keys(by)
    by = list(by)
    per_ticket = per_ticket.mutate(**_derived_keys(per_ticket, by))
    resolved = per_ticket.one_touch.notnull()
    metrics: dict[str, Any] = {
        "tickets": per_ticket.count(),
        "responded_rate": per_ticket.first_response_min.notnull().cast("float64").mean(),
        "resolved_rate": resolved.cast("float64").mean(),
        "reopened_rate": (per_ticket.reopens > 0).cast("float64").mean(),
        "reopens_mean": per_ticket.reopens.mean(),
        "agent_replies_mean": per_ticket.agent_replies.mean(),
        # Among resolved tickets, the share solved by one public reply and never reopened.
        "one_touch_rate": per_ticket.one_touch.cast("float64").mean(),
        "repeat_rate": per_ticket.repeat.cast("float64").mean(),
    }
    # What the replies say: shares of first responses and of all public agent replies.
    metrics["hollow_first_response_rate"] = per_ticket.first_response_hollow.cast("float64").mean()
    metrics["locate_inferred_rate"] = per_ticket.locate_inferred.cast("float64").mean()
    replies = per_ticket.agent_replies.sum().nullif(0).cast("float64")
    for label in ("generic_advice", "eta", "next_update", "diagnosis"):
        metrics[f"{label}_reply_rate"] = per_ticket[f"{label}_replies"].sum() / replies
    metrics["technical_depth_rate"] = per_ticket.expert_replies.sum() / replies
    # SLA attainment: the share of decided tickets within target; p90 of minutes over it.
    for target in ("first_response", "resolution", "update"):
        breached = per_ticket[f"sla_{target}_breached"]
        over = per_ticket[f"sla_{target}_over_min"]
        metrics[f"sla_{target}_n"] = breached.count()
        metrics[f"sla_{target}_attainment_rate"] = (~breached).cast("float64").mean()
        metrics[f"sla_{target}_over_min_p90"] = over.quantile(0.9)
    for field in SUMMARY_DURATIONS:
        column = per_ticket[field]
        metrics[f"{field}_n"] = column.count()
        # Beside each time, the share of the group's tickets it is known for (answered,
        # located, resolved): the percentiles are over those tickets only.
        metrics[f"{field}_observed_rate"] = column.notnull().cast("float64").mean()
        metrics[f"{field}_mean"] = column.mean()
        for label, fraction in PERCENTILES.items():
            metrics[f"{field}_{label}"] = column.quantile(fraction)
    return per_ticket.group_by(by).aggregate(**metrics).order_by(by)


def _derived_keys(per_ticket: Any, by: Sequence[str]) -> dict[str, Any]:
    """Group columns that are computed from the per-ticket fields."""
    derived: dict[str, Any] = {}
    for key in by:
        if key == "month":
            derived[key] = per_ticket.created_at.strftime("%Y-%m")
        elif key == "vendor_hours":
            derived[key] = ibis.cases((per_ticket.created_off_hours, "off_hours"), else_="in_hours")
        elif key == "customer_peak":
            derived[key] = ibis.cases(
                (per_ticket.created_peak_hours, "peak"),
                (~per_ticket.created_peak_hours, "off_peak"),
                else_=ibis.null("string"),
            )
        elif key in _DERIVED_KEYS:
            derived[key] = per_ticket[_DERIVED_KEYS[key]]
    return derived
