"""Zendesk data synced into a warehouse as canonical tables.

Reads the Fivetran-style tables ``ticket``, ``ticket_comment``, ``ticket_field_history``
and ``user`` as CSV or Parquet files named after the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from supportgauge.errors import SourceError
from supportgauge.sources.assembly import (
    DEFAULT_PRIORITY,
    VENDOR_HINT,
    kept_last_records,
    location,
)
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN, ImportBatch
from supportgauge.sources.tabular_files import read_table, require_columns, timestamp_column
from supportgauge.sources.vocabularies import ZENDESK_PRIORITIES, ZENDESK_STATUSES
from supportgauge.store.zendesk_warehouse_sql import zendesk_warehouse_rows

WAREHOUSE_SUFFIXES = (".csv", ".parquet")
# Longest first: "ticket_comment" must not be taken for "ticket".
_TABLE_NAMES = ("ticket_field_history", "ticket_comment", "ticket", "user")
_COLUMNS = {
    "ticket": (
        "id",
        "created_at",
        "priority",
        "status",
        "subject",
        "description",
        "organization_id",
        "via_channel",
        "requester_id",
        "vendor",
    ),
    "ticket_comment": ("id", "ticket_id", "user_id", "created", "public", "body"),
    "ticket_field_history": ("ticket_id", "field_name", "updated", "value", "user_id"),
    "user": ("id", "role"),
}
_REQUIRED = {
    "ticket": ("id", "created_at"),
    "ticket_comment": ("id", "ticket_id", "user_id", "created", "public"),
    "ticket_field_history": ("ticket_id", "field_name", "updated", "value"),
    "user": ("id", "role"),
}
_TIMESTAMPS = {
    "ticket": "created_at",
    "ticket_comment": "created",
    "ticket_field_history": "updated",
}
_HINT = (
    "Sync the table with the Fivetran Zendesk schema, or import it as a mapped CSV "
    "(format csv with a mapping)."
)


def read_zendesk_warehouse(
    files: Sequence[Path], *, vendor: str | None, timezone: str | None
) -> ImportBatch:
    """Canonical tickets and events of Zendesk warehouse tables; naive timestamps are UTC."""
    parts: dict[str, list[pa.Table]] = {name: [_empty(name)] for name in _TABLE_NAMES}
    for path in files:
        name = _table_name(path)
        parts[name].append(_load(path, name, timezone))
    tables = {name: pa.concat_tables(found) for name, found in parts.items()}
    _check_values(tables)
    tickets, events = zendesk_warehouse_rows(
        tables,
        statuses=ZENDESK_STATUSES,
        priorities=ZENDESK_PRIORITIES,
        vendor=vendor,
        default_priority=DEFAULT_PRIORITY,
    )
    for table in (tickets, events):
        _require_vendor(table)
    return kept_last_records(ImportBatch(tables={"tickets": _utc(tickets), "events": _utc(events)}))


def _table_name(path: Path) -> str:
    stem = path.stem.lower().removesuffix("s")
    for name in _TABLE_NAMES:
        if stem == name or stem.endswith(("_" + name, "." + name)):
            return name
    raise SourceError(
        f"{path.name}: not a Zendesk warehouse table (expected a file named ticket, "
        f"ticket_comment, ticket_field_history or user). {_HINT}"
    )


def _empty(name: str) -> pa.Table:
    types = {column: pa.string() for column in _COLUMNS[name]}
    if name in _TIMESTAMPS:
        types[_TIMESTAMPS[name]] = pa.timestamp("us", tz="UTC")
    if name == "ticket_comment":
        types["public"] = pa.bool_()
    types[SOURCE_FILE_COLUMN] = pa.string()
    types[SOURCE_ROW_COLUMN] = pa.int64()
    return pa.table({column: pa.array([], type=kind) for column, kind in types.items()})


def _load(path: Path, name: str, timezone: str | None) -> pa.Table:
    table = read_table(path)
    require_columns(table, _REQUIRED[name], path.name, _HINT)
    rows = pa.array(range(1, table.num_rows + 1), type=pa.int64())
    if "_fivetran_deleted" in table.column_names:
        keep = pc.invert(pc.fill_null(pc.cast(table["_fivetran_deleted"], pa.bool_()), False))
        table, rows = table.filter(keep), rows.filter(keep)
    empty = _empty(name)
    columns: dict[str, pa.Array] = {}
    for column in _COLUMNS[name]:
        target = empty.schema.field(column).type
        if column not in table.column_names:
            columns[column] = pa.nulls(table.num_rows, type=target)
        elif column == _TIMESTAMPS.get(name):

            def label(position: int, column: str = column) -> str:
                return location(path.name, f"row {rows[position].as_py()}, column {column}")

            columns[column] = timestamp_column(
                table, column, label=label, timezone=timezone, naive_zone="UTC"
            )
        elif column == "public":
            columns[column] = _booleans(table[column], path.name, rows)
        else:
            columns[column] = pc.cast(table[column], pa.string())
    columns[SOURCE_FILE_COLUMN] = pa.array([path.name] * table.num_rows, type=pa.string())
    columns[SOURCE_ROW_COLUMN] = rows
    return pa.table(columns, schema=empty.schema)


def _booleans(column: pa.ChunkedArray, file_name: str, rows: pa.Array) -> pa.Array:
    if pa.types.is_boolean(column.type):
        return column.combine_chunks()
    text = pc.utf8_lower(pc.cast(column, pa.string()))
    truth = pc.is_in(text, value_set=pa.array(["true", "1", "t", "yes"]))
    known = pc.or_(truth, pc.is_in(text, value_set=pa.array(["false", "0", "f", "no"])))
    bad = pc.and_(pc.is_valid(text), pc.invert(known)).combine_chunks()
    if pc.any(bad).as_py():
        position = pc.index(bad, True).as_py()
        raise SourceError(
            f"{file_name}, row {rows[position].as_py()}, column public: "
            f"'{column[position].as_py()}' is not true or false. Fix the value or re-export."
        )
    return pc.if_else(pc.is_valid(text), truth, None).combine_chunks()


def _check_values(tables: dict[str, pa.Table]) -> None:
    """Every status and priority must be one Zendesk knows."""
    history = tables["ticket_field_history"]
    checks = (
        (tables["ticket"], "priority", None, ZENDESK_PRIORITIES, "priority"),
        (history, "value", "status", ZENDESK_STATUSES, "status"),
        (history, "value", "priority", ZENDESK_PRIORITIES, "priority"),
    )
    for table, column, field_name, mapping, what in checks:
        values = pc.utf8_lower(table[column])
        unknown = pc.and_(
            pc.and_(pc.is_valid(values), pc.not_equal(values, "")),
            pc.invert(pc.is_in(values, value_set=pa.array(list(mapping)))),
        )
        if field_name is not None:
            unknown = pc.and_(unknown, pc.equal(table["field_name"], field_name))
        unknown = pc.fill_null(unknown, False).combine_chunks()
        if pc.any(unknown).as_py():
            position = pc.index(unknown, True).as_py()
            raise SourceError(
                f"{table[SOURCE_FILE_COLUMN][position]}, row {table[SOURCE_ROW_COLUMN][position]}, "
                f"column {column}: unknown {what} '{table[column][position]}' "
                f"(known: {', '.join(sorted(mapping))}). Fix the value or re-export the table."
            )


def _require_vendor(table: pa.Table) -> None:
    missing = pc.is_null(table["vendor"]).combine_chunks()
    if pc.any(missing).as_py():
        position = pc.index(missing, True).as_py()
        raise SourceError(
            f"{table[SOURCE_FILE_COLUMN][position]}: the export has no vendor field. {VENDOR_HINT}"
        )


def _utc(table: pa.Table) -> pa.Table:
    for position, field in enumerate(table.schema):
        if pa.types.is_timestamp(field.type):
            table = table.set_column(
                position, field.name, pc.cast(table[field.name], pa.timestamp("us", tz="UTC"))
            )
    return table
