"""Import a batch into the store: all or nothing, idempotent, nothing imported is ever lost."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path

import duckdb

from supportgauge.errors import SourceError
from supportgauge.sources.batch import ImportBatch
from supportgauge.store.duckdb import DuckDBStore, scalar
from supportgauge.store.problems import (
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
class TableCounts:
    """What became of one table's rows: each row read is counted exactly once."""

    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    # Rows written as one with an earlier row, by the rule that merged them.
    merged: dict[str, int] = field(default_factory=dict)

    @property
    def accounted(self) -> int:
        """Rows added, updated, unchanged, merged or rejected: equals `read`."""
        merged = sum(self.merged.values())
        return self.added + self.updated + self.unchanged + merged + self.rejected


@dataclass(frozen=True)
class ImportResult:
    """What an import did, table by table."""

    import_id: int | None
    tables: dict[str, TableCounts] = field(default_factory=dict)
    ignored_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reject_files: tuple[Path, ...] = ()

    def _of(self, name: str) -> TableCounts:
        return self.tables.get(name, TableCounts())

    @property
    def tickets_added(self) -> int:
        """Tickets the store did not have."""
        return self._of("tickets").added

    @property
    def tickets_updated(self) -> int:
        """Tickets whose values changed (the old version is kept)."""
        return self._of("tickets").updated

    @property
    def tickets_unchanged(self) -> int:
        """Tickets the store already had as they are."""
        return self._of("tickets").unchanged

    @property
    def events_added(self) -> int:
        """Events the store did not have."""
        return self._of("events").added

    @property
    def events_updated(self) -> int:
        """Events known by id whose values changed (the old version is kept)."""
        return self._of("events").updated

    @property
    def events_unchanged(self) -> int:
        """Events the store already had."""
        return self._of("events").unchanged

    @property
    def rows_rejected(self) -> int:
        """Rows of every table written to reject files."""
        return sum(counts.rejected for counts in self.tables.values())

    @property
    def other_rows(self) -> dict[str, int]:
        """Rows added or updated in each optional table."""
        return {
            name: counts.added + counts.updated
            for name, counts in self.tables.items()
            if name not in WRITE_ORDER[:2]
        }

    @property
    def changed(self) -> bool:
        """Whether the import wrote anything."""
        return any(counts.added or counts.updated for counts in self.tables.values())


def import_batch(
    store: DuckDBStore,
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
    reject_files: tuple[Path, ...] = ()
    if problems and not skip_invalid:
        message = _problems_message(store, problems)
        _drop_staging(store, staged)
        raise SourceError(message)
    if problems:
        cascade_rejected_tickets(
            connection, has_tickets="tickets" in staged, has_events="events" in staged
        )
        reject_files = write_rejects(store, batch, staged, rejects_dir)
    import_id = _next_import_id(store)
    tables: dict[str, TableCounts] = {}
    with store.transaction() as transaction:
        for step, name in enumerate(n for n in WRITE_ORDER if n in staged):
            report(f"writing {name}", 1 + step, total_steps)
            tables[name] = _write_table(transaction, staged[name], import_id)
        result = ImportResult(
            import_id=import_id,
            tables=tables,
            ignored_columns={n: t.ignored_columns for n, t in staged.items() if t.ignored_columns},
            reject_files=reject_files,
        )
        if result.changed:
            _log_import(transaction, result, source_format, files)
    _drop_staging(store, staged)
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
        valid = f"(SELECT * FROM {table.stage} s WHERE {kept})"
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
        "Fix them, or pass --skip-invalid to import the good rows and write the rest "
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
            json.dumps([str(path) for path in files]),
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
