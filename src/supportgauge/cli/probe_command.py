"""`supportgauge probe list` and `probe export`: the shipped stress-test probes."""

from __future__ import annotations

import json
from typing import Annotated

import pyarrow as pa
import pyarrow.compute as pc
import typer
from rich import box
from rich.table import Table

from supportgauge.cli.app import app, console, reports_errors
from supportgauge.cli.render import show
from supportgauge.cli.tables import dim_line, fits, record_table
from supportgauge.gauge import Gauge

TITLE = "Stress-test probes"

probe_app = typer.Typer(help="Stress-test probes to send to every vendor.", no_args_is_help=True)
app.add_typer(probe_app, name="probe")


@probe_app.command("list")
@reports_errors
def list_command(
    scenario: Annotated[str | None, typer.Option("--scenario", help="Only this scenario.")] = None,
) -> None:
    """The shipped probes: id, scenario, category and how many key points a good answer has."""
    probes = Gauge.probes(scenario=scenario)
    table = pa.table(
        {
            "probe": probes["probe_id"],
            "scenario": probes["scenario"],
            "category": probes["category"],
            "points": pc.list_value_length(probes["key_points"]),
        }
    )
    view = Table(title=TITLE, header_style="bold", box=box.SIMPLE_HEAD)
    for heading in table.column_names:
        view.add_column(heading, no_wrap=True, justify="right" if heading == "points" else "left")
    for row in table.to_pylist():
        view.add_row(*(str(value) for value in row.values()))
    show(console, [view if fits(console, view) else record_table(table, title=TITLE)])
    show(
        console, [dim_line("Export a scenario's questions: supportgauge probe export --scenario S")]
    )


@probe_app.command("export")
@reports_errors
def export_command(
    scenario: Annotated[str, typer.Option("--scenario", help="The scenario's probes.")],
    lang: Annotated[str, typer.Option("--lang", help="Language: zh or en.")] = "en",
) -> None:
    """The probes of a scenario as JSON Lines, to send as tickets (set each ticket's probe_id)."""
    for row in Gauge.probes(scenario=scenario, language=lang).to_pylist():
        print(json.dumps(row, ensure_ascii=False))
