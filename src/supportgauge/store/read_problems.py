"""Values a source reader could not read, listed with the import's other row problems."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import duckdb
import pyarrow as pa

from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN, ReadProblem
from supportgauge.store.problems import PROBLEMS_TABLE, STAGE_ROW

_VIEW = "read_problems"


def record_read_problems(
    connection: duckdb.DuckDBPyConnection,
    problems: Sequence[ReadProblem],
    staged: set[str],
    source_columns: Mapping[str, Mapping[str, str]],
) -> None:
    """Add the reader's problems to the import's, each on the staged row it makes bad.

    An event's problem falls on its own row; a ticket field's problem (or an event's whose row
    the reader merged into another) on its ticket, whose events then follow it. The value was
    read as missing, so the checks' own complaint about that missing value is dropped. Every
    problem then names the column as the export does (`source_columns`).
    """
    if not problems:
        _rename_columns(connection, source_columns)
        return
    connection.register(_VIEW, _problem_table(problems))
    try:
        if "events" in staged:
            _drop_events_complaints(connection)
        if "tickets" in staged:
            _drop_ticket_complaints(connection)
        _rename_columns(connection, source_columns)
        if "events" in staged:
            _place_events_problems(connection)
        if "tickets" in staged:
            _place_ticket_problems(connection, events_staged="events" in staged)
        # Whatever fell on no staged row is still listed, so the import cannot pass it by.
        connection.execute(
            f"""INSERT INTO {PROBLEMS_TABLE}
                SELECT p.table_name, p.source_file, p.source_row, NULL, p.column_name, p.reason
                FROM {_VIEW} p
                WHERE NOT EXISTS (
                    SELECT 1 FROM {PROBLEMS_TABLE} q
                    WHERE q.source_file = p.source_file AND q.source_row = p.source_row
                      AND q.column_name = p.column_name AND q.reason = p.reason)"""
        )
    finally:
        connection.unregister(_VIEW)


def _problem_table(problems: Sequence[ReadProblem]) -> pa.Table:
    return pa.table(
        {
            "table_name": pa.array([p.table for p in problems], pa.string()),
            "field": pa.array([p.field for p in problems], pa.string()),
            "source_file": pa.array([p.source_file for p in problems], pa.string()),
            "source_row": pa.array([p.source_row for p in problems], pa.int64()),
            "column_name": pa.array([p.column for p in problems], pa.string()),
            "reason": pa.array([p.reason for p in problems], pa.string()),
            "ticket_id": pa.array([p.ticket_id for p in problems], pa.string()),
        }
    )


def _drop_events_complaints(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(
        f"""DELETE FROM {PROBLEMS_TABLE} q
            WHERE q.table_name = 'events' AND EXISTS (
                SELECT 1 FROM {_VIEW} p
                WHERE p.table_name = 'events' AND p.source_file = q.source_file
                  AND p.source_row = q.source_row AND p.field = q.column_name)"""
    )


def _drop_ticket_complaints(connection: duckdb.DuckDBPyConnection) -> None:
    connection.execute(
        f"""DELETE FROM {PROBLEMS_TABLE} q
            WHERE q.table_name = 'tickets' AND q.stage_row IN (
                SELECT t.{STAGE_ROW} FROM stage_tickets t JOIN {_VIEW} p
                    ON p.table_name = 'tickets' AND p.ticket_id = t.ticket_id
                WHERE p.field = q.column_name)"""
    )


def _rename_columns(
    connection: duckdb.DuckDBPyConnection, source_columns: Mapping[str, Mapping[str, str]]
) -> None:
    names = [
        (table, field, column)
        for table, columns in source_columns.items()
        for field, column in columns.items()
        if field != column
    ]
    if not names:
        return
    renames = pa.table(
        {
            "table_name": pa.array([n[0] for n in names], pa.string()),
            "field": pa.array([n[1] for n in names], pa.string()),
            "column_name": pa.array([n[2] for n in names], pa.string()),
        }
    )
    connection.register("column_renames", renames)
    try:
        # One statement: a column renamed to another field's name is not renamed again.
        connection.execute(
            f"""UPDATE {PROBLEMS_TABLE} q SET column_name = r.column_name
                FROM column_renames r
                WHERE q.table_name = r.table_name AND q.column_name = r.field"""
        )
    finally:
        connection.unregister("column_renames")


def _place_events_problems(connection: duckdb.DuckDBPyConnection) -> None:
    on_row = f"s.{SOURCE_FILE_COLUMN} = p.source_file AND s.{SOURCE_ROW_COLUMN} = p.source_row"
    connection.execute(
        f"""INSERT INTO {PROBLEMS_TABLE}
            SELECT 'events', p.source_file, p.source_row, s.{STAGE_ROW}, p.column_name, p.reason
            FROM {_VIEW} p JOIN stage_events s ON {on_row}
            WHERE p.table_name = 'events'"""
    )


def _place_ticket_problems(connection: duckdb.DuckDBPyConnection, *, events_staged: bool) -> None:
    # An event's problem that found no row of its own (the reader merged that row into
    # another event) falls on the event's ticket.
    unplaced_events = (
        f"""(p.table_name = 'events' AND NOT EXISTS (
                SELECT 1 FROM stage_events s
                WHERE s.{SOURCE_FILE_COLUMN} = p.source_file
                  AND s.{SOURCE_ROW_COLUMN} = p.source_row))"""
        if events_staged
        else "p.table_name = 'events'"
    )
    connection.execute(
        f"""INSERT INTO {PROBLEMS_TABLE}
            SELECT 'tickets', p.source_file, p.source_row, t.{STAGE_ROW}, p.column_name, p.reason
            FROM {_VIEW} p JOIN stage_tickets t ON t.ticket_id = p.ticket_id
            WHERE p.table_name = 'tickets' OR {unplaced_events}"""
    )
