"""The `[vendors.NAME]` tables: each vendor's support calendar and SLA targets."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from supportgauge.canonical import PRIORITIES
from supportgauge.clocks.calendar_config import BUILT_IN_24X7, CalendarSpec
from supportgauge.errors import SettingsError

SLA_TARGET_KEYS = ("first_response", "update_every", "resolution")
SLA_CLOCKS = ("business", "calendar")
VENDOR_KEYS = ("calendar", "sla", "sla_clock", "claimed_hours")


@dataclass(frozen=True)
class SlaTargets:
    """Minutes a vendor promises for one priority; None where it promises nothing."""

    first_response: float | None = None
    update_every: float | None = None
    resolution: float | None = None


@dataclass(frozen=True)
class VendorClock:
    """A vendor's calendar, SLA targets per priority, and the clock its SLA runs on."""

    name: str
    calendar: str = BUILT_IN_24X7
    sla: Mapping[str, SlaTargets] = field(default_factory=dict)
    sla_clock: str = "business"
    claimed_hours: str | None = None


def _fail(vendor: str, key: str, problem: str) -> SettingsError:
    return SettingsError(f"vendor '{vendor}', key '{key}': {problem}")


def _minutes(vendor: str, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or value <= 0:
        raise _fail(vendor, key, f"{value!r} is not a positive number of minutes.")
    return float(value)


def _sla(vendor: str, table: Any) -> dict[str, SlaTargets]:
    if not isinstance(table, Mapping):
        raise _fail(vendor, "sla", "must be a table of priorities, e.g. sla.P1 = {...}.")
    targets = {}
    for priority, values in table.items():
        key = f"sla.{priority}"
        if priority not in PRIORITIES:
            raise _fail(vendor, key, f"'{priority}' is not a priority; use P1, P2, P3 or P4.")
        if not isinstance(values, Mapping):
            raise _fail(vendor, key, "must be a table, e.g. { first_response = 15 }.")
        unknown = sorted(set(values) - set(SLA_TARGET_KEYS))
        if unknown:
            raise _fail(
                vendor,
                f"{key}.{unknown[0]}",
                f"unknown target; use {', '.join(SLA_TARGET_KEYS)}.",
            )
        targets[priority] = SlaTargets(
            **{name: _minutes(vendor, f"{key}.{name}", v) for name, v in values.items()}
        )
    return targets


def parse_vendor_clocks(
    section: Mapping[str, Any] | None, calendars: Mapping[str, CalendarSpec]
) -> dict[str, VendorClock]:
    """Every vendor configured under [vendors], checked against the known calendars."""
    vendors = {}
    for name, table in (section or {}).items():
        if not isinstance(table, Mapping):
            raise SettingsError(f"vendor '{name}': must be a table, e.g. [vendors.{name}].")
        unknown = sorted(set(table) - set(VENDOR_KEYS))
        if unknown:
            raise _fail(name, unknown[0], f"unknown key; known keys: {', '.join(VENDOR_KEYS)}.")
        calendar = table.get("calendar", BUILT_IN_24X7)
        if calendar not in calendars:
            defined = ", ".join(sorted(calendars))
            raise _fail(
                name, "calendar", f"'{calendar}' is not a calendar; defined calendars: {defined}."
            )
        sla_clock = table.get("sla_clock", "business")
        if sla_clock not in SLA_CLOCKS:
            raise _fail(name, "sla_clock", f"'{sla_clock}' is not 'business' or 'calendar'.")
        claimed = table.get("claimed_hours")
        if claimed is not None and not isinstance(claimed, str):
            raise _fail(name, "claimed_hours", f"{claimed!r} is not text such as '7x24'.")
        vendors[name] = VendorClock(
            name=name,
            calendar=calendar,
            sla=_sla(name, table.get("sla", {})),
            sla_clock=sla_clock,
            claimed_hours=claimed,
        )
    return vendors
