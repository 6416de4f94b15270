"""Claims against the clock: first response in the vendor's hours, off hours and at peak.

A vendor that sells "7x24" is shown how it answers outside its own calendar and at the
customer's evening peak, beside its in-hours figure, with the ratios. Tickets never
answered count: each time is a Kaplan–Meier percentile over every ticket of its class, with
unanswered ones censored where their clock stopped running (`metrics.censoring`), and the
share answered stands beside it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis

from supportgauge.metrics.censoring import DataEnd, response_censor_min
from supportgauge.metrics.kaplan_meier import km_percentiles

# Tickets by when they were raised: in the vendor's hours, off them, at the customer's peak.
TICKET_CLASSES = ("in_hours", "off_hours", "peak")
# The clocks measured in each class, by the per-ticket figure that stops them.
CLOCKS = {
    "first_response": "first_response_min",
    "substantive_response": "substantive_response_min",
}
HOURS_FIELDS = (
    "vendor",
    "claimed_hours",
    "in_hours_n",
    "in_hours_responded_rate",
    "in_hours_first_response_p50",
    "in_hours_first_response_p90",
    "off_hours_n",
    "off_hours_responded_rate",
    "off_hours_first_response_p50",
    "off_hours_first_response_p90",
    "peak_n",
    "peak_responded_rate",
    "peak_first_response_p50",
    "peak_first_response_p90",
    "in_hours_substantive_responded_rate",
    "in_hours_substantive_response_p50",
    "off_hours_substantive_responded_rate",
    "off_hours_substantive_response_p50",
    "peak_substantive_responded_rate",
    "peak_substantive_response_p50",
    "off_to_in_hours_p50_ratio",
    "peak_to_in_hours_p50_ratio",
    "off_to_in_hours_substantive_p50_ratio",
)
# Each percentile field and the count of its class: NULL with tickets there is not reached.
PERCENTILE_COUNTS = {
    f"{name}_{clock}_{percentile}": f"{name}_n"
    for name in TICKET_CLASSES
    for clock in CLOCKS
    for percentile in ("p50", "p90")
    if f"{name}_{clock}_{percentile}" in HOURS_FIELDS
}


def _class_clocks(per_ticket: Any, data_end: DataEnd) -> Any:
    """One row per ticket, class it is in and clock: where the clock stopped or was censored."""
    tickets = per_ticket.select(
        "vendor",
        off_hours=per_ticket.created_off_hours,
        peak=per_ticket.created_peak_hours.fill_null(False),
        censor_min=response_censor_min(per_ticket, data_end),
        **{clock: per_ticket[figure] for clock, figure in CLOCKS.items()},
    )
    grid = ibis.memtable(
        {
            "ticket_class": [name for name in TICKET_CLASSES for _ in CLOCKS],
            "clock": [clock for _ in TICKET_CLASSES for clock in CLOCKS],
        }
    )
    rows = tickets.cross_join(grid)
    in_class = ibis.cases(
        (rows.ticket_class == "in_hours", ~rows.off_hours),
        (rows.ticket_class == "off_hours", rows.off_hours),
        else_=rows.peak,
    )
    stopped_at = ibis.cases(
        (rows.clock == "first_response", rows.first_response),
        else_=rows.substantive_response,
    )
    return rows.filter(in_class).select(
        "vendor",
        "ticket_class",
        "clock",
        minutes=ibis.coalesce(stopped_at, rows.censor_min),
        stopped=stopped_at.notnull(),
    )


def _per_vendor(estimates: Any) -> Any:
    """The estimates per class and clock as one row per vendor, in the public names."""

    def pick(column: str, ticket_class: str, clock: str) -> Any:
        mine = (estimates.ticket_class == ticket_class) & (estimates.clock == clock)
        return estimates[column].max(where=mine)

    figures: dict[str, Any] = {}
    for name in TICKET_CLASSES:
        count = pick("clocks", name, "first_response").fill_null(0)
        figures[f"{name}_n"] = count
        for clock in CLOCKS:
            answered = pick("stopped", name, clock).cast("float64")
            prefix = name if clock == "first_response" else f"{name}_substantive"
            figures[f"{prefix}_responded_rate"] = answered / count.nullif(0)
            figures[f"{name}_{clock}_p50"] = pick("p50", name, clock)
            figures[f"{name}_{clock}_p90"] = pick("p90", name, clock)
    return estimates.group_by("vendor").aggregate(**figures)


def hours_comparison(
    per_ticket: Any, claimed_hours: Mapping[str, str | None], *, data_end: DataEnd
) -> Any:
    """Per vendor: first (and first substantive) response in hours, off hours and at peak,
    Kaplan–Meier percentiles with the share answered beside them."""
    estimates = km_percentiles(
        _class_clocks(per_ticket, data_end),
        by=["vendor", "ticket_class", "clock"],
        percentiles={"p50": 0.5, "p90": 0.9},
    )
    by_vendor = _per_vendor(estimates)
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
