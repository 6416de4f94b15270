"""The import's working tables: rows with a problem, rows merged into another, derived ids."""

from __future__ import annotations

import duckdb

from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN

STAGE_ROW = "_stage_row"
PROBLEMS_TABLE = "import_problems"
# Rows that repeat an earlier row of the same import exactly: written once, counted here.
MERGED_TABLE = "import_merged"
# Events whose id the staging step derived, by staged row.
DERIVED_IDS_TABLE = "derived_event_ids"
# Tickets of the import whose creation moves to their earliest event, by staged row.
CLAMPED_TABLE = "clamped_tickets"
# The columns every problem query starts with.
WHERE_COLUMNS = f"{SOURCE_FILE_COLUMN}, {SOURCE_ROW_COLUMN}, {STAGE_ROW}"


def create_working_tables(connection: duckdb.DuckDBPyConnection) -> None:
    """Empty temp tables for an import's problems, merged rows, derived ids, clamped tickets."""
    connection.execute(
        f"""CREATE OR REPLACE TEMP TABLE {PROBLEMS_TABLE} (
            table_name VARCHAR, source_file VARCHAR, source_row BIGINT, stage_row BIGINT,
            column_name VARCHAR, reason VARCHAR)"""
    )
    connection.execute(
        f"""CREATE OR REPLACE TEMP TABLE {MERGED_TABLE} (
            table_name VARCHAR, stage_row BIGINT, rule VARCHAR)"""
    )
    connection.execute(
        f"CREATE OR REPLACE TEMP TABLE {DERIVED_IDS_TABLE} (stage_row BIGINT, event_id VARCHAR)"
    )
    connection.execute(
        f"""CREATE OR REPLACE TEMP TABLE {CLAMPED_TABLE} (
            stage_row BIGINT, source_file VARCHAR, source_row BIGINT, ticket_id VARCHAR,
            recorded TIMESTAMPTZ, created_at TIMESTAMPTZ)"""
    )


def drop_working_tables(connection: duckdb.DuckDBPyConnection) -> None:
    """Drop what `create_working_tables` and the checks made."""
    for name in ("event_keys", "vendors", "ratings", "proactive", "probes"):
        connection.execute(f"DROP VIEW IF EXISTS distinct_{name}")
    working = (PROBLEMS_TABLE, MERGED_TABLE, DERIVED_IDS_TABLE, CLAMPED_TABLE)
    for table in (*working, "event_tickets", "event_keys"):
        connection.execute(f"DROP TABLE IF EXISTS {table}")


def insert_problems(connection: duckdb.DuckDBPyConnection, table: str, rows_sql: str) -> None:
    """Record problems; rows_sql gives source file, source row, stage row, column, reason."""
    # Name only the columns a check needs: a staged view then computes just those.
    connection.execute(f"INSERT INTO {PROBLEMS_TABLE} SELECT '{table}', * FROM ({rows_sql})")


def rows_of(table_name: str, working_table: str) -> str:
    """SQL for the staged rows of a table recorded in a working table."""
    return f"SELECT stage_row FROM {working_table} WHERE table_name = '{table_name}'"
