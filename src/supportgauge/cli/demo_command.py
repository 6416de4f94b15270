"""`supportgauge demo`: generate, import and compare vendors in one go."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import pyarrow as pa
import typer
from rich import box
from rich.table import Table

from supportgauge.cli.app import DbOption, app, console, progress_bar, reports_errors, working
from supportgauge.cli.data_commands import describe_import, generate_files
from supportgauge.cli.render import cell, write_csv
from supportgauge.cli.score_command import print_scorecard
from supportgauge.gauge import Gauge
from supportgauge.synthetic import calendars_toml


def comparison_table(summary: pa.Table, *, keys: list[str], title: str) -> Table:
    """A compact vendor comparison that fits an 80-column terminal."""
    view = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    headings = (*keys, "n", "resp50", "resp90", "fix50", "fix90", "reopen", "1touch", "repeat")
    cells = [
        (
            *(str(row[key]) for key in keys),
            f"{row['tickets']:,}",
            _minutes(row["first_response_min_p50"]),
            _minutes(row["first_response_min_p90"]),
            _minutes(row["full_resolution_min_p50"]),
            _minutes(row["full_resolution_min_p90"]),
            cell(row["reopened_rate"], "reopened_rate"),
            cell(row["one_touch_rate"], "one_touch_rate"),
            cell(row["repeat_rate"], "repeat_rate"),
        )
        for row in summary.to_pylist()
    ]
    for index, heading in enumerate(headings):
        widest = max([len(heading), *(len(values[index]) for values in cells)])
        view.add_column(
            heading,
            justify="left" if heading in keys else "right",
            no_wrap=True,
            min_width=widest,
        )
    for values in cells:
        view.add_row(*values)
    view.caption = "resp = first response, fix = full resolution (p50, p90); m = min, h = hours"
    return view


def hours_table(hours: pa.Table) -> Table:
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
    view.caption = (
        "real answer = first reply that is more than an acknowledgement; "
        "real x in = off-hours against in-hours real answer"
    )
    return view


def _reply_pair(row: dict[str, Any], prefix: str) -> str:
    first = row[f"{prefix}_first_response_p50"]
    real = row[f"{prefix}_substantive_response_p50"]
    return f"{_minutes(first)} / {_minutes(real)}"


def _ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:,.1f}x"


def _minutes(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}m" if value < 120 else f"{value / 60:,.1f}h"


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
        with working("Scoring"):
            card = gauge.score()
    by_vendor, by_priority = overview["by_vendor"], overview["by_vendor_priority"]
    hours = overview["hours"]
    console.print(comparison_table(by_vendor, keys=["vendor"], title="Vendors compared"))
    console.print(
        comparison_table(by_priority, keys=["vendor", "priority"], title="By vendor and priority")
    )
    console.print(hours_table(hours))
    print_scorecard(card)
    summary_file = out / "summary_by_vendor_priority.csv"
    write_csv(by_priority, summary_file)
    console.print(
        f"Data: {data_dir}  Store: {location}  Settings: {config}\n"
        f"Full summary: {summary_file}\n"
        f"Next: supportgauge score --scenario show_live --config {config}  (or voice_room, "
        "game_voice)\n"
        f"      supportgauge score --explain {card.vendors[-1].vendor} --config {config}\n"
        f"      supportgauge metrics summary --by vendor,month --config {config}\n"
        f"      supportgauge metrics hours --config {config}\n"
        f"      supportgauge metrics tickets --format jsonl --config {config}"
    )
