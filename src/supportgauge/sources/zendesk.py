"""Read a Zendesk Support export (API JSON, or warehouse tables) into canonical tables."""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pyarrow as pa

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
    load_json_records,
    require_list,
    require_object,
)
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN, ImportBatch
from supportgauge.sources.vocabularies import ZENDESK_PRIORITIES
from supportgauge.sources.zendesk_events import (
    People,
    Record,
    audit_rows,
    comment_row,
    ticket_event_rows,
)
from supportgauge.sources.zendesk_metrics import metrics_table
from supportgauge.sources.zendesk_warehouse import WAREHOUSE_SUFFIXES, read_zendesk_warehouse

# Lists a Zendesk API response holds, by key; a single object sits under the singular key.
_LIST_KEYS = {
    "tickets": "tickets",
    "ticket": "tickets",
    "audits": "audits",
    "audit": "audits",
    "ticket_events": "ticket_events",
    "users": "users",
    "user": "users",
    "ticket_metrics": "ticket_metrics",
    "ticket_metric": "ticket_metrics",
    "comments": "comments",
}
# A bare list (or JSON Lines) file is known by its name.
_NAME_HINTS = (
    ("audit", "audits"),
    ("comment", "comments"),
    ("ticket_event", "ticket_events"),
    ("metric", "ticket_metrics"),
    ("user", "users"),
    ("ticket", "tickets"),
)
_KINDS = ("tickets", "audits", "ticket_events", "users", "ticket_metrics", "comments")
# Incremental exports keep deleted tickets with this status; they are not support work.
_DELETED_STATUS = "deleted"


def read_zendesk(
    paths: Sequence[Path], *, vendor: str | None = None, timezone: str | None = None
) -> ImportBatch:
    """Canonical tickets and events (and Zendesk's own ticket metrics) of a Zendesk export."""
    files = list_export_files(paths, (".json", ".jsonl", ".ndjson", *WAREHOUSE_SUFFIXES))
    warehouse = [path for path in files if path.suffix.lower() in WAREHOUSE_SUFFIXES]
    if warehouse:
        if len(warehouse) != len(files):
            raise SourceError(
                f"{files[0].parent}: mixes API JSON files with warehouse tables. "
                "Import the JSON export and the warehouse tables separately."
            )
        return read_zendesk_warehouse(warehouse, vendor=vendor, timezone=timezone)
    records: dict[str, list[Record]] = {kind: [] for kind in _KINDS}
    for path in files:
        for kind, record in _file_records(path):
            records[kind].append(record)
    people = People(
        roles={
            str(user.data.get("id")): str(user.data.get("role", "")).lower()
            for user in records["users"]
        },
        requesters={
            str(ticket.data.get("id")): str(ticket.data.get("requester_id"))
            for ticket in records["tickets"]
        },
    )
    ticket_rows = [row for ticket in records["tickets"] if (row := _ticket_row(ticket))]
    tickets = tickets_table(ticket_rows, vendor=vendor, timezone=timezone)
    event_rows = [row for audit in records["audits"] for row in audit_rows(audit, people)]
    event_rows += [
        row for event in records["ticket_events"] for row in ticket_event_rows(event, people)
    ]
    event_rows += [
        comment_row(comment, ticket_id, people)
        for ticket_id, comment in _comments(records["tickets"], records["comments"])
    ]
    events = events_table(
        event_rows, ticket_vendors=vendors_by_ticket(tickets), vendor=vendor, timezone=timezone
    )
    figures: dict[str, pa.Table] = {}
    if records["ticket_metrics"]:
        figures["zendesk_ticket_metrics"] = metrics_table(
            records["ticket_metrics"], ticket_vendors=vendors_by_ticket(tickets), vendor=vendor
        )
    return kept_last_records(
        ImportBatch(tables={"tickets": tickets, "events": events}, source_figures=figures)
    )


