"""The `supportgauge` script: start the command line, and stop quietly on an early Ctrl-C."""

from __future__ import annotations

import sys


def main() -> None:
    """Load the command line and run it; Ctrl-C while it loads prints one line, exit 130."""
    try:
        from supportgauge.cli import main as run_command_line
    except KeyboardInterrupt:
        print("Interrupted.", file=sys.stderr)
        raise SystemExit(130) from None
    run_command_line()
