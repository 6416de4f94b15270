"""Zammad REST exports (tickets, articles, history) become canonical tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supportgauge.errors import SourceError
from supportgauge.sources.zammad import read_zammad

EXPORTS = Path(__file__).parents[1] / "data" / "exports" / "zammad"


@pytest.fixture(scope="module")
def batch():
    return read_zammad([EXPORTS], vendor="VendorD")


def events_of(batch, ticket_id: str) -> list[dict]:
    rows = [row for row in batch.tables["events"].to_pylist() if row["ticket_id"] == ticket_id]
    return sorted(rows, key=lambda row: row["ts"])  # stable: same-second events keep export order


def test_zammad_tickets_skip_removed_and_map_priorities(batch):
    tickets = {row["ticket_id"]: row for row in batch.tables["tickets"].to_pylist()}
    assert {key: row["priority"] for key, row in tickets.items()} == {
        "1": "P2",
        "2": "P3",
        "3": "P4",
        "5": "P2",
    }
    assert tickets["1"]["account"] == "StreamApp LLC"


def test_zammad_article_kinds_by_sender_and_internal(batch):
    events = {row["event_id"]: row for row in batch.tables["events"].to_pylist()}
    assert events["article:101"]["kind"] == "customer_message"
    assert events["article:102"]["kind"] == "auto_reply"  # System sender
    assert events["article:103"]["kind"] == "internal_note"
    assert events["article:104"]["kind"] == "agent_reply"
    assert events["article:301"]["kind"] == "customer_message"  # sender_id 2, no expand
    assert events["article:302"]["kind"] == "agent_reply"


def test_zammad_history_gives_state_changes_and_opening_state(batch):
    statuses = [e["status"] for e in events_of(batch, "1") if e["kind"] == "status_change"]
    assert statuses == ["new", "open", "closed", "open", "pending", "closed"]


def test_zammad_ticket_without_history_opens_new_and_closes_at_close_at(batch):
    statuses = [(e["status"], e["event_id"]) for e in events_of(batch, "5")]
    assert statuses == [("new", "5:created"), ("closed", "5:close_at")]


def test_zammad_unknown_state_in_history_is_named(tmp_path):
    entry = {
        "id": 1,
        "o_id": 7,
        "object": "Ticket",
        "type": "updated",
        "attribute": "state",
        "value_from": "new",
        "value_to": "waiting for vendor",
        "created_at": "2026-03-14T18:10:00.000Z",
    }
    path = tmp_path / "history.json"
    path.write_text(json.dumps({"history": [entry]}), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_zammad([path], vendor="VendorD")
    assert str(error.value) == (
        "history.json, history[0].value_to: unknown state 'waiting for vendor' (known: closed, "
        "merged, new, open, pending close, pending reminder). Zammad's states are new, open, "
        "pending reminder, pending close, closed, merged; for custom states export to CSV and "
        "import as a mapped CSV (format csv with a mapping)."
    )


def test_zammad_article_without_ticket_is_named(tmp_path):
    path = tmp_path / "articles.json"
    path.write_text(
        json.dumps([{"id": 4, "sender": "Agent", "created_at": "2026-03-14T18:10:00Z"}]),
        encoding="utf-8",
    )
    with pytest.raises(SourceError) as error:
        read_zammad([path], vendor="VendorD")
    assert str(error.value) == (
        "articles.json, [0].ticket_id: missing. Every Zammad article has id, ticket_id, "
        "created_at; re-export with expand=true."
    )


def test_zammad_malformed_file_is_refused(tmp_path):
    path = tmp_path / "tickets.json"
    path.write_text('{"tickets": "none"}', encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_zammad([path], vendor="VendorD")
    assert str(error.value) == (
        "tickets.json, tickets: expected a list of records, found str. "
        "Re-export the file as the help desk's API returns it."
    )


def test_folder_without_export_files_is_refused(tmp_path):
    (tmp_path / "notes.txt").write_text("not an export", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_zammad([tmp_path], vendor="VendorD")
    assert str(error.value) == (
        f"{tmp_path}: no export files found (looked for .json). "
        "Point the import at the exported files or the folder that holds them."
    )
