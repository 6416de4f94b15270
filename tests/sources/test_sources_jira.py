"""Jira Service Management search exports (with changelog and comments) become canonical tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supportgauge.errors import SourceError
from supportgauge.sources.jira import read_jira

EXPORTS = Path(__file__).parents[1] / "data" / "exports" / "jira"


@pytest.fixture(scope="module")
def batch():
    return read_jira([EXPORTS], vendor="VendorC")


def events_of(batch, key: str) -> list[dict]:
    rows = [row for row in batch.tables["events"].to_pylist() if row["ticket_id"] == key]
    return sorted(rows, key=lambda row: row["ts"])  # stable: same-second events keep export order


def test_jira_issue_keys_priorities_and_offsets(batch):
    tickets = {row["ticket_id"]: row for row in batch.tables["tickets"].to_pylist()}
    assert {key: row["priority"] for key, row in tickets.items()} == {
        "SD-1": "P1",
        "SD-2": "P3",
        "SD-3": "P4",
    }
    assert tickets["SD-1"]["created_at"].isoformat() == "2026-03-14T18:05:00+00:00"
    assert tickets["SD-1"]["description"] == "Hosts freeze 3-5 s since 21:00.\nAffects PK battles."


def test_jira_comment_kinds(batch):
    events = {row["event_id"]: row for row in batch.tables["events"].to_pylist()}
    assert events["SD-1:comment:20001"]["kind"] == "auto_reply"  # Automation for Jira
    assert events["SD-1:comment:20002"]["kind"] == "internal_note"  # jsdPublic false
    assert events["SD-1:comment:20003"]["kind"] == "agent_reply"
    assert events["SD-1:comment:20004"]["kind"] == "customer_message"
    assert events["SD-1:comment:20002"]["ts"] == events["SD-1:comment:20003"]["ts"]


def test_jira_changelog_statuses_reopens_and_priority(batch):
    statuses = [e["status"] for e in events_of(batch, "SD-1") if e["kind"] == "status_change"]
    assert statuses == [
        "open",
        "open",
        "pending",
        "open",
        "solved",
        "open",
        "solved",
        "open",
        "solved",
        "closed",
    ]  # reopened twice
    priority = [e for e in events_of(batch, "SD-1") if e["kind"] == "priority_change"]
    assert [(e["body"], e["event_id"]) for e in priority] == [
        ("P2", "SD-1:changelog:30004:priority")
    ]


def test_jira_unknown_status_names_use_categories(batch):
    statuses = [e["status"] for e in events_of(batch, "SD-3") if e["kind"] == "status_change"]
    # Escalated, then "Awaiting release" (statuses.json), Pending, "Awaiting vendor fix".
    assert statuses == ["open", "open", "open", "on_hold", "open"]


def test_jira_never_answered_issue_has_only_its_opening(batch):
    assert [e["kind"] for e in events_of(batch, "SD-2")] == ["status_change", "customer_message"]


def test_jira_unknown_status_without_category_is_refused(tmp_path):
    issue = {
        "key": "SD-9",
        "fields": {"created": "2026-03-14T21:05:00.000+0300", "status": {"name": "Parked"}},
        "changelog": {"histories": []},
    }
    path = tmp_path / "search.json"
    path.write_text(json.dumps({"issues": [issue]}), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_jira([path], vendor="VendorC")
    message = str(error.value)
    assert message.startswith(
        "search.json, issues[0].fields.status.name: unknown status 'Parked' (known: "
    )
    assert message.endswith(
        "Add the instance's statuses (GET /rest/api/2/status, saved as statuses.json) to the "
        "import so their categories are known, or import as a mapped CSV "
        "(format csv with a mapping)."
    )


def test_jira_file_without_issues_is_refused(tmp_path):
    path = tmp_path / "board.json"
    path.write_text('{"values": []}', encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_jira([path], vendor="VendorC")
    assert str(error.value) == (
        "board.json: not a Jira export (no 'issues' list at the top level). Export with "
        "/rest/api/2/search?expand=changelog&fields=*all and import those files."
    )


def test_jira_issue_without_fields_is_refused(tmp_path):
    path = tmp_path / "search.json"
    path.write_text('{"issues": [{"key": "SD-1"}]}', encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_jira([path], vendor="VendorC")
    assert str(error.value) == (
        "search.json, issues[0].fields: missing. Every Jira issue has a key and fields; "
        "re-export with /rest/api/2/search."
    )


def test_jira_malformed_json_is_refused(tmp_path):
    path = tmp_path / "search.json"
    path.write_text("<html>Session expired</html>", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_jira([path], vendor="VendorC")
    assert str(error.value) == (
        "search.json, line 1 column 1: not valid JSON (Expecting value). "
        "Re-export the file, or check it was not cut short."
    )


def test_jira_comment_without_time_is_named(tmp_path):
    issue = {
        "key": "SD-9",
        "fields": {
            "created": "2026-03-14T21:05:00.000+0300",
            "status": {"name": "Open"},
            "comment": {"comments": [{"id": "5", "body": "hi"}]},
        },
    }
    path = tmp_path / "search.json"
    path.write_text(json.dumps({"issues": [issue]}), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_jira([path], vendor="VendorC")
    assert str(error.value) == (
        "search.json, issues[0].fields.comment.comments[0].created: missing. Every record "
        "needs this time; re-export the file with it, or remove the record."
    )
