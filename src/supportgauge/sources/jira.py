"""Read a Jira Service Management export (REST search JSON with changelog) into canonical tables."""

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
    text_or_none,
    tickets_table,
    vendors_by_ticket,
)
from supportgauge.sources.export_files import (
    list_at,
    list_export_files,
    load_json,
    object_at,
    require_list,
    require_object,
)
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN, ImportBatch
from supportgauge.sources.jira_text import plain_text
from supportgauge.sources.vocabularies import (
    JIRA_PRIORITIES,
    JIRA_STATUS_CATEGORIES,
    JIRA_STATUSES,
)

_STATUS_HINT = (
    "Add the instance's statuses (GET /rest/api/2/status, saved as statuses.json) to the "
    "import so their categories are known, or import as a mapped CSV (format csv with a mapping)."
)
# Authors of these account types are Jira apps (Automation for Jira, bots).
_APP_ACCOUNT_TYPES = ("app",)


@dataclass(frozen=True)
class _Issue:
    file_name: str
    row: int
    where: str
    data: Mapping[str, Any]


def read_jira(
    paths: Sequence[Path], *, vendor: str | None = None, timezone: str | None = None
) -> ImportBatch:
    """Canonical tickets and events of Jira Service Management issues (search JSON)."""
    issues: list[_Issue] = []
    statuses = dict(JIRA_STATUSES)
    for path in list_export_files(paths, (".json",)):
        found_issues, categories = _file_records(path)
        issues += found_issues
        statuses |= {name: status for name, status in categories.items() if name not in statuses}
    for issue in issues:
        # An issue's own status tells the category of its name.
        status = object_at(
            _fields(issue).get("status"), issue.file_name, f"{issue.where}.fields.status"
        )
        name, category = _status_category(status, issue.file_name, f"{issue.where}.fields.status")
        if name and category and name not in statuses:
            statuses[name] = category
    ticket_rows = [_ticket_row(issue) for issue in issues]
    event_rows = [row for issue in issues for row in _event_rows(issue, statuses)]
    tickets = tickets_table(ticket_rows, vendor=vendor, timezone=timezone)
    events = events_table(
        event_rows, ticket_vendors=vendors_by_ticket(tickets), vendor=vendor, timezone=timezone
    )
    return kept_last_records(ImportBatch(tables={"tickets": tickets, "events": events}))


def _file_records(path: Path) -> tuple[list[_Issue], dict[str, str]]:
    document = load_json(path)
    if isinstance(document, list):
        if document and isinstance(document[0], Mapping) and "statusCategory" in document[0]:
            return [], _categories(document, path.name)
        items, key = document, ""
    else:
        document = require_object(document, path, "top level")
        if "issues" in document:
            items, key = require_list(document["issues"], path, "issues"), "issues"
        elif "key" in document and "fields" in document:
            return [_Issue(path.name, 1, "issue", document)], {}
        else:
            raise SourceError(
                f"{path.name}: not a Jira export (no 'issues' list at the top level). Export "
                "with /rest/api/2/search?expand=changelog&fields=*all and import those files."
            )
    issues = []
    for position, item in enumerate(items):
        where = f"{key}[{position}]" if key else f"[{position}]"
        issue = require_object(item, path, where)
        for field in ("key", "fields"):
            if field not in issue:
                raise SourceError(
                    f"{location(path.name, f'{where}.{field}')}: missing. Every Jira issue has "
                    "a key and fields; re-export with /rest/api/2/search."
                )
        issues.append(_Issue(path.name, position + 1, where, issue))
    return issues, {}


def _categories(statuses: list[Any], file_name: str) -> dict[str, str]:
    found = {}
    for position, status in enumerate(statuses):
        if isinstance(status, Mapping):
            name, category = _status_category(status, file_name, f"[{position}]")
            if name and category:
                found[name] = category
    return found


def _status_category(
    status: Mapping[str, Any], file_name: str, where: str
) -> tuple[str | None, str | None]:
    name = str(status.get("name", "")).strip().lower() or None
    category = object_at(status.get("statusCategory"), file_name, f"{where}.statusCategory").get(
        "key"
    )
    return name, JIRA_STATUS_CATEGORIES.get(str(category))


def _fields(issue: _Issue) -> Mapping[str, Any]:
    fields = issue.data.get("fields")
    return fields if isinstance(fields, Mapping) else {}


def _ticket_row(issue: _Issue) -> dict[str, Any]:
    fields = _fields(issue)
    if fields.get("created") in (None, ""):
        raise SourceError(
            f"{location(issue.file_name, f'{issue.where}.fields.created')}: missing. "
            "Export the issues with fields=*all (or at least created, priority, status)."
        )
    priority = DEFAULT_PRIORITY
    where = f"{issue.where}.fields.priority"
    name = object_at(fields.get("priority"), issue.file_name, where).get("name")
    if name:
        priority = map_value(
            name,
            JIRA_PRIORITIES,
            label=location(issue.file_name, f"{issue.where}.fields.priority.name"),
            what="priority",
            hint=(
                "Rename the priority in Jira or import as a mapped CSV (format csv with a mapping)."
            ),
        )
    return {
        "ticket_id": str(issue.data["key"]),
        "vendor": text_or_none(issue.data.get("vendor")),
        "created_at": fields["created"],
        WHERE_PREFIX + "created_at": f"{issue.where}.fields.created",
        "priority": priority,
        "subject": text_or_none(fields.get("summary")),
        "description": plain_text(fields.get("description")),
        SOURCE_FILE_COLUMN: issue.file_name,
        SOURCE_ROW_COLUMN: issue.row,
    }


