"""Read one CSV, JSON Lines or Parquet file into an Arrow table that remembers its rows."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.json as pa_json
import pyarrow.parquet as pq

from supportgauge.errors import SourceError
from supportgauge.sources.export_files import load_json_records
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN

_Read = TypeVar("_Read")
# Arrow reads in blocks of this many bytes by default; a row longer than a block fails.
_DEFAULT_BLOCK_BYTES = 1 << 20
_LARGEST_BLOCK_BYTES = (1 << 31) - 1

FILE_FORMATS = {
    ".csv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}


def file_format_of(path: Path) -> str | None:
    """The tabular format a file's suffix names, or None."""
    return FILE_FORMATS.get(path.suffix.lower())


def no_rows_warning(path: Path) -> str:
    """What an import says of a file that holds no rows (a header alone): it goes on."""
    return f"{path.name} holds no rows, only a header: nothing was read from it."


def read_tabular_file(path: Path) -> pa.Table:
    """The file's rows, with `_source_file` and 1-based `_source_row` columns appended."""
    file_format = file_format_of(path)
    try:
        if file_format == "csv":
            table = read_csv_text(path)
        elif file_format == "jsonl":
            table = _read_json_lines(path)
        elif file_format == "parquet":
            table = _read_parquet(path)
        else:
            raise SourceError(
                f"{path.name}: unknown file type '{path.suffix}'. "
                "Use .csv, .jsonl (JSON Lines) or .parquet."
            )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError, OSError) as error:
        raise SourceError(f"{path.name}: cannot be read as {file_format}: {error}") from error
    return with_provenance(table, path.name)


def with_provenance(table: pa.Table, file_label: str) -> pa.Table:
    """Append the file label and the 1-based row number of every row."""
    rows = pa.array(np.arange(1, table.num_rows + 1, dtype=np.int64))
    files = pa.DictionaryArray.from_arrays(
        pa.array(np.zeros(table.num_rows, dtype=np.int32)), pa.array([file_label])
    )
    return table.append_column(SOURCE_FILE_COLUMN, files).append_column(SOURCE_ROW_COLUMN, rows)


def _read_csv_header(path: Path, delimiter: str, encoding: str) -> list[str]:
    # Excel writes a byte-order mark before the header; it is not part of the first name.
    utf8 = encoding.lower().replace("_", "-") in ("utf-8", "utf8")
    with path.open(encoding="utf-8-sig" if utf8 else encoding, newline="") as handle:
        header = next(csv.reader(handle, delimiter=delimiter), None)
    if not header:
        raise SourceError(f"{path.name}: the file is empty; expected a header row of column names.")
    return [name.strip() for name in header]


def read_csv_text(path: Path, *, delimiter: str = ",", encoding: str = "utf-8") -> pa.Table:
    """Every column of a CSV file as text; only an empty field is missing.

    Values such as "NA", "null" or "N/A" stay the text they are: nothing is silently
    turned into a missing value.
    """
    header = _read_csv_header(path, delimiter, encoding)
    duplicates = sorted({name for name in header if header.count(name) > 1})
    if duplicates:
        name = duplicates[0]
        named = f"the column name {name!r}" if name else "an empty column name"
        places = ", ".join(str(index + 1) for index, each in enumerate(header) if each == name)
        raise SourceError(
            f"{path.name}, row 1 (the header): {named} appears more than once "
            f"(columns {places}); every column needs a name of its own."
        )
    return with_block_size(
        path,
        lambda block_size: pa_csv.read_csv(
            path,
            read_options=pa_csv.ReadOptions(
                column_names=header, skip_rows=1, encoding=encoding, block_size=block_size
            ),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True),
            convert_options=pa_csv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                null_values=[""],
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        ),
    )


def with_block_size(path: Path, read: Callable[[int], _Read]) -> _Read:
    """`read(block_size)` with Arrow's default block, again with one block for the whole file
    when a row (a field of several megabytes) is longer than a block."""
    try:
        return read(_DEFAULT_BLOCK_BYTES)
    except pa.ArrowInvalid as error:
        if "straddl" not in str(error):
            raise
    return read(min(path.stat().st_size + 1, _LARGEST_BLOCK_BYTES))


def _read_json_lines(path: Path) -> pa.Table:
    try:
        table = with_block_size(
            path,
            lambda block_size: pa_json.read_json(
                path, read_options=pa_json.ReadOptions(block_size=block_size)
            ),
        )
    except pa.ArrowInvalid:
        # Arrow names the row of its block from 0; find the file's bad line from 1.
        _raise_bad_json_line(path)
        raise
    try:
        # Arrow's JSON reader does not check that text is UTF-8; the engine would fail on it.
        table.validate(full=True)
    except pa.ArrowInvalid:
        _raise_bad_json_line(path)
        raise
    inferred_timestamps = [
        field.name for field in table.schema if pa.types.is_timestamp(field.type)
    ]
    if inferred_timestamps:
        # Arrow guesses timestamps from strings and drops what it cannot represent;
        # read those columns again as the text they are.
        schema = pa.schema([(name, pa.string()) for name in inferred_timestamps])
        table = with_block_size(
            path,
            lambda block_size: pa_json.read_json(
                path,
                read_options=pa_json.ReadOptions(block_size=block_size),
                parse_options=pa_json.ParseOptions(
                    explicit_schema=schema, unexpected_field_behavior="infer"
                ),
            ),
        )
    return _text_except_timestamps(table)


def _raise_bad_json_line(path: Path) -> None:
    """A SourceError naming the first line (from 1) that is not one JSON object."""
    for line_number, record in load_json_records(path):
        if not isinstance(record, dict):
            raise SourceError(
                f"{path.name}, line {line_number}: a JSON {type(record).__name__}, not an "
                "object. Each line of a .jsonl file must hold one JSON object."
            )


def _read_parquet(path: Path) -> pa.Table:
    return _text_except_timestamps(pq.read_table(path))


def _text_except_timestamps(table: pa.Table) -> pa.Table:
    """Typed timestamps and booleans stay as they are; every other column becomes text."""
    columns = []
    for field, column in zip(table.schema, table.columns, strict=True):
        kind = field.type
        if pa.types.is_timestamp(kind) or pa.types.is_boolean(kind):
            columns.append(column)
        elif pa.types.is_nested(kind):
            columns.append(_nested_to_text(column))
        else:
            columns.append(pc.cast(column, pa.string()))
    return pa.table(columns, names=table.column_names)


def _nested_to_text(column: pa.ChunkedArray) -> pa.ChunkedArray:
    # Nested values (lists, objects) are kept as their text.
    values = [None if value is None else str(value) for value in column.to_pylist()]
    return pa.chunked_array([pa.array(values, pa.string())])
