"""SLA targets against the figures: breaches and minutes over target, per ticket.

Each vendor's targets (`[vendors.NAME] sla.P1 = {...}`) are read on its SLA clock:
business minutes on its calendar (the default) or calendar minutes. A target a vendor
did not set gives NULL, never a breach.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import ibis

from supportgauge.clocks.vendor_clocks import VendorClock

SLA_FIELDS = (
    "sla_first_response_target_min",
    "sla_first_response_over_min",
    "sla_first_response_breached",
    "sla_resolution_target_min",
    "sla_resolution_over_min",
    "sla_resolution_breached",
    "sla_update_target_min",
    "sla_update_over_min",
    "sla_update_breached",
)
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


def _judged(figure: Any, elapsed: Any, target: Any) -> tuple[Any, Any]:
    """(minutes over target, breached): an event that never came breaches once the
    recorded history already ran past the target, and is undecided before that."""
    over = figure - target
    breached = ibis.cases(
        (target.isnull(), ibis.null("boolean")),
        (figure.notnull(), figure > target),
        (elapsed > target, True),
        else_=ibis.null("boolean"),
    )
    return ibis.cases((target.notnull(), over), else_=ibis.null("float64")), breached


# The per-ticket figures `with_sla` reads, in both clocks.
SLA_INPUTS = tuple(
    f"{figure}{clock}"
    for figure in ("history", "first_response", "full_resolution", "max_update_gap")
    for clock in ("_min", "_business_min")
)


def with_sla(figures: Any, vendors: Mapping[str, VendorClock]) -> Any:
    """The per-ticket figures with SLA targets, minutes over target and breaches added.

    Needs, besides the SPEC fields, `history_min` and `history_business_min`: the time from
    the response clock's start to the ticket's last recorded row, in both clocks.
    """
    targets = targets_table(vendors)
    joined = figures.left_join(
        targets,
        [figures.vendor == targets.sla_vendor, figures.priority == targets.sla_priority],
    )
    business = joined.business_clock.fill_null(True)

    def on_clock(calendar_field: str) -> Any:
        return ibis.cases(
            (business, joined[calendar_field.replace("_min", "_business_min")]),
            else_=joined[calendar_field],
        )

    history = on_clock("history_min")
    response_over, response_breached = _judged(
        on_clock("first_response_min"), history, joined.first_response_target
    )
    resolution_over, resolution_breached = _judged(
        on_clock("full_resolution_min"), history, joined.resolution_target
    )
    gap = on_clock("max_update_gap_min")
    update_target = joined.update_every_target
    return joined.mutate(
        sla_first_response_target_min=joined.first_response_target,
        sla_first_response_over_min=response_over,
        sla_first_response_breached=response_breached,
        sla_resolution_target_min=joined.resolution_target,
        sla_resolution_over_min=resolution_over,
        sla_resolution_breached=resolution_breached,
        sla_update_target_min=update_target,
        sla_update_over_min=ibis.cases(
            (update_target.notnull(), gap - update_target), else_=ibis.null("float64")
        ),
        sla_update_breached=ibis.cases(
            (update_target.isnull() | gap.isnull(), ibis.null("boolean")),
            else_=gap > update_target,
        ),
    ).drop(*_TARGET_SCHEMA)
