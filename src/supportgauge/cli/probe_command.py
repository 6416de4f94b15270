"""`supportgauge probe list` and `probe export`: the shipped stress-test probes."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich import box
from rich.table import Table

from supportgauge.cli.app import app, console, reports_errors
from supportgauge.errors import InputError
from supportgauge.scoring.probes import LANGUAGES, library_probes

probe_app = typer.Typer(help="Stress-test probes to send to every vendor.", no_args_is_help=True)
app.add_typer(probe_app, name="probe")


@probe_app.command("list")
@reports_errors
def list_command(
    scenario: Annotated[str | None, typer.Option("--scenario", help="Only this scenario.")] = None,
) -> None:
    """The shipped probes: id, scenario, category and how many key points a good answer has."""
    view = Table(title="Stress-test probes", header_style="bold", box=box.SIMPLE_HEAD)
    for heading in ("probe", "scenario", "category", "points"):
        view.add_column(heading, no_wrap=True)
    for probe in library_probes(scenario=scenario):
        view.add_row(probe.probe_id, probe.scenario, probe.category, str(len(probe.key_points)))
    console.print(view)
    console.print(
        "Export one scenario's questions: supportgauge probe export --scenario S --lang zh"
    )


@probe_app.command("export")
@reports_errors
def export_command(
    scenario: Annotated[str, typer.Option("--scenario", help="The scenario's probes.")],
    lang: Annotated[str, typer.Option("--lang", help="Language: zh or en.")] = "en",
) -> None:
    """The probes of a scenario as JSON Lines, to send as tickets (set each ticket's probe_id)."""
    if lang not in LANGUAGES:
        raise InputError(f"'{lang}': use zh or en.", parameter="lang")
    for probe in library_probes(scenario=scenario):
        points = [p.text_zh if lang == "zh" else p.text_en for p in probe.key_points]
        row = {"probe_id": probe.probe_id, "scenario": probe.scenario, "category": probe.category,
               "question": probe.question(lang), "key_points": points}  # fmt: skip
        print(json.dumps(row, ensure_ascii=False))
