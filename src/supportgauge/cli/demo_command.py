"""`supportgauge demo`: generate, import and compare vendors in one go."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import pyarrow as pa
import typer
from rich import box
from rich.table import Table

from supportgauge.cli.app import DbOption, app, console, progress_bar, reports_errors
from supportgauge.cli.data_commands import describe_import, generate_files
from supportgauge.cli.render import cell, write_csv
from supportgauge.importing import import_paths
from supportgauge.metrics.store_metrics import store_summary
from supportgauge.store.duckdb import open_store


def comparison_table(summary: pa.Table, *, keys: list[str], title: str) -> Table:
    """A compact vendor comparison that fits an 80-column terminal."""
    view = Table(title=title, header_style="bold", box=box.SIMPLE_HEAD, pad_edge=False)
    rows = summary.to_pylist()
    for key in keys:
        widest = max([len(key), *(len(str(row[key])) for row in rows)])
        view.add_column(key, no_wrap=True, min_width=widest)
    headings = ("n", "resp50", "resp90", "fix50", "fix90", "reopen", "1touch", "repeat")
    for heading in headings:
        view.add_column(heading, justify="right", no_wrap=True, min_width=len(heading))
    view.columns[len(keys)].min_width = max(len(f"{row['tickets']:,}") for row in rows)
    for row in rows:
        view.add_row(
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
    view.caption = "resp = first response, fix = full resolution (p50, p90); m = min, h = hours"
    return view


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
    with open_store(db) as store:
        with progress_bar("Importing") as progress:
            outcome = import_paths(store, [data_dir], progress=progress)
        console.print(describe_import(outcome.result, store.location.describe()))
        by_vendor = store_summary(store, by=["vendor"]).to_pyarrow()
        by_priority = store_summary(store, by=["vendor", "priority"]).to_pyarrow()
        location = store.location.describe()
    console.print(comparison_table(by_vendor, keys=["vendor"], title="Vendors compared"))
    console.print(
        comparison_table(by_priority, keys=["vendor", "priority"], title="By vendor and priority")
    )
    summary_file = out / "summary_by_vendor_priority.csv"
    write_csv(by_priority, summary_file)
    console.print(
        f"Data: {data_dir}  Store: {location}  Full summary: {summary_file}\n"
        "Next: supportgauge metrics summary --by vendor,month   "
        "supportgauge metrics tickets --format jsonl"
    )
