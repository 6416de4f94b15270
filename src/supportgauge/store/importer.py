"""Import a batch into the store: all or nothing, idempotent, nothing imported is ever lost."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, replace
from pathlib import Path

import duckdb

from supportgauge.errors import Interrupted, SourceError
from supportgauge.sources.import_batch import ImportBatch
from supportgauge.store.column_rules import BUILT_IN_VOCABULARY, Vocabulary
from supportgauge.store.duckdb import DuckDBStore, is_interrupt, scalar
from supportgauge.store.early_events import (
    DEFAULT_EARLY_EVENTS,
    check_early_events_policy,
    clamped_note,
)
from supportgauge.store.import_counts import (
    NOTHING_WRITTEN,
    WRITE_ORDER,
    ImportResult,
    RowProblem,
    TableCounts,
    committed_message,
)
from supportgauge.store.import_log import files_entry
from supportgauge.store.problems import (
    CLAMPED_TABLE,
    DERIVED_IDS_TABLE,
    MERGED_TABLE,
    PROBLEMS_TABLE,
    STAGE_ROW,
    drop_working_tables,
    rows_of,
)
from supportgauge.store.rejects import cascade_rejected_tickets, write_rejects
from supportgauge.store.staging import StagedTable, stage_batch
from supportgauge.store.writers import write_events, write_optional_table, write_tickets

# (step, done, total): `done` of `total` things, which a total of 0 says are not counted.
ProgressCallback = Callable[[str, int, int], None]
MAX_PROBLEMS_SHOWN = 10


def import_batch(
    store: DuckDBStore,
    batch: ImportBatch,
    *,
    source_format: str = "canonical",
    files: Sequence[Path] = (),
    timezone: str | None = None,
    skip_invalid: bool = False,
    rejects_dir: Path | None = None,
    derive: Callable[[], object] | None = None,
    vocabulary: Vocabulary = BUILT_IN_VOCABULARY,
    early_events: str = DEFAULT_EARLY_EVENTS,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Validate the batch and write it in one transaction; raise SourceError listing bad rows.

    `derive` runs inside that transaction after the rows are written (the reply readings),
    so what is derived commits with the data or not at all. Ctrl-C raises `Interrupted`
    saying whether the import had committed.
    """
    before = _next_import_id(store)
    staged: dict[str, StagedTable] = {}
    try:
        return _import(
            store,
            batch,
            staged,
            source_format=source_format,
            files=files,
            timezone=timezone,
            skip_invalid=skip_invalid,
            rejects_dir=rejects_dir,
            derive=derive,
            vocabulary=vocabulary,
            early_events=check_early_events_policy(early_events),
            progress=progress or (lambda step, done, total: None),
        )
    # The store's own Interrupted says "nothing was changed"; only the imports log knows.
    except (KeyboardInterrupt, Interrupted):
        raise Interrupted(interrupted_message(store, before)) from None
    except (RuntimeError, duckdb.Error) as error:
        # Ctrl-C during a query, or in Python code a query called back, as the engine says it.
        if not is_interrupt(error):
            raise
        raise Interrupted(interrupted_message(store, before)) from None
    finally:
        # After an interrupt the connection may refuse; its temp tables end with it.
        with contextlib.suppress(duckdb.Error):
            _drop_staging(store, staged)


def interrupted_message(store: DuckDBStore, import_id: int) -> str:
    """What an interrupted import kept: nothing, or (when it had committed) its counts."""
    # The connection may still hold the interrupted transaction.
    with contextlib.suppress(duckdb.Error):
        store.connection.execute("ROLLBACK")
    logged = store.connection.execute(
        "SELECT tickets_added, events_added FROM imports WHERE import_id = ?", [import_id]
    ).fetchall()
    return committed_message(*logged[0]) if logged else NOTHING_WRITTEN


def _import(
    store: DuckDBStore,
    batch: ImportBatch,
    staged: dict[str, StagedTable],
    *,
    source_format: str,
    files: Sequence[Path],
    timezone: str | None,
    skip_invalid: bool,
    rejects_dir: Path | None,
    derive: Callable[[], object] | None,
    vocabulary: Vocabulary,
    early_events: str,
    progress: ProgressCallback,
) -> ImportResult:
    report = progress
    connection = store.connection
    total_steps = 3 + len(batch.tables)
    report("checking every value", 0, total_steps)
    staged.update(
        stage_batch(connection, batch, timezone, vocabulary=vocabulary, early_events=early_events)
    )
    report("checking every value", 1, total_steps)
    problems = _problems(store)
    reject_files: tuple[Path, ...] = ()
    if problems and not skip_invalid:
        raise SourceError(_problems_message(store, problems))
    if problems:
        cascade_rejected_tickets(
            connection, has_tickets="tickets" in staged, has_events="events" in staged
        )
        reject_files = write_rejects(store, batch, staged, rejects_dir)
    clamped = clamped_note(connection)
    import_id = _next_import_id(store)
    tables: dict[str, TableCounts] = {}
    with store.transaction() as transaction:
        for step, name in enumerate(n for n in WRITE_ORDER if n in staged):
            report(f"writing {name}", 1 + step, total_steps)
            counts = _write_table(transaction, staged[name], import_id)
            tables[name] = with_reader_counts(
                counts, batch.merged.get(name, {}), batch.skipped.get(name, {})
            )
        result = ImportResult(
            import_id=import_id,
            tables=tables,
            ignored_columns={n: t.ignored_columns for n, t in staged.items() if t.ignored_columns},
            reject_files=reject_files,
            warnings=(clamped,) if clamped else (),
        )
        if result.changed:
            _log_import(transaction, result, source_format, files)
        if derive is not None:
            derive()
        report("committing", total_steps - 1, total_steps)
    report("done", total_steps, total_steps)
    # An import that wrote nothing is not logged and has no id.
    return result if result.changed else replace(result, import_id=None)


