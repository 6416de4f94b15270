"""Freshdesk's own ticket `stats`, kept as figures to compare with supportgauge's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from supportgauge.sources.assembly import keep_last
from supportgauge.sources.source_figures import SYSTEM_METADATA_KEY
from supportgauge.sources.timestamps import parse_timestamps

# stats field -> the status it marks (None: the ticket's current status).
STATS_EVENTS: dict[str, str | None] = {
    "pending_since": "pending",
    "status_updated_at": None,
    "resolved_at": "solved",
    "reopened_at": "open",
    "closed_at": "closed",
}
STATS_FIELDS = (
    "first_responded_at",
    "agent_responded_at",
    "requester_responded_at",
    "pending_since",
    "status_updated_at",
    "resolved_at",
    "reopened_at",
    "closed_at",
)
_MICROSECONDS_PER_MINUTE = 60_000_000


def stats_table(
    records: Sequence[Mapping[str, Any]],
    *,
    record_labels: Sequence[str],
    ticket_vendors: Mapping[str, str],
    timezone: str | None,
) -> pa.Table:
    """vendor, ticket_id, every stats timestamp, and the minutes Freshdesk's stats imply.

    `record_labels` name each ticket record (``tickets.json, [3]``) for errors.
    """
    ticket_ids = [str(record["id"]) for record in records]
    columns: dict[str, pa.Array] = {
        "vendor": pa.array([ticket_vendors[ticket_id] for ticket_id in ticket_ids], pa.string()),
        "ticket_id": pa.array(ticket_ids, pa.string()),
    }
    for field in ("created_at", *STATS_FIELDS):
        path = field if field == "created_at" else f"stats.{field}"
        values = [
            record.get(field) if field == "created_at" else _stats(record).get(field)
            for record in records
        ]

        def label(position: int, path: str = path) -> str:
            return f"{record_labels[position]}.{path}"

        columns[field] = parse_timestamps(values, label=label, timezone=timezone)
    created = columns.pop("created_at")
    columns["first_response_min"] = _minutes_between(created, columns["first_responded_at"])
    columns["full_resolution_min"] = _minutes_between(created, columns["resolved_at"])
    table = keep_last(pa.table(columns), ["vendor", "ticket_id"])
    return table.replace_schema_metadata({SYSTEM_METADATA_KEY: b"freshdesk"})


def _stats(record: Mapping[str, Any]) -> Mapping[str, Any]:
    stats = record.get("stats")
    return stats if isinstance(stats, Mapping) else {}


def _minutes_between(start: pa.Array, end: pa.Array) -> pa.Array:
    microseconds = pc.subtract(pc.cast(end, pa.int64()), pc.cast(start, pa.int64()))
    return pc.divide(pc.cast(microseconds, pa.float64()), float(_MICROSECONDS_PER_MINUTE))
