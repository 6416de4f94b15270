"""The figures of a whole store, as Ibis expressions ready to run or to render."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from typing import Any

from supportgauge.clocks import BUILT_IN_24X7
from supportgauge.metrics.business_positions import ClockTables, clock_tables
from supportgauge.metrics.censoring import store_data_end
from supportgauge.metrics.field_needs import joins_for, needs_calendars, needs_period
from supportgauge.metrics.hours_claims import hours_comparison
from supportgauge.metrics.sla import claims_round_the_clock
from supportgauge.metrics.summary import summary
from supportgauge.metrics.ticket_metrics import TICKET_FIELDS, MetricOptions, ticket_metrics
from supportgauge.settings import Settings, default_settings
from supportgauge.store.interface import Store

# How `metrics tickets` orders its rows.
_TICKET_ORDER = ("vendor", "created_at", "ticket_id")


def store_period(store: Store) -> tuple[date, date]:
    """The first and last UTC dates of the store's tickets and events (today when empty)."""
    tickets, events = store.table("tickets"), store.table("events")
    span = store.to_arrow(
        tickets.aggregate(first=tickets.created_at.min(), last=tickets.created_at.max()).union(
            events.aggregate(first=events.ts.min(), last=events.ts.max())
        )
    )
    firsts = [value for value in span.column("first").to_pylist() if value is not None]
    lasts = [value for value in span.column("last").to_pylist() if value is not None]
    first, last = min(firsts, default=None), max(lasts, default=None)
    today = datetime.now(UTC)
    return (first or today).date(), (last or today).date()


def metric_options(
    settings: Settings,
    period: tuple[date, date],
    *,
    round_the_clock: frozenset[str] = frozenset(),
) -> MetricOptions:
    """The metric options a settings file sets, for data spanning `period`, with the
    vendors that claim support around the clock."""
    return MetricOptions(
        repeat_window_days=settings.get("metrics", "repeat_window_days"),
        region_clocks=settings.regions,
        vendor_clocks=settings.vendors,
        period=period,
        round_the_clock=round_the_clock,
    )


def vendor_calendar_names(store: Store, settings: Settings) -> dict[str, str]:
    """Each stored vendor's calendar: from settings, else the imported vendors table, else
    24x7; a calendar the settings do not define counts as 24x7 (`settings_warnings` says so)."""
    return {
        vendor: name if name in settings.calendars else BUILT_IN_24X7
        for vendor, name in _named_calendars(store, settings).items()
    }


def _named_calendars(store: Store, settings: Settings) -> dict[str, str]:
    """The calendar each stored vendor names, defined or not."""
    vendors = store.table("tickets").select("vendor").distinct()
    imported = store.table("vendors").select("vendor", "calendar")
    joined = vendors.left_join(imported, "vendor").group_by(vendors.vendor)
    rows = store.to_arrow(joined.aggregate(calendar=imported.calendar.arbitrary())).to_pylist()
    names = {}
    for row in rows:
        configured = settings.vendors.get(row["vendor"])
        names[row["vendor"]] = (
            configured.calendar if configured else row["calendar"] or BUILT_IN_24X7
        )
    return names


def settings_warnings(store: Store, settings: Settings) -> list[str]:
    """What in the settings does not match the store: calendars its vendors name that the
    settings do not define (those vendors run 24x7), and vendors it has no tickets of."""
    label = settings.source.name if settings.source else "the settings"
    named = _named_calendars(store, settings)
    warnings = []
    undefined: dict[str, list[str]] = {}
    for vendor, name in sorted(named.items()):
        if name not in settings.calendars:
            undefined.setdefault(name, []).append(vendor)
    if undefined:
        listed = "; ".join(
            f"'{name}' ({', '.join(vendors)})" for name, vendors in sorted(undefined.items())
        )
        warnings.append(
            f"no [calendars.NAME] section in {label} for "
            f"{'the calendars' if len(undefined) > 1 else 'the calendar'} {listed} that the "
            "vendors table names; those vendors' business time is counted 24x7. Define them "
            "(docs/calendars.md)."
        )
    unknown = sorted(set(settings.vendors) - set(named))
    if unknown:
        warnings.append(
            f"{label} has settings for vendors the store has no tickets of: "
            f"{', '.join(unknown)}; they are not used. Check the spelling against the "
            f"store's vendors ({', '.join(sorted(named)) or 'none yet'})."
        )
    return warnings


