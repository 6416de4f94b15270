"""Import a batch into the store: all or nothing, idempotent, nothing imported is ever lost."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

import duckdb

from supportgauge.errors import SourceError
from supportgauge.sources.batch import ImportBatch
from supportgauge.store.duckdb import Store, scalar
from supportgauge.store.rejects import cascade_rejected_tickets, write_rejects
from supportgauge.store.staging import PROBLEMS_TABLE, STAGE_ROW, StagedTable, stage_batch
from supportgauge.store.writers import write_events, write_optional_table, write_tickets

ProgressCallback = Callable[[str, int, int], None]
MAX_PROBLEMS_SHOWN = 10
# Tables in the order they must be written: events need their tickets.
WRITE_ORDER = ("tickets", "events", "vendors", "ratings", "proactive", "probes")


@dataclass(frozen=True)
class RowProblem:
    """One bad value: where it is and why."""

    source_file: str
    source_row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source_file}, row {self.source_row}, column '{self.column}': {self.reason}"


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    import_id: int | None
    tickets_added: int = 0
    tickets_updated: int = 0
    tickets_unchanged: int = 0
    events_added: int = 0
    events_unchanged: int = 0
    rows_rejected: int = 0
    other_rows: dict[str, int] = field(default_factory=dict)
    ignored_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reject_files: tuple[Path, ...] = ()

    @property
    def changed(self) -> bool:
        """Whether the import wrote anything."""
        return bool(
            self.tickets_added
            or self.tickets_updated
            or self.events_added
            or any(self.other_rows.values())
        )


def import_batch(
    store: Store,
    batch: ImportBatch,
    *,
    source_format: str = "canonical",
    files: Sequence[Path] = (),
    timezone: str | None = None,
    skip_invalid: bool = False,
    rejects_dir: Path | None = None,
    progress: ProgressCallback | None = None,
) -> ImportResult:
    """Validate the batch and write it in one transaction; raise SourceError listing bad rows."""
    report = progress or (lambda step, done, total: None)
    connection = store.connection
    total_steps = 2 + len(batch.tables)
    report("checking every value", 0, total_steps)
    staged = stage_batch(connection, batch, timezone)
    report("checking every value", 1, total_steps)
    problems = _problems(store)
    rejected = 0
    reject_files: tuple[Path, ...] = ()
    if problems and not skip_invalid:
        message = _problems_message(store, problems)
        _drop_staging(store, staged)
        raise SourceError(message)
    if problems:
        cascade_rejected_tickets(
            connection, has_tickets="tickets" in staged, has_events="events" in staged
        )
        rejected, reject_files = write_rejects(store, batch, staged, rejects_dir)
    import_id = _next_import_id(store)
    counts: dict[str, dict[str, int]] = {}
    with store.transaction() as transaction:
        for step, name in enumerate(n for n in WRITE_ORDER if n in staged):
            report(f"writing {name}", 1 + step, total_steps)
            table = staged[name]
            valid = f"(SELECT * FROM {table.stage} WHERE {STAGE_ROW} NOT IN "
            valid += f"(SELECT stage_row FROM {PROBLEMS_TABLE} WHERE table_name = '{name}'))"
            if name == "tickets":
                counts[name] = write_tickets(transaction, valid, table, import_id)
            elif name == "events":
                rejected_here = scalar(
                    transaction,
                    f"SELECT count(DISTINCT stage_row) FROM {PROBLEMS_TABLE} "
                    "WHERE table_name = 'events'",
                )
                counts[name] = write_events(
                    transaction, valid, import_id, incoming_rows=table.rows - int(rejected_here)
                )
            else:
                counts[name] = write_optional_table(transaction, name, valid, table, import_id)
        result = ImportResult(
            import_id=import_id,
            tickets_added=counts.get("tickets", {}).get("added", 0),
            tickets_updated=counts.get("tickets", {}).get("updated", 0),
            tickets_unchanged=counts.get("tickets", {}).get("unchanged", 0),
            events_added=counts.get("events", {}).get("added", 0),
            events_unchanged=counts.get("events", {}).get("unchanged", 0),
            rows_rejected=rejected,
            other_rows={
                name: count["added"]
                for name, count in counts.items()
                if name not in WRITE_ORDER[:2]
            },
            ignored_columns={n: t.ignored_columns for n, t in staged.items() if t.ignored_columns},
            reject_files=reject_files,
        )
        if result.changed:
            _log_import(transaction, result, source_format, files)
    _drop_staging(store, staged)
    report("done", total_steps, total_steps)
    # An import that wrote nothing is not logged and has no id.
    return result if result.changed else replace(result, import_id=None)


def _problems(store: Store) -> int:
    return int(scalar(store.connection, f"SELECT count(*) FROM {PROBLEMS_TABLE}") or 0)


def _problems_message(store: Store, count: int) -> str:
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
        "Fix them, or pass --skip-invalid to import the good rows and write the rest "
        "to a reject file."
    )
    return "\n".join([head, *lines, *tail])


def _next_import_id(store: Store) -> int:
    return int(scalar(store.connection, "SELECT coalesce(max(import_id), 0) + 1 FROM imports"))


def _log_import(
    connection: duckdb.DuckDBPyConnection,
    result: ImportResult,
    source_format: str,
    files: Sequence[Path],
) -> None:
    connection.execute(
        "INSERT INTO imports VALUES (?, now(), ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            result.import_id,
            source_format,
            json.dumps([str(path) for path in files]),
            result.tickets_added,
            result.tickets_updated,
            result.tickets_unchanged,
            result.events_added,
            result.events_unchanged,
            result.rows_rejected,
        ],
    )


def _drop_staging(store: Store, staged: dict[str, StagedTable]) -> None:
    for table in staged.values():
        store.connection.execute(f"DROP VIEW IF EXISTS {table.stage}")
        store.connection.unregister(table.raw_view)
    store.connection.execute(f"DROP TABLE IF EXISTS {PROBLEMS_TABLE}")
    store.connection.execute("DROP TABLE IF EXISTS event_tickets")
    store.connection.execute("DROP TABLE IF EXISTS event_keys")
