"""Flat exports read through a TOML mapping: messages, sentences and audit-log layouts."""

from __future__ import annotations

import shutil
from pathlib import Path

import pyarrow as pa
import pytest

from supportgauge.errors import SettingsError, SourceError
from supportgauge.sources.csv_mapping import load_mapping
from supportgauge.sources.mapped_csv import read_mapped_csv
from supportgauge.store.duckdb import open_store
from supportgauge.store.importer import import_batch

EXPORTS = Path(__file__).parents[1] / "data" / "exports" / "csv"
# The smallest valid [events.columns] table.
COLUMNS = "[events.columns]\nticket_id = 't'\nts = 'a'\nrole = 'r'\n"
UTC_US = pa.timestamp("us", tz="UTC")


def read(folder: str, **options):
    return read_mapped_csv([EXPORTS / folder], mapping=EXPORTS / folder / "map.toml", **options)


def test_messages_layout_maps_roles_statuses_priorities_and_local_time():
    batch = read("messages")
    tickets = {row["ticket_id"]: row for row in batch.tables["tickets"].to_pylist()}
    assert tickets["T-1001"]["priority"] == "P1"
    assert tickets["T-1001"]["created_at"].isoformat() == "2026-03-14T15:05:00+00:00"  # Beijing
    assert tickets["T-1001"]["region"] == "SA"
    events = {row["event_id"]: row for row in batch.tables["events"].to_pylist()}
    assert [events[key]["kind"] for key in ("m1", "m2", "m3", "m4")] == [
        "customer_message",
        "auto_reply",
        "internal_note",
        "agent_reply",
    ]
    assert events["m3"]["public"] is False and events["m4"]["public"] is True
    assert [events[key]["status"] for key in ("s1", "s2", "s3", "s4")] == [
        "open",
        "solved",
        "open",
        "closed",
    ]
    assert batch.tables["events"].schema.field("ts").type == UTC_US
    assert events["m4"]["_source_file"] == "tickets_messages.csv"
    assert events["m4"]["_source_row"] == 4


def test_sentences_layout_joins_sentences_in_order_into_messages():
    batch = read("sentences", vendor="VendorG")
    events = [row for row in batch.tables["events"].to_pylist() if row["ticket_id"] == "C-9"]
    assert [(e["event_id"], e["kind"]) for e in events] == [
        ("1", "customer_message"),
        ("2", "auto_reply"),
        ("3", "internal_note"),
        ("4", "agent_reply"),
    ]
    assert events[3]["body"] == (
        "We reproduced it on Mali GPUs. Please set enableHardwareDecoding to false."
    )
    assert events[0]["ts"].isoformat() == "2026-03-14T18:05:00+00:00"
    tickets = {row["ticket_id"]: row for row in batch.tables["tickets"].to_pylist()}
    assert tickets["C-9"]["priority"] == "P2"
    assert tickets["C-10"]["created_at"] == events[0]["ts"].replace(hour=20, minute=26, second=40)


def test_state_changes_layout_reads_an_audit_log_and_a_tickets_file():
    batch = read("audit_log")
    tickets = {row["ticket_id"]: row for row in batch.tables["tickets"].to_pylist()}
    assert tickets["OPS-1"]["vendor"] == "VendorF"
    assert tickets["OPS-2"]["priority"] == "P3"  # empty priority
    events = [row for row in batch.tables["events"].to_pylist() if row["ticket_id"] == "OPS-1"]
    assert [(e["kind"], e["status"] or e["body"]) for e in events] == [
        ("status_change", "new"),
        ("status_change", "open"),
        ("priority_change", "P1"),
        ("status_change", "pending"),
        ("status_change", "open"),
        ("status_change", "on_hold"),
        ("status_change", "solved"),
    ]
    # The assignee change is no event: counted as read and skipped, never dropped unsaid.
    assert batch.skipped == {
        "events": {"changes of fields other than Status and Priority, which no figure reads": 1}
    }


def test_rows_without_ids_get_the_same_ids_in_every_export(tmp_path):
    first = read("audit_log")
    for name in ("map.toml", "tickets.csv", "audit_2026-03.csv"):
        shutil.copy(EXPORTS / "audit_log" / name, tmp_path / name)
    with (tmp_path / "audit_2026-03.csv").open("a", encoding="utf-8") as log:
        log.write("OPS-2,1773594000,Status,To Do,In Progress,li\n")
    second = read_mapped_csv([tmp_path], mapping=tmp_path / "map.toml")
    first_ids = set(first.tables["events"]["event_id"].to_pylist())
    second_ids = set(second.tables["events"]["event_id"].to_pylist())
    assert first_ids < second_ids
    assert len(second_ids - first_ids) == 1


