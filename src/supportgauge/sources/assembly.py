"""Build the canonical tickets and events tables from records a reader flattened."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from supportgauge.canonical import EVENT_COLUMNS, TICKET_COLUMNS, Column
from supportgauge.errors import SourceError
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN, ImportBatch
from supportgauge.sources.timestamps import UTC_MICROSECONDS, parse_timestamps

# A ticket without a priority in its help desk counts as the help desk's "normal".
DEFAULT_PRIORITY = "P3"
# Readers put the record path of each timestamp here (``where_ts``) for error messages.
WHERE_PREFIX = "where_"
_ARROW_TYPES = {
    "VARCHAR": pa.string(),
    "TIMESTAMPTZ": UTC_MICROSECONDS,
    "BOOLEAN": pa.bool_(),
    "DOUBLE": pa.float64(),
}
# Counts go into 64-bit columns; anything larger is a corrupt export, not a count.
_LARGEST_COUNT = 2**53
VENDOR_HINT = "Name the vendor of the import: whose support these tickets measure."
REPEATED_RECORD = "the same record repeated in the export: kept the last"
_RECORD_KEYS = {"tickets": ["vendor", "ticket_id"], "events": ["vendor", "ticket_id", "event_id"]}


def location(file_name: str, where: str) -> str:
    """How an error names a record: ``file, where``."""
    return f"{file_name}, {where}"


def tickets_table(
    rows: Sequence[Mapping[str, Any]], *, vendor: str | None, timezone: str | None
) -> pa.Table:
    """The canonical tickets table of the rows, vendor filled in where the export has none."""
    filled = [_with_vendor(row, vendor) for row in rows]
    return _build(filled, TICKET_COLUMNS, timezone)


def events_table(
    rows: Sequence[Mapping[str, Any]],
    *,
    ticket_vendors: Mapping[str, str],
    vendor: str | None,
    timezone: str | None,
) -> pa.Table:
    """The canonical events table; an event takes its ticket's vendor when it has none."""
    filled = []
    for row in rows:
        if row.get("vendor") is None and row["ticket_id"] in ticket_vendors:
            row = {**row, "vendor": ticket_vendors[row["ticket_id"]]}
        filled.append(_with_vendor(row, vendor))
    return _build(filled, EVENT_COLUMNS, timezone)


def kept_last_records(batch: ImportBatch) -> ImportBatch:
    """The batch with a ticket or event the export lists more than once (overlapping pages)
    kept once, in its last version; the earlier copies are counted as merged by that rule."""
    tables = dict(batch.tables)
    merged = {name: dict(rules) for name, rules in batch.merged.items()}
    for name, keys in _RECORD_KEYS.items():
        if name not in tables:
            continue
        kept = keep_last(tables[name], keys)
        if dropped := tables[name].num_rows - kept.num_rows:
            rules = merged.setdefault(name, {})
            rules[REPEATED_RECORD] = rules.get(REPEATED_RECORD, 0) + dropped
        tables[name] = kept
    return replace(batch, tables=tables, merged=merged)


def keep_last(table: pa.Table, keys: list[str]) -> pa.Table:
    """The table without repeats of a key, keeping the last (a later export of the same item).

    Rows whose key has a null part are all kept: without an id they cannot be matched.
    """
    if table.num_rows == 0 or any(key not in table.column_names for key in keys):
        return table
    position = pa.array(range(table.num_rows), type=pa.int64())
    indexed = table.select(keys).append_column("_position", position)
    has_key = pc.is_valid(indexed[keys[0]])
    for key in keys[1:]:
        has_key = pc.and_(has_key, pc.is_valid(indexed[key]))
    last = (
        indexed.filter(has_key).group_by(keys, use_threads=False).aggregate([("_position", "max")])
    )
    kept = pa.concat_arrays(
        [
            last["_position_max"].combine_chunks(),
            indexed.filter(pc.invert(has_key))["_position"].combine_chunks(),
        ]
    )
    # Rows stay in export order.
    return table.take(pc.take(kept, pc.sort_indices(kept)))


def vendors_by_ticket(tickets: pa.Table) -> dict[str, str]:
    """ticket_id -> vendor of a canonical tickets table."""
    if tickets.num_rows == 0:
        return {}
    return dict(zip(tickets["ticket_id"].to_pylist(), tickets["vendor"].to_pylist(), strict=True))


def _with_vendor(row: Mapping[str, Any], vendor: str | None) -> Mapping[str, Any]:
    if row.get("vendor") not in (None, ""):
        return row
    if vendor is None:
        raise SourceError(
            f"{row[SOURCE_FILE_COLUMN]}: the export has no vendor field. {VENDOR_HINT}"
        )
    return {**row, "vendor": vendor}


def _build(
    rows: Sequence[Mapping[str, Any]], columns: tuple[Column, ...], timezone: str | None
) -> pa.Table:
    present = [column for column in columns if any(column.name in row for row in rows)]
    if not rows:
        present = [column for column in columns if column.required]
    arrays: dict[str, pa.Array] = {}
    for column in present:
        values = [row.get(column.name) for row in rows]
        if column.type == "TIMESTAMPTZ":
            where_key = WHERE_PREFIX + column.name

            def label(position: int, where_key: str = where_key, name: str = column.name) -> str:
                row = rows[position]
                return location(row[SOURCE_FILE_COLUMN], row.get(where_key, name))

            arrays[column.name] = parse_timestamps(values, label=label, timezone=timezone)
            missing = pc.is_null(arrays[column.name])
            if column.required and pc.any(missing).as_py():
                raise SourceError(
                    f"{label(pc.index(missing, True).as_py())}: missing. Every record needs "
                    "this time; re-export the file with it, or remove the record."
                )
        else:
            arrays[column.name] = pa.array(values, type=_ARROW_TYPES[column.type])
    arrays[SOURCE_FILE_COLUMN] = pa.array(
        [row[SOURCE_FILE_COLUMN] for row in rows], type=pa.string()
    )
    arrays[SOURCE_ROW_COLUMN] = pa.array([row[SOURCE_ROW_COLUMN] for row in rows], type=pa.int64())
    return pa.table(arrays)


def map_value(value: Any, mapping: Mapping[str, str], *, label: str, what: str, hint: str) -> str:
    """The mapped value (matched case-insensitively), or a SourceError naming the record."""
    key = str(value).strip().lower()
    if key in mapping:
        return mapping[key]
    known = ", ".join(sorted(mapping))
    raise SourceError(f"{label}: unknown {what} '{value}' (known: {known}). {hint}")


def number_or_none(value: Any, *, label: str, integer: bool = False) -> float | int | None:
    """The value as a number (None when missing), or a SourceError naming the record's field."""
    if value is None:
        return None
    number = _finite_number(value)
    if number is not None and not integer:
        return number
    if number is not None and number.is_integer() and abs(number) <= _LARGEST_COUNT:
        return int(number)
    if number is not None and number.is_integer():
        problem = "is too large for a count"
    else:
        problem = "is not a whole number" if integer else "is not a number"
    raise SourceError(
        f"{label}: {str(value)[:40]!r} {problem}. Re-export the file, or check it was "
        "not edited by hand."
    )


def _finite_number(value: Any) -> float | None:
    """The value as a finite float, None when it is not one (text, infinity, NaN, a list)."""
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        return None
    try:
        number = float(value)
    except (ValueError, OverflowError):
        return None
    return number if math.isfinite(number) else None


def text_or_none(value: Any) -> str | None:
    """The value as text, None for missing or empty values."""
    if value is None:
        return None
    text = str(value)
    return text if text.strip() else None
