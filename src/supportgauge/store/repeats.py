"""Rows of one import that share a key: merged when identical, an error naming both otherwise.

Nothing is last-one-wins: a row equal to an earlier one (key and values) is written once
and counted as merged; two different rows with one key are a problem naming both rows.
"""

from __future__ import annotations

import duckdb

from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN
from supportgauge.store.column_rules import quote_identifier
from supportgauge.store.problems import (
    DERIVED_IDS_TABLE,
    MERGED_TABLE,
    STAGE_ROW,
    insert_problems,
    rows_of,
)
from supportgauge.store.schema import OPTIONAL_TABLE_COLUMNS

MERGED_IDENTICAL = "identical to an earlier row with the same key"
# Kinds an export may record under the id of the message they go with (one event per row).
DERIVED_ID_KINDS = ("status_change", "priority_change", "diagnosis")
# Keys that identify a row of an optional table; a newer row with the same key replaces it.
OPTIONAL_TABLE_KEYS = {
    "vendors": ("vendor",),
    "ratings": ("period", "vendor", "rater", "dimension"),
    "proactive": ("vendor", "ts", "kind", "title", "body", "account", "category"),
    "probes": ("probe_id",),
}
# What, besides its key, makes a row the same row.
_VALUES = {
    "events": ("ts", "kind", "author", "public", "body", "status"),
    **{
        name: tuple(c for c in columns if c not in OPTIONAL_TABLE_KEYS[name])
        for name, columns in OPTIONAL_TABLE_COLUMNS.items()
    },
}


def collect_repeats(
    connection: duckdb.DuckDBPyConnection,
    table_name: str,
    keys: tuple[str, ...],
    what_sql: str,
    advice: str = "",
    *,
    source: str | None = None,
) -> None:
    """A problem on every row whose keys repeat an earlier row's, naming the first one."""
    stage = source or f"stage_{table_name}"
    key_list = ", ".join(keys)
    present = " AND ".join(f"{key} IS NOT NULL" for key in keys)
    column = keys[-1].strip('"')
    insert_problems(
        connection,
        table_name,
        # Group on a hash of the keys first (cheap), then compare the keys themselves.
        f"""WITH candidates AS (
                SELECT hash({key_list}) AS key_hash FROM {stage} WHERE {present}
                GROUP BY key_hash HAVING count(*) > 1
            ), repeated AS (
                SELECT {key_list}, min({STAGE_ROW}) AS first_stage_row FROM {stage}
                WHERE {present} AND hash({key_list}) IN (SELECT key_hash FROM candidates)
                GROUP BY ALL HAVING count(*) > 1
            ), repeats AS (
                SELECT s.*, r.first_stage_row
                FROM {stage} s JOIN repeated r USING ({key_list})
            )
            SELECT d.{SOURCE_FILE_COLUMN}, d.{SOURCE_ROW_COLUMN}, d.{STAGE_ROW},
                   '{column}',
                   {what_sql} || ' appears again (first in ' || f.{SOURCE_FILE_COLUMN}
                   || ', row ' || f.{SOURCE_ROW_COLUMN} || '){advice}.'
            FROM repeats d JOIN repeats f ON f.{STAGE_ROW} = d.first_stage_row
            WHERE d.{STAGE_ROW} <> d.first_stage_row""",
    )


