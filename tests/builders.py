"""Small canonical rows for tests, imported through the real import path."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pyarrow as pa

from supportgauge.sources.import_batch import ImportBatch

BASE_TIME = datetime(2026, 3, 2, 10, 0, tzinfo=UTC)  # a Monday


def at(minutes: float) -> str:
    """ISO timestamp `minutes` after BASE_TIME."""
    return (BASE_TIME + timedelta(minutes=minutes)).isoformat()


def ticket_row(ticket_id: str = "T1", **fields: Any) -> dict[str, Any]:
    """A valid ticket row; fields override the defaults."""
    row = {"ticket_id": ticket_id, "vendor": "VendorA", "created_at": at(0), "priority": "P2"}
    row.update(fields)
    return row


def event_row(minutes: float, kind: str, ticket_id: str = "T1", **fields: Any) -> dict[str, Any]:
    """A valid event row `minutes` after BASE_TIME."""
    row = {"ticket_id": ticket_id, "vendor": "VendorA", "ts": at(minutes), "kind": kind}
    row.update(fields)
    return row


def batch_of(**tables: list[dict[str, Any]]) -> ImportBatch:
    """An import batch of text columns, as a CSV would give."""
    arrow = {}
    for name, rows in tables.items():
        if not rows:
            continue
        columns: dict[str, list[Any]] = {}
        for row in rows:
            for key in row:
                columns.setdefault(key, [])
        for row in rows:
            for key in columns:
                value = row.get(key)
                columns[key].append(
                    None
                    if value is None
                    else str(value).lower()
                    if isinstance(value, bool)
                    else value
                )
        arrow[name] = pa.table({k: pa.array(v, pa.string()) for k, v in columns.items()})
    return ImportBatch(tables=arrow)
