"""Zendesk Support exports (API JSON and warehouse tables) become canonical tables."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from supportgauge.canonical import EVENT_COLUMNS, TICKET_COLUMNS
from supportgauge.errors import SourceError
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN
from supportgauge.sources.zendesk import read_zendesk

EXPORTS = Path(__file__).parents[1] / "data" / "exports" / "zendesk"
UTC_US = pa.timestamp("us", tz="UTC")


def events_by_id(table: pa.Table) -> dict[str, dict]:
    return {row["event_id"]: row for row in table.to_pylist()}


@pytest.fixture(scope="module")
def api_batch():
    return read_zendesk([EXPORTS / "api"], vendor="VendorA")


def test_zendesk_tables_use_canonical_columns_and_utc_timestamps(api_batch):
    allowed_tickets = {c.name for c in TICKET_COLUMNS} | {SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN}
    allowed_events = {c.name for c in EVENT_COLUMNS} | {SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN}
    assert set(api_batch.tables["tickets"].column_names) <= allowed_tickets
    assert set(api_batch.tables["events"].column_names) <= allowed_events
    assert api_batch.tables["tickets"].schema.field("created_at").type == UTC_US
    assert api_batch.tables["events"].schema.field("ts").type == UTC_US
    assert api_batch.tables["events"].schema.field("public").type == pa.bool_()


def test_zendesk_skips_deleted_tickets_and_defaults_missing_priority(api_batch):
    tickets = {row["ticket_id"]: row for row in api_batch.tables["tickets"].to_pylist()}
    assert sorted(tickets) == ["101", "102", "103"]
    assert tickets["101"]["priority"] == "P1"
    assert tickets["103"]["priority"] == "P3"  # Zendesk's "no priority"
    assert tickets["101"]["account"] == "77"
    assert tickets["101"]["channel"] == "web"


def test_zendesk_comment_kinds_follow_author_role_and_rule_channel(api_batch):
    events = events_by_id(api_batch.tables["events"])
    assert events["7001"]["kind"] == "customer_message"
    assert events["7002"]["kind"] == "auto_reply"  # trigger comment via channel "rule"
    assert events["7003"]["kind"] == "internal_note"
    assert events["7003"]["public"] is False
    assert events["7004"]["kind"] == "agent_reply"
    assert events["7202"]["kind"] == "agent_reply"  # admins are agents too
    assert events["7003"]["ts"] < events["7004"]["ts"]  # the note came before the reply


def test_zendesk_status_and_priority_changes(api_batch):
    events = events_by_id(api_batch.tables["events"])
    assert events["7000"]["kind"] == "status_change" and events["7000"]["status"] == "new"
    assert events["7203"]["status"] == "on_hold"
    assert events["7015"]["status"] == "closed"
    assert events["7014"]["kind"] == "priority_change"
    assert events["7014"]["body"] == "P2"
    reopens = [
        row
        for row in api_batch.tables["events"].to_pylist()
        if row["ticket_id"] == "103" and row["kind"] == "status_change"
    ]
    assert [row["status"] for row in reopens] == [
        "new",
        "on_hold",
        "solved",
        "open",
        "solved",
        "open",
        "solved",
    ]


def test_zendesk_events_name_their_file_and_record(api_batch):
    events = events_by_id(api_batch.tables["events"])
    assert events["7006"][SOURCE_FILE_COLUMN] == "ticket_audits.json"
    assert events["7006"][SOURCE_ROW_COLUMN] == 5


def test_zendesk_ticket_metrics_become_source_figures(api_batch):
    figures = api_batch.source_figures["zendesk_ticket_metrics"].to_pylist()
    first = next(row for row in figures if row["ticket_id"] == "101")
    assert first == {
        "vendor": "VendorA",
        "ticket_id": "101",
        "first_response_min": 1.0,
        "full_resolution_min": 295.0,
        "requester_wait_min": 255.0,
        "on_hold_min": 0.0,
        "reopens": 1,
        "agent_replies": 2,
    }
    unanswered = next(row for row in figures if row["ticket_id"] == "102")
    assert unanswered["first_response_min"] is None


def test_zendesk_incremental_events_keep_ticket_and_event_ids(api_batch):
    newer = read_zendesk([EXPORTS / "incremental"], vendor="VendorA")
    older_ids = {
        r["event_id"] for r in api_batch.tables["events"].to_pylist() if r["ticket_id"] == "102"
    }
    newer_events = events_by_id(newer.tables["events"])
    assert older_ids <= set(newer_events)
    assert newer.tables["tickets"]["ticket_id"].to_pylist() == ["102"]
    assert newer.tables["tickets"]["priority"].to_pylist() == ["P2"]
    # No users file: the requester is the customer, anyone else an agent.
    assert newer_events["7101"]["kind"] == "customer_message"
    assert newer_events["7102"]["kind"] == "agent_reply"
    assert newer_events["7105"]["kind"] == "auto_reply"
    assert newer_events["7103"]["status"] == "pending"


def test_zendesk_exports_read_together_keep_the_later_copy_once():
    batch = read_zendesk([EXPORTS / "api", EXPORTS / "incremental"], vendor="VendorA")
    tickets = batch.tables["tickets"].to_pylist()
    assert [t["ticket_id"] for t in tickets].count("102") == 1
    assert next(t for t in tickets if t["ticket_id"] == "102")["priority"] == "P2"
    event_ids = batch.tables["events"]["event_id"].to_pylist()
    assert len(event_ids) == len(set(event_ids))
    assert "7105" in event_ids


def test_zendesk_warehouse_tables():
    batch = read_zendesk([EXPORTS / "warehouse"], vendor="VendorA")
    tickets = batch.tables["tickets"].to_pylist()
    assert [t["ticket_id"] for t in tickets] == ["201", "202"]  # the deleted one is gone
    assert [t["priority"] for t in tickets] == ["P2", "P3"]
    events = events_by_id(batch.tables["events"])
    assert events["5002"]["kind"] == "auto_reply"
    assert events["5003"]["kind"] == "internal_note"
    assert events["5004"]["kind"] == "agent_reply"
    changes = [e for e in batch.tables["events"].to_pylist() if e["kind"] == "status_change"]
    assert [c["status"] for c in changes if c["ticket_id"] == "201"] == ["new", "pending", "solved"]
    assert changes[0]["event_id"] == "field_history:201:status:1773662400000000"
    assert batch.tables["events"].schema.field("ts").type == UTC_US


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_zendesk_malformed_json_names_file_and_line(tmp_path):
    path = write(tmp_path, "tickets.json", '{"tickets": [\n  {"id": 1,}\n]}')
    with pytest.raises(SourceError) as error:
        read_zendesk([path], vendor="VendorA")
    assert str(error.value) == (
        "tickets.json, line 2 column 12: not valid JSON (Expecting property name enclosed in "
        "double quotes). Re-export the file, or check it was not cut short."
    )


def test_zendesk_file_without_known_lists_is_refused(tmp_path):
    path = write(tmp_path, "export.json", '{"results": []}')
    with pytest.raises(SourceError) as error:
        read_zendesk([path], vendor="VendorA")
    assert str(error.value) == (
        "export.json: not a Zendesk export (no 'tickets', 'audits', 'ticket_events', "
        "'comments', 'users' or 'ticket_metrics' list at the top level). Export with the "
        "Zendesk Support API (e.g. /api/v2/incremental/tickets.json) and import those files."
    )


def test_zendesk_missing_created_at_names_the_record(tmp_path):
    path = write(
        tmp_path,
        "t.json",
        json.dumps({"tickets": [{"id": 1, "created_at": "2026-01-01T00:00:00Z"}, {"id": 2}]}),
    )
    with pytest.raises(SourceError) as error:
        read_zendesk([path], vendor="VendorA")
    assert str(error.value) == (
        "t.json, tickets[1].created_at: missing. Every Zendesk ticket has an id and "
        "created_at; re-export the tickets."
    )


def test_zendesk_unknown_status_names_the_audit_event(tmp_path):
    audit = {
        "id": 1,
        "ticket_id": 5,
        "created_at": "2026-01-01T00:00:00Z",
        "author_id": 2,
        "events": [{"id": 3, "type": "Change", "field_name": "status", "value": "parked"}],
    }
    path = write(tmp_path, "audits.json", json.dumps({"audits": [audit]}))
    with pytest.raises(SourceError) as error:
        read_zendesk([path], vendor="VendorA")
    assert str(error.value) == (
        "audits.json, audits[0].events[0].value: unknown status 'parked' (known: closed, "
        "hold, new, on-hold, open, pending, solved). Zendesk statuses are new, open, pending, "
        "hold, solved, closed; re-export the file."
    )


def test_zendesk_bad_timestamp_names_the_record_and_field(tmp_path):
    path = write(
        tmp_path, "tickets.json", json.dumps({"tickets": [{"id": 1, "created_at": "yesterday"}]})
    )
    with pytest.raises(SourceError) as error:
        read_zendesk([path], vendor="VendorA")
    assert str(error.value) == (
        "tickets.json, tickets[0].created_at: 'yesterday' is not a timestamp in the expected "
        "format (ISO 8601, e.g. 2026-03-14T21:05:00+03:00). Fix the value or re-export it."
    )


def test_zendesk_without_vendor_asks_for_the_option():
    with pytest.raises(SourceError) as error:
        read_zendesk([EXPORTS / "api"])
    assert str(error.value) == (
        "tickets.json: the export has no vendor field. "
        "Name the vendor of the import: whose support these tickets measure."
    )


def test_zendesk_warehouse_unknown_status_names_file_row_and_column(tmp_path):
    for name in ("ticket.csv", "ticket_comment.csv", "user.csv"):
        shutil.copy(EXPORTS / "warehouse" / name, tmp_path / name)
    write(
        tmp_path,
        "ticket_field_history.csv",
        "ticket_id,field_name,updated,user_id,value\n"
        "201,status,2026-03-16 12:00:00 UTC,9001,new\n"
        "201,status,2026-03-16 12:05:00 UTC,501,parked\n",
    )
    with pytest.raises(SourceError) as error:
        read_zendesk([tmp_path], vendor="VendorA")
    assert str(error.value) == (
        "ticket_field_history.csv, row 2, column value: unknown status 'parked' (known: closed, "
        "hold, new, on-hold, open, pending, solved). Fix the value or re-export the table."
    )


def test_zendesk_warehouse_missing_column_is_named(tmp_path):
    write(
        tmp_path,
        "ticket_comment.csv",
        "id,ticket_id,created,public\n1,2,2026-03-16 12:00:00 UTC,true\n",
    )
    with pytest.raises(SourceError) as error:
        read_zendesk([tmp_path], vendor="VendorA")
    assert str(error.value) == (
        "ticket_comment.csv: no 'user_id' column. Sync the table with the Fivetran Zendesk "
        "schema, or import it as a mapped CSV (format csv with a mapping)."
    )


def test_zendesk_warehouse_parquet_with_typed_timestamps(tmp_path):
    import pyarrow.compute as pc
    import pyarrow.csv as pa_csv
    import pyarrow.parquet as pq

    for name in ("ticket", "ticket_comment", "ticket_field_history", "user"):
        table = pa_csv.read_csv(EXPORTS / "warehouse" / f"{name}.csv")
        for column in ("created_at", "created", "updated"):
            if column in table.column_names:
                text = pc.replace_substring(table[column].cast(pa.string()), " UTC", "")
                naive = pc.strptime(text, format="%Y-%m-%d %H:%M:%S", unit="us")
                table = table.set_column(table.column_names.index(column), column, naive)
        pq.write_table(table, tmp_path / f"{name}.parquet")
    from_parquet = read_zendesk([tmp_path], vendor="VendorA")
    from_csv = read_zendesk([EXPORTS / "warehouse"], vendor="VendorA")
    for name in ("tickets", "events"):
        parquet_rows = from_parquet.tables[name].drop_columns(["_source_file"]).to_pylist()
        csv_rows = from_csv.tables[name].drop_columns(["_source_file"]).to_pylist()
        assert parquet_rows == csv_rows


def test_zendesk_comments_endpoint_gives_the_audits_comment_ids(api_batch):
    comments = read_zendesk(
        [EXPORTS / "comments", EXPORTS / "api" / "users.json"], vendor="VendorA"
    )
    from_comments = {
        row["event_id"]: (row["ticket_id"], row["kind"], row["ts"], row["public"])
        for row in comments.tables["events"].to_pylist()
    }
    from_audits = {
        row["event_id"]: (row["ticket_id"], row["kind"], row["ts"], row["public"])
        for row in api_batch.tables["events"].to_pylist()
        if row["event_id"] in from_comments
    }
    assert from_comments == from_audits
    assert from_comments["7002"][1] == "auto_reply"


def test_zendesk_comments_embedded_in_tickets(tmp_path):
    ticket = {
        "id": 5,
        "created_at": "2026-03-14T18:05:00Z",
        "requester_id": 1,
        "comments": [
            {
                "id": 51,
                "author_id": 1,
                "public": True,
                "body": "help",
                "created_at": "2026-03-14T18:05:00Z",
            },
            {
                "id": 52,
                "author_id": 2,
                "public": True,
                "body": "on it",
                "created_at": "2026-03-14T18:09:00Z",
            },
        ],
    }
    path = write(tmp_path, "export.jsonl", json.dumps(ticket) + "\n")
    with pytest.raises(SourceError) as error:
        read_zendesk([path], vendor="VendorA")
    assert str(error.value).startswith("export.jsonl: a bare list, and its name does not say")
    path = write(tmp_path, "tickets.jsonl", json.dumps(ticket) + "\n")
    events = read_zendesk([path], vendor="VendorA").tables["events"].to_pylist()
    assert [(e["event_id"], e["kind"], e["_source_row"]) for e in events] == [
        ("51", "customer_message", 1),
        ("52", "agent_reply", 1),
    ]


def test_a_metric_that_is_not_a_number_names_its_record(tmp_path):
    source = Path(__file__).parents[1] / "data" / "exports" / "zendesk" / "api"
    shutil.copytree(source, tmp_path / "api")
    path = tmp_path / "api" / "ticket_metrics.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["ticket_metrics"][0]["replies"] = "two"
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_zendesk([tmp_path / "api"], vendor="VendorA")
    assert str(error.value) == (
        "ticket_metrics.json, ticket_metrics[0].replies: 'two' is not a whole number. "
        "Re-export the file, or check it was not edited by hand."
    )


@pytest.mark.parametrize(
    ("field", "value", "problem"),
    [
        ("reopens", 9.223372036854776e18, "is too large for a count"),
        ("reopens", 2.5, "is not a whole number"),
        ("reply_time_in_minutes", "Infinity", "is not a number"),
        ("reply_time_in_minutes", float("nan"), "is not a number"),
    ],
)
def test_a_metric_out_of_range_names_its_record(tmp_path, field, value, problem):
    source = Path(__file__).parents[1] / "data" / "exports" / "zendesk" / "api"
    shutil.copytree(source, tmp_path / "api")
    path = tmp_path / "api" / "ticket_metrics.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    document["ticket_metrics"][0][field] = value
    path.write_text(json.dumps(document), encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_zendesk([tmp_path / "api"], vendor="VendorA")
    assert f"ticket_metrics[0].{field}: " in str(error.value)
    assert problem in str(error.value)
