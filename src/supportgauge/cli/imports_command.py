"""`supportgauge imports`: the store's imports, to name one to `forget --import ID`."""

from __future__ import annotations

from supportgauge.cli.app import DbOption, app, console, reports_errors
from supportgauge.cli.metrics_commands import FormatOption
from supportgauge.cli.render import check_output_format, emit
from supportgauge.cli.store_access import open_gauge

# What a terminal table shows: the files as typed (every column is in JSON Lines and CSV).
TABLE_COLUMNS = (
    "import_id",
    "started_at",
    "source_format",
    "files",
    "tickets_added",
    "tickets_updated",
    "events_added",
    "events_updated",
    "rows_rejected",
)


@app.command("imports")
@reports_errors
def imports_command(output_format: FormatOption = "table", db: DbOption = None) -> None:
    """List the store's imports: id, when, format, files and counts, oldest first."""
    check_output_format(output_format)
    with open_gauge(db, read_only=True) as gauge:
        imports = gauge.imports()
        location = gauge.location
    if output_format != "table":
        emit(imports, output_format=output_format, console=console)
        return
    if imports.num_rows == 0:
        console.print(f"No imports in {location} yet. Import data with 'supportgauge import PATH'.")
        return
    emit(
        imports.select(list(TABLE_COLUMNS)),
        output_format=output_format,
        console=console,
        title=f"Imports in {location}",
        limit=None,
    )
