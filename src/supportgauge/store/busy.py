"""Opening a store file another process holds: wait for it, within a limit, then say so."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import duckdb

from supportgauge.errors import ConflictError, Interrupted, StoreError

# Called once, when a store is found busy and the wait begins, with the most seconds it waits.
WaitCallback = Callable[[float], None]
# Retries start quick (a reader's query often ends within moments) and settle at this pace.
_FIRST_RETRY_SECONDS = 0.05
_LONGEST_RETRY_SECONDS = 0.5


@dataclass(frozen=True)
class BusyWait:
    """How long to wait for a store another process is using, and whom to tell that we
    wait (the faces print it; the core prints nothing)."""

    seconds: float = 0
    on_wait: WaitCallback | None = None


def busy_message(seconds: float) -> str:
    """The one line for a store still busy after waiting `seconds`."""
    waited = f" for {seconds:g} s" if seconds > 0 else ""
    return (
        f"the store is busy: another process has been using it{waited} (an import or another "
        "change, a command computing, or a Python hold() block); try again "
        "when that ends, or wait longer with [store] wait_seconds in supportgauge.toml."
    )


def connect_when_free(target: str, *, read_only: bool, wait: BusyWait) -> duckdb.DuckDBPyConnection:
    """A connection to the store file, waiting while another process holds it (DuckDB lets
    one process write a file, or many read it, never both)."""
    started = time.monotonic()
    pause = _FIRST_RETRY_SECONDS
    told = False
    while True:
        try:
            return duckdb.connect(target, read_only=read_only)
        except duckdb.IOException as error:
            if "Could not set lock on file" not in str(error):
                raise StoreError(f"Cannot open the store {target}: {error}") from error
        except duckdb.Error as error:
            raise StoreError(f"Cannot open the store {target}: {error}") from error
        left = wait.seconds - (time.monotonic() - started)
        if left <= 0:
            # The engine's own text names a PID and a lock: not a user's business.
            raise ConflictError(busy_message(wait.seconds)) from None
        try:
            if not told and wait.on_wait is not None:
                wait.on_wait(wait.seconds)
            told = True
            time.sleep(min(pause, left))
        except KeyboardInterrupt:
            raise Interrupted("stopped waiting for the store; nothing was changed.") from None
        pause = min(pause * 2, _LONGEST_RETRY_SECONDS)
