"""Claims against the clock: first response in the vendor's hours, off hours and at peak.

A vendor that sells "7x24" is shown how it answers outside its own calendar and at the
customer's evening peak, beside its in-hours figure, with the ratios.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis

HOURS_FIELDS = (
    "vendor",
    "claimed_hours",
    "in_hours_n",
    "in_hours_first_response_p50",
    "in_hours_first_response_p90",
    "off_hours_n",
    "off_hours_first_response_p50",
    "off_hours_first_response_p90",
    "peak_n",
    "peak_first_response_p50",
    "peak_first_response_p90",
    "in_hours_substantive_response_p50",
    "off_hours_substantive_response_p50",
    "peak_substantive_response_p50",
    "off_to_in_hours_p50_ratio",
    "peak_to_in_hours_p50_ratio",
    "off_to_in_hours_substantive_p50_ratio",
)


def hours_comparison(per_ticket: Any, claimed_hours: Mapping[str, str | None]) -> Any:
    """Per vendor: first (and first substantive) response in hours, off hours and at peak."""
    response = per_ticket.first_response_min
    substantive = per_ticket.substantive_response_min
    classes = {
        "in_hours": ~per_ticket.created_off_hours,
        "off_hours": per_ticket.created_off_hours,
        "peak": per_ticket.created_peak_hours.fill_null(False),
    }
    metrics: dict[str, Any] = {}
    for name, condition in classes.items():
        metrics[f"{name}_n"] = per_ticket.count(where=condition)
        metrics[f"{name}_first_response_p50"] = response.quantile(0.5, where=condition)
        metrics[f"{name}_first_response_p90"] = response.quantile(0.9, where=condition)
        metrics[f"{name}_substantive_response_p50"] = substantive.quantile(0.5, where=condition)
    by_vendor = per_ticket.group_by("vendor").aggregate(**metrics)
    in_hours = by_vendor.in_hours_first_response_p50.nullif(0)
    by_vendor = by_vendor.mutate(
        off_to_in_hours_p50_ratio=by_vendor.off_hours_first_response_p50 / in_hours,
        peak_to_in_hours_p50_ratio=by_vendor.peak_first_response_p50 / in_hours,
        off_to_in_hours_substantive_p50_ratio=by_vendor.off_hours_substantive_response_p50
        / by_vendor.in_hours_substantive_response_p50.nullif(0),
    )
    claims = ibis.memtable(
        {
            "claim_vendor": list(claimed_hours),
            "claimed_hours": [claimed_hours[v] for v in claimed_hours],
        },
        schema={"claim_vendor": "string", "claimed_hours": "string"},
    )
    joined = by_vendor.left_join(claims, by_vendor.vendor == claims.claim_vendor)
    return joined.select(*HOURS_FIELDS).order_by("vendor")
