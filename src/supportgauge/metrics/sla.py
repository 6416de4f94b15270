"""SLA targets against the figures: breaches and minutes over target, per ticket.

The SLA figures themselves are declared in `metrics.figures`; this module joins the
targets and judges a figure against them.

Each vendor's targets (`[vendors.NAME] sla.P1 = {...}`) are read on its SLA clock:
business minutes on its calendar (the default), or wall-clock minutes when it set
`sla_clock = "calendar"` or claims support around the clock (7x24): a vendor is held to
what it promised, whatever its staffed calendar. A target a vendor did not set gives
NULL, never a breach.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any

import ibis

from supportgauge.clocks.vendor_clocks import VendorClock
from supportgauge.metrics.figure_parts import FigureParts

_TARGET_SCHEMA = {
    "sla_vendor": "string",
    "sla_priority": "string",
    "first_response_target": "float64",
    "update_every_target": "float64",
    "resolution_target": "float64",
    "business_clock": "boolean",
}


# Claims of round-the-clock support: such a vendor is held to the wall clock.
ROUND_THE_CLOCK = ("7x24", "24x7", "24/7", "7*24", "24*7")


def claims_round_the_clock(claim: str | None) -> bool:
    """Whether a claimed-hours text promises support around the clock."""
    return (claim or "").strip().lower().replace(" ", "") in ROUND_THE_CLOCK


def on_wall_clock(vendor: VendorClock, round_the_clock: Collection[str]) -> bool:
    """Whether a vendor's SLA runs on the wall clock: it set `sla_clock = "calendar"`, or
    it is among the vendors that claim support around the clock."""
    return vendor.sla_clock == "calendar" or vendor.name in round_the_clock


def targets_table(vendors: Mapping[str, VendorClock], round_the_clock: Collection[str] = ()) -> Any:
    """One row per vendor and priority with a target, and whether its SLA clock is the
    vendor's business calendar (not when it claims support around the clock)."""
    rows: dict[str, list[Any]] = {name: [] for name in _TARGET_SCHEMA}
    for vendor in vendors.values():
        for priority, targets in vendor.sla.items():
            rows["sla_vendor"].append(vendor.name)
            rows["sla_priority"].append(priority)
            rows["first_response_target"].append(targets.first_response)
            rows["update_every_target"].append(targets.update_every)
            rows["resolution_target"].append(targets.resolution)
            rows["business_clock"].append(not on_wall_clock(vendor, round_the_clock))
    return ibis.memtable(rows, schema=_TARGET_SCHEMA)


def with_sla_targets(
    table: Any, vendors: Mapping[str, VendorClock], round_the_clock: Collection[str] = ()
) -> Any:
    """Each ticket joined to its vendor's targets for its priority (NULL when none)."""
    targets = targets_table(vendors, round_the_clock)
    return table.left_join(
        targets, [table.vendor == targets.sla_vendor, table.priority == targets.sla_priority]
    )


def on_sla_clock(parts: FigureParts, wall_figure: str, business_figure: str) -> Any:
    """The figure on the vendor's SLA clock: business time unless it set calendar time or
    claims support around the clock."""
    return ibis.cases(
        (parts.table.business_clock.fill_null(True), parts.figure(business_figure)),
        else_=parts.figure(wall_figure),
    )


def over_target(figure: Any, target: Any) -> Any:
    """Minutes over target (negative: within it); NULL without a target."""
    return ibis.cases((target.notnull(), figure - target), else_=ibis.null("float64"))


def breached(figure: Any, history: Any, target: Any) -> Any:
    """Whether the figure ran past its target: an event that never came breaches once the
    recorded history already ran past the target, and is undecided before that."""
    return ibis.cases(
        (target.isnull(), ibis.null("boolean")),
        (figure.notnull(), figure > target),
        (history > target, True),
        else_=ibis.null("boolean"),
    )


def update_breached(gap: Any, target: Any) -> Any:
    """Whether the longest vendor silence ran past `update_every`; NULL without either."""
    return ibis.cases((target.isnull() | gap.isnull(), ibis.null("boolean")), else_=gap > target)
