"""Commands that bring data in: import and generate."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pyarrow as pa
import typer

from supportgauge.cli.app import (
    INTERRUPTED_EXIT,
    ConfigOption,
    DbOption,
    app,
    console,
    error_console,
    reports_errors,
)
from supportgauge.cli.cells import cell
from supportgauge.cli.interrupts import noting_interrupts
from supportgauge.cli.progress import progress_bar
from supportgauge.cli.render import show
from supportgauge.cli.store_access import open_gauge
from supportgauge.cli.tables import fitting_table
from supportgauge.errors import InputError, Interrupted
from supportgauge.importing import SOURCE_FORMATS, ImportOutcome
from supportgauge.plurals import count_of
from supportgauge.sources.source_figures import FigureComparison
from supportgauge.store.import_counts import (
    NOTHING_WRITTEN,
    ImportResult,
    TableCounts,
    committed_message,
)


@app.command("import")
@reports_errors
def import_command(
    paths: Annotated[
        list[Path],
        typer.Argument(metavar="PATH", help="Folders or files (CSV, JSON Lines, Parquet)."),
    ],
    file_format: Annotated[
        str,
        typer.Option("--format", help=f"Input format: {', '.join(SOURCE_FORMATS)}."),
    ] = "canonical",
    mapping: Annotated[
        Path | None,
        typer.Option("--mapping", metavar="PATH", help="Column mapping for --format csv."),
    ] = None,
    vendor: Annotated[
        str | None, typer.Option("--vendor", help="Vendor of a help-desk export.")
    ] = None,
    timezone: Annotated[
        str | None,
        typer.Option("--timezone", help="IANA zone of timestamps written without an offset."),
    ] = None,
    skip_invalid: Annotated[
        bool,
        typer.Option(
            "--skip-invalid", help="Import the good rows; write bad ones to reject files."
        ),
    ] = False,
    rejects_dir: Annotated[
        Path | None,
        typer.Option(
            "--rejects-dir",
            metavar="PATH",
            help="Folder for reject files (default: current folder).",
        ),
    ] = None,
    early_events: Annotated[
        str | None,
        typer.Option(
            "--early-events",
            help="Events before their ticket's creation: clamp (move the creation to the "
            "earliest event) or reject. Default: the settings' \\[import] early_events, clamp.",
        ),
    ] = None,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """Load tickets and events into the store: all or nothing, and never twice."""
    outcome = None
    try:
        with (
            noting_interrupts() as interrupt,
            open_gauge(db, config) as gauge,
            progress_bar("Importing") as progress,
        ):
            outcome = gauge.import_paths(
                paths,
                source_format=file_format,
                mapping=mapping,
                vendor=vendor,
                timezone=timezone,
                skip_invalid=skip_invalid,
                rejects_dir=rejects_dir,
                early_events=early_events,
                progress=progress,
            )
            location = gauge.location
            if interrupt.pressed:
                raise KeyboardInterrupt  # pressed, but consumed by the engine
        report_import(outcome, location)
    except (Interrupted, KeyboardInterrupt) as error:
        # One line that says what was kept: once the import has returned, everything it did
        # (what was cut short after it, closing the store or the report, changes nothing);
        # before, what the import says, or (stopped before it began) nothing.
        if outcome is not None and outcome.result.changed:
            message = committed_message(outcome.result.tickets_added, outcome.result.events_added)
        elif isinstance(error, Interrupted):
            message = str(error)
        else:
            message = NOTHING_WRITTEN
        error_console.print(message, markup=False, highlight=False)
        raise typer.Exit(INTERRUPTED_EXIT) from None


def report_import(outcome: ImportOutcome, location: str) -> None:
    """What an import did, its comparisons with the export's own figures, and its warnings."""
    for path in outcome.skipped:
        error_console.print(f"Skipped {path}: not named after a canonical table.")
    console.print(describe_import(outcome.result, location))
    for name, comparisons in outcome.comparisons.items():
        # A figure a row where it fits, else a block of lines a figure: words stay whole.
        title = f"Our figures against the export's own ({name})"
        show(console, [fitting_table(comparison_table(comparisons), console=console, title=title)])
    for warning in outcome.warnings:
        error_console.print(f"Warning: {warning}", markup=False, highlight=False)


