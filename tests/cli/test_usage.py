"""A command used wrongly says so in one `Error:` block, exit 2; help shows flags as flags."""

from __future__ import annotations

import pytest
import typer.main
from typer.testing import CliRunner

from supportgauge.cli import app
from tests.test_docs import COMMANDS

runner = CliRunner()


@pytest.mark.parametrize(
    ("args", "error", "command"),
    [
        (
            ["metrics", "tickets", "--limit", "abc"],
            "Invalid value for '--limit': Input should be a valid integer, unable to parse "
            "string as an integer",
            "supportgauge metrics tickets",
        ),
        (["import"], "Missing argument 'PATH'.", "supportgauge import"),
        (["forget", "--bogus"], "No such option: --bogus", "supportgauge forget"),
        (["bogus"], "No such command 'bogus'.", "supportgauge"),
        (["--bogus"], "No such option: --bogus", "supportgauge"),
        (["metrics", "tickest"], "No such command 'tickest'. Did you mean", "supportgauge metrics"),
    ],
)
def test_a_usage_error_is_one_error_block_and_exit_code_2(
    args: list[str], error: str, command: str
) -> None:
    result = runner.invoke(app, args, prog_name="supportgauge")
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    first, second = result.stderr.splitlines()
    assert first.startswith(f"Error: {error}")
    assert second == f"Try '{command} --help'."


def test_a_group_named_alone_still_shows_its_help() -> None:
    result = runner.invoke(app, ["metrics"], prog_name="supportgauge")
    assert "Usage: supportgauge metrics" in result.output
    assert "Error" not in result.output


@pytest.mark.parametrize("path", [path for path, _ in COMMANDS])
def test_help_shows_flags_without_a_value_and_paths_as_path(path: str) -> None:
    result = runner.invoke(app, [*path.split(), "--help"], prog_name="supportgauge")
    assert result.exit_code == 0, result.output
    assert "<bool>" not in result.output
    assert "<path>" not in result.output


def test_what_an_option_takes_is_named_in_help() -> None:
    command = typer.main.get_command(app)
    import_command = command.commands["import"]  # type: ignore[attr-defined]
    metavars = {param.name: param.metavar for param in import_command.params}
    assert metavars["skip_invalid"] == "" and metavars["mapping"] == "PATH"
    assert metavars["paths"] == "PATH"
