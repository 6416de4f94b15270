"""Figures to people (Rich tables) and to programs (JSON Lines, CSV), with the same numbers."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
from rich.console import Console, RenderableType

from supportgauge.cli.cells import json_value, units_caption
from supportgauge.cli.tables import dim_line, fitting_columns, fitting_table, summary_views
from supportgauge.errors import InputError, NotFoundError

OUTPUT_FORMATS = ("table", "jsonl", "csv")
# A text cell starting with one of these is a formula to a spreadsheet (OWASP, CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def check_output_format(name: str) -> str:
    """The output format, checked."""
    if name not in OUTPUT_FORMATS:
        raise InputError(
            f"no output format '{name}'; use one of {', '.join(OUTPUT_FORMATS)}.",
            parameter="format",
        )
    return name


def write_jsonl(batches: Iterable[pa.RecordBatch], out: IO[str]) -> int:
    """One JSON object per row; returns the number of rows."""
    count = 0
    for batch in batches:
        for row in batch.to_pylist():
            out.write(json.dumps({k: json_value(v) for k, v in row.items()}, ensure_ascii=False))
            out.write("\n")
            count += 1
    return count


def spreadsheet_safe(table: pa.Table) -> pa.Table:
    """Text cells a spreadsheet would run as a formula, prefixed with `'`; numbers untouched."""
    for index, field in enumerate(table.schema):
        if not (pa.types.is_string(field.type) or pa.types.is_large_string(field.type)):
            continue
        column = table.column(index)
        starts = pc.utf8_slice_codeunits(column, 0, 1)
        risky = pc.is_in(starts, value_set=pa.array(FORMULA_STARTS, type=field.type))
        if pc.any(risky).as_py():
            quoted = pc.binary_join_element_wise("'", column, "")
            table = table.set_column(index, field, pc.if_else(risky, quoted, column))
    return table


def lists_as_json(table: pa.Table) -> pa.Table:
    """List columns as one JSON array a cell (CSV has no lists): `["a.csv", "b.csv"]`."""
    for index, field in enumerate(table.schema):
        if pa.types.is_list(field.type) or pa.types.is_large_list(field.type):
            cells = [None if v is None else json.dumps(v) for v in table.column(index).to_pylist()]
            table = table.set_column(index, field.name, pa.array(cells, type=pa.string()))
    return table


def write_csv(table: pa.Table, out: IO[str] | Path) -> None:
    """The table as CSV with a header row (lists as JSON arrays), safe to open in a
    spreadsheet."""
    table = spreadsheet_safe(lists_as_json(table))
    if isinstance(out, Path):
        with writable(out) as handle:
            pa_csv.write_csv(table, handle)
        return
    sink = pa.BufferOutputStream()
    pa_csv.write_csv(table, sink)
    out.write(sink.getvalue().to_pybytes().decode("utf-8"))


@contextmanager
def writable(path: Path, *, parameter: str = "out") -> Iterator[IO[bytes]]:
    """`path` opened for writing; a missing folder, a folder or a refusal is the user's to fix."""
    if path.is_dir():
        raise InputError(f"{path} is a folder; name a file to write.", parameter=parameter)
    if not path.parent.is_dir():
        raise NotFoundError(
            f"cannot write {path}: folder {path.parent} does not exist. Create it first.",
            parameter=parameter,
        )
    try:
        handle = path.open("wb")
    except OSError as error:
        raise InputError(
            f"cannot write {path}: {error.strerror or error}.", parameter=parameter
        ) from None
    with handle:
        yield handle


def emit(
    table: pa.Table,
    *,
    output_format: str,
    console: Console,
    out: Path | None = None,
    title: str | None = None,
    keys: list[str] | None = None,
    limit: int | None = 50,
    note: str | None = None,
    fit_width: bool = False,
    total_rows: int | None = None,
) -> None:
    """Show or write a result table in the chosen format.

    A terminal table always fits the console: with `keys` (a summary) it shows groups as
    columns or headline figures; with `fit_width`, only the leading columns that fit;
    otherwise a row too wide becomes a block of lines. `note` follows a table, with
    `{shown}` replaced by the number of columns shown. `total_rows` is how many rows there
    are when `table` holds only the first `limit`."""
    if output_format == "jsonl":
        if out is not None:
            with writable(out) as handle, io.TextIOWrapper(handle, encoding="utf-8") as text:
                write_jsonl(table.to_batches(), text)
        else:
            write_jsonl(table.to_batches(), sys.stdout)
        return
    if output_format == "csv":
        write_csv(table, out if out is not None else sys.stdout)
        return
    if out is not None:
        raise InputError(
            "a table is for the terminal; write a file as jsonl or csv.", parameter="out"
        )
    if table.num_rows == 0:
        console.print(
            "Nothing to show: the store has no tickets yet. Import data with "
            "'supportgauge import PATH', or point --db at another store."
        )
        return
    if keys is not None:
        show(console, summary_views(table, keys=keys, title=title, console=console))
        return
    if fit_width:
        table = table.select(fitting_columns(table, console.width, limit=limit))
    views: list[RenderableType] = [fitting_table(table, console=console, title=title, limit=limit)]
    caption = units_caption(table.column_names)
    if caption:
        views.append(dim_line(caption))
    rows = table.num_rows if total_rows is None else total_rows
    if limit is not None and rows > limit:
        views.append(
            dim_line(
                f"Showing {limit} of {rows:,} rows; use --limit N, or --format jsonl/csv for all."
            )
        )
    if note is not None:
        views.append(dim_line(note.format(shown=table.num_columns)))
    show(console, views)


def show(console: Console, views: Iterable[RenderableType]) -> None:
    """Print tables and the lines under them, wrapped to the terminal's width."""
    for view in views:
        console.print(view, soft_wrap=False)
