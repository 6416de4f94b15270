"""Real exports' oddities read by a documented rule and reported, not refused."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pyarrow as pa
from tests.builders import batch_of, ticket_row

from supportgauge.importing import import_paths
from supportgauge.sources.assembly import clamp_early_creation
from supportgauge.sources.import_batch import ImportBatch
from supportgauge.sources.mapped_csv import read_mapped_csv
from supportgauge.sources.timestamps import UTC_MICROSECONDS as UTC_US
from supportgauge.store.duckdb import open_store
from supportgauge.store.importer import import_batch

MAPPING = (
    'timezone = "Europe/Berlin"\ntimestamp_format = "%Y-%m-%d %H:%M"\n'
    "[events]\nkind = 'customer_message'\n"
    "[events.columns]\nticket_id = 't'\nts = 'at'\ncreated_at = 'created'\npriority = 'p'\n"
)


def read(tmp_path: Path, rows: str):
    (tmp_path / "map.toml").write_text(MAPPING, encoding="utf-8")
    (tmp_path / "m.csv").write_text("t,at,created,p\n" + rows, encoding="utf-8")
    return read_mapped_csv([tmp_path / "m.csv"], mapping=tmp_path / "map.toml", vendor="V")


def iso(batch, table: str, column: str) -> list[str]:
    return [value.isoformat() for value in batch.tables[table][column].to_pylist()]


def test_local_times_at_a_daylight_saving_change_follow_the_rule_and_are_counted(tmp_path):
    batch = read(
        tmp_path,
        "1,2026-03-29 02:30,2026-03-29 01:00,P1\n"  # skipped: moved forward by the gap
        "2,2026-10-25 02:30,2026-10-25 00:00,P1\n",  # repeated: the earlier instant
    )
    assert iso(batch, "events", "ts") == ["2026-03-29T01:30:00+00:00", "2026-10-25T00:30:00+00:00"]
    assert batch.warnings == (
        "2 local time(s) fell in a daylight-saving change of Europe/Berlin (first: m.csv, row 1, "
        "column 'at', '2026-03-29 02:30'): a skipped time was moved forward by the gap, a "
        "repeated one read as the earlier instant.",
    )


def test_the_canonical_import_reads_the_same_local_times_the_same_way(store):
    batch = batch_of(
        tickets=[
            ticket_row("1", created_at="2026-03-29 02:30"),
            ticket_row("2", created_at="2026-10-25 02:30"),
        ]
    )
    import_batch(store, batch, timezone="Europe/Berlin")
    rows = store.connection.sql(
        "SELECT strftime(created_at AT TIME ZONE 'UTC', '%Y-%m-%d %H:%M') FROM tickets "
        "ORDER BY ticket_id"
    ).fetchall()
    assert rows == [("2026-03-29 01:30",), ("2026-10-25 00:30",)]


def test_events_before_their_ticket_move_its_creation_and_are_reported(tmp_path):
    batch = read(
        tmp_path,
        "1,2026-03-02 08:00,2026-03-02 10:30,P1\n"
        "1,2026-03-02 11:00,2026-03-02 10:30,P1\n"
        "2,2026-03-02 12:00,2026-03-02 11:00,P1\n",
    )
    assert iso(batch, "tickets", "created_at") == [
        "2026-03-02T07:00:00+00:00",
        "2026-03-02T10:00:00+00:00",
    ]
    assert batch.warnings == (
        "1 ticket(s) had events before their creation time (by up to 150 min, 150 min at the "
        "median); each ticket's creation was moved to its earliest event (e.g. ticket '1', "
        "m.csv, row 1).",
    )


def test_rows_of_one_ticket_that_disagree_are_reported_and_the_first_wins(tmp_path):
    batch = read(
        tmp_path,
        "1,2026-03-02 10:00,2026-03-02 10:00,P1\n1,2026-03-02 11:00,2026-03-02 10:00,P3\n",
    )
    assert batch.tables["tickets"]["priority"].to_pylist() == ["P1"]
    assert batch.warnings == (
        "1 ticket(s) have rows that disagree on a ticket field; the first row's value is kept "
        "(e.g. ticket '1', priority: P1 in m.csv, row 1, but P3 in row 2).",
    )


def test_the_reports_reach_the_import_outcome(tmp_path):
    read(tmp_path, "1,2026-03-02 10:00,2026-03-02 10:00,P1\n1,2026-03-02 11:00,,P3\n")
    with open_store(":memory:") as store:
        outcome = import_paths(
            store,
            [tmp_path / "m.csv"],
            source_format="csv",
            mapping=tmp_path / "map.toml",
            vendor="V",
        )
    assert outcome.warnings[0].startswith("1 ticket(s) have rows that disagree")


def test_help_desk_tickets_are_created_no_later_than_their_first_event():
    def utc(*moments: str) -> pa.Array:
        return pa.array([datetime.fromisoformat(moment) for moment in moments], UTC_US)

    tickets = pa.table(
        {
            "ticket_id": ["1", "2"],
            "vendor": ["V", "V"],
            "created_at": utc("2026-03-02T10:00:00+00:00", "2026-03-02T10:00:00+00:00"),
            "_source_file": ["search.json", "search.json"],
            "_source_row": [1, 2],
        }
    )
    events = pa.table(
        {
            "ticket_id": ["2", "2", "1"],
            "vendor": ["V", "V", "V"],
            "ts": utc(
                "2026-03-02T07:30:00+00:00",
                "2026-03-02T08:00:00+00:00",
                "2026-03-02T10:05:00+00:00",
            ),
        }
    )
    batch = clamp_early_creation(ImportBatch(tables={"tickets": tickets, "events": events}))
    assert [moment.hour for moment in batch.tables["tickets"]["created_at"].to_pylist()] == [10, 7]
    assert batch.warnings == (
        "1 ticket(s) had events before their creation time (by up to 150 min, 150 min at the "
        "median); each ticket's creation was moved to its earliest event (e.g. ticket '2', "
        "search.json, record 2).",
    )