def store_clocks(store: Store, settings: Settings, period: tuple[date, date]) -> ClockTables | None:
    """Compiled calendars for the store's vendors; None when every vendor runs 24x7."""
    names = vendor_calendar_names(store, settings)
    if all(name == BUILT_IN_24X7 for name in names.values()):
        return None
    return clock_tables(names, settings.calendars, first=period[0], last=period[1])


def store_ticket_metrics(
    store: Store,
    settings: Settings | None = None,
    fields: Sequence[str] | None = None,
    *,
    first: int | None = None,
) -> Any:
    """Per-ticket figures for every ticket in the store, by vendor and creation: every
    field, or only `fields` (computed without the joins the others need); with `first`,
    only the first so many tickets, computed from their own events alone."""
    chosen = list(fields or TICKET_FIELDS)
    with_order = chosen + [key for key in _TICKET_ORDER if key not in chosen]
    tickets = store.table("tickets")
    # A repeat looks at the tickets that follow: it needs them all.
    if first is not None and "repeat" not in chosen:
        tickets = tickets.order_by(list(_TICKET_ORDER)).limit(first)
    figures = per_ticket_figures(
        store, settings or default_settings(), fields=with_order, tickets=tickets
    )
    ordered = figures.order_by(list(_TICKET_ORDER)).select(*chosen)
    return ordered.limit(first) if first is not None else ordered


def store_summary(store: Store, *, by: Sequence[str], settings: Settings | None = None) -> Any:
    """Aggregates of the per-ticket figures grouped by `by`."""
    return summary(per_ticket_figures(store, settings or default_settings()), by=by)


def per_ticket_figures(
    store: Store,
    settings: Settings,
    fields: Sequence[str] = TICKET_FIELDS,
    *,
    tickets: Any = None,
) -> Any:
    """Per-ticket figures of the stored `tickets` (all by default), unordered: the base of
    every summary; `.cache()` it to reuse."""
    period = store_period(store) if needs_period(fields) else MetricOptions().period
    # Only the SLA figures read the claims, and only for vendors with targets.
    with_targets = "sla_targets" in joins_for(fields) and any(
        vendor.sla for vendor in settings.vendors.values()
    )
    claimers = round_the_clock_vendors(store, settings) if with_targets else frozenset()
    return ticket_metrics(
        store.table("tickets") if tickets is None else tickets,
        store.table("events"),
        store.table("reply_readings"),
        store.table("relevant_terms"),
        backend_name=store.engine,
        options=metric_options(settings, period, round_the_clock=claimers),
        clocks=store_clocks(store, settings, period) if needs_calendars(fields) else None,
        fields=fields,
    )


def _imported_claims(store: Store) -> dict[str, str | None]:
    """Each vendor's claimed hours in the imported vendors table."""
    claimed = store.to_arrow(store.table("vendors").select("vendor", "claimed_hours")).to_pylist()
    return {row["vendor"]: row["claimed_hours"] for row in claimed}


def _claim(vendor: str, settings: Settings, imported: dict[str, str | None]) -> str | None:
    configured = settings.vendors.get(vendor)
    return (configured.claimed_hours if configured else None) or imported.get(vendor)


def claimed_hours(store: Store, settings: Settings) -> dict[str, str | None]:
    """Each vendor's claimed support hours: from settings, else the imported vendors table."""
    imported = _imported_claims(store)
    vendors = store.to_arrow(store.table("tickets").select("vendor").distinct())
    return {
        vendor: _claim(vendor, settings, imported)
        for vendor in vendors.column("vendor").to_pylist()
    }


def round_the_clock_vendors(store: Store, settings: Settings) -> frozenset[str]:
    """The vendors with settings whose claimed hours (settings', else imported) promise
    support around the clock: their SLA targets run on the wall clock."""
    imported = _imported_claims(store)
    return frozenset(
        vendor
        for vendor in settings.vendors
        if claims_round_the_clock(_claim(vendor, settings, imported))
    )


def store_hours_comparison(
    store: Store, settings: Settings | None = None, *, per_ticket: Any = None
) -> Any:
    """First response in hours, off hours and at peak per vendor, with the vendor's claim;
    from `per_ticket` figures when given (every field of `per_ticket_figures`)."""
    settings = settings or default_settings()
    if per_ticket is None:
        per_ticket = per_ticket_figures(store, settings)
    return hours_comparison(
        per_ticket, claimed_hours(store, settings), data_end=store_data_end(store)
    )
