"""Import: every bad value named, all or nothing, idempotent, updates keep history."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from supportgauge.errors import InputError, SourceError
from supportgauge.importing import import_paths
from supportgauge.store.duckdb import DuckDBStore, open_store, scalar
from supportgauge.store.importer import import_batch
from tests.builders import at, batch_of, event_row, ticket_row


def write_csv(path: Path, header: str, *rows: str) -> Path:
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def two_tickets(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    write_csv(
        folder / "tickets.csv",
        "ticket_id,vendor,created_at,priority,region",
        "T1,VendorA,2026-03-14T21:05:00+03:00,urgent,SA",
        "T2,VendorA,2026-03-14T22:00:00Z,P3,id",
    )
    write_csv(
        folder / "events.csv",
        "ticket_id,vendor,ts,kind,body,status",
        'T1,VendorA,2026-03-14T21:20:00+03:00,agent_reply,"已定位到CDN节点异常, 正在切换",',
        "T1,VendorA,2026-03-14T21:20:00+03:00,status_change,,solved",
        "T2,VendorA,2026-03-14T22:10:00Z,internal_note,check logs,",
    )
    return folder


def test_import_reads_a_folder_and_normalises_choices(
    store: DuckDBStore, two_tickets: Path
) -> None:
    outcome = import_paths(store, [two_tickets])
    assert (outcome.result.tickets_added, outcome.result.events_added) == (2, 3)
    assert outcome.skipped == []
    rows = store.connection.execute(
        "SELECT ticket_id, priority, region, created_utc_offset_min FROM tickets ORDER BY 1"
    ).fetchall()
    assert rows == [("T1", "P1", "SA", 180), ("T2", "P3", "ID", 0)]
    public = store.connection.execute("SELECT kind, public FROM events ORDER BY seq").fetchall()
    assert public == [("agent_reply", True), ("status_change", False), ("internal_note", False)]


def test_importing_twice_changes_nothing(store: DuckDBStore, two_tickets: Path) -> None:
    import_paths(store, [two_tickets])
    before = store.connection.execute("SELECT * FROM events ORDER BY seq").fetchall()
    result = import_paths(store, [two_tickets]).result
    assert not result.changed
    assert result.import_id is None
    assert (result.tickets_unchanged, result.events_unchanged) == (2, 3)
    assert store.connection.execute("SELECT * FROM events ORDER BY seq").fetchall() == before
    assert store.count("imports") == 1


def test_newer_export_updates_ticket_keeps_old_version_and_adds_only_new_events(
    store: DuckDBStore, two_tickets: Path
) -> None:
    import_paths(store, [two_tickets])
    write_csv(
        two_tickets / "tickets.csv",
        "ticket_id,vendor,created_at,priority,region",
        "T1,VendorA,2026-03-14T21:05:00+03:00,P2,SA",
        "T2,VendorA,2026-03-14T22:00:00Z,P3,ID",
    )
    with (two_tickets / "events.csv").open("a", encoding="utf-8") as handle:
        handle.write("T2,VendorA,2026-03-14T23:00:00Z,agent_reply,on it,\n")
    result = import_paths(store, [two_tickets]).result
    assert (result.tickets_added, result.tickets_updated, result.tickets_unchanged) == (0, 1, 1)
    assert (result.events_added, result.events_unchanged) == (1, 3)
    assert scalar(store.connection, "SELECT priority FROM tickets WHERE ticket_id = 'T1'") == "P2"
    old = store.connection.execute(
        "SELECT priority, superseded_by_import FROM ticket_versions"
    ).fetchall()
    assert old == [("P1", 2)]


def test_column_missing_from_newer_export_keeps_stored_value(store: DuckDBStore) -> None:
    import_batch(store, batch_of(tickets=[ticket_row(category="video_freeze")]))
    import_batch(store, batch_of(tickets=[ticket_row(priority="P1")]))
    row = store.connection.execute("SELECT priority, category FROM tickets").fetchall()
    assert row == [("P1", "video_freeze")]


def test_identical_events_in_one_file_are_both_kept(store: DuckDBStore) -> None:
    twice = [event_row(5, "customer_message", body="hello?")] * 2
    import_batch(store, batch_of(tickets=[ticket_row()], events=twice))
    import_batch(store, batch_of(tickets=[ticket_row()], events=twice))
    assert store.count("events") == 2


def test_events_with_source_ids_dedupe_by_id(store: DuckDBStore) -> None:
    first = [event_row(5, "agent_reply", body="draft", event_id="c1")]
    import_batch(store, batch_of(tickets=[ticket_row()], events=first))
    again = [*first, event_row(9, "agent_reply", body="more", event_id="c2")]
    result = import_batch(store, batch_of(events=again))
    assert (result.events_added, result.events_unchanged) == (1, 1)


def test_a_store_from_schema_2_keeps_knowing_its_events(tmp_path: Path) -> None:
    path = tmp_path / "v2.duckdb"
    with open_store(path) as store:
        events = [
            event_row(5, "agent_reply", body="draft", event_id="c1"),
            event_row(6, "customer_message", body="thanks"),
        ]
        import_batch(store, batch_of(tickets=[ticket_row()], events=events))
        # As schema 2 stored them: a content key for every event, id events included.
        store.connection.execute("DELETE FROM schema_version WHERE version >= 3")
        for undo in (
            "DROP TABLE event_versions",
            "ALTER TABLE imports DROP COLUMN events_updated",
            "ALTER TABLE imports DROP COLUMN accounting",
            "ALTER TABLE proactive DROP COLUMN category",
        ):
            store.connection.execute(undo)
        store.connection.execute(
            "UPDATE events SET event_key = 'id:' || event_id WHERE event_id IS NOT NULL"
        )
    with open_store(path) as store:
        assert scalar(store.connection, "SELECT max(version) FROM schema_version") == 5
        keys = store.connection.execute(
            "SELECT event_id, event_key IS NULL FROM events ORDER BY seq"
        ).fetchall()
        assert keys == [("c1", True), (None, False)]
        result = import_batch(store, batch_of(tickets=[ticket_row()], events=events))
        assert (result.events_added, result.events_unchanged) == (0, 2)


def problems_of(store: DuckDBStore, **tables: list[dict[str, Any]]) -> list[str]:
    with pytest.raises(SourceError) as raised:
        import_batch(store, batch_of(**tables))
    assert store.count("tickets") == 0 and store.count("events") == 0
    return str(raised.value).splitlines()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        (
            {"created_at": "2026-03-14 21:05"},
            "tickets, row 1, column 'created_at': '2026-03-14 21:05' has no UTC offset; write it "
            "with one (e.g. 2026-03-14T21:05:00+03:00) or name the timezone of the import "
            "(e.g. Asia/Riyadh).",
        ),
        (
            {"created_at": "last tuesday"},
            "tickets, row 1, column 'created_at': 'last tuesday' is not an ISO 8601 timestamp "
            "(e.g. 2026-03-14T21:05:00+03:00).",
        ),
        (
            {"priority": "P9"},
            "tickets, row 1, column 'priority': 'P9' is not a known priority; use one of "
            "P1, P2, P3, P4 (or urgent, high, normal, low).",
        ),
        (
            {"vendor": "  "},
            "tickets, row 1, column 'vendor': is empty; every row needs a value.",
        ),
        (
            {"region": "KSA"},
            "tickets, row 1, column 'region': 'KSA' is not an ISO 3166-1 alpha-2 country code "
            "(e.g. SA).",
        ),
        (
            {"timezone": "Arabia/Riyadh"},
            "tickets, row 1, column 'timezone': 'Arabia/Riyadh' is not an IANA time zone "
            "(e.g. Asia/Riyadh).",
        ),
    ],
)
def test_bad_ticket_value_is_named(
    store: DuckDBStore, fields: dict[str, str], expected: str
) -> None:
    lines = problems_of(store, tickets=[ticket_row(**fields)])
    assert lines[0] == "Nothing was imported: 1 problem."
    assert lines[1] == expected


def test_bad_events_are_named_by_row_and_nothing_is_written(store: DuckDBStore) -> None:
    lines = problems_of(
        store,
        tickets=[ticket_row()],
        events=[
            event_row(5, "agent_reply"),
            event_row(6, "replied"),
            event_row(7, "agent_reply", ticket_id="T404"),
            event_row(8, "status_change"),
            event_row(9, "status_change", status="done"),
        ],
    )
    assert lines[1:5] == [
        "events, row 2, column 'kind': 'replied' is not a known kind; use one of "
        "customer_message, agent_reply, auto_reply, internal_note, status_change, diagnosis, "
        "priority_change.",
        "events, row 3, column 'ticket_id': no ticket 'T404' of vendor 'VendorA' in this "
        "import or the store; import its ticket too.",
        "events, row 4, column 'status': is empty; a status_change event needs the new status "
        "(new, open, pending, on_hold, solved or closed).",
        "events, row 5, column 'status': 'done' is not a known status; use one of new, open, "
        "pending, on_hold, solved, closed.",
    ]


def test_duplicate_ticket_names_its_first_row(store: DuckDBStore) -> None:
    lines = problems_of(store, tickets=[ticket_row("T1"), ticket_row("T2"), ticket_row("T1")])
    assert lines[1] == (
        "tickets, row 3, column 'ticket_id': ticket 'T1' of vendor 'VendorA' appears again "
        "(first in tickets, row 1); keep one row per ticket."
    )


def test_missing_required_column_is_named_before_any_row(
    store: DuckDBStore, tmp_path: Path
) -> None:
    write_csv(tmp_path / "tickets.csv", "ticket_id,vendor,priority", "T1,VendorA,P1")
    with pytest.raises(SourceError) as raised:
        import_paths(store, [tmp_path / "tickets.csv"])
    assert str(raised.value) == (
        "tickets.csv: no 'created_at' column, required in tickets. "
        "Add the column or rename yours to supportgauge's names (docs/importing.md)."
    )


def test_many_problems_are_summarised(store: DuckDBStore) -> None:
    tickets = [ticket_row(f"T{i}", priority="high-ish") for i in range(15)]
    lines = problems_of(store, tickets=tickets)
    assert lines[0] == "Nothing was imported: 15 problems."
    assert lines[-2] == "... and 5 more."
    assert lines[-1].startswith("Fix them, or skip the invalid rows")


def test_skip_invalid_writes_good_rows_and_rejects_with_reasons(
    store: DuckDBStore, tmp_path: Path
) -> None:
    batch = batch_of(
        tickets=[ticket_row("T1"), ticket_row("T2", priority="urgentish")],
        events=[event_row(5, "agent_reply"), event_row(6, "agent_reply", ticket_id="T2")],
    )
    result = import_batch(store, batch, skip_invalid=True, rejects_dir=tmp_path)
    assert (result.tickets_added, result.events_added, result.rows_rejected) == (1, 1, 2)
    rejected = {path.name.split("-")[0]: path.read_text() for path in result.reject_files}
    assert "urgentish" in rejected["tickets"]
    assert "its ticket was rejected (tickets, row 2)." in rejected["events"]


def test_timezone_option_reads_naive_timestamps(store: DuckDBStore, tmp_path: Path) -> None:
    write_csv(
        tmp_path / "tickets.csv",
        "ticket_id,vendor,created_at,priority",
        "T1,VendorA,2026-03-14 21:05:00,P1",
    )
    import_paths(store, [tmp_path / "tickets.csv"], timezone="Asia/Riyadh")
    created = scalar(store.connection, "SELECT strftime(created_at, '%H:%M') FROM tickets")
    assert created == "18:05"


def test_unknown_timezone_option_is_refused(store: DuckDBStore, tmp_path: Path) -> None:
    with pytest.raises(InputError, match=r"^'Mars/Olympus' is not an IANA time zone") as raised:
        import_paths(store, [tmp_path], timezone="Mars/Olympus")
    assert raised.value.parameter == "timezone"


def test_parquet_with_typed_timestamps_and_jsonl_events(store: DuckDBStore, tmp_path: Path) -> None:
    tickets = pa.table(
        {
            "ticket_id": ["T1"],
            "vendor": ["VendorA"],
            "created_at": pa.array([1773482700_000000], pa.timestamp("us", tz="UTC")),
            "priority": ["P2"],
        }
    )
    pq.write_table(tickets, tmp_path / "tickets.parquet")
    lines = [
        {
            "ticket_id": "T1",
            "vendor": "VendorA",
            "ts": "2026-03-14T10:15:00Z",
            "kind": "agent_reply",
            "public": True,
            "body": "hi",
        },
    ]
    (tmp_path / "events.jsonl").write_text("\n".join(json.dumps(x) for x in lines) + "\n")
    result = import_paths(store, [tmp_path]).result
    assert (result.tickets_added, result.events_added) == (1, 1)


def test_naive_parquet_timestamps_need_a_timezone(store: DuckDBStore, tmp_path: Path) -> None:
    tickets = pa.table(
        {
            "ticket_id": ["T1"],
            "vendor": ["VendorA"],
            "created_at": pa.array([1773482700_000000], pa.timestamp("us")),
            "priority": ["P2"],
        }
    )
    pq.write_table(tickets, tmp_path / "tickets.parquet")
    with pytest.raises(SourceError, match="holds timestamps without a time zone"):
        import_paths(store, [tmp_path])


def test_file_not_named_after_a_table_is_refused(store: DuckDBStore, tmp_path: Path) -> None:
    path = write_csv(tmp_path / "export.csv", "a,b", "1,2")
    with pytest.raises(SourceError, match=r"export\.csv: cannot tell which table this file holds"):
        import_paths(store, [path])


def test_optional_tables_are_upserted_by_key(
    store: DuckDBStore, load: Callable[..., DuckDBStore]
) -> None:
    ratings = [
        {
            "period": "2026-03",
            "vendor": "VendorA",
            "rater": "ops",
            "dimension": "communication",
            "score": "4",
        },
    ]
    load(ratings=ratings)
    load(ratings=[{**ratings[0], "score": "2"}])
    assert store.connection.execute("SELECT score FROM ratings").fetchall() == [(2.0,)]


def test_bad_rating_score_is_named(store: DuckDBStore) -> None:
    row = {"period": "2026-13", "vendor": "V", "rater": "r", "dimension": "speed", "score": "9"}
    with pytest.raises(SourceError) as raised:
        import_batch(store, batch_of(ratings=[row]))
    assert str(raised.value).splitlines()[1:4] == [
        "ratings, row 1, column 'dimension': 'speed' is not a known dimension; use one of "
        "response_speed, technical_expertise, resolution_quality, communication, "
        "proactive_service.",
        "ratings, row 1, column 'period': '2026-13' is not a month written YYYY-MM.",
        "ratings, row 1, column 'score': '9' is outside 1..5.",
    ]


def test_at_helper_is_iso() -> None:
    assert at(0) == "2026-03-02T10:00:00+00:00"


def test_help_desk_export_is_compared_with_its_own_figures(store: DuckDBStore) -> None:
    export = Path(__file__).parents[1] / "data" / "exports" / "zendesk" / "api"
    outcome = import_paths(store, [export], source_format="zendesk", vendor="Acme")
    assert outcome.result.tickets_added > 0
    comparisons = outcome.comparisons["zendesk_ticket_metrics"]
    assert {item.figure for item in comparisons} >= {"first_response_min", "reopens"}
    assert all(item.explanation for item in comparisons)


def test_csv_format_needs_a_mapping(store: DuckDBStore, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="format csv needs a mapping") as raised:
        import_paths(store, [tmp_path], source_format="csv")
    assert raised.value.parameter == "mapping"


def test_text_that_looks_missing_stays_text(store: DuckDBStore, tmp_path: Path) -> None:
    write_csv(
        tmp_path / "tickets.csv",
        "ticket_id,vendor,created_at,priority,subject",
        "T1,VendorA,2026-03-14T21:05:00Z,P1,NA",
    )
    write_csv(
        tmp_path / "events.csv",
        "ticket_id,vendor,ts,kind,body",
        "T1,VendorA,2026-03-14T21:10:00Z,customer_message,null",
    )
    import_paths(store, [tmp_path])
    assert scalar(store.connection, "SELECT subject FROM tickets") == "NA"
    assert scalar(store.connection, "SELECT body FROM events") == "null"
