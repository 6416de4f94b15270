"""Ctrl-C that a command must answer for, even when the engine swallowed it."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from types import FrameType


@dataclass
class InterruptNote:
    """Whether Ctrl-C was pressed while the block ran."""

    pressed: bool = False


@contextmanager
def noting_interrupts() -> Iterator[InterruptNote]:
    """Ctrl-C raises KeyboardInterrupt as usual, and is also noted.

    The engine checks for Ctrl-C while a query runs; one that lands as a query completes can
    be consumed without an exception, so a command that must say what an interrupt kept
    reads the note as well.
    """
    note = InterruptNote()

    def handle(number: int, frame: FrameType | None) -> None:
        note.pressed = True
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, handle)
    try:
        yield note
    finally:
        signal.signal(signal.SIGINT, previous)
