"""Helpers for fault-injection tests: generated exports, a subprocess import, store digests."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from supportgauge.gauge import Gauge
from supportgauge.importing import FAULT_HOOK_VARIABLE
from supportgauge.store.duckdb import open_store
from supportgauge.synthetic import calendars_toml, generate_dataset, write_dataset

# Progress reports of an import of a generated folder (six tables), in order.
IMPORT_STEPS = 16
_CLI = "from supportgauge.launch import main; main()"  # as the installed script starts
# Figures from every part of an import: tickets, events, calendars, readings, categories.
CHECKED_FIGURES = (
    "ticket_id",
    "vendor",
    "category_inferred",
    "first_response_business_min",
    "substantive_response_min",
    "first_real_answer_min",
    "time_to_locate_min",
    "full_resolution_min",
    "reopens",
    "agent_replies",
    "hollow_replies",
    "expert_replies",
    "repeat",
)


@dataclass(frozen=True)
class Scenario:
    """A store before an import, the export to import, and the settings its data needs."""

    before: Path
    export: Path
    config: Path


def make_scenario(folder: Path, *, tickets: int = 160) -> Scenario:
    """A store holding one generated import, and a second export (other tickets and
    changed versions of some stored ones) to import into it."""
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "supportgauge.toml"
    config.write_text(calendars_toml(), encoding="utf-8")
    first = folder / "first"
    write_dataset(generate_dataset(tickets // 2, seed=11), first, file_format="parquet")
    export = folder / "second"
    write_dataset(generate_dataset(tickets, seed=12), export, file_format="parquet")
    before = folder / "before.duckdb"
    with Gauge.open(before, config) as gauge:
        gauge.import_paths([first])
    return Scenario(before, export, config)


def run_import(
    db: Path,
    scenario: Scenario,
    *,
    hook: str | None = None,
    kill_after: float | None = None,
    kill_signal: int = signal.SIGINT,
) -> subprocess.CompletedProcess[str]:
    """`supportgauge import` in a child process, stopped by a hook or a timed signal."""
    env = {**os.environ}
    env.pop(FAULT_HOOK_VARIABLE, None)
    if hook is not None:
        env[FAULT_HOOK_VARIABLE] = hook
    command = [sys.executable, "-c", _CLI, "import", str(scenario.export), "--db", str(db)]
    command += ["--config", str(scenario.config)]
    child = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        # A child of a shell job may start with SIGINT ignored; Ctrl-C must reach it.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    if kill_after is not None:
        time.sleep(kill_after)
        child.send_signal(kill_signal)
    out, err = child.communicate(timeout=300)
    return subprocess.CompletedProcess(command, child.returncode, out, err)


def startup_seconds() -> float:
    """How long the command line takes to load here: what a timed kill must wait past."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-c", _CLI, "--version"], capture_output=True, check=True)
    return time.perf_counter() - start


def trial_store(scenario: Scenario, folder: Path, name: str) -> Path:
    """A fresh copy of the store before the import."""
    db = folder / f"{name}.duckdb"
    shutil.copy(scenario.before, db)
    return db


def store_digest(db: Path, config: Path) -> dict[str, str]:
    """A digest of every stored table (the import log without its times) and of figures
    built on each part of an import: equal digests, equal stores."""
    digests = {}
    with open_store(db, read_only=True) as store, store.held():
        connection = store.connection
        names = [
            row[0]
            for row in connection.execute(
                "SELECT table_name FROM information_schema.tables "
                "WHERE table_schema = 'main' ORDER BY 1"
            ).fetchall()
        ]
        for name in names:
            # Times of day differ between runs; nothing else may.
            rows = {
                "imports": "SELECT * EXCLUDE (started_at) FROM imports",
                "schema_version": "SELECT version FROM schema_version",
            }.get(name, f'SELECT * FROM "{name}"')
            digests[name] = str(
                connection.execute(
                    f"""SELECT count(*) || ':' || coalesce(md5(string_agg(CAST(t AS VARCHAR),
                        chr(30) ORDER BY CAST(t AS VARCHAR))), '') FROM ({rows}) t"""
                ).fetchall()[0][0]
            )
    with Gauge.open(db, config, read_only=True) as gauge:
        figures = gauge.tickets(fields=CHECKED_FIGURES)
    lines = sorted(str(row) for row in figures.to_pylist())
    digests["figures"] = hashlib.md5("\n".join(lines).encode()).hexdigest()
    return digests
