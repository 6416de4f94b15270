"""Read a Freshdesk API v2 export (tickets with stats, conversations) into canonical tables."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supportgauge.errors import SourceError
from supportgauge.sources.assembly import (
    DEFAULT_PRIORITY,
    WHERE_PREFIX,
    events_table,
    kept_last_records,
    location,
    map_value,
    text_or_none,
    tickets_table,
    vendors_by_ticket,
)
from supportgauge.sources.export_files import (
    list_export_files,
    load_json,
    require_list,
    require_object,
)
from supportgauge.sources.freshdesk_stats import STATS_EVENTS, stats_table
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN, ImportBatch
from supportgauge.sources.vocabularies import (
    FRESHDESK_PRIORITIES,
    FRESHDESK_SOURCES,
    FRESHDESK_STATUSES,
)

_STATUS_HINT = (
    "Freshdesk codes 2-5 and 6 (waiting on customer), 7 (waiting on third party) are known; "
    "for other custom statuses export to CSV and import as a mapped CSV "
    "(format csv with a mapping)."
)


@dataclass(frozen=True)
class _Record:
    file_name: str
    row: int
    where: str
    data: Mapping[str, Any]
    ticket_id: str | None = None  # for conversations whose record does not carry it


def read_freshdesk(
    paths: Sequence[Path], *, vendor: str | None = None, timezone: str | None = None
) -> ImportBatch:
    """Canonical tickets and events (and Freshdesk's own stats) of a Freshdesk export."""
    tickets: list[_Record] = []
    conversations: list[_Record] = []
    for path in list_export_files(paths, (".json",)):
        found_tickets, found_conversations = _file_records(path)
        tickets += found_tickets
        conversations += found_conversations
    ticket_rows: list[dict[str, Any]] = []
    event_rows: list[dict[str, Any]] = []
    for record in tickets:
        ticket_row, status = _ticket_row(record)
        ticket_rows.append(ticket_row)
        event_rows += _opening_rows(record, ticket_row)
        event_rows += _stats_rows(record, status)
        embedded = record.data.get("conversations") or []
        where = f"{record.where}.conversations"
        for position, item in enumerate(require_list(embedded, Path(record.file_name), where)):
            conversation = require_object(item, Path(record.file_name), f"{where}[{position}]")
            event_rows.append(
                _conversation_row(
                    _Record(record.file_name, record.row, f"{where}[{position}]", conversation),
                    ticket_row["ticket_id"],
                )
            )
    for record in conversations:
        event_rows.append(_conversation_row(record, _conversation_ticket(record)))
    canonical_tickets = tickets_table(ticket_rows, vendor=vendor, timezone=timezone)
    ticket_vendors = vendors_by_ticket(canonical_tickets)
    events = events_table(
        event_rows, ticket_vendors=ticket_vendors, vendor=vendor, timezone=timezone
    )
    figures = {}
    if tickets:
        figures["freshdesk_stats"] = stats_table(
            [record.data for record in tickets],
            record_labels=[location(record.file_name, record.where) for record in tickets],
            ticket_vendors=ticket_vendors,
            timezone=timezone,
        )
    return kept_last_records(
        ImportBatch(tables={"tickets": canonical_tickets, "events": events}, source_figures=figures)
    )


def _file_records(path: Path) -> tuple[list[_Record], list[_Record]]:
    document = load_json(path)
    if isinstance(document, list):
        items, key, wrapper_ticket = document, "", _ticket_id_in_name(path)
    else:
        document = require_object(document, path, "top level")
        if "tickets" in document:
            items, key, wrapper_ticket = (
                require_list(document["tickets"], path, "tickets"),
                "tickets",
                None,
            )
        elif "conversations" in document and "subject" not in document:
            items, key = (
                require_list(document["conversations"], path, "conversations"),
                "conversations",
            )
            wrapper_ticket = _wrapper_ticket_id(document, path)
        elif "id" in document and "created_at" in document:
            return [_Record(path.name, 1, "ticket", document)], []
        else:
            raise SourceError(
                f"{path.name}: not a Freshdesk export (no ticket list, ticket or conversations "
                "at the top level). Export with the Freshdesk API v2 "
                "(/api/v2/tickets?include=stats and /api/v2/tickets/ID/conversations)."
            )
    tickets, conversations = [], []
    for position, item in enumerate(items):
        where = f"{key}[{position}]" if key else f"[{position}]"
        record = require_object(item, path, where)
        if "incoming" in record or key == "conversations":
            conversations.append(_Record(path.name, position + 1, where, record, wrapper_ticket))
        else:
            tickets.append(_Record(path.name, position + 1, where, record))
    return tickets, conversations


def _wrapper_ticket_id(document: Mapping[str, Any], path: Path) -> str | None:
    rating = document.get("satisfaction_rating")
    if document.get("ticket_id") is not None:
        return str(document["ticket_id"])
    if isinstance(rating, Mapping) and rating.get("ticket_id") is not None:
        return str(rating["ticket_id"])
    return _ticket_id_in_name(path)


def _ticket_id_in_name(path: Path) -> str | None:
    # Conversations fetched per ticket are often saved as e.g. 385450_conversations.json.
    digits = re.findall(r"\d+", path.stem)
    return digits[-1] if digits else None


def _conversation_ticket(record: _Record) -> str:
    ticket_id = record.data.get("ticket_id")
    if ticket_id is not None:
        return str(ticket_id)
    if record.ticket_id is not None:
        return record.ticket_id
    raise SourceError(
        f"{location(record.file_name, record.where + '.ticket_id')}: missing, and the file "
        'does not say which ticket its conversations belong to. Add "ticket_id" to the '
        "file's object or name the file after the ticket (e.g. 385450_conversations.json)."
    )


def _ticket_row(record: _Record) -> tuple[dict[str, Any], str]:
    ticket = record.data
    for field in ("id", "created_at", "status"):
        if ticket.get(field) in (None, ""):
            raise SourceError(
                f"{location(record.file_name, f'{record.where}.{field}')}: missing. Every "
                "Freshdesk ticket has an id, created_at and status; re-export the tickets."
            )
    status = map_value(
        ticket["status"],
        FRESHDESK_STATUSES,
        label=location(record.file_name, f"{record.where}.status"),
        what="status",
        hint=_STATUS_HINT,
    )
    priority = DEFAULT_PRIORITY
    if ticket.get("priority") not in (None, ""):
        priority = map_value(
            ticket["priority"],
            FRESHDESK_PRIORITIES,
            label=location(record.file_name, f"{record.where}.priority"),
            what="priority",
            hint="Freshdesk priorities are 1 Low, 2 Medium, 3 High, 4 Urgent; re-export.",
        )
    source = ticket.get("source")
    row = {
        "ticket_id": str(ticket["id"]),
        "vendor": text_or_none(ticket.get("vendor")),
        "created_at": ticket["created_at"],
        WHERE_PREFIX + "created_at": f"{record.where}.created_at",
        "priority": priority,
        "account": text_or_none(ticket.get("company_id")),
        "channel": FRESHDESK_SOURCES.get(source, text_or_none(source))
        if isinstance(source, int)
        else text_or_none(source),
        "subject": text_or_none(ticket.get("subject")),
        "description": text_or_none(ticket.get("description_text") or ticket.get("description")),
        SOURCE_FILE_COLUMN: record.file_name,
        SOURCE_ROW_COLUMN: record.row,
    }
    return row, status


def _base(record: _Record, ticket_id: str, ts: Any, ts_where: str, event_id: str) -> dict[str, Any]:
    return {
        "ticket_id": ticket_id,
        "ts": ts,
        WHERE_PREFIX + "ts": ts_where,
        "event_id": event_id,
        SOURCE_FILE_COLUMN: record.file_name,
        SOURCE_ROW_COLUMN: record.row,
    }


def _opening_rows(record: _Record, ticket_row: Mapping[str, Any]) -> list[dict[str, Any]]:
    """The description is the customer's first message; a Freshdesk ticket opens as Open."""
    ticket_id = ticket_row["ticket_id"]
    base = _base(record, ticket_id, ticket_row["created_at"], f"{record.where}.created_at", "")
    author = text_or_none(record.data.get("requester_id"))
    return [
        {
            **base,
            "event_id": f"{ticket_id}-created",
            "kind": "status_change",
            "status": "open",
            "public": False,
        },
        {
            **base,
            "event_id": f"{ticket_id}-description",
            "kind": "customer_message",
            "author": author,
            "public": True,
            "body": ticket_row["description"],
        },
    ]


def _stats_rows(record: _Record, status: str) -> list[dict[str, Any]]:
    """Status changes Freshdesk keeps in `stats`: only the latest of each kind survives."""
    stats = record.data.get("stats")
    if not isinstance(stats, Mapping):
        return []
    ticket_id = str(record.data["id"])
    rows = []
    for field, event_status in STATS_EVENTS.items():
        ts = stats.get(field)
        if ts in (None, ""):
            continue
        # The last status change only tells something the other stats do not for a ticket
        # that now waits (e.g. "waiting on third party", which has no "since" of its own).
        if field == "status_updated_at" and (
            status not in ("pending", "on_hold") or stats.get("pending_since")
        ):
            continue
        base = _base(
            record, ticket_id, ts, f"{record.where}.stats.{field}", f"{ticket_id}-stats-{field}"
        )
        rows.append(
            {**base, "kind": "status_change", "status": event_status or status, "public": False}
        )
    return rows


def _conversation_row(record: _Record, ticket_id: str) -> dict[str, Any]:
    conversation = record.data
    for field in ("id", "created_at"):
        if conversation.get(field) in (None, ""):
            raise SourceError(
                f"{location(record.file_name, f'{record.where}.{field}')}: missing. Every "
                "Freshdesk conversation has an id and created_at; re-export the conversations."
            )
    private = bool(conversation.get("private"))
    if conversation.get("incoming"):
        kind = "customer_message"
    else:
        kind = "internal_note" if private else "agent_reply"
    base = _base(
        record,
        ticket_id,
        conversation["created_at"],
        f"{record.where}.created_at",
        str(conversation["id"]),
    )
    return {
        **base,
        "kind": kind,
        "author": text_or_none(conversation.get("user_id")),
        "public": not private,
        "body": text_or_none(conversation.get("body_text") or conversation.get("body")),
    }
