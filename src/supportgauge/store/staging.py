"""Stage an import batch in the engine: parse every column and list every bad row, set-wise."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from functools import cache

import duckdb
import numpy as np
import pyarrow as pa

from supportgauge.canonical import TABLES, missing_columns_message, missing_required_columns
from supportgauge.errors import SourceError
from supportgauge.regions import country_names
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN, ImportBatch
from supportgauge.sources.readers import with_provenance
from supportgauge.store.column_rules import (
    BUILT_IN_VOCABULARY,
    ParsedColumn,
    Vocabulary,
    quote_identifier,
    rules_for,
)
from supportgauge.store.early_events import DEFAULT_EARLY_EVENTS, collect_early_events
from supportgauge.store.problems import (
    STAGE_ROW,
    WHERE_COLUMNS,
    create_working_tables,
    insert_problems,
)
from supportgauge.store.read_problems import record_read_problems
from supportgauge.store.repeats import (
    OPTIONAL_TABLE_KEYS,
    check_event_ids,
    check_optional_keys,
    collect_repeats,
)


@dataclass(frozen=True)
class StagedTable:
    """A canonical table parsed by the view `stage_<name>`, and what its input lacked or added."""

    name: str
    rows: int
    present_columns: tuple[str, ...]
    ignored_columns: tuple[str, ...]

    @property
    def stage(self) -> str:
        """Name of the staged view."""
        return f"stage_{self.name}"

    @property
    def raw_view(self) -> str:
        """Name under which the input Arrow table is registered."""
        return f"raw_{self.name}"


def _error_column(column: str) -> str:
    return quote_identifier(f"__error__{column}")


def _label_of(table: pa.Table) -> str:
    if SOURCE_FILE_COLUMN in table.column_names and table.num_rows:
        labels = table.column(SOURCE_FILE_COLUMN).unique().to_pylist()
        return ", ".join(str(label) for label in labels[:3])
    return "input"


def _with_provenance(name: str, table: pa.Table) -> pa.Table:
    if SOURCE_FILE_COLUMN not in table.column_names:
        # Rows built in memory (not read from a file) are named after their table.
        table = with_provenance(table, name)
    return table.append_column(STAGE_ROW, pa.array(np.arange(table.num_rows, dtype=np.int64)))


@cache
def _zone_names() -> list[str]:
    return sorted(zoneinfo.available_timezones())


def create_reference_tables(connection: duckdb.DuckDBPyConnection) -> None:
    """Temp tables of valid country codes and time zones for the listed-value rules."""
    regions = pa.table({"value": sorted(country_names())})
    zones = pa.table({"value": _zone_names()})
    connection.register("regions_arrow", regions)
    connection.register("zones_arrow", zones)
    connection.execute("CREATE OR REPLACE TEMP TABLE valid_regions AS SELECT * FROM regions_arrow")
    connection.execute("CREATE OR REPLACE TEMP TABLE valid_timezones AS SELECT * FROM zones_arrow")
    connection.unregister("regions_arrow")
    connection.unregister("zones_arrow")


def stage_table(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    table: pa.Table,
    timezone: str | None,
    *,
    vocabulary: Vocabulary = BUILT_IN_VOCABULARY,
) -> StagedTable:
    """Parse one canonical table into a temp table with a reason column per parsed column."""
    if name not in TABLES:
        raise SourceError(
            f"'{name}' is not a canonical table; expected one of {', '.join(TABLES)}."
        )
    missing = missing_required_columns(name, table.column_names)
    if missing:
        raise SourceError(missing_columns_message(_label_of(table), name, missing))
    table = _with_provenance(name, table)
    rules = rules_for(
        name,
        custom_categories=vocabulary.categories,
        custom_scenarios=vocabulary.scenarios,
    )
    required = {column.name for column in TABLES[name] if column.required}
    present = tuple(c for c in rules if c in table.column_names)
    internal = {SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN, STAGE_ROW}
    ignored = tuple(c for c in table.column_names if c not in rules and c not in internal)
    raw_view = f"raw_{name}"
    connection.register(raw_view, table)
    selects = [
        f"CAST({SOURCE_FILE_COLUMN} AS VARCHAR) AS {SOURCE_FILE_COLUMN}",
        SOURCE_ROW_COLUMN,
        STAGE_ROW,
    ]
    for column in rules:
        if column not in present:
            selects.append(f"NULL AS {quote_identifier(column)}")
            selects.append(f"NULL::VARCHAR AS {_error_column(column)}")
            continue
        arrow_type = table.schema.field(column).type
        parsed: ParsedColumn = rules[column].parse(column, arrow_type, timezone)
        error = parsed.error_sql
        if column in required:
            quoted = quote_identifier(column)
            empty = (
                f"({quoted} IS NULL OR trim({quoted}) = '')"
                if pa.types.is_string(arrow_type)
                else f"{quoted} IS NULL"
            )
            error = f"CASE WHEN {empty} THEN 'is empty; every row needs a value.' ELSE {error} END"
        selects.append(f"{parsed.value_sql} AS {quote_identifier(column)}")
        selects.append(f"{error} AS {_error_column(column)}")
        for extra_name, extra_sql in parsed.extra.items():
            selects.append(f"{extra_sql} AS {quote_identifier(extra_name)}")
    # A view, not a copy: every check reads only the columns it needs, and the rows are
    # parsed once more only when they are written.
    connection.execute(
        f"CREATE OR REPLACE TEMP VIEW stage_{name} AS SELECT {', '.join(selects)} FROM {raw_view}"
    )
    return StagedTable(name, table.num_rows, present, ignored)


def stage_batch(
    connection: duckdb.DuckDBPyConnection,
    batch: ImportBatch,
    timezone: str | None,
    *,
    vocabulary: Vocabulary = BUILT_IN_VOCABULARY,
    early_events: str = DEFAULT_EARLY_EVENTS,
) -> dict[str, StagedTable]:
    """Stage every table of the batch; record every row problem and every merged row."""
    create_reference_tables(connection)
    staged = {
        name: stage_table(connection, name, table, timezone, vocabulary=vocabulary)
        for name, table in batch.tables.items()
    }
    create_working_tables(connection)
    for table in staged.values():
        _collect_column_problems(connection, table)
    if "tickets" in staged:
        _collect_duplicate_tickets(connection)
    if "events" in staged:
        _collect_event_problems(
            connection,
            has_tickets="tickets" in staged,
            derive_ids=batch.event_per_row,
            early_events=early_events,
        )
    for name in OPTIONAL_TABLE_KEYS:
        if name in staged:
            check_optional_keys(connection, name)
    record_read_problems(connection, batch.problems, set(staged), batch.source_columns)
    return staged


def _collect_column_problems(connection: duckdb.DuckDBPyConnection, table: StagedTable) -> None:
    for column in table.present_columns:
        insert_problems(
            connection,
            table.name,
            f"SELECT {WHERE_COLUMNS}, '{column}', {_error_column(column)} FROM {table.stage} "
            f"WHERE {_error_column(column)} IS NOT NULL",
        )


def _collect_duplicate_tickets(connection: duckdb.DuckDBPyConnection) -> None:
    collect_repeats(
        connection,
        "tickets",
        ("vendor", "ticket_id"),
        "'ticket ''' || d.ticket_id || ''' of vendor ''' || d.vendor || ''''",
        "; keep one row per ticket",
    )


def _collect_event_problems(
    connection: duckdb.DuckDBPyConnection, *, has_tickets: bool, derive_ids: bool, early_events: str
) -> None:
    insert_problems(
        connection,
        "events",
        f"""SELECT {WHERE_COLUMNS}, 'status',
              'is empty; a status_change event needs the new status (new, open, pending, '
              || 'on_hold, solved or closed).'
           FROM stage_events
           WHERE kind = 'status_change' AND status IS NULL AND __error__status IS NULL""",
    )
    # The ticket of each event: from this import when present, else from the store.
    import_tickets = (
        "SELECT vendor, ticket_id, min(created_at) AS created_at FROM stage_tickets GROUP BY ALL"
        if has_tickets
        else "SELECT NULL::VARCHAR AS vendor, NULL::VARCHAR AS ticket_id, "
        "NULL::TIMESTAMPTZ AS created_at WHERE false"
    )
    # Parse the key columns once; the checks below read only this narrow table.
    connection.execute(
        f"""CREATE OR REPLACE TEMP TABLE event_keys AS
            SELECT {WHERE_COLUMNS}, vendor, ticket_id, ts, kind, event_id FROM stage_events"""
    )
    check_event_ids(connection, derive_ids=derive_ids)
    connection.execute(
        f"""CREATE OR REPLACE TEMP TABLE event_tickets AS
            SELECT e.{SOURCE_FILE_COLUMN}, e.{SOURCE_ROW_COLUMN}, e.{STAGE_ROW}, e.vendor,
                   e.ticket_id, e.ts, coalesce(i.created_at, s.created_at) AS created_at,
                   (i.ticket_id IS NOT NULL OR s.ticket_id IS NOT NULL) AS known,
                   i.ticket_id IS NOT NULL AS in_import
            FROM event_keys e
            LEFT JOIN ({import_tickets}) i ON i.vendor = e.vendor AND i.ticket_id = e.ticket_id
            LEFT JOIN tickets s ON s.vendor = e.vendor AND s.ticket_id = e.ticket_id
            WHERE e.vendor IS NOT NULL AND e.ticket_id IS NOT NULL"""
    )
    insert_problems(
        connection,
        "events",
        f"""SELECT {WHERE_COLUMNS}, 'ticket_id',
              'no ticket ''' || ticket_id || ''' of vendor ''' || vendor || ''' in this '
              || 'import or the store; import its ticket too.'
           FROM event_tickets WHERE NOT known""",
    )
    collect_early_events(connection, policy=early_events, has_tickets=has_tickets)
