"""`supportgauge demo`: generate, import and compare vendors in one go."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Annotated, Any

import pyarrow as pa
import typer
from rich import box
from rich.console import RenderableType
from rich.table import Table

from supportgauge.cli.app import app, console, reports_errors
from supportgauge.cli.cells import minutes
from supportgauge.cli.data_commands import describe_import, generate_files
from supportgauge.cli.progress import progress_bar, working
from supportgauge.cli.render import show, write_csv
from supportgauge.cli.score_command import print_scorecard
from supportgauge.cli.store_access import open_gauge
from supportgauge.cli.tables import dim_line, headline_views
from supportgauge.errors import ConflictError, InputError
from supportgauge.synthetic import SETTINGS_FILE


def hours_views(hours: pa.Table) -> list[RenderableType]:
    """Each vendor's first and first real answer in its own hours, off hours and at peak."""
    view = Table(
        title="Claims against the clock: first reply / first real answer (p50)",
        header_style="bold",
        box=box.SIMPLE_HEAD,
        pad_edge=False,
    )
    for heading in ("vendor", "claims", "in hours", "off hours", "real x in", "peak"):
        view.add_column(heading, justify="left" if heading == "vendor" else "right", no_wrap=True)
    for row in hours.to_pylist():
        view.add_row(
            row["vendor"],
            row["claimed_hours"] or "-",
            _reply_pair(row, "in_hours"),
            _reply_pair(row, "off_hours"),
            _ratio(row["off_to_in_hours_substantive_p50_ratio"]),
            _reply_pair(row, "peak"),
        )
    key = (
        "claims = the support hours the vendor sells; each cell: median first reply / median "
        "first real answer (a reply that is more than an acknowledgement), m = minutes, "
        "h = hours; in hours and off hours by the vendor's own calendar, peak = the "
        "customer's busy hours; real x in = how many times slower the real answer is off "
        "hours than in hours; n/r = not reached: fewer than half were answered."
    )
    return [view, dim_line(key)]


def _reply_pair(row: dict[str, Any], prefix: str) -> str:
    return (
        f"{_median(row, prefix, 'first_response')} / {_median(row, prefix, 'substantive_response')}"
    )


def _median(row: dict[str, Any], prefix: str, clock: str) -> str:
    value = row[f"{prefix}_{clock}_p50"]
    # No median of tickets there are: '-'; of tickets fewer than half of which were answered:
    # not reached (the key says so), never a small number from the answered few.
    if value is None and row.get(f"{prefix}_n"):
        return "n/r"
    return minutes(value)


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}x"


# Marks a folder as the demo's own: a later demo may replace what is in it.
DEMO_MARK = ".supportgauge-demo"
DEMO_STORE = "supportgauge.duckdb"


def claim_demo_folder(out: Path) -> None:
    """Make `out` the demo's own folder, emptied of an earlier demo's store and data;
    refuse a file, or a folder holding files the demo did not write."""
    if out.exists() and not out.is_dir():
        raise InputError(f"{out} is a file; the demo needs a folder of its own.", parameter="out")
    if out.is_dir() and any(out.iterdir()) and not (out / DEMO_MARK).exists():
        raise ConflictError(
            f"{out} already holds files the demo did not write, and the demo writes only "
            "into a folder of its own. Name a new or empty folder.",
            parameter="out",
        )
    try:
        out.mkdir(parents=True, exist_ok=True)
        (out / DEMO_MARK).write_text(
            "Written by 'supportgauge demo', which replaces this folder's store and data.\n",
            encoding="utf-8",
        )
        # A second demo starts afresh rather than mixing two data sets in one store.
        for name in (DEMO_STORE, f"{DEMO_STORE}.wal"):
            (out / name).unlink(missing_ok=True)
        shutil.rmtree(out / "data", ignore_errors=True)
    except OSError as error:
        raise InputError(
            f"cannot write the demo into {out}: {error.strerror or error}.", parameter="out"
        ) from None


@app.command("demo")
@reports_errors
def demo_command(
    out: Annotated[
        Path,
        typer.Option(
            "--out",
            metavar="PATH",
            help="The demo's own folder: data, store, settings and results.",
        ),
    ] = Path("supportgauge-demo"),
    tickets: Annotated[
        int, typer.Option("--tickets", min=100, help="Tickets to generate.")
    ] = 20_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 7,
) -> None:
    """Generate a multi-vendor data set in a folder of its own, import it, score the vendors."""
    claim_demo_folder(out)
    data_dir = out / "data"
    # The data set comes with the settings defining its vendors' calendars.
    generate_files(data_dir, tickets=tickets, seed=seed, file_format="parquet")
    config = out / "supportgauge.toml"
    shutil.move(data_dir / SETTINGS_FILE, config)
    with open_gauge(str(out / DEMO_STORE), config) as gauge:
        with progress_bar("Importing") as progress:
            outcome = gauge.import_paths([data_dir], progress=progress)
        # The demo is for people: its lines wrap to the width even when piped.
        console.print(describe_import(outcome.result, gauge.location), soft_wrap=False)
        with working("Computing figures"):
            overview = gauge.overview()
        with working("Scoring"):
            card = gauge.score()
    by_vendor, by_priority = overview["by_vendor"], overview["by_vendor_priority"]
    show(
        console,
        headline_views(by_vendor, keys=["vendor"], title="Vendors compared", console=console),
    )
    show(
        console,
        headline_views(
            by_priority,
            keys=["vendor", "priority"],
            title="By vendor and priority",
            console=console,
        ),
    )
    show(console, hours_views(overview["hours"]))
    print_scorecard(card)
    summary_file = out / "summary_by_vendor_priority.csv"
    write_csv(by_priority, summary_file)
    console.print(
        f"Everything is in {out}: data/, {DEMO_STORE} (the store), supportgauge.toml (the "
        f"vendors' calendars) and {summary_file.name} (the full summary). Next, in that "
        f"folder (cd {out}):",
        soft_wrap=False,
    )
    console.print(
        "  supportgauge score --scenario show_live   (or voice_room, game_voice)\n"
        f"  supportgauge score --explain {card.vendors[-1].vendor}\n"
        "  supportgauge metrics summary --by vendor,month\n"
        "  supportgauge metrics hours\n"
        "  supportgauge metrics tickets --format jsonl"
    )
