"""An import stopped at any point leaves the store exactly as before or exactly as after it."""

from __future__ import annotations

import os
import re
import signal
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supportgauge.cli import app
from supportgauge.errors import Interrupted
from supportgauge.gauge import Gauge
from supportgauge.importing import FAULT_HOOK_VARIABLE
from tests.store.faults import (
    IMPORT_STEPS,
    Scenario,
    make_scenario,
    run_import,
    startup_seconds,
    store_digest,
    trial_store,
)

NOTHING = "Import interrupted: nothing was written."
COMMITTED = "Import interrupted after it committed: "
IMPORTED = re.compile(r"Import \d+ into ")


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return make_scenario(tmp_path_factory.mktemp("interrupts"))


@pytest.fixture(scope="module")
def digests(scenario: Scenario, tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    """The store's digest before the import and after a complete one."""
    folder = tmp_path_factory.mktemp("complete")
    after = trial_store(scenario, folder, "after")
    with Gauge.open(after, scenario.config) as gauge:
        outcome = gauge.import_paths([scenario.export])
    assert outcome.result.tickets_added and outcome.result.tickets_updated
    before = store_digest(scenario.before, scenario.config)
    complete = store_digest(after, scenario.config)
    assert before != complete
    return {"before": before, "after": complete}


@pytest.fixture(scope="module")
def import_window(
    scenario: Scenario, tmp_path_factory: pytest.TempPathFactory
) -> tuple[float, float]:
    """When, in a child process here, the import's own work starts and how long it lasts:
    timed kills spread over the import, not over the command line's loading."""
    db = trial_store(scenario, tmp_path_factory.mktemp("timing"), "timing")
    loading = startup_seconds()
    start = time.perf_counter()
    assert run_import(db, scenario).returncode == 0
    return loading, max(time.perf_counter() - start - loading, 0.1)


def in_process_import(db: Path, scenario: Scenario, hook: str) -> str:
    """Import with the fault hook in this process; returns the Interrupted message."""
    os.environ[FAULT_HOOK_VARIABLE] = hook
    try:
        with Gauge.open(db, scenario.config) as gauge, pytest.raises(Interrupted) as raised:
            gauge.import_paths([scenario.export])
    finally:
        del os.environ[FAULT_HOOK_VARIABLE]
    return str(raised.value)


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        (3, NOTHING),  # staging checked every value
        (13, NOTHING),  # the reply readings are being written: the derived step
        (IMPORT_STEPS, COMMITTED),  # committed, not yet returned
    ],
)
def test_ctrl_c_at_a_step_keeps_the_store_before_or_after(
    scenario: Scenario, digests: dict[str, object], tmp_path: Path, step: int, expected: str
) -> None:
    db = trial_store(scenario, tmp_path, f"step{step}")
    message = in_process_import(db, scenario, f"{step}:INT")
    assert message.startswith(expected)
    state = "after" if expected == COMMITTED else "before"
    assert store_digest(db, scenario.config) == digests[state]


def test_the_cli_says_what_an_interrupt_kept_in_one_line(
    scenario: Scenario, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = trial_store(scenario, tmp_path, "cli")
    monkeypatch.setenv(FAULT_HOOK_VARIABLE, "5:INT")
    args = ["import", str(scenario.export), "--db", str(db), "--config", str(scenario.config)]
    result = CliRunner().invoke(app, args)
    assert (result.exit_code, result.output) == (130, NOTHING + "\n")


def test_a_failing_derived_step_rolls_the_whole_import_back(
    scenario: Scenario, digests: dict[str, object], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import supportgauge.importing as importing

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("classifier crashed")

    monkeypatch.setattr(importing, "read_texts_in_transaction", broken)
    db = trial_store(scenario, tmp_path, "broken")
    with Gauge.open(db, scenario.config) as gauge, pytest.raises(RuntimeError):
        gauge.import_paths([scenario.export])
    assert store_digest(db, scenario.config) == digests["before"]


# Every progress step with SIGINT and with SIGKILL, then kills at times spread over a run.
@pytest.mark.slow
@pytest.mark.parametrize("signal_name", ["INT", "KILL"])
@pytest.mark.parametrize("step", range(1, IMPORT_STEPS + 1))
def test_every_step_interrupted_or_killed_leaves_before_or_after(
    scenario: Scenario,
    digests: dict[str, object],
    tmp_path: Path,
    step: int,
    signal_name: str,
) -> None:
    db = trial_store(scenario, tmp_path, f"s{step}{signal_name}")
    done = run_import(db, scenario, hook=f"{step}:{signal_name}")
    digest = store_digest(db, scenario.config)
    if signal_name == "KILL":
        assert done.returncode == -signal.SIGKILL
        # The last step reports after the commit: the import is complete.
        assert digest == digests["after" if step == IMPORT_STEPS else "before"]
        return
    assert done.returncode == 130
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    state = "after" if done.stderr.startswith(COMMITTED) else "before"
    assert digest == digests[state]


@pytest.mark.slow
@pytest.mark.parametrize("kill_signal", [signal.SIGINT, signal.SIGKILL])
@pytest.mark.parametrize("fraction", [0.0, 0.1, 0.2, 0.3, 0.45, 0.6, 0.7, 0.8, 0.9, 1.0])
def test_a_timed_kill_leaves_before_or_after(
    scenario: Scenario,
    digests: dict[str, object],
    import_window: tuple[float, float],
    tmp_path: Path,
    fraction: float,
    kill_signal: int,
) -> None:
    db = trial_store(scenario, tmp_path, "timed")
    loading, working = import_window
    done = run_import(
        db, scenario, kill_after=loading + working * fraction, kill_signal=kill_signal
    )
    digest = store_digest(db, scenario.config)
    assert digest in (digests["before"], digests["after"])
    if kill_signal == signal.SIGKILL:
        return
    # Ctrl-C is answered: one line and 130, or, landing after the work ended, a full import
    # that said so (exit 0, or -SIGINT when the signal met the interpreter shutting down).
    assert done.returncode in (0, 130, -signal.SIGINT), done.stderr
    if done.returncode != 130:
        assert digest == digests["after"]
        assert IMPORTED.match(done.stdout), done.stdout
        return
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    # Landing while the report of a finished import is printed, Ctrl-C cuts the report.
    finished = done.stderr.startswith(COMMITTED) or IMPORTED.match(done.stdout)
    assert digest == digests["after" if finished else "before"]


@pytest.mark.slow
@pytest.mark.parametrize("fraction", [0.0, 0.3, 0.6, 0.9])
def test_ctrl_c_on_the_first_import_leaves_no_store_or_a_whole_one(
    scenario: Scenario, import_window: tuple[float, float], tmp_path: Path, fraction: float
) -> None:
    db = tmp_path / "new.duckdb"
    loading, working = import_window
    done = run_import(db, scenario, kill_after=loading + working * fraction)
    assert done.returncode in (0, 130, -signal.SIGINT), done.stderr
    if done.returncode == -signal.SIGINT:  # after the work ended, as above
        assert IMPORTED.match(done.stdout), done.stdout
    if done.returncode == 130 and not done.stderr.startswith(COMMITTED):
        # Stopped before the command began ("Interrupted before the command started: ...")
        # or before its commit: no empty store is left for the next command to trip on.
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert not db.exists(), done.stderr
    else:
        assert store_digest(db, scenario.config)["tickets"].split(":")[0] != "0"
