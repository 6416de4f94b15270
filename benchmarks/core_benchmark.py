"""Import and per-ticket metrics at scale: Ibis on DuckDB beside hand-written SQL and pandas.

For each size: generate a synthetic data set and write it as Parquet, import it into a fresh
DuckDB store, and compute per-ticket figures with Ibis (`store_ticket_metrics`): the figures
the references compute (asked for by `fields`, as `metrics tickets --fields` does), then
every field with the vendors' calendars, then every field with every vendor on 24x7; then
the summary by vendor and priority (`store_summary`), the references' figures as one
hand-written DuckDB query, and in plain pandas from the Parquet files. Every measured step
runs in a fresh process, so its peak memory (VmHWM) is its own. All results must agree.

    python benchmarks/core_benchmark.py [--sizes 100000,1000000] [--workdir DIR] [--keep]
                                        [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
from reference_pandas import pandas_ticket_figures
from reference_sql import FIGURES, SUMMARY_FIGURES, sql_summary, sql_ticket_figures

from supportgauge.importing import import_paths
from supportgauge.metrics.store_metrics import store_summary, store_ticket_metrics
from supportgauge.settings import Settings, settings_from_document
from supportgauge.store.duckdb import open_store
from supportgauge.synthetic import VENDOR_PROFILES, calendars_toml, generate_dataset, write_dataset

STEPS = (
    "generate",
    "import",
    "ibis_tickets",
    "ibis_tickets_all",
    "ibis_tickets_all_24x7",
    "ibis_summary",
    "sql_tickets",
    "sql_summary",
    "pandas_tickets",
)
STEP_LABELS = {
    "generate": "generate data set",
    "write": "write Parquet",
    "import": "import into DuckDB",
    "ibis_tickets": "per-ticket, Ibis, same figures",
    "ibis_tickets_all": "per-ticket, Ibis, every field",
    "ibis_tickets_all_24x7": "every field, all 24x7",
    "ibis_summary": "summary vendor,priority, Ibis",
    "sql_tickets": "per-ticket, hand-written SQL",
    "sql_summary": "summary, hand-written SQL",
    "pandas_tickets": "per-ticket, pandas",
}
SUMMARY_BY = ["vendor", "priority"]
# What the references compute, per ticket: the fields the ratio target compares.
REFERENCE_FIELDS = ["vendor", "ticket_id", "created_at", "priority", *FIGURES]
RESULT_PREFIX = "STEP-RESULT "
SEED = 1
RATIO_TARGET = 1.5
IMPORT_TARGET_SECONDS = 60.0
IMPORT_TARGET_TICKETS = 1_000_000
MINUTES_TOLERANCE = 1e-6
EXAMPLES_SHOWN = 3


@dataclass(frozen=True)
class StepResult:
    """What one measured step took: wall seconds per phase and the process's memory."""

    step: str
    seconds: dict[str, float]
    start_rss_mib: float
    peak_rss_mib: float
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Agreement:
    """How two results of the same figures compare, ticket by ticket or group by group."""

    label: str
    rows: int
    unmatched_rows: int
    mismatches: dict[str, int]
    examples: tuple[str, ...]

    @property
    def agree(self) -> bool:
        """Whether every row matched and every figure agreed."""
        return self.unmatched_rows == 0 and not any(self.mismatches.values())

    def describe(self) -> str:
        """One line when they agree, else the counts per figure and a few examples."""
        if self.agree:
            return f"{self.label}: all figures agree on {self.rows:,} rows"
        lines = [f"{self.label}: DISAGREE on {self.rows:,} rows"]
        if self.unmatched_rows:
            lines.append(f"  {self.unmatched_rows:,} rows present in only one result")
        lines += [f"  {name}: {count:,} mismatches" for name, count in self.mismatches.items()]
        lines += [f"  e.g. {example}" for example in self.examples]
        return "\n".join(lines)


