"""Where a clock that never stopped is censored: the ticket's close, else the end of the data.

A ticket never answered still counts: its response clock ran at least until the vendor
closed it, or, still open, until the last instant the store knows of (its last event or
ticket). The scorecard reads the same rule, so its medians and `metrics hours` agree.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import ibis

from supportgauge.store.backends import engine_functions
from supportgauge.store.interface import Store


@dataclass(frozen=True)
class DataEnd:
    """The last instant the data knows of, in seconds since the Unix epoch (with fractions),
    on the store's engine."""

    seconds: float
    backend_name: str

    def minutes_after(self, instant: Any) -> Any:
        """Minutes from `instant` (a UTC timestamp column) to the end of the data, at least 0."""
        epoch_seconds = engine_functions(self.backend_name).epoch_seconds
        return ibis.greatest((ibis.literal(self.seconds) - epoch_seconds(instant)) / 60.0, 0.0)


def store_data_end(store: Store) -> DataEnd:
    """The store's last event or ticket creation (the Unix epoch when it is empty)."""
    events, tickets = store.table("events"), store.table("tickets")
    epoch_seconds = engine_functions(store.engine).epoch_seconds
    lasts = store.to_arrow(
        events.aggregate(last=epoch_seconds(events.ts.max())).union(
            tickets.aggregate(last=epoch_seconds(tickets.created_at.max()))
        )
    )
    known = [value for value in lasts.column("last").to_pylist() if value is not None]
    known = [value for value in known if not math.isnan(value)]
    return DataEnd(max(known, default=0.0), store.engine)


def response_censor_min(per_ticket: Any, data_end: DataEnd) -> Any:
    """Minutes from creation to where a response clock still running is censored: the
    ticket's full resolution, else the end of the data."""
    return ibis.greatest(
        ibis.coalesce(
            per_ticket.full_resolution_min, data_end.minutes_after(per_ticket.created_at)
        ),
        0.0,
    )
