"""Opening the store for one command: held only while the command works, and a busy store
is waited for with one line on stderr."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from supportgauge.cli.app import error_console
from supportgauge.gauge import Gauge


def say_waiting(seconds: float) -> None:
    """The one line a command prints when it starts waiting for a busy store."""
    error_console.print(
        "Waiting for the store: another process is using it "
        f"(waiting up to {seconds:g} s; Ctrl-C to stop).",
        markup=False,
        highlight=False,
    )


@contextmanager
def open_gauge(
    db: str | None, config: Path | None = None, *, read_only: bool = False
) -> Iterator[Gauge]:
    """The store and settings for one command, held for the whole block: its steps see one
    state of the data, and the file is let go of when the block ends."""
    with Gauge.open(db, config, read_only=read_only, on_wait=say_waiting) as gauge, gauge.hold():
        yield gauge
