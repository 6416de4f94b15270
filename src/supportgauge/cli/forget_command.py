"""`supportgauge forget`: remove a vendor's data, or an import's, on purpose."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supportgauge.cli.app import DbOption, app, console, reports_errors
from supportgauge.cli.store_access import open_gauge
from supportgauge.plurals import count_of
from supportgauge.store.forget import Selection


@app.command("forget")
@reports_errors
def forget_command(
    vendor: Annotated[
        str | None, typer.Option("--vendor", help="Remove every row of this vendor.")
    ] = None,
    import_id: Annotated[
        int | None,
        typer.Option("--import", help="Remove what this import (its id) added or last changed."),
    ] = None,
    source: Annotated[
        Path | None,
        typer.Option(
            "--source",
            metavar="PATH",
            help="Remove what the imports that read this file or folder brought.",
        ),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before removing.")] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Say what would be removed, and change nothing.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Remove data from the store on purpose: counts first, then one transaction."""
    import_ids = [import_id] if import_id is not None else []
    what = Selection(vendor, tuple(import_ids), source).describe()
    with open_gauge(db, read_only=True) as gauge:
        counts = gauge.forget(vendor=vendor, import_ids=import_ids, source=source, dry_run=True)
        location = gauge.location
    console.print(f"In {location}, {what} has {_listed(counts)}.")
    if dry_run:
        console.print("Dry run: nothing removed.")
        return
    if not yes and not typer.confirm("Remove them for good?", default=False):
        console.print("Nothing removed.")
        # A declined removal did not do what was asked: scripts must not read it as done.
        raise typer.Exit(1)
    with open_gauge(db) as gauge:
        removed = gauge.forget(vendor=vendor, import_ids=import_ids, source=source)
    console.print(f"Removed {_listed(removed)} from {location}.")


def _listed(counts: dict[str, int]) -> str:
    return ", ".join(f"{count_of(count, 'row')} of {table}" for table, count in counts.items())
