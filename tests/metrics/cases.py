"""Run one ticket through import and metrics, and read its figures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from supportgauge.metrics.store_metrics import store_ticket_metrics
from supportgauge.settings import Settings
from tests.builders import event_row, ticket_row


def figures(
    load: Callable[..., Any],
    events: list[dict[str, Any]],
    *,
    settings: Settings | None = None,
    **ticket: Any,
) -> dict[str, Any]:
    """The per-ticket figures of one ticket with these events."""
    store = load(tickets=[ticket_row(**ticket)], events=events)
    rows = store_ticket_metrics(store, settings).to_pyarrow().to_pylist()
    assert len(rows) == 1
    return dict(rows[0])


def status(minutes: float, value: str) -> dict[str, Any]:
    """A status change `minutes` after the base time."""
    return event_row(minutes, "status_change", status=value)
