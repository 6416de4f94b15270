"""Collects generated events as column arrays and assembles the canonical events table."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from supportgauge.canonical import STATUSES, TICKET_KINDS

_CHUNK_ROWS = 2_000_000  # keeps each string chunk well under Arrow's 2 GiB offset limit
UTC_MICROS = pa.timestamp("us", tz="UTC")


def kind_code(kind: str) -> int:
    """Code of an event kind."""
    return TICKET_KINDS.index(kind)


def status_code(status: str) -> int:
    """Code of a ticket status."""
    return STATUSES.index(status)


@dataclass
class EventBuffer:
    """Event columns appended slot by slot; `order` breaks ties between same-second events."""

    parts: list[tuple[np.ndarray, ...]] = field(default_factory=list)

    def add(
        self,
        rows: np.ndarray,
        at_seconds: np.ndarray,
        *,
        kind: str,
        order: int,
        author: np.ndarray,
        body: np.ndarray | None = None,
        status: str | None = None,
    ) -> None:
        """Append one event for each ticket index in `rows` (`rows` is a boolean mask)."""
        tickets = np.flatnonzero(rows)
        count = len(tickets)
        public = kind not in ("internal_note", "status_change", "diagnosis", "priority_change")
        self.parts.append(
            (
                tickets,
                at_seconds[tickets].astype(np.int64),
                np.full(count, order, dtype=np.int16),
                np.full(count, kind_code(kind), dtype=np.int8),
                author[tickets].astype(np.int64),
                np.full(count, public, dtype=bool),
                body[tickets] if body is not None else np.full(count, -1, dtype=np.int64),
                np.full(count, status_code(status) if status else -1, dtype=np.int8),
            )
        )

    def columns(self) -> tuple[np.ndarray, ...]:
        """All events sorted by ticket, time and slot order."""
        merged = tuple(np.concatenate(column) for column in zip(*self.parts, strict=True))
        ticket, ts, order = merged[0], merged[1], merged[2]
        sequence = np.lexsort((order, ts, ticket))
        return tuple(column[sequence] for column in merged)


def events_table(
    buffer: EventBuffer,
    ticket_ids: pa.Array,
    vendor_names: pa.Array,
    ticket_vendor: np.ndarray,
    authors: pa.Array,
    texts: pa.Array,
) -> pa.Table:
    """The canonical events table, in chunks of bounded size."""
    ticket, ts, _, kind, author, public, body, status = buffer.columns()
    position = _position_in_ticket(ticket)
    kinds = pa.array(TICKET_KINDS, type=pa.string())
    statuses = pa.array(STATUSES, type=pa.string())
    batches = []
    for first in range(0, max(len(ticket), 1), _CHUNK_ROWS):
        part = slice(first, first + _CHUNK_ROWS)
        ids = ticket_ids.take(pa.array(ticket[part]))
        numbers = pc.cast(pa.array(position[part] + 1), pa.string())
        event_ids = pc.binary_join_element_wise(ids, pc.utf8_lpad(numbers, 3, "0"), "/")
        batches.append(
            pa.record_batch(
                {
                    "ticket_id": ids,
                    "vendor": vendor_names.take(pa.array(ticket_vendor[ticket[part]])),
                    "ts": pa.array(ts[part] * 1_000_000, type=UTC_MICROS),
                    "kind": kinds.take(pa.array(kind[part])),
                    "author": authors.take(pa.array(author[part])),
                    "public": pa.array(public[part]),
                    "body": texts.take(pa.array(body[part], mask=body[part] < 0)),
                    "status": statuses.take(pa.array(status[part], mask=status[part] < 0)),
                    "event_id": event_ids,
                }
            )
        )
    return pa.Table.from_batches(batches)


def _position_in_ticket(ticket: np.ndarray) -> np.ndarray:
    """0, 1, 2, ... within each run of equal ticket indices."""
    if len(ticket) == 0:
        return np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, ticket[1:] != ticket[:-1]])
    run_lengths = np.diff(np.r_[starts, len(ticket)])
    return np.arange(len(ticket)) - np.repeat(starts, run_lengths)
