"""`supportgauge demo`: generate, import and compare vendors in one go."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supportgauge.cli.app import DbOption, app, console, progress_bar, reports_errors
from supportgauge.cli.data_commands import describe_import, generate_files
from supportgauge.cli.render import rich_table, write_csv
from supportgauge.importing import import_paths
from supportgauge.metrics.store_metrics import store_summary
from supportgauge.store.duckdb import open_store

# The comparison the demo prints: what a buyer asks first.
COMPARISON_FIELDS = (
    "tickets",
    "first_response_min_p50",
    "first_response_min_p90",
    "full_resolution_min_p50",
    "full_resolution_min_p90",
    "requester_wait_min_p50",
    "reopened_rate",
    "one_touch_rate",
    "repeat_rate",
)


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
            result, _ = import_paths(store, [data_dir], progress=progress)
        console.print(describe_import(result, store.location.describe()))
        by_vendor = store_summary(store, by=["vendor"]).to_pyarrow()
        by_priority = store_summary(store, by=["vendor", "priority"]).to_pyarrow()
        location = store.location.describe()
    fields = ["vendor", *COMPARISON_FIELDS]
    console.print(rich_table(by_vendor.select(fields), title="Vendors compared (minutes)"))
    console.print(
        rich_table(
            by_priority.select(["vendor", "priority", *COMPARISON_FIELDS]),
            title="By vendor and priority (minutes)",
        )
    )
    summary_file = out / "summary_by_vendor_priority.csv"
    write_csv(by_priority, summary_file)
    console.print(
        f"Data: {data_dir}  Store: {location}  Full summary: {summary_file}\n"
        "Next: supportgauge metrics summary --by vendor,month   "
        "supportgauge metrics tickets --format jsonl"
    )
