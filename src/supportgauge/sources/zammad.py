"""Read a Zammad REST export (tickets, articles, ticket history) into canonical tables."""

from __future__ import annotations

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
    number_or_none,
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
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN, ImportBatch
from supportgauge.sources.vocabularies import (
    ZAMMAD_PRIORITIES,
    ZAMMAD_SENDER_IDS,
    ZAMMAD_STATE_IDS,
    ZAMMAD_STATES,
)

_REMOVED_STATE = "removed"
_STATE_HINT = "Zammad's states are new, open, pending reminder, pending close, closed, merged; "
_STATE_HINT += (
    "for custom states export to CSV and import as a mapped CSV (format csv with a mapping)."
)


@dataclass(frozen=True)
class _Record:
    file_name: str
    row: int
    where: str
    data: Mapping[str, Any]


def read_zammad(
    paths: Sequence[Path], *, vendor: str | None = None, timezone: str | None = None
) -> ImportBatch:
    """Canonical tickets and events of Zammad tickets, articles and ticket history."""
    found: dict[str, list[_Record]] = {"tickets": [], "articles": [], "history": []}
    for path in list_export_files(paths, (".json",)):
        for kind, record in _file_records(path):
            found[kind].append(record)
    tickets = [record for record in found["tickets"] if _state_name(record) != _REMOVED_STATE]
    history = [record for record in found["history"] if _is_state_change(record.data)]
    first_states = _first_states(history)
    ticket_rows = [_ticket_row(record) for record in tickets]
    event_rows = [row for record in tickets for row in _opening_rows(record, first_states)]
    event_rows += [_article_row(record) for record in found["articles"]]
    event_rows += [_history_row(record) for record in history]
    canonical_tickets = tickets_table(ticket_rows, vendor=vendor, timezone=timezone)
    events = events_table(
        event_rows,
        ticket_vendors=vendors_by_ticket(canonical_tickets),
        vendor=vendor,
        timezone=timezone,
    )
    return kept_last_records(ImportBatch(tables={"tickets": canonical_tickets, "events": events}))


def _file_records(path: Path) -> list[tuple[str, _Record]]:
    document = load_json(path)
    if isinstance(document, Mapping):
        lists = [key for key in ("tickets", "articles", "history") if key in document]
        if not lists:
            if "id" in document and "title" in document:
                return [("tickets", _Record(path.name, 1, "ticket", document))]
            raise SourceError(
                f"{path.name}: not a Zammad export (no 'tickets', 'articles' or 'history' "
                "list, and not a ticket). Export with the Zammad REST API "
                "(/api/v1/tickets?expand=true, /api/v1/ticket_articles/by_ticket/ID?expand=true, "
                "/api/v1/ticket_history/ID)."
            )
        found = []
        for key in lists:
            items = require_list(document[key], path, key)
            found += [(key, record) for record in _records(path, items, key)]
        return found
    items = require_list(document, path, "top level")
    return [(_record_kind(record, path), record) for record in _records(path, items, "")]


def _records(path: Path, items: list[Any], key: str) -> list[_Record]:
    records = []
    for position, item in enumerate(items):
        where = f"{key}[{position}]" if key else f"[{position}]"
        records.append(_Record(path.name, position + 1, where, require_object(item, path, where)))
    return records


def _record_kind(record: _Record, path: Path) -> str:
    data = record.data
    if "sender" in data or "sender_id" in data:
        return "articles"
    if "attribute" in data or "history_attribute" in data:
        return "history"
    if "title" in data or "state" in data or "state_id" in data:
        return "tickets"
    raise SourceError(
        f"{location(path.name, record.where)}: neither a ticket, an article nor a history "
        "entry. Export with the Zammad REST API using expand=true."
    )


def _state_name(record: _Record) -> str | None:
    state = record.data.get("state")
    if state is None and record.data.get("state_id") is not None:
        label = location(record.file_name, f"{record.where}.state_id")
        state_id = number_or_none(record.data["state_id"], label=label, integer=True)
        state = ZAMMAD_STATE_IDS.get(int(state_id or 0), str(record.data["state_id"]))
    return None if state is None else str(state).strip().lower()


def _is_state_change(entry: Mapping[str, Any]) -> bool:
    attribute = entry.get("attribute", entry.get("history_attribute"))
    zammad_object = entry.get("object", entry.get("history_object", "Ticket"))
    return attribute == "state" and zammad_object == "Ticket"


def _first_states(history: list[_Record]) -> dict[str, tuple[Any, str]]:
    """ticket id -> (state it was created in, where that is read), from its first state change."""
    first: dict[str, tuple[str, Any, str]] = {}
    for record in history:
        ticket_id = str(record.data.get("o_id"))
        moment = str(record.data.get("created_at", ""))
        if ticket_id not in first or moment < first[ticket_id][0]:
            label = location(record.file_name, f"{record.where}.value_from")
            first[ticket_id] = (moment, record.data.get("value_from"), label)
    return {ticket_id: (state, label) for ticket_id, (_, state, label) in first.items()}


