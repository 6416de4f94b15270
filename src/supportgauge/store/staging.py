"""Stage an import batch in the engine: parse every column and list every bad row, set-wise."""

from __future__ import annotations

import zoneinfo
from dataclasses import dataclass
from functools import cache

import duckdb
import pyarrow as pa

from supportgauge.canonical import TABLES, missing_columns_message, missing_required_columns
from supportgauge.errors import SourceError
from supportgauge.regions import country_names
from supportgauge.sources.batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN, ImportBatch
from supportgauge.store.column_rules import RULES, ParsedColumn, quote_identifier

STAGE_ROW = "_stage_row"
PROBLEMS_TABLE = "import_problems"


@dataclass(frozen=True)
class StagedTable:
    """A canonical table parsed into `stage_<name>`, and what its input lacked or added."""

    name: str
    rows: int
    present_columns: tuple[str, ...]
    ignored_columns: tuple[str, ...]

    @property
    def stage(self) -> str:
        """Name of the staged temp table."""
        return f"stage_{self.name}"


def _error_column(column: str) -> str:
    return quote_identifier(f"__error__{column}")


def _label_of(table: pa.Table) -> str:
    if SOURCE_FILE_COLUMN in table.column_names and table.num_rows:
        labels = table.column(SOURCE_FILE_COLUMN).unique().to_pylist()
        return ", ".join(str(label) for label in labels[:3])
    return "input"


def _with_provenance(name: str, table: pa.Table) -> pa.Table:
    if SOURCE_FILE_COLUMN not in table.column_names:
        table = table.append_column(
            SOURCE_FILE_COLUMN, pa.array([name] * table.num_rows, pa.string())
        )
    if SOURCE_ROW_COLUMN not in table.column_names:
        table = table.append_column(
            SOURCE_ROW_COLUMN, pa.array(range(1, table.num_rows + 1), pa.int64())
        )
    return table.append_column(STAGE_ROW, pa.array(range(table.num_rows), pa.int64()))


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
    connection: duckdb.DuckDBPyConnection, name: str, table: pa.Table, timezone: str | None
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
    rules = RULES[name]
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
            error = (
                f"coalesce({error}, CASE WHEN {parsed.value_sql} IS NULL AND "
                f"NULLIF(trim(CAST({quote_identifier(column)} AS VARCHAR)), '') IS NULL "
                "THEN 'is empty; every row needs a value.' END)"
            )
        selects.append(f"{parsed.value_sql} AS {quote_identifier(column)}")
        selects.append(f"{error} AS {_error_column(column)}")
        for extra_name, extra_sql in parsed.extra.items():
            selects.append(f"{extra_sql} AS {quote_identifier(extra_name)}")
    stage = f"stage_{name}"
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE {stage} AS SELECT {', '.join(selects)} FROM {raw_view}"
    )
    connection.unregister(raw_view)
    return StagedTable(name, table.num_rows, present, ignored)


def stage_batch(
    connection: duckdb.DuckDBPyConnection, batch: ImportBatch, timezone: str | None
) -> dict[str, StagedTable]:
    """Stage every table of the batch and collect every row problem in `import_problems`."""
    create_reference_tables(connection)
    staged = {
        name: stage_table(connection, name, table, timezone) for name, table in batch.tables.items()
    }
    connection.execute(
        f"""CREATE OR REPLACE TEMP TABLE {PROBLEMS_TABLE} (
            table_name VARCHAR, source_file VARCHAR, source_row BIGINT, stage_row BIGINT,
            column_name VARCHAR, reason VARCHAR)"""
    )
    for table in staged.values():
        _collect_column_problems(connection, table)
    if "tickets" in staged:
        _collect_duplicate_tickets(connection)
    if "events" in staged:
        _collect_event_problems(connection, has_tickets="tickets" in staged)
    return staged


