"""The figures of a whole store, as Ibis expressions ready to run or to render."""

from __future__ import annotations

from typing import Any

from supportgauge.metrics.summary import summary
from supportgauge.metrics.ticket_metrics import MetricOptions, ticket_metrics
from supportgauge.settings import Settings
from supportgauge.store.duckdb import Store


def store_ticket_metrics(store: Store, *, options: MetricOptions | None = None) -> Any:
    """Per-ticket figures for every ticket in the store."""
    return ticket_metrics(
        store.table("tickets"),
        store.table("events"),
        backend_name=store.backend.name,
        options=options,
    ).order_by(["vendor", "created_at", "ticket_id"])


def store_summary(store: Store, *, by: list[str], options: MetricOptions | None = None) -> Any:
    """Aggregates of the per-ticket figures grouped by `by`."""
    per_ticket = ticket_metrics(
        store.table("tickets"),
        store.table("events"),
        backend_name=store.backend.name,
        options=options,
    )
    return summary(per_ticket, by=by)


def metric_options(settings: Settings) -> MetricOptions:
    """The metric options a settings file sets."""
    return MetricOptions(repeat_window_days=settings.get("metrics", "repeat_window_days"))
