"""Real exports' oddities read by a documented rule and reported, not refused."""

from __future__ import annotations

from pathlib import Path

from tests.builders import batch_of, ticket_row

from supportgauge.importing import import_paths
from supportgauge.sources.mapped_csv import read_mapped_csv
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
        "2 local times fell in a daylight-saving change of Europe/Berlin (first: m.csv, row 1, "
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


def test_rows_of_one_ticket_that_disagree_are_reported_and_the_first_wins(tmp_path):
    batch = read(
        tmp_path,
        "1,2026-03-02 10:00,2026-03-02 10:00,P1\n1,2026-03-02 11:00,2026-03-02 10:00,P3\n",
    )
    assert batch.tables["tickets"]["priority"].to_pylist() == ["P1"]
    assert batch.warnings == (
        "1 ticket has rows that disagree on a ticket field; the first row's value is kept "
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
    assert outcome.warnings[0].startswith("1 ticket has rows that disagree")