def _insert_problems(connection: duckdb.DuckDBPyConnection, table: str, select_sql: str) -> None:
    connection.execute(
        f"INSERT INTO {PROBLEMS_TABLE} SELECT '{table}', {SOURCE_FILE_COLUMN}, "
        f"{SOURCE_ROW_COLUMN}, {STAGE_ROW}, column_name, reason FROM ({select_sql})"
    )


def _collect_column_problems(connection: duckdb.DuckDBPyConnection, table: StagedTable) -> None:
    for column in table.present_columns:
        _insert_problems(
            connection,
            table.name,
            f"SELECT *, '{column}' AS column_name, {_error_column(column)} AS reason "
            f"FROM {table.stage} WHERE {_error_column(column)} IS NOT NULL",
        )


def _collect_duplicate_tickets(connection: duckdb.DuckDBPyConnection) -> None:
    _insert_problems(
        connection,
        "tickets",
        """SELECT *, 'ticket_id' AS column_name,
              'ticket ''' || ticket_id || ''' of vendor ''' || vendor || ''' appears again '
              || '(first in ' || first_file || ', row ' || first_row || '); '
              || 'keep one row per ticket.' AS reason
           FROM (
             SELECT *,
               first_value(_source_file) OVER w AS first_file,
               first_value(_source_row) OVER w AS first_row,
               row_number() OVER w AS occurrence
             FROM stage_tickets
             WHERE ticket_id IS NOT NULL AND vendor IS NOT NULL
             WINDOW w AS (PARTITION BY vendor, ticket_id ORDER BY _stage_row
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
           ) WHERE occurrence > 1""",
    )


def _collect_event_problems(connection: duckdb.DuckDBPyConnection, *, has_tickets: bool) -> None:
    _insert_problems(
        connection,
        "events",
        """SELECT *, 'status' AS column_name,
              'is empty; a status_change event needs the new status (new, open, pending, '
              || 'on_hold, solved or closed).' AS reason
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
    connection.execute(
        f"""CREATE OR REPLACE TEMP TABLE event_tickets AS
            SELECT e._stage_row, coalesce(i.created_at, s.created_at) AS created_at,
                   (i.ticket_id IS NOT NULL OR s.ticket_id IS NOT NULL) AS known
            FROM stage_events e
            LEFT JOIN ({import_tickets}) i ON i.vendor = e.vendor AND i.ticket_id = e.ticket_id
            LEFT JOIN tickets s ON s.vendor = e.vendor AND s.ticket_id = e.ticket_id
            WHERE e.vendor IS NOT NULL AND e.ticket_id IS NOT NULL"""
    )
    _insert_problems(
        connection,
        "events",
        """SELECT e.*, 'ticket_id' AS column_name,
              'no ticket ''' || e.ticket_id || ''' of vendor ''' || e.vendor || ''' in this '
              || 'import or the store; import its ticket too.' AS reason
           FROM stage_events e JOIN event_tickets t USING (_stage_row)
           WHERE NOT t.known""",
    )
    _insert_problems(
        connection,
        "events",
        """SELECT e.*, 'ts' AS column_name,
              strftime(e.ts, '%Y-%m-%dT%H:%M:%SZ') || ' is before its ticket''s creation ('
              || strftime(t.created_at, '%Y-%m-%dT%H:%M:%SZ') || ').' AS reason
           FROM stage_events e JOIN event_tickets t USING (_stage_row)
           WHERE e.ts < t.created_at""",
    )
    _insert_problems(
        connection,
        "events",
        """SELECT *, 'event_id' AS column_name,
              'event ''' || event_id || ''' appears again (first in ' || first_file
              || ', row ' || first_row || ').' AS reason
           FROM (
             SELECT *,
               first_value(_source_file) OVER w AS first_file,
               first_value(_source_row) OVER w AS first_row,
               row_number() OVER w AS occurrence
             FROM stage_events WHERE event_id IS NOT NULL
             WINDOW w AS (PARTITION BY vendor, ticket_id, event_id ORDER BY _stage_row
                          ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
           ) WHERE occurrence > 1""",
    )
