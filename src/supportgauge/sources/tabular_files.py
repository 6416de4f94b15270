"""Read flat export tables (CSV or Parquet) into Arrow, with errors that name the file."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from supportgauge.errors import SourceError
from supportgauge.sources.readers import read_csv_text, with_block_size
from supportgauge.sources.timestamps import UTC_MICROSECONDS, parse_timestamps


def read_table(
    path: Path, *, delimiter: str = ",", encoding: str = "utf-8", as_text: bool = False
) -> pa.Table:
    """The rows of one CSV or Parquet file; `as_text` keeps every CSV column as text."""
    if path.suffix.lower() == ".parquet":
        try:
            return pq.read_table(path)
        except (pa.ArrowInvalid, OSError) as error:
            raise SourceError(
                f"{path.name}: not a readable Parquet file ({error}). Re-export the table."
            ) from None
    try:
        if as_text:
            return read_csv_text(path, delimiter=delimiter, encoding=encoding)
        return with_block_size(
            path,
            lambda block_size: pa_csv.read_csv(
                path,
                read_options=pa_csv.ReadOptions(encoding=encoding, block_size=block_size),
                parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
                # Only an empty field is missing: "NA" or "null" in a text column stays text.
                convert_options=pa_csv.ConvertOptions(null_values=[""], strings_can_be_null=True),
            ),
        )
    except UnicodeDecodeError as error:
        raise SourceError(
            f"{path.name}: not {encoding} text (byte {error.start} cannot be read). Name the "
            'file\'s encoding (e.g. encoding = "gbk" in a CSV mapping) or re-export as UTF-8.'
        ) from None
    except pa.ArrowInvalid as error:
        raise SourceError(
            f"{path.name}: not a readable CSV file ({_first_line(error)}). "
            "Check the delimiter and encoding, or re-export the table."
        ) from None


def require_columns(table: pa.Table, names: tuple[str, ...], file_name: str, hint: str) -> None:
    """A SourceError naming the first of the columns the table lacks."""
    for name in names:
        if name not in table.column_names:
            raise SourceError(f"{file_name}: no '{name}' column. {hint}")


def timestamp_column(
    table: pa.Table,
    name: str,
    *,
    label: Callable[[int], str],
    timezone: str | None,
    naive_zone: str | None = None,
) -> pa.Array:
    """The column as UTC timestamps; naive values are read in `timezone`, else `naive_zone`."""
    column = table[name].combine_chunks()
    zone = timezone or naive_zone
    if pa.types.is_timestamp(column.type):
        if column.type.tz is None:
            if zone is None:
                return parse_timestamps(pc.cast(column, pa.string()), label=label, timezone=None)
            column = pc.assume_timezone(column, timezone=zone, ambiguous="earliest")
        return pc.cast(column, UTC_MICROSECONDS)
    text = pc.cast(column, pa.string())
    # Warehouses print UTC values as "2024-01-01 10:00:00 UTC".
    text = pc.replace_substring_regex(text, pattern=r"\s*UTC$", replacement="Z")
    return parse_timestamps(text, label=label, timezone=zone)


def _first_line(error: Exception) -> str:
    return str(error).strip().splitlines()[0]
