"""Every row an import reads is added, updated, already there, merged or rejected: none lost."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from supportgauge.errors import SourceError
from supportgauge.importing import import_paths
from supportgauge.metrics.store_metrics import store_ticket_metrics
from supportgauge.sources.assembly import REPEATED_RECORD
from supportgauge.store.duckdb import DuckDBStore, scalar
from supportgauge.store.import_counts import ImportResult
from supportgauge.store.importer import import_batch
from supportgauge.store.repeats import MERGED_IDENTICAL
from tests.builders import at, batch_of, event_row, ticket_row

MAPPING = Path(__file__).parents[1] / "data" / "exports" / "csv" / "messages" / "map.toml"
HEADER = (
    "工单编号,服务商,创建时间,优先级,标题,客户,地区,消息ID,发送时间,发送人,发送人角色,内容,状态"
)


def write_shared_id_export(folder: Path, tickets: int) -> Path:
    """A messages export where each status change carries the id of the reply it goes with."""
    folder.mkdir(parents=True, exist_ok=True)
    rows = [HEADER]
    for n in range(1, tickets + 1):
        day = f"2026/03/{10 + n % 15:02d}"
        base = f"T-{n},VendorE,{day} 20:00:00,高,推流卡顿,app-{n},SA"
        rows.append(f"{base},c{n},{day} 20:00:00,layla,客户,晚高峰推流卡顿,")
        rows.append(
            f"{base},r{n},{day} 20:12:00,wang,技术支持,已定位为边缘节点丢包，正在切换线路。,"
        )
        rows.append(f"{base},r{n},{day} 20:12:00,wang,状态变更,,已解决")
    (folder / "export.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    shutil.copy(MAPPING, folder / "map.toml")
    return folder


def assert_adds_up(result: ImportResult) -> None:
    for name, counts in result.tables.items():
        assert counts.accounted == counts.read, name


def test_status_change_sharing_its_reply_id_is_kept_as_its_own_event(
    store: DuckDBStore, tmp_path: Path
) -> None:
    export = write_shared_id_export(tmp_path / "export", tickets=34)
    outcome = import_paths(
        store, [export / "export.csv"], source_format="csv", mapping=export / "map.toml"
    )
    events = outcome.result.tables["events"]
    # Before: 102 rows read, 68 events added, 34 status changes dropped without a word.
    assert (events.read, events.added) == (102, 102)
    assert_adds_up(outcome.result)
    ids = store.connection.execute(
        "SELECT kind, event_id FROM events WHERE ticket_id = 'T-1' ORDER BY seq"
    ).fetchall()
    assert ids == [
        ("customer_message", "c1"),
        ("agent_reply", "r1"),
        ("status_change", "r1:status_change"),
    ]
    figures = store_ticket_metrics(store, fields=["first_response_min", "agent_replies"])
    rows = figures.to_pyarrow().to_pylist()
    assert {(row["first_response_min"], row["agent_replies"]) for row in rows} == {(12.0, 1)}
    again = import_paths(
        store, [export / "export.csv"], source_format="csv", mapping=export / "map.toml"
    )
    assert not again.result.changed
    assert again.result.tables["events"].unchanged == 102


def test_two_different_rows_with_one_event_id_are_named_both(store: DuckDBStore) -> None:
    events = [
        event_row(5, "agent_reply", body="first answer", event_id="c1"),
        event_row(6, "agent_reply", body="another answer", event_id="c1"),
    ]
    with pytest.raises(SourceError) as raised:
        import_batch(store, batch_of(tickets=[ticket_row()], events=events))
    assert str(raised.value).splitlines()[1] == (
        "events, row 2, column 'event_id': event 'c1' of ticket 'T1' (agent_reply) appears "
        "again (first in events, row 1) with other values; give each event its own id, or "
        "remove one of the two rows."
    )
    assert store.count("events") == 0


def test_canonical_rows_sharing_an_id_across_kinds_are_an_error_not_derived(
    store: DuckDBStore,
) -> None:
    events = [
        event_row(5, "agent_reply", body="on it", event_id="c1"),
        event_row(5, "status_change", status="pending", event_id="c1"),
    ]
    with pytest.raises(SourceError, match="event 'c1' of ticket 'T1' \\(status_change\\)"):
        import_batch(store, batch_of(tickets=[ticket_row()], events=events))


def test_an_identical_repeat_is_merged_and_counted(store: DuckDBStore) -> None:
    reply = event_row(5, "agent_reply", body="on it", event_id="c1")
    result = import_batch(store, batch_of(tickets=[ticket_row()], events=[reply, reply, reply]))
    events = result.tables["events"]
    assert (events.read, events.added, events.merged) == (3, 1, {MERGED_IDENTICAL: 2})
    assert_adds_up(result)
    assert store.count("events") == 1


def test_an_edited_body_in_a_newer_export_updates_and_keeps_the_old_version(
    store: DuckDBStore,
) -> None:
    first = [event_row(5, "agent_reply", body="we are checking", event_id="c1")]
    import_batch(store, batch_of(tickets=[ticket_row()], events=first))
    edited = [event_row(5, "agent_reply", body="root cause: CDN node in RUH", event_id="c1")]
    result = import_batch(store, batch_of(events=edited))
    assert (result.events_added, result.events_updated, result.events_unchanged) == (0, 1, 0)
    assert_adds_up(result)
    assert scalar(store.connection, "SELECT body FROM events") == "root cause: CDN node in RUH"
    old = store.connection.execute("SELECT body, superseded_by_import FROM event_versions")
    assert old.fetchall() == [("we are checking", 2)]
    assert scalar(store.connection, "SELECT body_md5 = md5(body) FROM events")


def test_rejected_rows_are_counted_once(store: DuckDBStore, tmp_path: Path) -> None:
    batch = batch_of(
        tickets=[ticket_row("T1"), ticket_row("T2", priority="P9")],
        events=[
            event_row(5, "agent_reply"),
            event_row(6, "agent_reply", ticket_id="T2"),
            event_row(7, "replied"),
        ],
    )
    result = import_batch(store, batch, skip_invalid=True, rejects_dir=tmp_path)
    assert (result.tables["events"].rejected, result.tables["tickets"].rejected) == (2, 1)
    assert_adds_up(result)


def test_optional_rows_of_one_key_merge_when_identical_and_clash_otherwise(
    store: DuckDBStore,
) -> None:
    vendor = {"vendor": "VendorA", "calendar": "24x7"}
    result = import_batch(store, batch_of(vendors=[vendor, vendor]))
    assert result.tables["vendors"].merged == {MERGED_IDENTICAL: 1}
    assert_adds_up(result)
    with pytest.raises(SourceError) as raised:
        import_batch(store, batch_of(vendors=[vendor, {**vendor, "calendar": "office"}]))
    assert str(raised.value).splitlines()[1] == (
        "vendors, row 2, column 'vendor': the row for VendorA appears again (first in "
        "vendors, row 1) with other values; keep one row per vendor."
    )
    again = import_batch(store, batch_of(vendors=[{**vendor, "calendar": "office"}]))
    assert (again.tables["vendors"].updated, again.tables["vendors"].read) == (1, 1)


def test_the_import_log_keeps_the_accounting(store: DuckDBStore) -> None:
    reply = event_row(5, "agent_reply", body="on it", event_id="c1")
    import_batch(store, batch_of(tickets=[ticket_row()], events=[reply, reply]))
    logged = scalar(store.connection, "SELECT accounting->'$.events.merged' FROM imports")
    assert MERGED_IDENTICAL in str(logged)


def zendesk_page(ticket_ids: list[int], subject: str) -> str:
    """One page of a Zendesk tickets export, each ticket with two comments."""
    tickets = [
        {
            "id": ticket_id,
            "created_at": "2026-03-02T10:00:00Z",
            "requester_id": 1,
            "subject": subject,
            "comments": [
                {"id": ticket_id * 10, "author_id": 1, "body": "help", "created_at": at(1)},
                {"id": ticket_id * 10 + 1, "author_id": 2, "body": "on it", "created_at": at(9)},
            ],
        }
        for ticket_id in ticket_ids
    ]
    return json.dumps({"tickets": tickets})


def test_a_record_an_export_repeats_on_two_pages_is_counted_read_and_merged(
    store: DuckDBStore, tmp_path: Path
) -> None:
    # Paged exports overlap: ticket 2 ends page 1 and starts page 2, newer on page 2.
    (tmp_path / "tickets_page1.json").write_text(zendesk_page([1, 2], "old"), encoding="utf-8")
    (tmp_path / "tickets_page2.json").write_text(zendesk_page([2, 3], "new"), encoding="utf-8")
    outcome = import_paths(store, [tmp_path], source_format="zendesk", vendor="V")
    tickets, events = outcome.result.tables["tickets"], outcome.result.tables["events"]
    assert (tickets.read, tickets.added, tickets.merged) == (4, 3, {REPEATED_RECORD: 1})
    assert (events.read, events.added, events.merged) == (8, 6, {REPEATED_RECORD: 2})
    assert_adds_up(outcome.result)
    assert scalar(store.connection, "SELECT subject FROM tickets WHERE ticket_id = '2'") == "new"
