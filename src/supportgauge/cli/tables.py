"""Terminal layouts that fit the console: a plain table, one block per row, groups as
columns, or a summary's headline figures."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pyarrow as pa
from rich import box
from rich.console import Console, RenderableType
from rich.table import Table
from rich.text import Text

from supportgauge.cli.cells import cell, is_numeric, minutes, units_caption

# Up to this many groups a summary shows every figure, groups as columns.
MOST_GROUPS_AS_COLUMNS = 12


def _rate(value: Any) -> str:
    return cell(value, "_rate")


# A headline summary: heading, what it means, the summary column it shows, and how.
HEADLINES: tuple[tuple[str, str, str, Callable[[Any], str]], ...] = (
    ("n", "", "tickets", lambda count: f"{count:,}"),
    ("resp50", "", "first_response_min_p50", minutes),
    ("resp90", "", "first_response_min_p90", minutes),
    ("fix50", "", "full_resolution_min_p50", minutes),
    ("fix90", "", "full_resolution_min_p90", minutes),
    ("reopen", "reopened at least once", "reopened_rate", _rate),
    ("1touch", "resolved with one agent reply, never reopened", "one_touch_rate", _rate),
    (
        "repeat",
        "another ticket of the same account and category within the repeat window",
        "repeat_rate",
        _rate,
    ),
)
HEADLINE_KEY = (
    "n = tickets; resp = first response, fix = full resolution, each as median (50) and "
    "90th percentile (90), m = minutes, h = hours"
)


def fits(console: Console, view: RenderableType) -> bool:
    """Whether `view` fits the console's width unwrapped."""
    measured = console.measure(view, options=console.options.update(max_width=100_000))
    return measured.maximum <= console.width


def dim_line(text: str) -> Text:
    """A dim line under a table, wrapped to the terminal."""
    return Text(text, style="dim")


def rich_table(table: pa.Table, *, title: str | None = None, limit: int | None = None) -> Table:
    """A Rich table of the first `limit` rows; no cell is ever broken across lines."""
    shown = table.slice(0, limit) if limit is not None else table
    view = Table(title=title, header_style="bold")
    for name in table.column_names:
        view.add_column(name, justify="right" if is_numeric(table, name) else "left", no_wrap=True)
    for row in shown.to_pylist():
        view.add_row(*(cell(row[name], name) for name in table.column_names))
    return view


def fitting_table(
    table: pa.Table, *, console: Console, title: str | None = None, limit: int | None = None
) -> Table:
    """A plain table when it fits the console unwrapped, else one block of lines a row."""
    view = rich_table(table, title=title, limit=limit)
    return view if fits(console, view) else record_table(table, title=title, limit=limit)


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


def record_table(table: pa.Table, *, title: str | None = None, limit: int | None = None) -> Table:
    """Rows too wide for the terminal as blocks of `field  value` lines, one block a row."""
    shown = table.slice(0, limit) if limit is not None else table
    view = Table(title=title, show_header=False, box=box.SIMPLE, pad_edge=False)
    view.add_column("field", style="bold", no_wrap=True)
    view.add_column("value", overflow="fold")
    rows = shown.to_pylist()
    for index, row in enumerate(rows):
        for position, name in enumerate(table.column_names):
            view.add_row(
                name,
                cell(row[name], name),
                end_section=position == table.num_columns - 1 and index < len(rows) - 1,
            )
    return view


def summary_views(
    table: pa.Table, *, keys: list[str], title: str | None, console: Console
) -> list[RenderableType]:
    """A summary that fits `width`: every figure with groups as columns (in as many
    side-by-side pages as needed) for a few groups, else each group's headline figures."""
    headlines = {column for _, _, column, _ in HEADLINES}
    if table.num_rows <= MOST_GROUPS_AS_COLUMNS or not headlines <= set(table.column_names):
        views: list[RenderableType] = list(
            group_columns(table, keys=keys, title=title, width=console.width)
        )
        caption = units_caption(table.column_names)
        return [*views, dim_line(caption)] if caption else views
    figures = table.num_columns - len(keys)
    return [
        *headline_views(table, keys=keys, title=title, console=console),
        dim_line(
            f"Headline figures of {table.num_rows:,} groups; --format csv or jsonl gives all "
            f"{figures} figures per group, and fewer groups (--by {keys[0]}) show them here."
        ),
    ]