def _require(record: _Record, fields: tuple[str, ...], what: str) -> None:
    for field in fields:
        if record.data.get(field) in (None, ""):
            raise SourceError(
                f"{location(record.file_name, f'{record.where}.{field}')}: missing. Every Zammad "
                f"{what} has {', '.join(fields)}; re-export with expand=true."
            )


def _ticket_row(record: _Record) -> dict[str, Any]:
    _require(record, ("id", "created_at"), "ticket")
    ticket = record.data
    priority = ticket.get("priority", ticket.get("priority_id"))
    return {
        "ticket_id": str(ticket["id"]),
        "vendor": text_or_none(ticket.get("vendor")),
        "created_at": ticket["created_at"],
        WHERE_PREFIX + "created_at": f"{record.where}.created_at",
        "priority": DEFAULT_PRIORITY
        if priority in (None, "")
        else map_value(
            priority,
            ZAMMAD_PRIORITIES,
            label=location(record.file_name, f"{record.where}.priority"),
            what="priority",
            hint="Import as a mapped CSV (format csv with a mapping) to map custom priorities.",
        ),
        "account": text_or_none(ticket.get("organization") or ticket.get("organization_id")),
        "channel": text_or_none(ticket.get("create_article_type")),
        "subject": text_or_none(ticket.get("title")),
        SOURCE_FILE_COLUMN: record.file_name,
        SOURCE_ROW_COLUMN: record.row,
    }


def _opening_rows(
    record: _Record, first_states: Mapping[str, tuple[Any, str]]
) -> list[dict[str, Any]]:
    """The state a ticket opened in; without history, "new" and its close_at if closed."""
    ticket = record.data
    ticket_id = str(ticket["id"])
    base = {
        "ticket_id": ticket_id,
        "kind": "status_change",
        "public": False,
        SOURCE_FILE_COLUMN: record.file_name,
        SOURCE_ROW_COLUMN: record.row,
    }
    opening = {
        **base,
        "ts": ticket["created_at"],
        WHERE_PREFIX + "ts": f"{record.where}.created_at",
        "event_id": f"{ticket_id}:created",
    }
    if ticket_id in first_states:
        state, label = first_states[ticket_id]
        hint = _STATE_HINT
        status = map_value(state, ZAMMAD_STATES, label=label, what="state", hint=hint)
        return [{**opening, "status": status}]
    # A ticket's first state is not kept on the ticket; customers' tickets start as new.
    rows = [{**opening, "status": "new"}]
    if ZAMMAD_STATES.get(_state_name(record) or "") == "closed" and ticket.get("close_at"):
        rows.append(
            {
                **base,
                "ts": ticket["close_at"],
                WHERE_PREFIX + "ts": f"{record.where}.close_at",
                "event_id": f"{ticket_id}:close_at",
                "status": "closed",
            }
        )
    return rows


def _article_row(record: _Record) -> dict[str, Any]:
    _require(record, ("id", "ticket_id", "created_at"), "article")
    article = record.data
    sender = article.get("sender")
    if sender is None and article.get("sender_id") is not None:
        label = location(record.file_name, f"{record.where}.sender_id")
        sender_id = number_or_none(article["sender_id"], label=label, integer=True)
        sender = ZAMMAD_SENDER_IDS.get(int(sender_id or 0))
    sender = str(sender or "").strip().lower()
    internal = bool(article.get("internal"))
    if sender not in ("customer", "agent", "system"):
        raise SourceError(
            f"{location(record.file_name, f'{record.where}.sender')}: unknown sender "
            f"'{article.get('sender', article.get('sender_id'))}' (known: Customer, Agent, "
            "System). Re-export the articles with expand=true."
        )
    if internal:
        kind = "internal_note"
    else:
        kind = {"customer": "customer_message", "agent": "agent_reply", "system": "auto_reply"}[
            sender
        ]
    return {
        "ticket_id": str(article["ticket_id"]),
        "ts": article["created_at"],
        WHERE_PREFIX + "ts": f"{record.where}.created_at",
        "event_id": f"article:{article['id']}",
        "kind": kind,
        "author": text_or_none(article.get("created_by") or article.get("created_by_id")),
        "public": not internal,
        "body": text_or_none(article.get("body")),
        SOURCE_FILE_COLUMN: record.file_name,
        SOURCE_ROW_COLUMN: record.row,
    }


def _history_row(record: _Record) -> dict[str, Any]:
    _require(record, ("id", "o_id", "created_at", "value_to"), "state change")
    entry = record.data
    status = map_value(
        entry["value_to"],
        ZAMMAD_STATES,
        label=location(record.file_name, f"{record.where}.value_to"),
        what="state",
        hint=_STATE_HINT,
    )
    return {
        "ticket_id": str(entry["o_id"]),
        "ts": entry["created_at"],
        WHERE_PREFIX + "ts": f"{record.where}.created_at",
        "event_id": f"history:{entry['id']}",
        "kind": "status_change",
        "status": status,
        "author": text_or_none(entry.get("created_by_id")),
        "public": False,
        SOURCE_FILE_COLUMN: record.file_name,
        SOURCE_ROW_COLUMN: record.row,
    }
