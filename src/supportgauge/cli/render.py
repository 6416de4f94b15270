"""Figures to people (Rich tables) and to programs (JSON Lines, CSV), with the same numbers."""

from __future__ import annotations

import json
import math
import sys
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any

import pyarrow as pa
import pyarrow.csv as pa_csv
from rich.console import Console
from rich.table import Table

from supportgauge.errors import SupportGaugeError

OUTPUT_FORMATS = ("table", "jsonl", "csv")


def check_output_format(name: str) -> str:
    """The --format value, checked."""
    if name not in OUTPUT_FORMATS:
        raise SupportGaugeError(f"--format {name}: use one of {', '.join(OUTPUT_FORMATS)}.")
    return name


def json_value(value: Any) -> Any:
    """A value as JSON expects it: ISO 8601 instants in UTC, null for missing numbers."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def write_jsonl(batches: Iterable[pa.RecordBatch], out: IO[str]) -> int:
    """One JSON object per row; returns the number of rows."""
    count = 0
    for batch in batches:
        for row in batch.to_pylist():
            out.write(json.dumps({k: json_value(v) for k, v in row.items()}, ensure_ascii=False))
            out.write("\n")
            count += 1
    return count


def write_csv(table: pa.Table, out: IO[str] | Path) -> None:
    """The table as CSV with a header row."""
    if isinstance(out, Path):
        pa_csv.write_csv(table, out)
        return
    sink = pa.BufferOutputStream()
    pa_csv.write_csv(table, sink)
    out.write(sink.getvalue().to_pybytes().decode("utf-8"))


def cell(value: Any, column: str) -> str:
    """A value as shown in a terminal table."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if column.endswith("_rate"):
            return f"{value * 100:.1f}%"
        return f"{value:,.1f}"
    if isinstance(value, datetime):
        return str(json_value(value))
    return str(value)


def rich_table(table: pa.Table, *, title: str | None = None, limit: int | None = None) -> Table:
    """A Rich table of the first `limit` rows."""
    shown = table.slice(0, limit) if limit is not None else table
    view = Table(title=title, show_lines=False, header_style="bold")
    for name in table.column_names:
        numeric = pa.types.is_integer(table.schema.field(name).type) or pa.types.is_floating(
            table.schema.field(name).type
        )
        view.add_column(name, justify="right" if numeric else "left", overflow="fold")
    for row in shown.to_pylist():
        view.add_row(*(cell(row[name], name) for name in table.column_names))
    return view


def fitting_columns(table: pa.Table, width: int, *, limit: int | None = None) -> list[str]:
    """The leading columns whose widths (name or widest shown value) fit in `width`
    characters with the table's borders; at least the first one."""
    shown = table.slice(0, limit) if limit is not None else table
    rows = shown.to_pylist()
    fitting: list[str] = []
    used = 1  # the left border
    for name in table.column_names:
        widest = max([len(name), *(len(cell(row[name], name)) for row in rows)])
        used += widest + 3  # padding either side and the border after
        if used > width and fitting:
            break
        fitting.append(name)
    return fitting


def transposed_table(table: pa.Table, *, keys: list[str], title: str | None = None) -> Table:
    """Figures as rows and groups as columns: for wide summaries of few groups."""
    view = Table(title=title, header_style="bold")
    view.add_column("figure", style="bold")
    rows = table.to_pylist()
    for row in rows:
        view.add_column(" / ".join(cell(row[k], k) for k in keys), justify="right")
    for name in table.column_names:
        if name in keys:
            continue
        view.add_row(name, *(cell(row[name], name) for row in rows))
    return view


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

    With `fit_width`, a table shows only the leading columns that fit the terminal; `note`
    follows a table, with `{shown}` replaced by the number of columns shown. `total_rows`
    is how many rows there are when `table` holds only the first `limit`."""
    if output_format == "jsonl":
        if out is not None:
            with out.open("w", encoding="utf-8") as handle:
                write_jsonl(table.to_batches(), handle)
        else:
            write_jsonl(table.to_batches(), sys.stdout)
        return
    if output_format == "csv":
        write_csv(table, out if out is not None else sys.stdout)
        return
    if out is not None:
        raise SupportGaugeError("--out needs --format jsonl or csv; a table is for the terminal.")
    if table.num_rows == 0:
        console.print(
            "Nothing to show: the store has no tickets yet. Import data with "
            "'supportgauge import PATH', or point --db at another store."
        )
        return
    if keys is not None and table.num_rows <= 12 and table.num_columns > 12:
        console.print(transposed_table(table, keys=keys, title=title))
        return
    if fit_width:
        table = table.select(fitting_columns(table, console.width, limit=limit))
    console.print(rich_table(table, title=title, limit=limit))
    rows = table.num_rows if total_rows is None else total_rows
    if limit is not None and rows > limit:
        console.print(
            f"[dim]Showing {limit} of {rows:,} rows; use --limit N, "
            "or --format jsonl/csv for all.[/dim]"
        )
    if note is not None:
        console.print(f"[dim]{note.format(shown=table.num_columns)}[/dim]", highlight=False)
