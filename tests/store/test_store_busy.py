"""Two imports at once, and a reader during an import: one clear line, nothing corrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from supportgauge.errors import ConflictError
from supportgauge.gauge import Gauge
from supportgauge.importing import FAULT_HOOK_VARIABLE
from supportgauge.store.duckdb import STORE_BUSY, open_store
from tests.store.faults import make_scenario, store_digest, trial_store

BUSY_LINE = f"Error: {STORE_BUSY}"
_CLI = "from supportgauge.cli import main; main()"


def start(*args: str, hook: str | None = None) -> subprocess.Popen[str]:
    env = {key: value for key, value in os.environ.items() if key != FAULT_HOOK_VARIABLE}
    if hook:
        env[FAULT_HOOK_VARIABLE] = hook
    return subprocess.Popen(
        [sys.executable, "-c", _CLI, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )


def wait_until_stopped(child: subprocess.Popen[str]) -> None:
    for _ in range(600):
        state = Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if state == "T":
            return
        time.sleep(0.1)
    raise AssertionError("the first import never reached its writing step")


@pytest.mark.slow
def test_a_second_import_and_a_reader_during_an_import_get_one_clear_line(
    tmp_path: Path,
) -> None:
    scenario = make_scenario(tmp_path / "scenario")
    expected = trial_store(scenario, tmp_path, "expected")
    with Gauge.open(expected, scenario.config) as gauge:
        gauge.import_paths([scenario.export])
    db = trial_store(scenario, tmp_path, "busy")
    common = ["--db", str(db), "--config", str(scenario.config)]
    # The first import stops itself while writing, inside its transaction, holding the lock.
    first = start("import", str(scenario.export), *common, hook="6:STOP")
    try:
        wait_until_stopped(first)
        second = start("import", str(scenario.export), *common)
        reader = start("metrics", "summary", "--by", "vendor", *common)
        for child in (second, reader):
            out, err = child.communicate(timeout=120)
            assert (child.returncode, err.strip(), out) == (1, BUSY_LINE, "")
    finally:
        first.send_signal(signal.SIGCONT)
    out, err = first.communicate(timeout=300)
    assert first.returncode == 0, err
    assert store_digest(db, scenario.config) == store_digest(expected, scenario.config)


def test_opening_a_store_another_process_writes_is_a_conflict(tmp_path: Path) -> None:
    db = tmp_path / "store.duckdb"
    open_store(db).close()
    holder = start("import", str(tmp_path / "nothing"), "--db", str(db), hook="1:STOP")
    try:
        wait_until_stopped(holder)
        for read_only in (False, True):
            with pytest.raises(ConflictError) as raised:
                open_store(db, read_only=read_only)
            assert str(raised.value) == STORE_BUSY
    finally:
        holder.send_signal(signal.SIGCONT)
        holder.communicate(timeout=120)
