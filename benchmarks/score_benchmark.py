"""The scorecard at scale: `score` (all vendors, five dimensions, bootstrap intervals)
against `metrics tickets` for every field, on the same generated store.

For each size: generate a synthetic data set (seed 1) and import it, then, each in a
fresh process so its peak memory is its own, compute every per-ticket field with the
vendors' calendars (`store_ticket_metrics(...)` to Arrow, as `metrics tickets --format
jsonl` does before writing) and the scorecard under the default scenario. It prints the
seconds, the peak memory and the ratio score / metrics (target <= 1.5x).

    python benchmarks/score_benchmark.py [--sizes 100000,1000000] [--workdir DIR] [--keep]
                                         [--repeats N]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from core_benchmark import _generate, _import, _memory_mib, _paths, _settings, _timed

from supportgauge.metrics.store_metrics import store_ticket_metrics
from supportgauge.scoring.scorecard import load_evidence, scorecard
from supportgauge.store.duckdb import open_store

RESULT_PREFIX = "SCORE-BENCHMARK-RESULT "
STEPS = ("metrics", "score")
TARGET_RATIO = 1.5


def run_step(step: str, size: int, workdir: Path, repeats: int) -> dict[str, float]:
    """Run one measured step in this process: its seconds, RSS at start and peak."""
    start_rss = _memory_mib("VmRSS")
    if step == "generate":
        seconds, _ = _generate(size, workdir)
        measured = sum(seconds.values())
    elif step == "import":
        seconds, _ = _import(size, workdir)
        measured = seconds["import"]
    else:
        _, store_path, _ = _paths(workdir, size)
        # A reader holds the store for the whole measured step, as a command does.
        with open_store(store_path, read_only=True) as store, store.held():
            settings = _settings(all_24x7=False)
            if step == "metrics":
                _, measured = _timed(
                    lambda: store.to_arrow(store_ticket_metrics(store, settings)), repeats
                )
            else:
                _, measured = _timed(lambda: scorecard(store, settings), repeats)
    return {"seconds": measured, "start_rss": start_rss, "peak_rss": _memory_mib("VmHWM")}


def spawn_step(step: str, size: int, workdir: Path, repeats: int) -> dict[str, float]:
    """Run one step in a fresh Python process and read back what it measured."""
    command = [sys.executable, str(Path(__file__).resolve()), "--step", step]
    command += ["--sizes", str(size), "--workdir", str(workdir), "--repeats", str(repeats)]
    finished = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=False)
    lines = [line for line in finished.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    if finished.returncode != 0 or not lines:
        raise SystemExit(f"Step {step} at {size:,} tickets failed (exit {finished.returncode}).")
    result: dict[str, float] = json.loads(lines[-1][len(RESULT_PREFIX) :])
    return result


def split_score(size: int, workdir: Path) -> dict[str, float]:
    """Where the scorecard's time goes: fetching the evidence, then scoring it."""
    _, store_path, _ = _paths(workdir, size)
    # A reader holds the store for the whole measured step, as a command does.
    with open_store(store_path, read_only=True) as store, store.held():
        settings = _settings(all_24x7=False)
        evidence, fetch = _timed(lambda: load_evidence(store, settings))
        _, scoring = _timed(lambda: scorecard(store, settings, evidence=evidence))
    return {"evidence": fetch, "scoring": scoring}


def run_size(size: int, workdir: Path, repeats: int) -> None:
    """Generate, import and measure one size; print its figures."""
    results = {step: spawn_step(step, size, workdir, 1) for step in ("generate", "import")}
    for step in STEPS:
        results[step] = spawn_step(step, size, workdir, repeats)
    print(f"== {size:,} tickets")
    print(f"{'step':<28}{'seconds':>10}{'peak RSS MiB':>14}{'RSS at start':>14}")
    labels = {"generate": "generate + write Parquet", "import": "import into DuckDB",
              "metrics": "metrics tickets, every field", "score": "score, all vendors"}  # fmt: skip
    for step, result in results.items():
        print(f"{labels[step]:<28}{result['seconds']:>10.1f}{result['peak_rss']:>14.0f}"
              f"{result['start_rss']:>14.0f}")  # fmt: skip
    ratio = results["score"]["seconds"] / results["metrics"]["seconds"]
    verdict = "met" if ratio <= TARGET_RATIO else "MISSED"
    print(f"score / metrics tickets: {ratio:.2f}x (target <= {TARGET_RATIO}x: {verdict})")


def main() -> None:
    """Parse arguments and run every size (or one step, when called by itself)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--step", help=argparse.SUPPRESS)
    parser.add_argument("--split", action="store_true", help="Also time evidence vs scoring.")
    args = parser.parse_args()
    sizes = [int(text.replace("_", "")) for text in args.sizes.split(",")]
    if args.step:
        result = run_step(args.step, sizes[0], args.workdir, args.repeats)
        print(RESULT_PREFIX + json.dumps(result))
        return
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="score-benchmark-"))
    try:
        for size in sizes:
            run_size(size, workdir, args.repeats)
            if args.split:
                parts = split_score(size, workdir)
                print(f"score split: evidence {parts['evidence']:.1f} s, "
                      f"scoring {parts['scoring']:.1f} s")  # fmt: skip
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    main()