def test_unknown_values_are_all_listed_and_skip_invalid_sets_them_aside(tmp_path):
    shutil.copy(EXPORTS / "messages" / "map.toml", tmp_path / "map.toml")
    (tmp_path / "export.csv").write_text(
        "工单编号,服务商,创建时间,优先级,标题,客户,地区,消息ID,发送时间,发送人,发送人角色,内容,状态\n"
        "T-1,VendorE,2026/03/14 23:05:00,高,t,a,SA,m1,2026/03/14 23:05:00,x,客服主管,hi,\n"
        "T-1,VendorE,2026/03/14 23:05:00,高,t,a,SA,m2,2026/03/14 23:06:00,y,客户,hi,\n"
        "T-2,VendorE,2026/03/14 23:05:00,超紧急,t,a,SA,m3,2026/03/14 23:05:00,x,客户,hi,\n"
        "T-3,VendorE,2026/03/14 23:05:00,高,t,a,SA,m4,2026/03/14 23:07:00,x,状态变更,,完结\n",
        encoding="utf-8",
    )
    batch = read_mapped_csv([tmp_path / "export.csv"], mapping=tmp_path / "map.toml")
    with open_store(":memory:") as store:
        with pytest.raises(SourceError) as error:
            import_batch(store, batch)
        assert str(error.value).splitlines()[:4] == [
            "Nothing was imported: 3 problems.",
            "export.csv, row 3, column '优先级': '超紧急' is not a known priority; use one of "
            "P1, P2, P3, P4 (or urgent, high, normal, low).",
            "export.csv, row 1, column '发送人角色': '客服主管' is not a known kind; use one of "
            "customer_message, agent_reply, auto_reply, internal_note, status_change, diagnosis, "
            "priority_change.",
            "export.csv, row 4, column '状态': '完结' is not a known status; use one of new, "
            "open, pending, on_hold, solved, closed.",
        ]
        result = import_batch(store, batch, skip_invalid=True, rejects_dir=tmp_path / "rejects")
        assert result.tables["events"].added == 1  # row 3 goes with its ticket
        assert result.tables["tickets"].added == 2


def test_timestamp_not_matching_the_format_is_named(tmp_path):
    shutil.copy(EXPORTS / "sentences" / "map.toml", tmp_path / "map.toml")
    (tmp_path / "chat.csv").write_text(
        "conversation_id,message_id,seq,sent_at_ms,sender,sender_type,text,priority\n"
        "C-1,1,1,1773511500000,a,user,hi,\n"
        "C-1,2,1,2026-03-14,b,agent,hello,\n"
        "C-1,3,1,yesterday,b,agent,hello again,\n",
        encoding="utf-8",
    )
    batch = read_mapped_csv([tmp_path / "chat.csv"], mapping=tmp_path / "map.toml", vendor="V")
    with open_store(":memory:") as store:
        with pytest.raises(SourceError) as error:
            import_batch(store, batch)
        # Every bad value of the file at once, by the export's own column name.
        assert str(error.value).splitlines()[:3] == [
            "Nothing was imported: 2 problems.",
            "chat.csv, row 2, column 'sent_at_ms': '2026-03-14' is not a timestamp in the "
            "expected format (milliseconds since 1970-01-01 UTC). Fix the value or re-export it.",
            "chat.csv, row 3, column 'sent_at_ms': 'yesterday' is not a timestamp in the "
            "expected format (milliseconds since 1970-01-01 UTC). Fix the value or re-export it.",
        ]
        result = import_batch(store, batch, skip_invalid=True, rejects_dir=tmp_path / "rejects")
    assert (result.tables["events"].added, result.tables["events"].rejected) == (1, 2)


def test_missing_mapped_column_lists_the_file_columns(tmp_path):
    shutil.copy(EXPORTS / "sentences" / "map.toml", tmp_path / "map.toml")
    (tmp_path / "chat.csv").write_text(
        "conversation_id,message_id,text\nC-1,1,hi\n", encoding="utf-8"
    )
    with pytest.raises(SourceError) as error:
        read_mapped_csv([tmp_path / "chat.csv"], mapping=tmp_path / "map.toml", vendor="V")
    assert str(error.value) == (
        "chat.csv: no column 'seq' (named by map.toml, key 'events.columns.sentence_order'). "
        "The file's columns are: conversation_id, message_id, text. Fix the mapping or the export."
    )


