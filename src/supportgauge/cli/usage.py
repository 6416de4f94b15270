"""The command line's own words about how it is used: its usage errors and its help."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer

# Typer (0.26 on) carries its own copy of Click: the usage error and the command and context
# types are there, not among Typer's public names; tests/cli/test_usage.py says when an
# upgrade moves them.
from typer._click import Command, Context
from typer._click.exceptions import NoArgsIsHelpError, UsageError
from typer.core import TyperGroup

from supportgauge.cli.messages import error_console

# The Unix convention for a command used wrongly (bad option, missing argument).
USAGE_EXIT = 2


class CommandLine(TyperGroup):
    """The `supportgauge` command group.

    A usage error (an option's value that cannot be read, a missing argument, an unknown
    option or command) is one `Error: ...` line and a pointer to the command's help, exit
    code 2; help shows a flag without a value.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        show_flags_plain(self, self.context_settings.get("help_option_names", ["--help"]))

    def make_context(
        self, info_name: str | None, args: list[str], parent: Context | None = None, **extra: Any
    ) -> Context:
        """Parse the group's own options, saying a usage error as the CLI says errors."""
        with usage_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Context) -> Any:
        """Run the command named, saying a usage error in its words as the CLI says errors."""
        with usage_errors():
            return super().invoke(ctx)


@contextmanager
def usage_errors() -> Iterator[None]:
    """Turn a usage error into `Error: ...` and `Try '... --help'.` on stderr, exit code 2."""
    try:
        yield
    except NoArgsIsHelpError:
        raise  # a group named alone shows its help: not an error to reword
    except UsageError as error:
        command = error.ctx.command_path if error.ctx is not None else "supportgauge"
        error_console.print(
            f"Error: {error.format_message()}\nTry '{command} --help'.",
            markup=False,
            highlight=False,
        )
        raise typer.Exit(USAGE_EXIT) from None


def show_flags_plain(command: Command, help_names: list[str]) -> None:
    """Help shows a flag as itself (`--yes`, not `--yes <bool>`: it takes no value), in this
    command and every command under it, its help option too."""
    # The help option is made for a context the first time it is asked for, then kept.
    for param in command.get_params(Context(command, help_option_names=help_names)):
        if getattr(param, "is_flag", False) and param.metavar is None:
            param.metavar = ""
    for subcommand in getattr(command, "commands", {}).values():
        show_flags_plain(subcommand, help_names)
