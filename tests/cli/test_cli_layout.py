"""Terminal tables fit the terminal they are printed in, and never split a number."""

from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pyarrow as pa
import pytest
import typer
import typer.core
import typer.main
from rich.console import Console, RenderableType
from typer.testing import CliRunner

from supportgauge.cli import app
from supportgauge.cli.app import console
from supportgauge.cli.cells import cell
from supportgauge.cli.tables import HEADLINES, headline_views, summary_views

runner = CliRunner()
WIDTHS = (60, 80, 120)
THIRTEEN_FIELDS = (
    "ticket_id,vendor,priority,first_response_min,full_resolution_min,reopens,one_touch,"
    "first_response_hollow,requester_wait_min,agent_replies,max_update_gap_min,created_at,"
    "first_response_business_min"
)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """A demo of 500 generated tickets run at 80 columns: its own folder and its output."""
    out = tmp_path_factory.mktemp("layout") / "demo"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(console, "width", 80)
        result = runner.invoke(app, ["demo", "--tickets", "500", "--out", str(out)])
    assert result.exit_code == 0, result.output
    return out, result.stdout


@pytest.fixture
def demo_folder(demo_run: tuple[Path, str]) -> Path:
    return demo_run[0]


@pytest.fixture(params=WIDTHS, ids=lambda width: f"{width}cols")
def width(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    monkeypatch.setattr(console, "width", request.param)
    yield request.param


@pytest.fixture
def narrow(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(console, "width", 80)


def run(demo_folder: Path, *args: str) -> str:
    options = ["--db", str(demo_folder / "supportgauge.duckdb")]
    options += ["--config", str(demo_folder / "supportgauge.toml")]
    result = runner.invoke(app, [*args, *options])
    assert result.exit_code == 0, result.output
    return result.stdout


def assert_fits(output: str, width: int) -> None:
    too_wide = [line for line in output.splitlines() if len(line) > width]
    assert not too_wide, f"{len(too_wide)} lines wider than {width}: {too_wide[0]!r}"
    assert "┃┃" not in output and "││" not in output, "an empty grid of box characters"
    assert "…" not in output, "a cut label"


@pytest.mark.parametrize(
    "args",
    [
        ["metrics", "summary", "--by", "vendor"],
        ["metrics", "summary", "--by", "vendor,month"],
        ["metrics", "summary", "--by", "vendor,priority"],
        ["metrics", "hours"],
        ["metrics", "tickets", "--limit", "5"],
        ["metrics", "tickets", "--limit", "5", "--fields", THIRTEEN_FIELDS],
    ],
    ids=lambda args: " ".join(args[:4]),
)
def test_every_table_fits_the_terminal(demo_folder: Path, width: int, args: list[str]) -> None:
    assert_fits(run(demo_folder, *args), width)


@pytest.mark.usefixtures("narrow")
def test_summary_by_vendor_shows_every_figure_by_its_full_name(demo_folder: Path) -> None:
    output = run(demo_folder, "metrics", "summary", "--by", "vendor")
    as_json = run(demo_folder, "metrics", "summary", "--by", "vendor", "--format", "jsonl")
    names = [name for name in json.loads(as_json.splitlines()[0]) if name != "vendor"]
    labels = re.findall(r"^│ (\w+) +│", output, flags=re.MULTILINE)
    # Groups beyond the width go on to a second page, which repeats every figure.
    assert labels[: len(names)] == names
    assert "Units: *_min* in minutes" in output
    assert "(minutes)" not in output


@pytest.mark.usefixtures("narrow")
def test_many_groups_show_headline_figures_and_their_key(demo_folder: Path) -> None:
    output = run(demo_folder, "metrics", "summary", "--by", "vendor,priority")
    assert re.search(r"^ ?vendor +priority +n +resp50 ", output, flags=re.MULTILINE)
    assert "resp = first response, fix = full resolution" in output
    assert "--format csv or jsonl gives all" in " ".join(output.split())
    first = json.loads(
        run(
            demo_folder, "metrics", "summary", "--by", "vendor,priority", "--format", "jsonl"
        ).splitlines()[0]
    )
    assert f"{first['tickets']:,}" in output.split()


@pytest.mark.usefixtures("narrow")
def test_thirteen_fields_never_split_a_number(demo_folder: Path) -> None:
    fields = THIRTEEN_FIELDS.split(",")
    output = run(demo_folder, "metrics", "tickets", "--limit", "3", "--fields", THIRTEEN_FIELDS)
    rows = run(
        demo_folder, "metrics", "tickets", "--format", "jsonl", "--fields", THIRTEEN_FIELDS
    ).splitlines()[:3]
    words = output.split()
    for row in map(json.loads, rows):
        for name in fields:
            value = row[name]
            shown = cell(value, name) if not isinstance(value, str) else value
            assert shown in words, (name, shown)


def test_the_demo_fits_and_explains_its_abbreviations(demo_run: tuple[Path, str]) -> None:
    _, output = demo_run
    assert_fits(output, 80)
    text = " ".join(output.split())
    for explained in (
        "1touch = resolved with one agent reply",
        "repeat = another ticket",
        "real x in = how many times slower",
        "resp = first response",
    ):
        assert explained in text


def test_columns_from_the_environment_are_honoured(demo_folder: Path) -> None:
    command = [str(Path(sys.executable).with_name("supportgauge")), "metrics", "summary"]
    command += ["--by", "vendor,month", "--db", str(demo_folder / "supportgauge.duckdb")]
    command += ["--config", str(demo_folder / "supportgauge.toml")]
    env = {**os.environ, "COLUMNS": "80"}
    done = subprocess.run(command, capture_output=True, text=True, env=env, check=False)
    assert done.returncode == 0, done.stderr
    assert_fits(done.stdout, 80)
    assert "month" in done.stdout


@pytest.mark.parametrize("args", [["--version"], ["-h"], ["metrics", "-h"]])
def test_version_and_short_help(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert (
        ("supportgauge " in result.output) if args == ["--version"] else "Usage:" in result.output
    )


def _commands(
    command: typer.core.TyperGroup, path: str = "supportgauge"
) -> Iterator[tuple[str, str]]:
    yield path, command.help or ""
    for name, sub in getattr(command, "commands", {}).items():
        yield from _commands(sub, f"{path} {name}")


def test_every_command_summary_is_one_sentence_on_one_line() -> None:
    # The first paragraph is what `-h` lists beside the command: a hard break there shows
    # as a sentence broken in the middle.
    for path, help_text in _commands(typer.main.get_command(app)):
        summary = help_text.strip().split("\n\n")[0]
        assert summary and "\n" not in summary, f"{path}: {summary!r}"


def _rendered(views: list[RenderableType], width: int) -> str:
    screen = Console(width=width, record=True, file=io.StringIO())
    for view in views:
        screen.print(view, soft_wrap=False)
    return screen.export_text()


def test_many_groups_without_headline_figures_go_in_pages() -> None:
    vendors = [f"Vendor{number:02d}" for number in range(13)]
    table = pa.table(
        {
            "vendor": vendors,
            "in_hours_n": list(range(13)),
            "off_to_in_hours_substantive_p50_ratio": [1.5] * 13,
        }
    )
    views = summary_views(table, keys=["vendor"], title="Hours", console=Console(width=80))
    text = _rendered(views, 80)
    assert_fits(text, 80)
    assert all(vendor in text for vendor in vendors)


def test_headline_figures_that_do_not_fit_are_named() -> None:
    rows = {name: [12.0] for _, _, name, _ in HEADLINES}
    table = pa.table({"vendor": ["Aurora"], "priority": ["P1"], **rows, "tickets": [3]})
    narrow_console = Console(width=50)
    views = headline_views(table, keys=["vendor", "priority"], title=None, console=narrow_console)
    text = _rendered(views, 50)
    assert_fits(text, 50)
    assert "Not shown at this width: " in " ".join(text.split())


@pytest.mark.parametrize("columns", [60, 80])
@pytest.mark.parametrize(
    "args",
    [["probe", "list"], ["probe", "list", "--scenario", "show_live"]],
    ids=lambda args: " ".join(args),
)
def test_probe_list_fits_the_terminal(
    monkeypatch: pytest.MonkeyPatch, columns: int, args: list[str]
) -> None:
    monkeypatch.setattr(console, "width", columns)
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert_fits(result.stdout, columns)
    assert "SG-LIVE-DISCONNECT-CAIRO" in result.stdout