def test_missing_mapped_column_lists_every_column_of_a_wide_file(tmp_path):
    shutil.copy(EXPORTS / "sentences" / "map.toml", tmp_path / "map.toml")
    columns = [f"备注{number}" for number in range(1, 13)]
    columns += ["conversation_id", "message_id", "text"]
    (tmp_path / "chat.csv").write_text(",".join(columns) + "\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_mapped_csv([tmp_path / "chat.csv"], mapping=tmp_path / "map.toml", vendor="V")
    assert f"The file's columns are: {', '.join(columns)}. Fix" in str(error.value)


def test_naive_timestamps_without_zone_ask_for_timezone(tmp_path):
    (tmp_path / "map.toml").write_text(
        '[events]\nkind = "customer_message"\n[events.columns]\nticket_id = "t"\nts = "at"\n',
        encoding="utf-8",
    )
    (tmp_path / "m.csv").write_text("t,at\n1,2026-03-14 21:05\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_mapped_csv([tmp_path / "m.csv"], mapping=tmp_path / "map.toml", vendor="V")
    assert str(error.value) == (
        "m.csv, row 1, column 'at': '2026-03-14 21:05' has no UTC offset. "
        "Name the timezone of the import "
        "(the IANA zone the export's clock shows, e.g. Asia/Shanghai) or re-export with offsets."
    )
    batch = read_mapped_csv(
        [tmp_path / "m.csv"], mapping=tmp_path / "map.toml", vendor="V", timezone="Asia/Riyadh"
    )
    assert batch.tables["events"]["ts"][0].as_py().isoformat() == "2026-03-14T18:05:00+00:00"


def test_without_vendor_asks_for_the_option():
    with pytest.raises(SourceError) as error:
        read("sentences")
    assert str(error.value) == (
        "chat_sentences.csv: the export has no vendor field. Name the vendor of the import: whose "
        "support these tickets measure. (or set vendor in the mapping file)"
    )


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            "[events.columns]\nticket_id = 't'\n",
            "map.toml, key 'events.columns.ts': missing: name the export's column for it.",
        ),
        (
            "[events]\nlayout = 'rows'\n[events.columns]\nticket_id = 't'\nts = 'a'\n",
            "map.toml, key 'events.layout': 'rows' is not one of messages, sentences, "
            "state_changes.",
        ),
        (
            "[events.columns]\nticket_id = 't'\nts = 'a'\n",
            "map.toml, key 'events.columns.role': missing: name the column that tells who wrote "
            "each row (mapped under [values.role]), or set events.kind for a file of one kind.",
        ),
        (
            "[events]\nkind = 'reply'\n[events.columns]\nticket_id = 't'\nts = 'a'\n",
            "map.toml, key 'events.kind': 'reply' is not one of customer_message, agent_reply, "
            "auto_reply, internal_note, status_change, diagnosis, priority_change.",
        ),
        (
            COLUMNS + "[values.status]\n'Done' = 'finished'\n",
            "map.toml, key 'values.status.Done': 'finished' is not one of new, open, pending, "
            "on_hold, solved, closed.",
        ),
        (
            "timezone = 'Beijing'\n" + COLUMNS,
            "map.toml, key 'timezone': 'Beijing' is not an IANA time zone (e.g. Asia/Shanghai).",
        ),
        (
            "timestamp_format = 'YYYY-MM-DD'\n" + COLUMNS,
            "map.toml, key 'timestamp_format': 'YYYY-MM-DD' is neither iso8601, epoch_seconds, "
            'epoch_milliseconds nor a strptime format such as "%Y/%m/%d %H:%M".',
        ),
        (
            COLUMNS + "owner = 'o'\n",
            "map.toml, key 'events.columns.owner': not a field that can be mapped (known: "
            "ticket_id, vendor, ts, author, role, body, status, public, event_id, message_id, "
            "sentence_order, field, priority, created_at, account, scenario, region, timezone, "
            "category, channel, subject, description, probe_id).",
        ),
        (
            "vendors = 'A'\n" + COLUMNS,
            "map.toml, key 'vendors': unknown key (known: vendor, timezone, timestamp_format, "
            "delimiter, encoding, events, tickets, values).",
        ),
        (
            COLUMNS + "[values.public]\n'yes' = 'true'\n",
            "map.toml, key 'values.public.yes': must be true or false.",
        ),
        (
            "[events\n",
            "map.toml: not valid TOML (Expected ']' at the end of a table declaration "
            "(at line 1, column 8)).",
        ),
    ],
)
def test_mapping_errors_name_file_key_and_reason(tmp_path, text, message):
    path = tmp_path / "map.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SettingsError) as error:
        load_mapping(path)
    assert str(error.value) == message


