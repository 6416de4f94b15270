"""SLA targets against the figures: breaches and minutes over target, per ticket.

The SLA figures themselves are declared in `metrics.figures`; this module joins the
targets and judges a figure against them.

Each vendor's targets (`[vendors.NAME] sla.P1 = {...}`) are read on its SLA clock:
business minutes on its calendar (the default) or calendar minutes. A target a vendor
did not set gives NULL, never a breach.
"""

from __future__ import annotations

from collections.abc import Mapping
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


def targets_table(vendors: Mapping[str, VendorClock]) -> Any:
    """One row per vendor and priority with a target."""
    rows: dict[str, list[Any]] = {name: [] for name in _TARGET_SCHEMA}
    for vendor in vendors.values():
        for priority, targets in vendor.sla.items():
            rows["sla_vendor"].append(vendor.name)
            rows["sla_priority"].append(priority)
            rows["first_response_target"].append(targets.first_response)
            rows["update_every_target"].append(targets.update_every)
            rows["resolution_target"].append(targets.resolution)
            rows["business_clock"].append(vendor.sla_clock == "business")
    return ibis.memtable(rows, schema=_TARGET_SCHEMA)


def with_sla_targets(table: Any, vendors: Mapping[str, VendorClock]) -> Any:
    """Each ticket joined to its vendor's targets for its priority (NULL when none)."""
    targets = targets_table(vendors)
    return table.left_join(
        targets, [table.vendor == targets.sla_vendor, table.priority == targets.sla_priority]
    )


def on_sla_clock(parts: FigureParts, wall_figure: str, business_figure: str) -> Any:
    """The figure on the vendor's SLA clock: business time unless it set calendar time."""
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
