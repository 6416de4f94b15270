"""Freshdesk API v2 exports (tickets with stats, conversations) become canonical tables."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pytest

from supportgauge.errors import SourceError
from supportgauge.sources.freshdesk import read_freshdesk

EXPORTS = Path(__file__).parents[1] / "data" / "exports" / "freshdesk"


@pytest.fixture(scope="module")
def batch():
    return read_freshdesk([EXPORTS], vendor="VendorB")


def events_of(batch, ticket_id: str) -> list[dict]:
    rows = [row for row in batch.tables["events"].to_pylist() if row["ticket_id"] == ticket_id]
    return sorted(rows, key=lambda row: row["ts"])  # stable: same-second events keep export order


def test_freshdesk_priorities_and_channels(batch):
    tickets = {row["ticket_id"]: row for row in batch.tables["tickets"].to_pylist()}
    assert {key: row["priority"] for key, row in tickets.items()} == {
        "385660": "P3",
        "385450": "P1",
        "385700": "P4",
        "385701": "P2",
    }
    assert tickets["385450"]["channel"] == "portal"
    assert tickets["385701"]["created_at"].isoformat() == "2025-06-07T15:00:00+00:00"


def test_freshdesk_description_is_the_first_customer_message(batch):
    opening = events_of(batch, "385700")
    assert [(e["kind"], e["status"]) for e in opening] == [
        ("status_change", "open"),
        ("customer_message", None),
        ("status_change", "on_hold"),
    ]
    assert opening[1]["event_id"] == "385700-description"


def test_freshdesk_conversation_kinds(batch):
    events = {row["event_id"]: row for row in batch.tables["events"].to_pylist()}
    assert events["43254879837"]["kind"] == "customer_message"  # incoming
    assert events["43254900123"]["kind"] == "agent_reply"
    assert events["43300000001"]["kind"] == "internal_note"  # private, before the reply
    assert events["43300000001"]["public"] is False
    assert events["43300000002"]["kind"] == "agent_reply"
    # The conversations file names its ticket only through the satisfaction rating.
    assert events["43254879837"]["ticket_id"] == "385450"
    assert events["43254879837"]["_source_file"] == "385450_conversations.json"


def test_freshdesk_stats_become_status_changes(batch):
    statuses = [e["status"] for e in events_of(batch, "385450") if e["kind"] == "status_change"]
    assert statuses == ["open", "solved", "open"]  # resolved, then reopened
    closed = [e for e in events_of(batch, "385660") if e["kind"] == "status_change"]
    assert [e["event_id"] for e in closed] == [
        "385660-created",
        "385660-stats-resolved_at",
        "385660-stats-closed_at",
    ]
    waiting = [e["status"] for e in events_of(batch, "385701") if e["kind"] == "status_change"]
    assert waiting == ["open", "pending"]


def test_freshdesk_stats_are_kept_as_source_figures(batch):
    stats = batch.source_figures["freshdesk_stats"]
    assert stats.schema.field("resolved_at").type == pa.timestamp("us", tz="UTC")
    rows = {row["ticket_id"]: row for row in stats.to_pylist()}
    assert rows["385660"]["first_response_min"] == pytest.approx(11 / 60)
    assert rows["385450"]["full_resolution_min"] == pytest.approx(40.0)
    assert rows["385700"]["first_response_min"] is None


def write(tmp_path: Path, name: str, document: object) -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def test_freshdesk_truncated_file_is_refused(tmp_path):
    path = tmp_path / "tickets.json"
    path.write_text('[{"id": 1, "status": 2', encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_freshdesk([path], vendor="VendorB")
    assert str(error.value) == (
        "tickets.json, line 1 column 23: not valid JSON (Expecting ',' delimiter). "
        "Re-export the file, or check it was not cut short."
    )


def test_freshdesk_unknown_custom_status_says_what_to_do(tmp_path):
    ticket = {"id": 9, "status": 12, "priority": 1, "created_at": "2025-06-05T13:47:56Z"}
    path = write(tmp_path, "tickets.json", [ticket])
    with pytest.raises(SourceError) as error:
        read_freshdesk([path], vendor="VendorB")
    assert str(error.value) == (
        "tickets.json, [0].status: unknown status '12' (known: 2, 3, 4, 5, 6, 7, closed, open, "
        "pending, resolved, waiting on customer, waiting on third party). Freshdesk codes 2-5 "
        "and 6 (waiting on customer), 7 (waiting on third party) are known; for other custom "
        "statuses export to CSV and import as a mapped CSV (format csv with a mapping)."
    )


def test_freshdesk_conversation_without_ticket_is_refused(tmp_path):
    conversation = {
        "id": 1,
        "incoming": True,
        "private": False,
        "created_at": "2025-06-05T13:47:56Z",
    }
    path = write(tmp_path, "replies.json", {"conversations": [conversation]})
    with pytest.raises(SourceError) as error:
        read_freshdesk([path], vendor="VendorB")
    assert str(error.value) == (
        "replies.json, conversations[0].ticket_id: missing, and the file does not say which "
        'ticket its conversations belong to. Add "ticket_id" to the file\'s object or name '
        "the file after the ticket (e.g. 385450_conversations.json)."
    )


def test_freshdesk_missing_status_is_named(tmp_path):
    path = write(
        tmp_path, "tickets.json", {"tickets": [{"id": 3, "created_at": "2025-06-05T13:47:56Z"}]}
    )
    with pytest.raises(SourceError) as error:
        read_freshdesk([path], vendor="VendorB")
    assert str(error.value) == (
        "tickets.json, tickets[0].status: missing. Every Freshdesk ticket has an id, "
        "created_at and status; re-export the tickets."
    )


def test_freshdesk_newer_export_of_a_ticket_wins_in_tickets_and_stats(tmp_path):
    older = {
        "id": 7,
        "status": 2,
        "priority": 2,
        "created_at": "2025-06-05T10:00:00Z",
        "stats": {"first_responded_at": None},
    }
    newer = {
        **older,
        "status": 4,
        "stats": {
            "first_responded_at": "2025-06-05T10:30:00Z",
            "resolved_at": "2025-06-05T12:00:00Z",
        },
    }
    first = write(tmp_path, "1_tickets.json", [older])
    second = write(tmp_path, "2_tickets.json", [newer])
    batch = read_freshdesk([first, second], vendor="VendorB")
    assert batch.tables["tickets"].num_rows == 1
    (stats,) = batch.source_figures["freshdesk_stats"].to_pylist()
    assert stats["first_response_min"] == 30.0
    assert stats["full_resolution_min"] == 120.0


def test_freshdesk_bare_conversation_list_takes_its_ticket_from_the_file_name(tmp_path):
    conversation = {
        "id": 11,
        "incoming": False,
        "private": True,
        "body_text": "checking",
        "created_at": "2025-06-05T10:05:00Z",
    }
    path = write(tmp_path, "ticket_7_conversations.json", [conversation])
    batch = read_freshdesk([path], vendor="VendorB")
    (event,) = batch.tables["events"].to_pylist()
    assert (event["ticket_id"], event["kind"], event["public"]) == ("7", "internal_note", False)