def _file_records(path: Path) -> list[tuple[str, Record]]:
    if path.suffix.lower() in (".jsonl", ".ndjson"):
        kind = _kind_from_name(path)
        return [
            (
                kind,
                Record(path.name, line, f"line {line}", require_object(doc, path, f"line {line}")),
            )
            for line, doc in load_json_records(path)
        ]
    document = load_json(path)
    if isinstance(document, list):
        return _list_records(path, _kind_from_name(path), document, "")
    document = require_object(document, path, "top level")
    found: list[tuple[str, Record]] = []
    for key, kind in _LIST_KEYS.items():
        if key not in document:
            continue
        value = document[key]
        if key.endswith("s"):
            found += _list_records(path, kind, require_list(value, path, key), key)
        else:
            found.append((kind, Record(path.name, 1, key, require_object(value, path, key))))
    if not found:
        raise SourceError(
            f"{path.name}: not a Zendesk export (no 'tickets', 'audits', 'ticket_events', "
            "'comments', 'users' or 'ticket_metrics' list at the top level). Export with the "
            "Zendesk Support API (e.g. /api/v2/incremental/tickets.json) and import those files."
        )
    return found


def _list_records(path: Path, kind: str, items: list[Any], key: str) -> list[tuple[str, Record]]:
    records = []
    for position, item in enumerate(items):
        where = f"{key}[{position}]" if key else f"[{position}]"
        records.append(
            (kind, Record(path.name, position + 1, where, require_object(item, path, where)))
        )
    return records


def _comments(tickets: list[Record], comments: list[Record]) -> list[tuple[str, Record]]:
    """(ticket id, comment) of comments embedded in tickets and of comments files."""
    found = []
    for ticket in tickets:
        embedded = ticket.data.get("comments") or []
        where = f"{ticket.where}.comments"
        for position, item in enumerate(require_list(embedded, Path(ticket.file_name), where)):
            data = require_object(item, Path(ticket.file_name), f"{where}[{position}]")
            record = Record(ticket.file_name, ticket.row, f"{where}[{position}]", data)
            found.append((str(ticket.data.get("id")), record))
    for comment in comments:
        ticket_id = comment.data.get("ticket_id")
        if ticket_id is None:
            # Comments are fetched per ticket and often saved as e.g. ticket_101_comments.json.
            digits = re.findall(r"\d+", Path(comment.file_name).stem)
            if not digits:
                raise SourceError(
                    f"{location(comment.file_name, comment.where)}: a comment without "
                    "ticket_id, in a file whose name names no ticket. Save each ticket's "
                    "comments as ticket_ID_comments.json."
                )
            ticket_id = digits[-1]
        found.append((str(ticket_id), comment))
    return found


def _kind_from_name(path: Path) -> str:
    name = path.stem.lower()
    for hint, kind in _NAME_HINTS:
        if hint in name:
            return kind
    raise SourceError(
        f"{path.name}: a bare list, and its name does not say what it holds. Name the file "
        "tickets.json, ticket_audits.json, ticket_events.json, ticket_ID_comments.json, "
        'users.json or ticket_metrics.json, or keep the API\'s wrapper object ({"tickets": [...]}).'
    )


def _ticket_row(record: Record) -> dict[str, Any] | None:
    ticket = record.data
    if str(ticket.get("status", "")).lower() == _DELETED_STATUS:
        return None
    for field in ("id", "created_at"):
        if ticket.get(field) in (None, ""):
            raise SourceError(
                f"{location(record.file_name, f'{record.where}.{field}')}: missing. "
                "Every Zendesk ticket has an id and created_at; re-export the tickets."
            )
    raw_priority = ticket.get("priority")
    priority = DEFAULT_PRIORITY
    if raw_priority not in (None, ""):
        priority = map_value(
            raw_priority,
            ZENDESK_PRIORITIES,
            label=location(record.file_name, f"{record.where}.priority"),
            what="priority",
            hint="Zendesk priorities are urgent, high, normal, low; re-export the tickets.",
        )
    via = ticket.get("via")
    return {
        "ticket_id": str(ticket["id"]),
        "vendor": text_or_none(ticket.get("vendor")),
        "created_at": ticket["created_at"],
        WHERE_PREFIX + "created_at": f"{record.where}.created_at",
        "priority": priority,
        "account": text_or_none(ticket.get("organization_id")),
        "channel": text_or_none(via.get("channel") if isinstance(via, dict) else via),
        "subject": text_or_none(ticket.get("subject") or ticket.get("raw_subject")),
        "description": text_or_none(ticket.get("description")),
        SOURCE_FILE_COLUMN: record.file_name,
        SOURCE_ROW_COLUMN: record.row,
    }
