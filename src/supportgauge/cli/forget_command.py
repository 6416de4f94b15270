"""`supportgauge forget`: remove a vendor's data, or an import's, on purpose."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from supportgauge.cli.app import DbOption, app, console, reports_errors
from supportgauge.cli.store_access import open_gauge
from supportgauge.errors import NotFoundError


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
        typer.Option("--source", help="Remove what the imports that read this file brought."),
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask before removing.")] = False,
    db: DbOption = None,
) -> None:
    """Remove data from the store on purpose: counts first, then one transaction."""
    import_ids = [import_id] if import_id is not None else []
    what = _what(vendor, import_id, source)
    with open_gauge(db, read_only=True) as gauge:
        counts = gauge.forget(vendor=vendor, import_ids=import_ids, source=source, dry_run=True)
        location = gauge.location
    if not counts:
        raise NotFoundError(f"nothing to forget: {what} has no rows in {location}.")
    console.print(f"In {location}, {what} has {_listed(counts)}.", soft_wrap=False)
    if not yes and not typer.confirm("Remove them for good?", default=False):
        console.print("Nothing removed.")
        # A declined removal did not do what was asked: scripts must not read it as done.
        raise typer.Exit(1)
    with open_gauge(db) as gauge:
        removed = gauge.forget(vendor=vendor, import_ids=import_ids, source=source)
    console.print(f"Removed {_listed(removed)} from {location}.", soft_wrap=False)


def _what(vendor: str | None, import_id: int | None, source: Path | None) -> str:
    if vendor is not None:
        return f"vendor '{vendor}'"
    if import_id is not None:
        return f"import {import_id}"
    return f"what the imports that read {source} brought"


def _listed(counts: dict[str, int]) -> str:
    return ", ".join(
        f"{count:,} {'row' if count == 1 else 'rows'} of {table}" for table, count in counts.items()
    )