def merge_identical(
    connection: duckdb.DuckDBPyConnection, table_name: str, keys: tuple[str, ...], source: str
) -> None:
    """Record as merged every row equal, key and values, to an earlier row of the import."""
    key_list = ", ".join(keys)
    present = " AND ".join(f"{key} IS NOT NULL" for key in keys)
    content = ", ".join([*keys, *(quote_identifier(c) for c in _VALUES[table_name])])
    # Only rows whose key repeats are compared in full: repeats are rare.
    connection.execute(
        f"""INSERT INTO {MERGED_TABLE}
            WITH candidates AS (
                SELECT hash({key_list}) AS key_hash FROM {source} WHERE {present}
                GROUP BY key_hash HAVING count(*) > 1
            ), compared AS (
                SELECT {STAGE_ROW}, row_number() OVER (
                    PARTITION BY {content} ORDER BY {STAGE_ROW}) AS occurrence
                FROM stage_{table_name}
                WHERE {STAGE_ROW} IN (
                    SELECT {STAGE_ROW} FROM {source}
                    WHERE {present} AND hash({key_list}) IN (SELECT key_hash FROM candidates))
            )
            SELECT '{table_name}', {STAGE_ROW}, '{MERGED_IDENTICAL}' FROM compared
            WHERE occurrence > 1"""
    )


def _distinct_view(connection: duckdb.DuckDBPyConnection, table_name: str, source: str) -> str:
    """A view of the source's rows that were not merged into an earlier one."""
    view = f"distinct_{source.removeprefix('stage_')}"
    connection.execute(
        f"""CREATE OR REPLACE TEMP VIEW {view} AS SELECT * FROM {source}
            WHERE {STAGE_ROW} NOT IN ({rows_of(table_name, MERGED_TABLE)})"""
    )
    return view


def derive_event_ids(connection: duckdb.DuckDBPyConnection) -> None:
    """Give a status or priority change that shares its message's id an id of its own.

    Exports of one event per row often record the status change a reply made under the
    reply's id; the change becomes `<id>:<kind>`, the same in every export of that row.
    """
    kinds = ", ".join(f"'{kind}'" for kind in DERIVED_ID_KINDS)
    distinct = _distinct_view(connection, "events", "event_keys")
    connection.execute(
        f"""INSERT INTO {DERIVED_IDS_TABLE}
            WITH shared AS (
                SELECT vendor, ticket_id, event_id FROM {distinct}
                WHERE event_id IS NOT NULL
                GROUP BY ALL HAVING count(*) > 1 AND count(DISTINCT kind) > 1
            )
            SELECT d.{STAGE_ROW}, d.event_id || ':' || d.kind
            FROM {distinct} d JOIN shared USING (vendor, ticket_id, event_id)
            WHERE d.kind IN ({kinds})"""
    )
    connection.execute(
        f"""UPDATE event_keys SET event_id = d.event_id FROM {DERIVED_IDS_TABLE} d
            WHERE event_keys.{STAGE_ROW} = d.stage_row"""
    )


def check_event_ids(connection: duckdb.DuckDBPyConnection, *, derive_ids: bool) -> None:
    """Merge identical events with one id; derive ids where allowed; name the rest."""
    merge_identical(connection, "events", ("vendor", "ticket_id", "event_id"), "event_keys")
    if derive_ids:
        derive_event_ids(connection)
    collect_repeats(
        connection,
        "events",
        ("vendor", "ticket_id", "event_id"),
        "'event ''' || d.event_id || ''' of ticket ''' || d.ticket_id || ''' (' || d.kind || ')'",
        " with other values; give each event its own id, or remove one of the two rows",
        source=_distinct_view(connection, "events", "event_keys"),
    )


def check_optional_keys(connection: duckdb.DuckDBPyConnection, name: str) -> None:
    """Merge identical rows of an optional table; two rows of one key with other values clash."""
    keys = tuple(quote_identifier(key) for key in OPTIONAL_TABLE_KEYS[name])
    merge_identical(connection, name, keys, f"stage_{name}")
    shown = " || ', ' || ".join(f"coalesce(CAST(d.{key} AS VARCHAR), '')" for key in keys)
    collect_repeats(
        connection,
        name,
        keys,
        f"'the row for ' || {shown}",
        " with other values; keep one row per "
        + ", ".join(OPTIONAL_TABLE_KEYS[name]).replace("'", "''"),
        source=_distinct_view(connection, name, f"stage_{name}"),
    )
