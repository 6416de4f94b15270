"""`supportgauge demo`: generate, import and compare vendors in one go."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pyarrow as pa
import typer
from rich import box
from rich.console import RenderableType
from rich.table import Table

from supportgauge.cli.app import DbOption, app, console, progress_bar, reports_errors, working
from supportgauge.cli.cells import minutes
from supportgauge.cli.data_commands import describe_import, generate_files
from supportgauge.cli.render import show, write_csv
from supportgauge.cli.tables import dim_line, headline_views
from supportgauge.gauge import Gauge
from supportgauge.synthetic import calendars_toml


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
        "hours than in hours."
    )
    return [view, dim_line(key)]


def _reply_pair(row: dict[str, Any], prefix: str) -> str:
    first = row[f"{prefix}_first_response_p50"]
    real = row[f"{prefix}_substantive_response_p50"]
    return f"{minutes(first)} / {minutes(real)}"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}x"


@app.command("demo")
@reports_errors
def demo_command(
    out: Annotated[
        Path, typer.Option("--out", help="Folder for the generated data and results.")
    ] = Path("supportgauge-demo"),
    tickets: Annotated[
        int, typer.Option("--tickets", min=100, help="Tickets to generate.")
    ] = 20_000,
    seed: Annotated[int, typer.Option("--seed", help="Random seed.")] = 7,
    db: DbOption = None,
) -> None:
    """Generate a realistic multi-vendor data set, import it and compare the vendors."""
    data_dir = out / "data"
    generate_files(data_dir, tickets=tickets, seed=seed, file_format="parquet")
    config = out / "supportgauge.toml"
    if not config.exists():
        # The vendors' real support calendars, so business time and off hours mean something.
        config.write_text(calendars_toml(), encoding="utf-8")
    with Gauge.open(db, config) as gauge:
        with progress_bar("Importing") as progress:
            outcome = gauge.import_paths([data_dir], progress=progress)
        location = gauge.location
        console.print(describe_import(outcome.result, location))
        with working("Computing figures"):
            overview = gauge.overview()
    by_vendor, by_priority = overview["by_vendor"], overview["by_vendor_priority"]
    hours = overview["hours"]
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
    show(console, hours_views(hours))
    summary_file = out / "summary_by_vendor_priority.csv"
    write_csv(by_priority, summary_file)
    console.print(
        f"Data: {data_dir}  Store: {location}  Settings: {config}\n"
        f"Full summary: {summary_file}\n"
        f"Next: supportgauge metrics summary --by vendor,month --config {config}\n"
        f"      supportgauge metrics hours --config {config}\n"
        f"      supportgauge metrics tickets --format jsonl --config {config}"
    )