def _event_rows(issue: _Issue, statuses: Mapping[str, str]) -> list[dict[str, Any]]:
    """The opening status and message, changelog status/priority changes, and comments."""
    fields = _fields(issue)
    key = str(issue.data["key"])
    reporter = _account(fields.get("reporter"))
    changelog = object_at(issue.data.get("changelog"), issue.file_name, f"{issue.where}.changelog")
    histories = list_at(
        changelog.get("histories"), issue.file_name, f"{issue.where}.changelog.histories"
    )
    created_where = f"{issue.where}.fields.created"
    first_status, first_where = _initial_status(issue, histories)
    rows = [
        _row(
            issue,
            fields["created"],
            created_where,
            f"{key}:created",
            kind="status_change",
            public=False,
            status=_status(issue, statuses, first_status, first_where),
        ),
        _row(
            issue,
            fields["created"],
            created_where,
            f"{key}:description",
            kind="customer_message",
            author=reporter,
            public=True,
            body=plain_text(fields.get("description")),
        ),
    ]
    rows += _changelog_rows(issue, histories, statuses)
    where = f"{issue.where}.fields.comment"
    comment_list = object_at(fields.get("comment"), issue.file_name, where).get("comments")
    comments = list_at(comment_list, issue.file_name, f"{where}.comments")
    for position, item in enumerate(comments):
        where = f"{issue.where}.fields.comment.comments[{position}]"
        comment = object_at(item, issue.file_name, where)
        author = object_at(comment.get("author"), issue.file_name, f"{where}.author")
        public = comment.get("jsdPublic", True) is not False
        rows.append(
            _row(
                issue,
                comment.get("created"),
                f"{where}.created",
                f"{key}:comment:{comment.get('id')}",
                kind=_comment_kind(author, reporter, public),
                author=_account(author),
                public=public,
                body=plain_text(comment.get("body")),
            )
        )
    return rows


def _changelog_rows(
    issue: _Issue, histories: list[Any], statuses: Mapping[str, str]
) -> list[dict[str, Any]]:
    key = str(issue.data["key"])
    rows = []
    for h_position, history in enumerate(histories):
        h_where = f"{issue.where}.changelog.histories[{h_position}]"
        for i_position, item in enumerate(_history_items(issue, history, h_where)):
            field = str(item.get("field", "")).lower()
            if field not in ("status", "priority") or not item.get("toString"):
                continue
            where = f"{h_where}.items[{i_position}].toString"
            common = {
                "author": _account(history.get("author")),
                "public": False,
            }
            event_id = f"{key}:changelog:{history.get('id')}:{field}"
            ts, ts_where = history.get("created"), f"{h_where}.created"
            if field == "status":
                status = _status(issue, statuses, item["toString"], where)
                rows.append(
                    _row(
                        issue, ts, ts_where, event_id, kind="status_change", status=status, **common
                    )
                )
                continue
            priority = map_value(
                item["toString"],
                JIRA_PRIORITIES,
                label=location(issue.file_name, where),
                what="priority",
                hint="Import as a mapped CSV (format csv with a mapping) to map custom priorities.",
            )
            # Events have no priority column: the new priority travels in the body.
            rows.append(
                _row(issue, ts, ts_where, event_id, kind="priority_change", body=priority, **common)
            )
    return rows


def _row(issue: _Issue, ts: Any, ts_where: str, event_id: str, **values: Any) -> dict[str, Any]:
    return {
        "ticket_id": str(issue.data["key"]),
        "ts": ts,
        WHERE_PREFIX + "ts": ts_where,
        "event_id": event_id,
        SOURCE_FILE_COLUMN: issue.file_name,
        SOURCE_ROW_COLUMN: issue.row,
        **values,
    }


def _status(issue: _Issue, statuses: Mapping[str, str], name: Any, where: str) -> str:
    label = location(issue.file_name, where)
    return map_value(name, statuses, label=label, what="status", hint=_STATUS_HINT)


def _initial_status(issue: _Issue, histories: list[Any]) -> tuple[Any, str]:
    """The status an issue was created in: before its first status change, else its current."""
    for h_position, history in enumerate(histories):
        h_where = f"{issue.where}.changelog.histories[{h_position}]"
        for i_position, item in enumerate(_history_items(issue, history, h_where)):
            if str(item.get("field", "")).lower() == "status" and item.get("fromString"):
                return item["fromString"], (
                    f"{issue.where}.changelog.histories[{h_position}].items[{i_position}].fromString"
                )
    where = f"{issue.where}.fields.status"
    status = object_at(_fields(issue).get("status"), issue.file_name, where)
    return status.get("name"), f"{where}.name"


def _history_items(issue: _Issue, history: Any, where: str) -> list[Mapping[str, Any]]:
    """The items of one changelog history, each checked to be an object."""
    items = list_at(object_at(history, issue.file_name, where).get("items"), issue.file_name, where)
    return [
        object_at(item, issue.file_name, f"{where}.items[{position}]")
        for position, item in enumerate(items)
    ]


def _comment_kind(author: Mapping[str, Any], reporter: str | None, public: bool) -> str:
    account_type = str(author.get("accountType", "")).lower()
    if account_type == "customer" or (reporter is not None and _account(author) == reporter):
        return "customer_message"
    if account_type in _APP_ACCOUNT_TYPES:
        return "auto_reply" if public else "internal_note"
    return "agent_reply" if public else "internal_note"


def _account(person: Any) -> str | None:
    if not isinstance(person, Mapping):
        return None
    return text_or_none(person.get("accountId") or person.get("name") or person.get("key"))
