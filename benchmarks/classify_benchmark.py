"""Reply reader quality per label (own eval set, and a real labelled set) and throughput.

Run: .venv/bin/python benchmarks/classify_benchmark.py [--real PATH] [--replies 200000]
(`make bench-classify` passes --real ../shared/eval/replies_dev.jsonl). The real set's texts
are read from PATH only; nothing of them is written anywhere.
"""

from __future__ import annotations

import argparse
import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc

from supportgauge.synthetic import generate_dataset
from supportgauge.text import LABELS, classify_table, lexicon_version
from supportgauge.text.evaluation import (
    LabelledReply,
    LabelScore,
    acknowledgement_confusion,
    category_accuracy,
    grouped_scores,
    label_scores,
    load_labelled_replies,
    score_lines,
)

EVAL_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "replies_eval.jsonl"
# Replies a second author wrote from the rubric alone, without reading the rules; rules were
# changed after reading the `tune` half only, so `blind` stays unseen writing of our own.
SECOND_AUTHOR_SET = EVAL_SET.with_name("replies_second_author.jsonl")
REAL_SET_VARIABLE = "SUPPORTGAUGE_REAL_EVAL"
LABEL_WIDTH = 24  # the longest label, defers_to_business_hours


def _cell(score: LabelScore) -> str:
    p, r = score.precision, score.recall
    return f"{'  - ' if p is None else f'{p:.2f}'} {'  - ' if r is None else f'{r:.2f}'}"


def print_matrix(
    replies: Sequence[LabelledReply],
    predicted: Sequence[Sequence[str]],
    group: Callable[[LabelledReply], str | None],
    *,
    title: str,
) -> None:
    """Precision and recall per label (rows) and group (columns, at most five a block)."""
    groups = grouped_scores(replies, predicted, group)
    sizes = Counter(group(r) for r in replies)
    names = list(groups)
    for start in range(0, len(names), 5):
        block = names[start : start + 5]
        print(f"\n{title} (precision recall)")
        print(f"{'label':<{LABEL_WIDTH}}" + "".join(f" {n[:10]:>10}" for n in block))
        for label in LABELS:
            cells = "".join(f" {_cell(groups[n][label]):>10}" for n in block)
            print(f"{label:<{LABEL_WIDTH}}{cells}")
        print(f"{'replies':<{LABEL_WIDTH}}" + "".join(f" {sizes[n]:>10}" for n in block))


def print_scores(
    replies: Sequence[LabelledReply], predicted: Sequence[Sequence[str]], *, title: str
) -> None:
    """The full per-label table for these replies."""
    if not replies:
        return
    scores = label_scores([r.labels for r in replies], predicted)
    exact = sum(1 for r, p in zip(replies, predicted, strict=True) if r.labels == set(p))
    print()
    print("\n".join(score_lines(scores, title=f"{title}: {len(replies)} replies")))
    print(f"  exact label-set match {exact / len(replies):.2f}")


def _subset(
    replies: Sequence[LabelledReply],
    predicted: Sequence[Sequence[str]],
    keep: Callable[[LabelledReply], bool],
) -> tuple[list[LabelledReply], list[Sequence[str]]]:
    pairs = [(r, p) for r, p in zip(replies, predicted, strict=True) if keep(r)]
    return [r for r, _ in pairs], [p for _, p in pairs]


def _in_file_order(values: Iterable[str | None]) -> list[str]:
    return [v for v in dict.fromkeys(values) if v is not None]


def report_own_set(path: Path, name: str = "own set") -> list[str]:
    """Per-split tables for the project's own labelled replies; returns their texts."""
    replies = load_labelled_replies(path)
    table = classify_table([r.text for r in replies])
    predicted = table.column("labels").to_pylist()
    print(f"\n{name} {path.name}: {len(replies)} replies")
    for split in _in_file_order(r.split for r in replies):
        chosen, labels = _subset(replies, predicted, lambda r, s=split: r.split == s)
        print_scores(chosen, labels, title=f"{name}, {split}")
    if any(r.category for r in replies):
        accuracy = category_accuracy(
            [r.category for r in replies], table.column("category").to_pylist()
        )
        print(f"  category accuracy (all splits) {accuracy:.2f}")
    return [r.text for r in replies]


def report_real_set(path: Path) -> list[str]:
    """Tables for all rows, per split and language, per source; hollow-vs-substance confusion."""
    replies = load_labelled_replies(path)
    predicted = classify_table([r.text for r in replies]).column("labels").to_pylist()
    print(f"\nreal set {path.name}: {len(replies)} replies")
    print_scores(replies, predicted, title="real, all rows")
    for split in _in_file_order(r.split for r in replies):
        chosen, labels = _subset(replies, predicted, lambda r, s=split: r.split == s)
        print_scores(chosen, labels, title=f"real, {split}")
        for lang in _in_file_order(r.lang for r in chosen):
            in_lang, lang_labels = _subset(chosen, labels, lambda r, x=lang: r.lang == x)
            print_scores(in_lang, lang_labels, title=f"real, {split}, {lang}")
    print_matrix(replies, predicted, lambda r: r.lang, title="real, per language")
    print_matrix(replies, predicted, lambda r: r.source, title="real, per source")
    for split in _in_file_order(r.split for r in replies):
        chosen, labels = _subset(replies, predicted, lambda r, s=split: r.split == s)
        confusion = acknowledgement_confusion([r.labels for r in chosen], labels)
        print(f"\nreal, {split}: acknowledgement_only against the substantive labels")
        print(f"  {'label':<{LABEL_WIDTH}} {'read hollow':>12} {'hollow given it':>16}")
        for label, (missed, invented) in confusion.items():
            print(f"  {label:<{LABEL_WIDTH}} {missed:>12} {invented:>16}")
    return [r.text for r in replies]


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
    print(f"throughput, {name} (mean {mean_chars:.0f} chars), {count:,} replies:")
    print(
        f"  {count / seconds:,.0f} replies/s wall clock ({seconds:.2f} s); "
        f"{count / cpu_seconds:,.0f} per CPU-second"
    )


def generated_replies() -> list[str]:
    """Agent reply bodies of a generated data set (the replies an import reads)."""
    events = generate_dataset(5_000, seed=0).tables["events"]
    replies = events.filter(pc.equal(events["kind"], "agent_reply"))
    return [t for t in replies["body"].to_pylist() if t]


def main() -> None:
    """Print quality on the own eval set (and a real set if given) and batch throughput."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument(
        "--real",
        type=Path,
        default=os.environ.get(REAL_SET_VARIABLE),
        help=f"a real labelled JSON Lines file (default: ${REAL_SET_VARIABLE})",
    )
    parser.add_argument("--replies", type=int, default=200_000, help="batch size for throughput")
    args = parser.parse_args()
    print(f"lexicon {lexicon_version()}")
    texts = report_own_set(EVAL_SET)
    report_own_set(SECOND_AUTHOR_SET, "second author")
    real_texts: list[str] = []
    if args.real is not None:
        if args.real.is_file():
            real_texts = report_real_set(args.real)
        else:
            print(f"\nreal set {args.real}: not found, skipped")
    # Two replies joined make the longer end of typical support replies (150-300 chars).
    joined = [f"{text} {texts[(i + 7) % len(texts)]}" for i, text in enumerate(texts)]
    print()
    report_throughput(generated_replies(), args.replies, "generated agent replies")
    report_throughput(texts, args.replies, "own eval replies")
    report_throughput(joined, args.replies, "two replies joined")
    if real_texts:
        report_throughput(real_texts, args.replies, "real replies")


if __name__ == "__main__":
    main()
