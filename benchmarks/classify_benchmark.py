"""Reply classifier quality per label (tune and holdout splits) and batch throughput.

Run: .venv/bin/python benchmarks/classify_benchmark.py [--replies 200000]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import pyarrow as pa

from supportgauge.text import classify_table, lexicon_version
from supportgauge.text.evaluation import (
    SPLITS,
    EvalReply,
    category_accuracy,
    label_scores,
    load_eval_set,
)

EVAL_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "replies_eval.jsonl"


def _fmt(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:5.2f}"


def report_split(replies: list[EvalReply], split: str) -> None:
    """Print per-label precision, recall and F1 for one split."""
    chosen = [r for r in replies if r.split == split]
    table = classify_table([r.text for r in chosen])
    predicted = table.column("labels").to_pylist()
    scores = label_scores([r.labels for r in chosen], predicted)
    print(f"\n{split}: {len(chosen)} replies")
    print(f"{'label':<26} {'prec':>5} {'rec':>5} {'f1':>5} {'true':>5} {'pred':>5}")
    for score in scores.values():
        print(
            f"{score.label:<26} {_fmt(score.precision)} {_fmt(score.recall)} {_fmt(score.f1)} "
            f"{score.actual:>5} {score.predicted:>5}"
        )
    exact = sum(1 for r, p in zip(chosen, predicted, strict=True) if r.labels == set(p))
    categories = table.column("category").to_pylist()
    accuracy = category_accuracy([r.category for r in chosen], categories)
    print(f"exact label-set match {exact / len(chosen):.2f}; category accuracy {accuracy:.2f}")


def report_throughput(texts: list[str], count: int, name: str) -> None:
    """Print replies per second of classify_table on the texts repeated to `count`."""
    batch = pa.array((texts * (count // len(texts) + 1))[:count], type=pa.string())
    mean_chars = sum(len(t) for t in texts) / len(texts)
    classify_table(batch[:1000])  # compile the rules outside the timing
    started, cpu_started = time.perf_counter(), time.process_time()
    classify_table(batch)
    seconds = time.perf_counter() - started
    # CPU time (all threads) shows the cost when other jobs share the cores.
    cpu_seconds = time.process_time() - cpu_started
    print(
        f"throughput ({name}, mean {mean_chars:.0f} chars): {count} replies in {seconds:.2f} s"
        f" = {count / seconds:,.0f} replies/s; {count / cpu_seconds:,.0f} replies per CPU-second"
    )


def main() -> None:
    """Print quality per split and batch throughput."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--replies", type=int, default=200_000, help="batch size for throughput")
    args = parser.parse_args()
    replies = load_eval_set(EVAL_SET)
    print(f"lexicon {lexicon_version()}; eval set {EVAL_SET.name}: {len(replies)} replies")
    for split in SPLITS:
        report_split(replies, split)
    texts = [r.text for r in replies]
    # Two replies joined make the longer end of typical support replies (150-300 chars).
    joined = [f"{text} {texts[(i + 7) % len(texts)]}" for i, text in enumerate(texts)]
    print()
    report_throughput(texts, args.replies, "eval replies")
    report_throughput(joined, args.replies, "two replies joined")


if __name__ == "__main__":
    main()
