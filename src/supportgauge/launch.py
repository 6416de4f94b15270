"""The `supportgauge` script: start the command line, and stop quietly on an early Ctrl-C."""

from __future__ import annotations

import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager

INTERRUPTED_EXIT = 130  # the shell's convention for a process stopped by SIGINT (128 + 2)
EARLY_INTERRUPT = "Interrupted before the command started: nothing was changed."


def main() -> None:
    """Load the command line and run it; Ctrl-C before a command takes over prints one line."""
    try:
        with _interrupts_held():
            from supportgauge.cli import main as run_command_line
        run_command_line()
    except KeyboardInterrupt:
        print(EARLY_INTERRUPT, file=sys.stderr)
        raise SystemExit(INTERRUPTED_EXIT) from None


@contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C until the block ends, then raise it as KeyboardInterrupt.

    A signal that lands while a native extension (the engine) initialises aborts the process
    with the extension's own traceback; held, it arrives once the load is over.
    """
    if not hasattr(signal, "pthread_sigmask"):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