def compare_figures(
    left: pa.Table,
    right: pa.Table,
    *,
    keys: list[str],
    figures: tuple[str, ...],
    label: str,
    tolerance: Callable[[str], float],
) -> Agreement:
    """Join two results on `keys` and count, per figure, rows where they differ.

    Nulls agree only with nulls; numbers agree within `tolerance(figure)`.
    """
    columns = [*keys, *figures]
    joined = pd.merge(
        left.select(columns).to_pandas(),
        right.select(columns).to_pandas(),
        on=keys,
        how="outer",
        suffixes=("_left", "_right"),
        indicator=True,
    )
    both = joined[joined["_merge"] == "both"]
    mismatches: dict[str, int] = {}
    examples: list[str] = []
    for name in figures:
        a = both[f"{name}_left"].astype("float64")
        b = both[f"{name}_right"].astype("float64")
        same = (a.isna() & b.isna()) | ((a - b).abs() <= tolerance(name))
        mismatches[name] = int((~same).sum())
        for _, row in both[~same].head(EXAMPLES_SHOWN).iterrows():
            where = "/".join(str(row[key]) for key in keys)
            left_value, right_value = (_shown(row[f"{name}_{side}"]) for side in ("left", "right"))
            examples.append(f"{where} {name}: {left_value} vs {right_value}")
    return Agreement(label, len(joined), len(joined) - len(both), mismatches, tuple(examples))


def _shown(value: Any) -> str:
    return "null" if pd.isna(value) else str(value)


def _minutes_tolerance(name: str) -> float:
    return MINUTES_TOLERANCE if name.endswith("_min") else 0.0


def _summary_tolerance(name: str) -> float:
    return 0.0 if name == "tickets" else 1e-9


def _memory_mib(key: str) -> float:
    """VmRSS or VmHWM (peak) of this process from /proc, in MiB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"/proc/self/status has no {key}; the benchmark needs Linux.")


def _timed(action: Callable[[], Any], repeats: int = 1) -> tuple[Any, float]:
    """The action's result and its fastest wall time over `repeats` runs."""
    fastest = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        value = action()
        fastest = min(fastest, time.perf_counter() - started)
    return value, fastest


def _paths(workdir: Path, size: int) -> tuple[Path, Path, Path]:
    """The data folder, the store file and the results folder of one size."""
    base = workdir / f"tickets-{size}"
    return base / "data", base / "store.duckdb", base / "results"


def _generate(size: int, workdir: Path) -> tuple[dict[str, float], dict[str, int]]:
    data_dir, _, _ = _paths(workdir, size)
    dataset, generate_seconds = _timed(lambda: generate_dataset(size, seed=SEED))
    _, write_seconds = _timed(
        lambda: write_dataset(dataset, data_dir, file_format="parquet", replace=True)
    )
    counts = {
        "tickets": dataset.tables["tickets"].num_rows,
        "events": dataset.tables["events"].num_rows,
        "parquet_bytes": sum(p.stat().st_size for p in data_dir.glob("*.parquet")),
    }
    return {"generate": generate_seconds, "write": write_seconds}, counts


def _import(size: int, workdir: Path) -> tuple[dict[str, float], dict[str, int]]:
    data_dir, store_path, _ = _paths(workdir, size)
    store_path.unlink(missing_ok=True)
    started = time.perf_counter()
    store = open_store(store_path)
    import_paths(store, [data_dir])
    counts = {"tickets": store.count("tickets"), "events": store.count("events")}
    store.close()  # the checkpoint that makes the import durable belongs to its cost
    seconds = time.perf_counter() - started
    counts["store_bytes"] = store_path.stat().st_size
    return {"import": seconds}, counts


def _settings(*, all_24x7: bool) -> Settings:
    """The data set's vendor calendars, as `supportgauge demo` writes them, or 24x7 for all
    (business time is then wall-clock time, with no calendar to look up)."""
    if all_24x7:
        return settings_from_document(
            {"vendors": {p.name: {"calendar": "24x7"} for p in VENDOR_PROFILES}}
        )
    return settings_from_document(tomllib.loads(calendars_toml()))


