"""Two commands on one store: a reader never locks out an import, a busy store is waited for
with one line, and a wait that runs out ends in one clear line; nothing is corrupted."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import ibis
import pytest

from supportgauge.errors import ConflictError, StoreError
from supportgauge.gauge import Gauge
from supportgauge.importing import FAULT_HOOK_VARIABLE
from supportgauge.store.busy import BusyWait, busy_message
from supportgauge.store.duckdb import open_store
from tests.store.faults import Scenario, make_scenario, store_digest, trial_store

_CLI = "from supportgauge.cli import main; main()"
# A Python user's Gauge (read-only, or the default that may write, as the README opens
# it): a call, idle until told, a call, then a hold until told.
_GAUGE = """
import sys
from supportgauge import Gauge
with Gauge.open(sys.argv[1], sys.argv[2], read_only=sys.argv[3] == "read") as gauge:
    print(gauge.ticket_count(), flush=True)
    sys.stdin.readline()
    with gauge.hold():
        print(gauge.ticket_count(), flush=True)
        sys.stdin.readline()
"""


def waiting_line(seconds: int) -> str:
    return (
        "Waiting for the store: another process is using it "
        f"(waiting up to {seconds} s; Ctrl-C to stop)."
    )


def start(*args: str, hook: str | None = None, script: str | None = None) -> subprocess.Popen[str]:
    """A supportgauge command (or a Python script) in a child process."""
    env = {key: value for key, value in os.environ.items() if key != FAULT_HOOK_VARIABLE}
    if hook:
        env[FAULT_HOOK_VARIABLE] = hook
    return subprocess.Popen(
        [sys.executable, "-c", script or _CLI, *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # A child of a shell job may start with SIGINT ignored; Ctrl-C must reach it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )


def wait_until_stopped(child: subprocess.Popen[str]) -> None:
    for _ in range(600):
        state = Path(f"/proc/{child.pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        if state == "T":
            return
        time.sleep(0.05)
    raise AssertionError("the first import never reached its writing step")


def finish(child: subprocess.Popen[str]) -> tuple[int, str, str]:
    out, err = child.communicate(timeout=120)
    return child.returncode, out, err


@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> Scenario:
    return make_scenario(tmp_path_factory.mktemp("busy"), tickets=40)


@pytest.fixture(scope="module")
def expected(scenario: Scenario, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """The digest of the store after one complete import of the export."""
    db = trial_store(scenario, tmp_path_factory.mktemp("expected"), "expected")
    with Gauge.open(db, scenario.config) as gauge:
        gauge.import_paths([scenario.export])
    return store_digest(db, scenario.config)


@pytest.fixture
def stopped_import(
    scenario: Scenario, expected: dict[str, str], tmp_path: Path
) -> Iterator[tuple[Path, subprocess.Popen[str]]]:
    """A store and an import into it stopped while writing, in its transaction, holding the
    store. When the test ends it goes on (if the test did not resume it) and must succeed,
    leaving the store exactly as one complete import does: nothing the test did corrupted it."""
    db = trial_store(scenario, tmp_path, "busy")
    first = start(*import_args(db, scenario.config, scenario), hook="6:STOP")
    wait_until_stopped(first)
    try:
        yield db, first
    finally:
        if first.poll() is None:
            first.send_signal(signal.SIGCONT)
            assert finish(first)[2] == ""
    assert first.returncode == 0
    assert store_digest(db, scenario.config) == expected


def import_args(db: Path, config: Path, scenario: Scenario) -> list[str]:
    return ["import", str(scenario.export), "--db", str(db), "--config", str(config)]


def start_waiting_import(db: Path, scenario: Scenario) -> subprocess.Popen[str]:
    """An import that finds the store busy: it has said that it waits."""
    child = start(*import_args(db, scenario.config, scenario))
    assert child.stderr is not None
    assert child.stderr.readline().rstrip("\n") == waiting_line(120)
    return child


def assert_found_nothing_new(child: subprocess.Popen[str], db: Path) -> None:
    """The import ended well, after the one before it had imported the same files."""
    code, out, err = finish(child)
    assert (code, err) == (0, "")
    assert out.startswith(f"Nothing new for {db}:")


@pytest.mark.parametrize("mode", ["read", "write"])
def test_an_idle_gauge_never_locks_out_an_import_and_one_at_work_makes_it_wait(
    scenario: Scenario, expected: dict[str, str], tmp_path: Path, mode: str
) -> None:
    db = trial_store(scenario, tmp_path, "store")
    reader = start(str(db), str(scenario.config), mode, script=_GAUGE)
    assert reader.stdout is not None and reader.stdin is not None
    before = int(reader.stdout.readline())
    code, _, err = finish(start(*import_args(db, scenario.config, scenario)))
    assert (code, err) == (0, "")
    # The reader, still open, sees the import's tickets at its next call, in a hold.
    reader.stdin.write("\n")
    reader.stdin.flush()
    assert int(reader.stdout.readline()) > before
    importer = start_waiting_import(db, scenario)
    assert reader.communicate("\n", timeout=120) == ("", "")
    assert_found_nothing_new(importer, db)
    assert store_digest(db, scenario.config) == expected


def test_a_second_import_waits_for_the_first_and_both_succeed(
    scenario: Scenario, stopped_import: tuple[Path, subprocess.Popen[str]]
) -> None:
    db, first = stopped_import
    second = start_waiting_import(db, scenario)
    first.send_signal(signal.SIGCONT)
    assert finish(first)[0] == 0
    assert_found_nothing_new(second, db)


def test_a_wait_that_runs_out_or_is_stopped_ends_in_one_line(
    scenario: Scenario, stopped_import: tuple[Path, subprocess.Popen[str]], tmp_path: Path
) -> None:
    db, _ = stopped_import
    brief = tmp_path / "brief.toml"
    brief.write_text(scenario.config.read_text() + "\n[store]\nwait_seconds = 1\n", "utf-8")
    second = start(*import_args(db, brief, scenario))
    reader = start("metrics", "summary", "--db", str(db), "--config", str(brief))
    stopped = start_waiting_import(db, scenario)
    for read_only in (False, True):
        told: list[float] = []
        started = time.monotonic()
        with pytest.raises(ConflictError) as raised:
            open_store(db, read_only=read_only, wait=BusyWait(0.3, told.append))
        assert str(raised.value) == busy_message(0.3)
        assert told == [0.3]
        assert time.monotonic() - started >= 0.3
    with pytest.raises(ConflictError, match=r"busy: another process has been "
                       r"using it \(an import"):  # fmt: skip
        open_store(db)
    time.sleep(0.3)  # a person's Ctrl-C comes after the line is read, not within its writing
    stopped.send_signal(signal.SIGINT)
    busy = f"{waiting_line(1)}\nError: {busy_message(1)}\n"
    assert finish(second) == (1, "", busy)
    assert finish(reader) == (1, "", busy)
    assert finish(stopped) == (130, "", "stopped waiting for the store; nothing was changed.\n")


def test_a_reader_lets_go_of_the_store_between_calls(scenario: Scenario, tmp_path: Path) -> None:
    db = trial_store(scenario, tmp_path, "store")
    with Gauge.open(db, scenario.config, read_only=True) as reader:
        count = reader.ticket_count()
        # Were the reader's file still open, DuckDB would refuse this second configuration.
        with Gauge.open(db, scenario.config) as writer:
            writer.import_paths([scenario.export])
        assert reader.ticket_count() > count
        # Expressions outlive the opening they were built in; in-memory tables too.
        vendor = reader.tickets(fields=["vendor"], limit=1).column("vendor")[0].as_py()
        vendors = ibis.memtable({"vendor": [vendor]})
        tickets = reader.store.table("tickets").semi_join(vendors, "vendor").select("vendor")
        first = reader.store.to_arrow(tickets)
        assert reader.store.to_arrow(tickets) == first and first.num_rows > 0
        with reader.hold():
            figures = reader.figures(["ticket_id", "vendor"]).order_by(["vendor", "ticket_id"])
            assert figures.to_pyarrow().num_rows == reader.ticket_count()
        with pytest.raises(ConflictError, match=r"inside `with gauge.hold\(\):`"):
            reader.figures()
    with pytest.raises(StoreError, match="is closed"):
        reader.ticket_count()
