"""The `supportgauge` command line."""

from __future__ import annotations

from supportgauge.cli import (
    classify_command,
    data_commands,
    demo_command,
    forget_command,
    imports_command,
    metrics_commands,
    probe_command,
    reread_command,
    score_command,
)
from supportgauge.cli.app import app

# Importing the command modules registers their commands on `app`.
_COMMAND_MODULES = (
    classify_command,
    data_commands,
    demo_command,
    forget_command,
    imports_command,
    metrics_commands,
    probe_command,
    reread_command,
    score_command,
)


def main() -> None:
    """Entry point of the `supportgauge` script."""
    app()


__all__ = ["app", "main"]
