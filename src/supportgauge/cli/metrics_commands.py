"""`metrics tickets` and `metrics summary`."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supportgauge.cli.app import (
    ConfigOption,
    DbOption,
    console,
    metrics_app,
    reports_errors,
    store_and_settings,
)
from supportgauge.cli.render import OUTPUT_FORMATS, check_output_format, emit
from supportgauge.metrics.store_metrics import (
    store_hours_comparison,
    store_summary,
    store_ticket_metrics,
)
from supportgauge.metrics.summary import GROUP_KEYS, parse_group_keys

FormatOption = Annotated[
    str, typer.Option("--format", help=f"Output: {', '.join(OUTPUT_FORMATS)}.")
]
OutOption = Annotated[
    Path | None, typer.Option("--out", help="Write to this file instead of standard output.")
]


@metrics_app.command("tickets")
@reports_errors
def tickets_command(
    output_format: FormatOption = "table",
    out: OutOption = None,
    limit: Annotated[int, typer.Option("--limit", help="Rows shown in a table.")] = 50,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """One row per ticket: response, resolution, waits, reopens, replies (SPEC names)."""
    check_output_format(output_format)
    store, settings = store_and_settings(db, config)
    with store:
        table = store_ticket_metrics(store, settings).to_pyarrow()
    emit(
        table,
        output_format=output_format,
        console=console,
        out=out,
        limit=limit,
        title="Per-ticket figures (minutes)",
    )


@metrics_app.command("summary")
@reports_errors
def summary_command(
    by: Annotated[
        str, typer.Option("--by", help=f"Group by any of {', '.join(GROUP_KEYS)}, comma-separated.")
    ] = "vendor",
    output_format: FormatOption = "table",
    out: OutOption = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """n, mean, p50 and p90 of every figure, and rates, per group."""
    check_output_format(output_format)
    keys = parse_group_keys(by)
    store, settings = store_and_settings(db, config)
    with store:
        table = store_summary(store, by=keys, settings=settings).to_pyarrow()
    emit(
        table,
        output_format=output_format,
        console=console,
        out=out,
        keys=keys,
        limit=None,
        title=f"Summary by {', '.join(keys)} (minutes)",
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
    check_output_format(output_format)
    store, settings = store_and_settings(db, config)
    with store:
        table = store_hours_comparison(store, settings).to_pyarrow()
    emit(
        table,
        output_format=output_format,
        console=console,
        out=out,
        keys=["vendor"],
        limit=None,
        title="Claims against the clock: first response (minutes)",
    )