def _metrics(
    step: str, size: int, workdir: Path, repeats: int
) -> tuple[dict[str, float], dict[str, int]]:
    data_dir, store_path, results_dir = _paths(workdir, size)
    results_dir.mkdir(parents=True, exist_ok=True)
    table: pa.Table
    if step.startswith("ibis"):
        # A reader holds the store for the whole measured step, as a command does.
        with open_store(store_path, read_only=True) as store, store.held():
            settings = _settings(all_24x7=step.endswith("24x7"))
            if step.startswith("ibis_tickets"):
                fields = None if step.startswith("ibis_tickets_all") else REFERENCE_FIELDS
                table, seconds = _timed(
                    lambda: store_ticket_metrics(
                        store, settings=settings, fields=fields
                    ).to_pyarrow(),
                    repeats,
                )
            else:
                table, seconds = _timed(
                    lambda: store_summary(store, by=SUMMARY_BY, settings=settings).to_pyarrow(),
                    repeats,
                )
    elif step.startswith("sql"):
        connection = duckdb.connect(str(store_path), read_only=True)
        connection.execute("SET TimeZone = 'UTC'")
        query = sql_ticket_figures if step == "sql_tickets" else sql_summary
        table, seconds = _timed(lambda: query(connection), repeats)
        connection.close()
    else:
        table, seconds = _timed(lambda: pandas_ticket_figures(data_dir), repeats)
    pq.write_table(table, results_dir / f"{step}.parquet")
    return {step: seconds}, {"rows": table.num_rows}


def run_step(step: str, size: int, workdir: Path, *, repeats: int = 1) -> StepResult:
    """Run one step in this process and measure it."""
    start_rss = _memory_mib("VmRSS")
    if step == "generate":
        seconds, counts = _generate(size, workdir)
    elif step == "import":
        seconds, counts = _import(size, workdir)
    else:
        seconds, counts = _metrics(step, size, workdir, repeats)
    return StepResult(step, seconds, start_rss, _memory_mib("VmHWM"), counts)


def spawn_step(step: str, size: int, workdir: Path, *, repeats: int = 1) -> StepResult:
    """Run one step in a fresh Python process and read back what it measured."""
    command = [sys.executable, str(Path(__file__).resolve()), "--step", step]
    command += ["--sizes", str(size), "--workdir", str(workdir), "--repeats", str(repeats)]
    finished = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    lines = [line for line in finished.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if finished.returncode != 0 or not lines:
        raise SystemExit(f"Step {step} at {size:,} tickets failed (exit {finished.returncode}).")
    return StepResult(**json.loads(lines[-1][len(RESULT_PREFIX) :]))


def _print_steps(size: int, results: dict[str, StepResult]) -> None:
    generated = results["generate"].counts
    print(
        f"\n== {size:,} tickets, {generated['events']:,} events "
        f"(Parquet {generated['parquet_bytes'] / 2**20:,.0f} MiB, "
        f"store {results['import'].counts['store_bytes'] / 2**20:,.0f} MiB)"
    )
    print(f"{'step':<32} {'seconds':>9} {'peak RSS MiB':>13} {'RSS at start':>13}")
    for result in results.values():
        for phase, seconds in result.seconds.items():
            print(
                f"{STEP_LABELS[phase]:<32} {seconds:>9.2f} "
                f"{result.peak_rss_mib:>13,.0f} {result.start_rss_mib:>13,.0f}"
            )


def _print_checks(size: int, workdir: Path, results: dict[str, StepResult]) -> bool:
    """Print agreement and targets; return whether all three implementations agree."""
    _, _, results_dir = _paths(workdir, size)
    agree = True
    pairs = (
        ("ibis_tickets", "sql"),
        ("ibis_tickets", "pandas"),
        ("ibis_tickets_all", "sql"),
        ("ibis_tickets_all_24x7", "sql"),
    )
    for ibis_step, name in pairs:
        report = compare_figures(
            pq.read_table(results_dir / f"{ibis_step}.parquet"),
            pq.read_table(results_dir / f"{name}_tickets.parquet"),
            keys=["vendor", "ticket_id"],
            figures=FIGURES,
            label=f"{STEP_LABELS[ibis_step]} vs {name}",
            tolerance=_minutes_tolerance,
        )
        print(report.describe())
        agree = agree and report.agree
    summary_report = compare_figures(
        pq.read_table(results_dir / "ibis_summary.parquet"),
        pq.read_table(results_dir / "sql_summary.parquet"),
        keys=["vendor", "priority"],
        figures=SUMMARY_FIGURES,
        label="summary, Ibis vs SQL",
        tolerance=_summary_tolerance,
    )
    print(summary_report.describe())
    agree = agree and summary_report.agree
    sql_seconds = max(results["sql_tickets"].seconds["sql_tickets"], 1e-9)
    ratio = results["ibis_tickets"].seconds["ibis_tickets"] / sql_seconds
    verdict = "met" if ratio <= RATIO_TARGET else "MISSED"
    target = f"target <= {RATIO_TARGET}x: {verdict}"
    print(f"same figures, Ibis / hand-written SQL: {ratio:.2f}x ({target})")
    for ibis_step in ("ibis_tickets_all", "ibis_tickets_all_24x7"):
        ratio = results[ibis_step].seconds[ibis_step] / sql_seconds
        print(f"{STEP_LABELS[ibis_step]} / hand-written SQL of fewer figures: {ratio:.2f}x")
    import_seconds = results["import"].seconds["import"]
    if size >= IMPORT_TARGET_TICKETS:
        verdict = "met" if import_seconds < IMPORT_TARGET_SECONDS else "MISSED"
        print(f"import: {import_seconds:.1f} s (target < {IMPORT_TARGET_SECONDS:.0f} s: {verdict})")
    return agree


def run_size(size: int, workdir: Path, *, keep: bool, repeats: int = 1) -> bool:
    """Generate, import and measure one size; print its table; return whether figures agree."""
    results: dict[str, StepResult] = {}
    for step in STEPS:
        print(f"  {size:,} tickets: {STEP_LABELS[step]} ...", flush=True)
        results[step] = spawn_step(step, size, workdir, repeats=repeats)
    _print_steps(size, results)
    agree = _print_checks(size, workdir, results)
    if not keep:
        shutil.rmtree(workdir / f"tickets-{size}", ignore_errors=True)
    return agree


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part.replace("_", "")) for part in text.split(",") if part.strip()]
    except ValueError:
        raise SystemExit(f"--sizes {text}: give ticket counts like 100000,1000000.") from None
    if not sizes or min(sizes) < 1:
        raise SystemExit(f"--sizes {text}: give ticket counts like 100000,1000000.")
    return sizes