def comparison_table(comparisons: list[FigureComparison]) -> pa.Table:
    """How supportgauge's figures compare with those the help desk computed, as shown."""
    return pa.table(
        {
            "figure": [item.figure for item in comparisons],
            "tickets": [f"{item.n_matched:,}" for item in comparisons],
            "median diff": [cell(item.median_abs_diff, item.figure) for item in comparisons],
            "p90 diff": [cell(item.p90_abs_diff, item.figure) for item in comparisons],
            "within 1": [cell(item.share_within_1, "share_rate") for item in comparisons],
            "why they differ": [item.explanation for item in comparisons],
        }
    )


def describe_import(result: ImportResult, location: str) -> str:
    """What an import did, with every row read accounted for."""
    lines = []
    if result.changed:
        events_updated = f"{result.events_updated:,} updated, " if result.events_updated else ""
        lines.append(
            f"Import {result.import_id} into {location}: "
            f"{count_of(result.tickets_added, 'ticket')} added, "
            f"{result.tickets_updated:,} updated, {result.tickets_unchanged:,} unchanged; "
            f"{count_of(result.events_added, 'event')} added, {events_updated}"
            f"{result.events_unchanged:,} already there."
        )
    else:
        lines.append(
            f"Nothing new for {location}: {count_of(result.tickets_unchanged, 'ticket')} and "
            f"{count_of(result.events_unchanged, 'event')} were already there."
        )
    lines.extend(accounting_line(name, counts) for name, counts in result.tables.items())
    for name, columns in result.ignored_columns.items():
        lines.append(
            f"Ignored columns in {name}: {', '.join(columns)} "
            "(not canonical; docs/importing.md lists the columns)."
        )
    if result.rows_rejected:
        files = ", ".join(str(path) for path in result.reject_files)
        lines.append(f"Rejected {count_of(result.rows_rejected, 'row')}; reasons in {files}.")
    return "\n".join(lines)


def accounting_line(name: str, counts: TableCounts) -> str:
    """`events: 102 rows read = 100 added + 2 merged (rule)`: where every row went."""
    parts = [
        f"{count:,} {what}"
        for count, what in (
            (counts.added, "added"),
            (counts.updated, "updated"),
            (counts.unchanged, "already there"),
        )
        if count
    ]
    parts.extend(f"{count:,} merged ({rule})" for rule, count in counts.merged.items())
    parts.extend(f"{count:,} skipped ({rule})" for rule, count in counts.skipped.items())
    if counts.rejected:
        parts.append(f"{counts.rejected:,} rejected")
    return f"{name}: {count_of(counts.read, 'row')} read = {' + '.join(parts) or '0'}."


@app.command("generate")
@reports_errors
def generate_command(
    out: Annotated[
        Path, typer.Option("--out", metavar="PATH", help="Folder to write the data set into.")
    ],
    tickets: Annotated[int, typer.Option("--tickets", min=1, help="Number of tickets.")] = 10_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed: same seed, same data.")] = 0,
    file_format: Annotated[
        str, typer.Option("--format", help="File format: parquet, csv or jsonl.")
    ] = "parquet",
) -> None:
    """Write a realistic synthetic multi-vendor data set in the canonical format.

    The settings it needs (supportgauge.toml) are written beside it; existing files are never
    overwritten.
    """
    files = generate_files(out, tickets=tickets, seed=seed, file_format=file_format)
    console.print(
        f"Wrote {count_of(tickets, 'ticket')} to {out}: {', '.join(p.name for p in files)}. "
        f"Its supportgauge.toml defines the vendors' calendars: use it with --config "
        f"{out / 'supportgauge.toml'}, or run the metrics commands in {out}."
    )


def generate_files(out: Path, *, tickets: int, seed: int, file_format: str) -> list[Path]:
    """Generate a data set with a progress bar and write it to `out`."""
    from supportgauge.synthetic import (
        FILE_FORMATS,
        check_out_folder,
        generate_dataset,
        planned_files,
        write_dataset,
    )

    if file_format not in FILE_FORMATS:
        raise InputError(
            f"{file_format}: use one of {', '.join(FILE_FORMATS)}.", parameter="format"
        )
    # Refused before the work of generating, not after.
    check_out_folder(out, planned_files(out, file_format=file_format))
    with progress_bar("Generating") as progress:
        dataset = generate_dataset(
            tickets, seed=seed, progress=lambda done, total: progress("tickets", done, total)
        )
        progress("writing files", 0, 0)  # how long is not known
        return write_dataset(dataset, out, file_format=file_format)
