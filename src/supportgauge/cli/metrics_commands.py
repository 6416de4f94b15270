"""`metrics tickets`, `metrics summary` and `metrics hours`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

import pyarrow as pa
import typer

from supportgauge.cli.app import (
    ConfigOption,
    DbOption,
    console,
    metrics_app,
    reports_errors,
)
from supportgauge.cli.cells import cell
from supportgauge.cli.progress import working
from supportgauge.cli.render import OUTPUT_FORMATS, check_output_format, emit
from supportgauge.cli.reread_command import warn_about_readings
from supportgauge.cli.store_access import open_gauge
from supportgauge.cli.tables import dim_line
from supportgauge.gauge import Gauge
from supportgauge.metrics.hours_claims import PERCENTILE_COUNTS
from supportgauge.metrics.summary import GROUP_KEYS, parse_group_keys
from supportgauge.metrics.ticket_metrics import TICKET_FIELDS, parse_fields

FormatOption = Annotated[
    str, typer.Option("--format", help=f"Output: {', '.join(OUTPUT_FORMATS)}.")
]
# What a terminal table shows without --fields, as many as fit, most telling first.
TABLE_FIELDS = (
    "ticket_id",
    "vendor",
    "priority",
    "first_response_min",
    "full_resolution_min",
    "reopens",
    "one_touch",
    "first_response_hollow",
    "requester_wait_min",
    "agent_replies",
    "max_update_gap_min",
    "created_at",
)
OutOption = Annotated[
    Path | None,
    typer.Option("--out", metavar="PATH", help="Write to this file instead of standard output."),
]


def _show(
    figures: Callable[[Gauge], pa.Table],
    *,
    output_format: str,
    out: Path | None,
    db: str | None,
    config: Path | None,
    rows: Callable[[Gauge], int] | None = None,
    **shown: Any,
) -> None:
    """Compute figures and show or write them in the chosen format; `rows` counts the rows
    there are when `figures` computes only those a table shows."""
    check_output_format(output_format)
    with open_gauge(db, config, read_only=True) as gauge, working("Computing figures"):
        warn_about_readings(gauge)
        table = figures(gauge)
        total = rows(gauge) if rows is not None else None
    emit(table, output_format=output_format, console=console, out=out, total_rows=total, **shown)


@metrics_app.command("tickets")
@reports_errors
def tickets_command(
    output_format: FormatOption = "table",
    out: OutOption = None,
    limit: Annotated[
        int, typer.Option("--limit", help="Rows shown in a table (only they are computed).")
    ] = 50,
    fields: Annotated[
        str | None,
        typer.Option(
            "--fields",
            help=(
                "Only these fields, comma-separated (default: all; a table shows the "
                "core ones that fit the terminal); fewer compute faster."
            ),
        ),
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """One row per ticket: response, resolution, waits, reopens, replies (docs/metrics.md)."""
    chosen = parse_fields(fields) if fields is not None else None
    # A table shows the first `limit` tickets: only they are computed.
    first = limit if output_format == "table" else None
    note = None
    if chosen is None and output_format == "table":
        # As many core fields as the terminal's width shows, in this order.
        chosen = list(TABLE_FIELDS)
        note = (
            f"Showing {{shown}} of {len(TICKET_FIELDS)} fields; --fields picks others "
            "(docs/metrics.md lists them), --format csv or jsonl gives every field."
        )
    _show(
        lambda gauge: gauge.tickets(fields=chosen, limit=first),
        output_format=output_format,
        out=out,
        db=db,
        config=config,
        limit=limit,
        title="Per-ticket figures",
        note=note,
        fit_width=note is not None,
        rows=Gauge.ticket_count if first is not None else None,
    )


@metrics_app.command("summary")
@reports_errors
def summary_command(
    by: Annotated[
        str,
        typer.Option("--by", help=f"Group by any of {', '.join(GROUP_KEYS)}, comma-separated."),
    ] = "vendor",
    output_format: FormatOption = "table",
    out: OutOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """n, mean, p50 and p90 of every figure, and rates, per group."""
    keys = parse_group_keys(by)
    _show(
        lambda gauge: gauge.summary(by=keys),
        output_format=output_format,
        out=out,
        db=db,
        config=config,
        keys=keys,
        limit=None,
        title=f"Summary by {', '.join(keys)}",
    )


@metrics_app.command("hours")
@reports_errors
def hours_command(
    output_format: FormatOption = "table",
    out: OutOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """First response in the vendor's hours, off hours and at the customer's peak."""
    for_people = output_format == "table"
    _show(
        (lambda gauge: _hours_for_people(gauge.hours())) if for_people else Gauge.hours,
        output_format=output_format,
        out=out,
        db=db,
        config=config,
        keys=["vendor"],
        limit=None,
        title="First response in and off the vendor's hours",
    )
    if for_people:
        console.print(dim_line(HOURS_KEY), soft_wrap=False)


HOURS_KEY = (
    "p50/p90: Kaplan-Meier percentiles over every ticket of the class; one never answered "
    "counts as still waiting at its close or the end of the data. Not reached: fewer than "
    "half (p50) or nine in ten (p90) answered on that estimate. *_responded_rate: the "
    "share answered."
)


def _hours_for_people(hours: pa.Table) -> pa.Table:
    """The hours table as a terminal shows it: a percentile of a class with tickets but no
    value was not reached, and says so."""
    for name, count_name in PERCENTILE_COUNTS.items():
        counts = hours.column(count_name).to_pylist()
        shown = [
            "not reached" if value is None and count else cell(value, name)
            for value, count in zip(hours.column(name).to_pylist(), counts, strict=True)
        ]
        index = hours.schema.get_field_index(name)
        hours = hours.set_column(index, pa.field(name, pa.string()), pa.array(shown, pa.string()))
    return hours