def main() -> None:
    """Parse the command line; run every size, or one step when called as a child."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000", help="ticket counts, comma-separated")
    parser.add_argument("--workdir", type=Path, help="where data and stores go (default: temp)")
    parser.add_argument("--keep", action="store_true", help="keep generated data and stores")
    parser.add_argument(
        "--repeats", type=int, default=3, help="runs of each metric query; the fastest counts"
    )
    parser.add_argument("--step", choices=STEPS, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    sizes = _sizes(arguments.sizes)
    if arguments.step:
        result = run_step(arguments.step, sizes[0], arguments.workdir, repeats=arguments.repeats)
        print(RESULT_PREFIX + json.dumps(result.__dict__), flush=True)
        return
    workdir = arguments.workdir or Path(tempfile.mkdtemp(prefix="supportgauge-bench-"))
    workdir.mkdir(parents=True, exist_ok=True)
    load_1min = os.getloadavg()[0]
    print(f"work folder: {workdir}; {os.cpu_count()} CPUs, load average {load_1min:.1f}")
    if arguments.repeats > 1:
        print(f"metric queries: fastest of {arguments.repeats} runs in one process")
    try:
        agree = all(
            [
                run_size(size, workdir, keep=arguments.keep, repeats=arguments.repeats)
                for size in sizes
            ]
        )
    finally:
        if not arguments.keep:
            # A folder of our own goes; in a given folder only the sizes' subfolders do.
            for size in sizes:
                shutil.rmtree(workdir / f"tickets-{size}", ignore_errors=True)
            if arguments.workdir is None:
                shutil.rmtree(workdir, ignore_errors=True)
    if not agree:
        raise SystemExit("The implementations disagree; see the mismatches above.")


if __name__ == "__main__":
    main()