def _write_table(
    connection: duckdb.DuckDBPyConnection, table: StagedTable, import_id: int
) -> TableCounts:
    """Write a staged table's valid, unmerged rows and count what became of every row."""
    name = table.name
    rejected = int(
        scalar(
            connection, f"SELECT count(DISTINCT stage_row) FROM ({rows_of(name, PROBLEMS_TABLE)})"
        )
    )
    merged = dict(
        connection.execute(
            f"""SELECT rule, count(DISTINCT stage_row) FROM {MERGED_TABLE}
                WHERE table_name = ? AND stage_row NOT IN ({rows_of(name, PROBLEMS_TABLE)})
                GROUP BY rule""",
            [name],
        ).fetchall()
    )
    kept = (
        f"s.{STAGE_ROW} NOT IN ({rows_of(name, PROBLEMS_TABLE)}) "
        f"AND s.{STAGE_ROW} NOT IN ({rows_of(name, MERGED_TABLE)})"
    )
    if name == "events":
        valid = f"""(SELECT s.* REPLACE (coalesce(d.event_id, s.event_id) AS event_id)
                     FROM {table.stage} s LEFT JOIN {DERIVED_IDS_TABLE} d
                         ON d.stage_row = s.{STAGE_ROW}
                     WHERE {kept})"""
        incoming = table.rows - rejected - sum(merged.values())
        counts = write_events(connection, valid, import_id, incoming_rows=incoming)
    elif name == "tickets":
        # A ticket whose events start earlier is created at its first event (early_events).
        valid = f"""(SELECT s.* REPLACE (coalesce(c.created_at, s.created_at) AS created_at)
                     FROM {table.stage} s LEFT JOIN {CLAMPED_TABLE} c
                         ON c.stage_row = s.{STAGE_ROW}
                     WHERE {kept})"""
        counts = write_tickets(connection, valid, table, import_id)
    else:
        valid = f"(SELECT * FROM {table.stage} s WHERE {kept})"
        counts = write_optional_table(connection, name, valid, import_id)
    return TableCounts(
        read=table.rows,
        added=counts["added"],
        updated=counts.get("updated", 0),
        unchanged=counts.get("unchanged", 0),
        rejected=rejected,
        merged={str(rule): int(count) for rule, count in merged.items()},
    )


def with_reader_counts(
    counts: TableCounts, merged_by_reader: dict[str, int], skipped_by_reader: dict[str, int]
) -> TableCounts:
    """The counts with the rows a reader merged or set aside before staging: read, and
    merged or skipped by its rule."""
    merged = dict(counts.merged)
    for rule, rows in merged_by_reader.items():
        merged[rule] = merged.get(rule, 0) + rows
    read = counts.read + sum(merged_by_reader.values()) + sum(skipped_by_reader.values())
    return replace(counts, read=read, merged=merged, skipped=dict(skipped_by_reader))


def _problems(store: DuckDBStore) -> int:
    return int(scalar(store.connection, f"SELECT count(*) FROM {PROBLEMS_TABLE}") or 0)


def _problems_message(store: DuckDBStore, count: int) -> str:
    rows = store.connection.execute(
        f"""SELECT source_file, source_row, column_name, reason FROM {PROBLEMS_TABLE}
            ORDER BY array_position(['tickets', 'events', 'vendors', 'ratings', 'proactive',
                                     'probes'], table_name),
                     source_file, source_row, column_name
            LIMIT {MAX_PROBLEMS_SHOWN}"""
    ).fetchall()
    lines = [str(RowProblem(str(f), int(r), str(c), str(reason))) for f, r, c, reason in rows]
    head = (
        "Nothing was imported: 1 problem."
        if count == 1
        else (f"Nothing was imported: {count} problems.")
    )
    tail = []
    if count > len(lines):
        tail.append(f"... and {count - len(lines)} more.")
    tail.append(
        "Fix them, or skip the invalid rows to import the good ones and write the rest "
        "to a reject file."
    )
    return "\n".join([head, *lines, *tail])


def _next_import_id(store: DuckDBStore) -> int:
    return int(scalar(store.connection, "SELECT coalesce(max(import_id), 0) + 1 FROM imports"))


def _log_import(
    connection: duckdb.DuckDBPyConnection,
    result: ImportResult,
    source_format: str,
    files: Sequence[Path],
) -> None:
    connection.execute(
        "INSERT INTO imports VALUES (?, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            result.import_id,
            source_format,
            files_entry(files),
            result.tickets_added,
            result.tickets_updated,
            result.tickets_unchanged,
            result.events_added,
            result.events_unchanged,
            result.rows_rejected,
            result.events_updated,
            json.dumps({name: asdict(counts) for name, counts in result.tables.items()}),
        ],
    )


def _drop_staging(store: DuckDBStore, staged: dict[str, StagedTable]) -> None:
    for table in staged.values():
        store.connection.execute(f"DROP VIEW IF EXISTS {table.stage}")
        store.connection.unregister(table.raw_view)
    drop_working_tables(store.connection)