def test_every_mapping_example_in_the_docs_is_valid(tmp_path):
    docs = Path(__file__).parents[2] / "docs" / "formats.md"
    blocks = docs.read_text(encoding="utf-8").split("```toml\n")[1:]
    examples = [block.split("```")[0] for block in blocks]
    assert len(examples) == 4
    for number, example in enumerate(examples):
        path = tmp_path / f"example_{number}.toml"
        path.write_text(example, encoding="utf-8")
        assert load_mapping(path).event_columns["ticket_id"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "工单,时间\n1,1773511500\n".encode("gbk"),
            "export.csv: not utf-8 text (byte 0 cannot be read). Name the file's encoding "
            '(e.g. encoding = "gbk" in a CSV mapping) or re-export as UTF-8.',
        ),
        (
            b"t,at,role\n1,1773511500,user\n2,1773511500\n",
            "export.csv: not a readable CSV file (CSV parse error: Expected 3 columns, got 2: "
            "2,1773511500). Check the delimiter and encoding, or re-export the table.",
        ),
    ],
)
def test_malformed_csv_is_refused(tmp_path, content, message):
    (tmp_path / "map.toml").write_text(COLUMNS + "[values.role]\nuser = 'customer_message'\n")
    (tmp_path / "export.csv").write_bytes(content)
    with pytest.raises(SourceError) as error:
        read_mapped_csv([tmp_path / "export.csv"], mapping=tmp_path / "map.toml", vendor="V")
    assert str(error.value) == message


def test_a_header_only_export_imports_nothing(tmp_path):
    (tmp_path / "map.toml").write_text(COLUMNS + "[values.role]\nuser = 'customer_message'\n")
    (tmp_path / "export.csv").write_text("t,a,r\n", encoding="utf-8")
    batch = read_mapped_csv([tmp_path / "export.csv"], mapping=tmp_path / "map.toml", vendor="V")
    assert batch.tables["tickets"].num_rows == batch.tables["events"].num_rows == 0
    assert batch.tables["tickets"].schema.field("created_at").type == UTC_US


def test_a_field_of_several_megabytes_is_read(tmp_path):
    (tmp_path / "map.toml").write_text(
        "[events]\nkind = 'customer_message'\n[events.columns]\nticket_id = 't'\nts = 'a'\n"
        "body = 'b'\n"
    )
    body = "x" * 3_500_000
    (tmp_path / "export.csv").write_text(f"t,a,b\n1,2026-03-14T21:05:00Z,{body}\n")
    batch = read_mapped_csv([tmp_path / "export.csv"], mapping=tmp_path / "map.toml", vendor="V")
    assert batch.tables["events"]["body"].to_pylist() == [body]


def test_an_unreadable_ticket_field_sets_its_ticket_and_events_aside(tmp_path):
    (tmp_path / "map.toml").write_text(
        'timezone = "Europe/Berlin"\ntimestamp_format = "%Y-%m-%d %H:%M"\n'
        "[events]\nkind = 'customer_message'\n"
        "[events.columns]\nticket_id = 't'\nts = 'at'\ncreated_at = 'created'\n",
        encoding="utf-8",
    )
    (tmp_path / "m.csv").write_text(
        "t,at,created\n"
        "1,2026-03-02 10:00,2026-03-02 10:00\n"
        "2,2026-03-02 10:00,soon\n"
        "2,2026-03-02 11:00,2026-03-02 10:00\n",
        encoding="utf-8",
    )
    batch = read_mapped_csv([tmp_path / "m.csv"], mapping=tmp_path / "map.toml", vendor="V")
    with open_store(":memory:") as store:
        with pytest.raises(SourceError) as error:
            import_batch(store, batch)
        # Only the bad value is named: not its ticket's missing creation time as well.
        assert str(error.value).splitlines()[:2] == [
            "Nothing was imported: 1 problem.",
            "m.csv, row 2, column 'created': 'soon' is not a timestamp in the expected format "
            "(strptime format '%Y-%m-%d %H:%M'). Fix the value or re-export it.",
        ]
        result = import_batch(store, batch, skip_invalid=True, rejects_dir=tmp_path / "rejects")
    tickets, events = result.tables["tickets"], result.tables["events"]
    assert (tickets.read, tickets.added, tickets.rejected) == (2, 1, 1)
    assert (events.read, events.added, events.rejected) == (3, 1, 2)


def test_rows_that_become_no_event_of_their_own_are_counted_by_their_rule(tmp_path):
    shutil.copy(EXPORTS / "sentences" / "map.toml", tmp_path / "map.toml")
    (tmp_path / "chat.csv").write_text(
        "conversation_id,message_id,seq,sent_at_ms,sender,sender_type,text,priority\n"
        "C-1,1,1,1773511500000,a,user,hi,\n"
        "C-1,1,2,1773511500000,a,user,are you there,\n"
        "C-1,2,1,1773511560000,b,agent,hello,\n",
        encoding="utf-8",
    )
    batch = read_mapped_csv([tmp_path / "chat.csv"], mapping=tmp_path / "map.toml", vendor="V")
    with open_store(":memory:") as store:
        events = import_batch(store, batch).tables["events"]
    assert (events.read, events.added, events.merged) == (
        3,
        2,
        {"sentences of one message, joined": 1},
    )
    assert events.accounted == events.read
