"""With --skip-invalid: reject bad rows (and events of rejected tickets) into CSV files."""

from __future__ import annotations

import os
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.csv as pa_csv

from supportgauge.errors import InputError
from supportgauge.sources.import_batch import ImportBatch
from supportgauge.store.duckdb import DuckDBStore
from supportgauge.store.problems import PROBLEMS_TABLE
from supportgauge.store.staging import StagedTable


def cascade_rejected_tickets(
    connection: duckdb.DuckDBPyConnection, *, has_tickets: bool, has_events: bool
) -> None:
    """Reject the events of every rejected ticket, saying why."""
    if not (has_events and has_tickets):
        return
    connection.execute(
        f"""INSERT INTO {PROBLEMS_TABLE}
            SELECT 'events', e._source_file, e._source_row, e._stage_row, 'ticket_id',
                   'its ticket was rejected (' || t._source_file || ', row '
                   || t._source_row || ').'
            FROM stage_events e
            JOIN stage_tickets t ON t.vendor = e.vendor AND t.ticket_id = e.ticket_id
            WHERE t._stage_row IN (
                SELECT stage_row FROM {PROBLEMS_TABLE} WHERE table_name = 'tickets')
              AND e._stage_row NOT IN (
                SELECT stage_row FROM {PROBLEMS_TABLE} WHERE table_name = 'events')"""
    )


def write_rejects(
    store: DuckDBStore, batch: ImportBatch, staged: dict[str, StagedTable], rejects_dir: Path | None
) -> tuple[Path, ...]:
    """Write each table's rejected rows, as given, with a `reject_reason` column."""
    folder = rejects_dir or Path.cwd()
    try:
        return _write_rejects(store, batch, staged, folder)
    except OSError as error:
        reason = os.strerror(error.errno) if error.errno else str(error)
        if isinstance(error, PermissionError):
            reason = "permission denied"
        if folder.exists() and not folder.is_dir():
            reason = "it is a file, not a folder"
        raise InputError(
            f"cannot write the reject files into {folder}: {reason}. Nothing was imported; "
            "name a folder you can write to.",
            parameter="rejects_dir",
        ) from None


def _write_rejects(
    store: DuckDBStore, batch: ImportBatch, staged: dict[str, StagedTable], folder: Path
) -> tuple[Path, ...]:
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    written: list[Path] = []
    for name in staged:
        rows = store.connection.execute(
            f"""SELECT stage_row, string_agg(column_name || ': ' || reason, ' '
                                            ORDER BY column_name)
                FROM {PROBLEMS_TABLE} WHERE table_name = ? GROUP BY stage_row
                ORDER BY stage_row""",
            [name],
        ).fetchall()
        if not rows:
            continue
        indices = pa.array([row[0] for row in rows], pa.int64())
        rejected = batch.tables[name].take(indices)
        rejected = rejected.append_column("reject_reason", pa.array([row[1] for row in rows]))
        path = folder / f"{name}-rejected-{stamp}.csv"
        pa_csv.write_csv(rejected, path)
        written.append(path)
    return tuple(written)
