"""The `supportgauge` command: parse, call one core function, report."""

from __future__ import annotations

import functools
from collections.abc import Callable
from importlib.metadata import version
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

# The consoles, as every command module takes them from here.
from supportgauge.cli.messages import console as console
from supportgauge.cli.messages import error_console as error_console
from supportgauge.cli.usage import CommandLine
from supportgauge.errors import Interrupted, SupportGaugeError
from supportgauge.launch import INTERRUPTED_EXIT as INTERRUPTED_EXIT

app = typer.Typer(
    cls=CommandLine,
    name="supportgauge",
    help="Judge RTC and live-streaming vendors' after-sales support by ticket data.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _show_version(wanted: bool) -> None:
    if wanted:
        typer.echo(f"supportgauge {version('supportgauge')}")
        raise typer.Exit()


@app.callback()
def _options(
    show_version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Judge RTC and live-streaming vendors' after-sales support by ticket data."""


metrics_app = typer.Typer(help="Per-ticket figures and their aggregates.", no_args_is_help=True)
app.add_typer(metrics_app, name="metrics")


DbOption = Annotated[
    str | None,
    typer.Option(
        "--db",
        help="Store: a DuckDB file (default ./supportgauge.duckdb or $SUPPORTGAUGE_DB).",
        show_default=False,
    ),
]
ConfigOption = Annotated[
    Path | None,
    typer.Option(
        "--config",
        metavar="PATH",
        help="Settings file (default ./supportgauge.toml when present).",
    ),
]

F = TypeVar("F", bound=Callable[..., Any])


def reports_errors(command: F) -> F:
    """Turn expected failures into one `Error: ...` line and exit code 1."""

    @functools.wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except Interrupted as error:
            error_console.print(f"Interrupted: {error}", markup=False, highlight=False)
            raise typer.Exit(INTERRUPTED_EXIT) from None
        except KeyboardInterrupt:
            error_console.print("Interrupted.", markup=False, highlight=False)
            raise typer.Exit(INTERRUPTED_EXIT) from None
        except SupportGaugeError as error:
            message = cli_message(error)
        error_console.print(f"Error: {message}", markup=False, highlight=False, soft_wrap=True)
        raise typer.Exit(1)

    return wrapper  # type: ignore[return-value]


# Python API parameters whose command-line flag is not their name with dashes; None: the
# command takes it as an argument, and the message names it already.
FLAGS: dict[str, str | None] = {
    "source_format": "--format",
    "output_format": "--format",
    "by_period": "--by",
    "vendors": "--vendor",
    "language": "--lang",
    "dimension": None,
}


# The command that takes each step an error may advise (errors.NEXT_STEPS).
NEXT_STEP_COMMANDS = {
    "import": "supportgauge import PATH",
    "reread": "supportgauge reread",
}


def cli_message(error: SupportGaugeError) -> str:
    """The error's message, led by the command-line flag of the argument at fault and
    followed by the command of the step it advises."""
    message = str(error)
    if error.next_step in NEXT_STEP_COMMANDS:
        message += f" Next: {NEXT_STEP_COMMANDS[error.next_step]}"
    if error.parameter is None:
        return message
    flag = FLAGS.get(error.parameter, "--" + error.parameter.replace("_", "-"))
    return message if flag is None else f"{flag}: {message}"