def group_columns(
    table: pa.Table, *, keys: list[str], title: str | None, width: int
) -> list[Table]:
    """Figures as rows and groups as columns, split into pages of the groups that fit."""
    figures = [name for name in table.column_names if name not in keys]
    rows = table.to_pylist()
    headings = ["\n".join(cell(row[key], key) for key in keys) for row in rows]
    values = [[cell(row[name], name) for name in figures] for row in rows]
    column_widths = [
        max(*(len(line) for line in heading.splitlines()), *map(len, values[index])) + 3
        for index, heading in enumerate(headings)
    ]
    # On a narrow terminal, long figure names wrap so that a group's numbers keep whole.
    label_room = max(len("figure"), width - 4 - max(column_widths))
    label_width = min(label_room, max(len("figure"), *(len(name) for name in figures)))
    pages = _pages(column_widths, room=width - (1 + label_width + 3))
    views = []
    for number, page in enumerate(pages, start=1):
        part = f" ({number}/{len(pages)})" if len(pages) > 1 else ""
        view = Table(title=f"{title or ''}{part}" or None, header_style="bold")
        view.add_column("figure", style="bold", overflow="fold", max_width=label_width)
        for index in page:
            view.add_column(headings[index], justify="right", no_wrap=True)
        for position, name in enumerate(figures):
            view.add_row(name, *(values[index][position] for index in page))
        views.append(view)
    return views


def _pages(widths: list[int], *, room: int) -> list[list[int]]:
    """Column indexes in pages of at most `room` characters, as even in count as they go."""
    pages: list[list[int]] = [[]]
    used = 0
    for index, column_width in enumerate(widths):
        if used + column_width > room and pages[-1]:
            pages.append([])
            used = 0
        pages[-1].append(index)
        used += column_width
    per_page = -(-len(widths) // len(pages))
    even = [list(range(i, min(i + per_page, len(widths)))) for i in range(0, len(widths), per_page)]
    if len(even) == len(pages) and all(sum(widths[i] for i in page) <= room for page in even):
        return even
    return pages


def headline_views(
    summary: pa.Table, *, keys: Sequence[str], title: str | None, console: Console
) -> list[RenderableType]:
    """Each group's headline figures in a compact table that fits the console (rightmost
    figures left out when it would not), with a key to the abbreviations."""
    rows = summary.to_pylist()
    columns = [(key, "", [cell(row[key], key) for row in rows]) for key in keys]
    columns += [
        (head, means, [show(row[column]) for row in rows])
        for head, means, column, show in HEADLINES
    ]
    kept = len(columns)
    view = _compact(columns, keys=keys, title=title)
    while kept > len(keys) + 1 and not fits(console, view):
        kept -= 1
        view = _compact(columns[:kept], keys=keys, title=title)
    explained = [f"{head} = {means}" for head, means, _ in columns[len(keys) : kept] if means]
    key = "; ".join([HEADLINE_KEY, *explained])
    left_out = [head for head, _, _ in columns[kept:]]
    if left_out:
        key += f". Not shown at this width: {', '.join(left_out)}"
    return [view, dim_line(key + ".")]


def _compact(
    columns: Sequence[tuple[str, str, list[str]]], *, keys: Sequence[str], title: str | None
) -> Table:
    view = Table(
        title=title, header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False, collapse_padding=True
    )
    for head, _, _ in columns:
        view.add_column(head, justify="left" if head in keys else "right", no_wrap=True)
    for index in range(len(columns[0][2])):
        view.add_row(*(shown[index] for _, _, shown in columns))
    return view
