"""Zendesk ticket audits and incremental ticket events as canonical event rows."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from supportgauge.sources.assembly import WHERE_PREFIX, location, map_value, text_or_none
from supportgauge.sources.export_files import list_at, object_at
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN
from supportgauge.sources.vocabularies import (
    ZENDESK_PRIORITIES,
    ZENDESK_STATUSES,
)

AGENT_ROLES = ("agent", "admin")
# Zendesk writes comments of triggers and automations with the system user -1 or via "rule".
SYSTEM_AUTHOR_ID = -1
STATUS_HINT = "Zendesk statuses are new, open, pending, hold, solved, closed; re-export the file."


@dataclass(frozen=True)
class People:
    """What a reader knows about who wrote a comment."""

    roles: Mapping[str, str]  # user id -> Zendesk role (end-user, agent, admin)
    requesters: Mapping[str, str]  # ticket id -> requester user id


@dataclass(frozen=True)
class Record:
    """One record of an export file and where it sits."""

    file_name: str
    row: int  # 1-based position of the record in its file
    where: str  # JSON path of the record, e.g. audits[3]
    data: Mapping[str, Any]


def comment_kind(
    author_id: str | None, ticket_id: str, public: bool, by_rule: bool, people: People
) -> str:
    """The canonical kind of a Zendesk comment, judged by its author's role."""
    role = people.roles.get(author_id or "")
    if by_rule or author_id == str(SYSTEM_AUTHOR_ID):
        return "auto_reply" if public else "internal_note"
    if role is None:
        # Without a users file, the requester is the customer and anyone else works for the vendor.
        role = "end-user" if author_id == people.requesters.get(ticket_id) else "agent"
    if role not in AGENT_ROLES:
        return "customer_message"
    return "agent_reply" if public else "internal_note"


def audit_rows(record: Record, people: People) -> list[dict[str, Any]]:
    """Event rows of one ticket audit (`{"audits": [...]}`)."""
    audit = record.data
    ticket_id = str(audit.get("ticket_id"))
    audit_by_rule = _is_rule(audit.get("via"))
    rows = []
    children = list_at(audit.get("events"), record.file_name, f"{record.where}.events")
    for position, item in enumerate(children):
        where = f"{record.where}.events[{position}]"
        child = object_at(item, record.file_name, where)
        row = _child_row(
            record,
            child,
            where,
            ticket_id=ticket_id,
            ts=audit.get("created_at"),
            ts_where=f"{record.where}.created_at",
            author_id=child.get("author_id", audit.get("author_id")),
            by_rule=audit_by_rule or _is_rule(child.get("via")),
            field_name=child.get("field_name"),
            value=child.get("value"),
            people=people,
        )
        if row is not None:
            rows.append(row)
    return rows


def comment_row(record: Record, ticket_id: str, people: People) -> dict[str, Any]:
    """Event row of one comment (``/tickets/{id}/comments.json``, or embedded in a ticket).

    A comment's id is the id of its Comment event in the ticket's audits.
    """
    comment = record.data
    public = bool(comment.get("public", True))
    author = text_or_none(comment.get("author_id"))
    return {
        "ticket_id": ticket_id,
        "ts": comment.get("created_at"),
        WHERE_PREFIX + "ts": f"{record.where}.created_at",
        "event_id": text_or_none(comment.get("id")),
        "author": author,
        "kind": comment_kind(author, ticket_id, public, _is_rule(comment.get("via")), people),
        "public": public,
        "body": text_or_none(comment.get("plain_body") or comment.get("body")),
        SOURCE_FILE_COLUMN: record.file_name,
        SOURCE_ROW_COLUMN: record.row,
    }


def ticket_event_rows(record: Record, people: People) -> list[dict[str, Any]]:
    """Event rows of one incremental ticket event (`{"ticket_events": [...]}`)."""
    event = record.data
    ticket_id = str(event.get("ticket_id"))
    ts = event.get("created_at")
    if ts is None and isinstance(event.get("timestamp"), int | float):
        ts = datetime.fromtimestamp(event["timestamp"], UTC).isoformat()
    rows = []
    children = list_at(event.get("child_events"), record.file_name, f"{record.where}.child_events")
    for position, item in enumerate(children):
        child = object_at(item, record.file_name, f"{record.where}.child_events[{position}]")
        field_name = "status" if "status" in child else "priority" if "priority" in child else None
        row = _child_row(
            record,
            child,
            f"{record.where}.child_events[{position}]",
            ticket_id=ticket_id,
            ts=ts,
            ts_where=f"{record.where}.created_at",
            author_id=child.get("author_id", event.get("updater_id")),
            by_rule=_is_rule(event.get("via")) or _is_rule(child.get("via")),
            field_name=field_name,
            value=child.get(field_name) if field_name else None,
            people=people,
        )
        if row is not None:
            rows.append(row)
    return rows


def _child_row(
    record: Record,
    child: Mapping[str, Any],
    where: str,
    *,
    ticket_id: str,
    ts: Any,
    ts_where: str,
    author_id: Any,
    by_rule: bool,
    field_name: Any,
    value: Any,
    people: People,
) -> dict[str, Any] | None:
    child_type = str(child.get("type") or child.get("event_type") or "")
    base = {
        "ticket_id": ticket_id,
        "ts": ts,
        WHERE_PREFIX + "ts": ts_where,
        "event_id": text_or_none(child.get("id")),
        "author": text_or_none(author_id),
        SOURCE_FILE_COLUMN: record.file_name,
        SOURCE_ROW_COLUMN: record.row,
    }
    if child_type in ("Comment", "VoiceComment"):
        public = bool(child.get("public", child.get("comment_public", True)))
        author = text_or_none(author_id)
        kind = comment_kind(author, ticket_id, public, by_rule, people)
        body = child.get("plain_body") or child.get("body")
        return {**base, "kind": kind, "public": public, "body": text_or_none(body)}
    if child_type not in ("Create", "Change") or value in (None, ""):
        return None
    label = location(record.file_name, f"{where}.value")
    if field_name == "status":
        status = map_value(value, ZENDESK_STATUSES, label=label, what="status", hint=STATUS_HINT)
        return {**base, "kind": "status_change", "status": status, "public": False}
    if field_name == "priority":
        hint = "Zendesk priorities are urgent, high, normal, low; re-export the file."
        priority = map_value(value, ZENDESK_PRIORITIES, label=label, what="priority", hint=hint)
        # Events have no priority column: the new priority travels in the body.
        return {**base, "kind": "priority_change", "body": priority, "public": False}
    return None


def _is_rule(via: Any) -> bool:
    if isinstance(via, Mapping):
        source = via.get("source") or {}
        rel = source.get("rel") if isinstance(source, Mapping) else None
        return via.get("channel") == "rule" or rel in ("trigger", "automation")
    return isinstance(via, str) and via.strip().lower() in ("rule", "trigger", "automation")
