"""Score reply labels against hand-labelled replies (JSON Lines): per label, per group."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from supportgauge.errors import SourceError
from supportgauge.text.labels import LABELS
from supportgauge.text.reply_input import read_utf8_lines

# Labels that make a reply more than an acknowledgement (the rubric's "substance").
SUBSTANTIVE_LABELS = ("generic_advice", "asks_for_info", "diagnosis", "action", "eta")


@dataclass(frozen=True)
class LabelledReply:
    """One hand-labelled reply; lang, source, split and category are optional."""

    id: str
    text: str
    labels: frozenset[str]
    lang: str | None = None
    source: str | None = None
    split: str | None = None
    category: str | None = None


@dataclass(frozen=True)
class LabelScore:
    """Precision, recall and F1 of one label (None when undefined: nothing predicted/true)."""

    label: str
    true_positives: int
    predicted: int
    actual: int

    @property
    def precision(self) -> float | None:
        """Share of predicted labels that were right."""
        return self.true_positives / self.predicted if self.predicted else None

    @property
    def recall(self) -> float | None:
        """Share of true labels that were found."""
        return self.true_positives / self.actual if self.actual else None

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        if p is None or r is None:
            return None
        return 2 * p * r / (p + r) if p + r else 0.0


def _optional_text(row: dict[str, object], key: str) -> str | None:
    value = row.get(key)
    return None if value is None else str(value)


_EXAMPLE = '{"id": "a1", "text": "...", "labels": ["diagnosis"]}'


def _parse(line_number: int, line: str, name: str) -> LabelledReply:
    where = f"{name}, line {line_number}"
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise SourceError(
            f"{where}: not JSON ({error}); each line is one reply, e.g. {_EXAMPLE}."
        ) from None
    if not isinstance(row, dict):
        raise SourceError(
            f"{where}: not a JSON object; each line is one reply as an object, e.g. {_EXAMPLE}."
        )
    missing = [key for key in ("id", "text", "labels") if key not in row]
    if missing:
        raise SourceError(
            f"{where}: not a labelled reply (no {', '.join(repr(key) for key in missing)}); "
            f'each line needs "id", "text" and "labels", e.g. {_EXAMPLE}.'
        )
    if not isinstance(row["text"], str):
        raise SourceError(f"{where}: 'text' must be a string.")
    if not isinstance(row["labels"], list) or not all(isinstance(x, str) for x in row["labels"]):
        raise SourceError(
            f'{where}: \'labels\' must be a list of label names, e.g. ["diagnosis", "eta"] '
            "or [] for none."
        )
    labels = frozenset(row["labels"])
    unknown = labels - set(LABELS)
    if unknown:
        raise SourceError(f"{where}: unknown labels {sorted(unknown)}; use {', '.join(LABELS)}.")
    return LabelledReply(
        id=str(row["id"]),
        text=row["text"],
        labels=labels,
        lang=_optional_text(row, "lang"),
        source=_optional_text(row, "source"),
        split=_optional_text(row, "split"),
        category=_optional_text(row, "category"),
    )


def load_labelled_replies(path: Path) -> list[LabelledReply]:
    """Every reply of a labelled JSON Lines file, in file order."""
    lines = read_utf8_lines(path)
    return [_parse(number, line, path.name) for number, line in enumerate(lines, 1) if line.strip()]


def label_scores(
    actual: Sequence[frozenset[str]], predicted: Sequence[Sequence[str]]
) -> dict[str, LabelScore]:
    """Per-label counts for paired true and predicted label sets."""
    scores = {}
    for label in LABELS:
        hits = sum(1 for a, p in zip(actual, predicted, strict=True) if label in a and label in p)
        scores[label] = LabelScore(
            label,
            hits,
            predicted=sum(1 for p in predicted if label in p),
            actual=sum(1 for a in actual if label in a),
        )
    return scores


def grouped_scores(
    replies: Sequence[LabelledReply],
    predicted: Sequence[Sequence[str]],
    group: Callable[[LabelledReply], str | None],
) -> dict[str, dict[str, LabelScore]]:
    """label_scores per group value (sorted; replies whose group is None are left out)."""
    members: dict[str, list[int]] = {}
    for index, reply in enumerate(replies):
        key = group(reply)
        if key is not None:
            members.setdefault(key, []).append(index)
    return {
        key: label_scores([replies[i].labels for i in rows], [predicted[i] for i in rows])
        for key, rows in sorted(members.items())
    }


def acknowledgement_confusion(
    actual: Sequence[frozenset[str]], predicted: Sequence[Sequence[str]]
) -> dict[str, tuple[int, int]]:
    """Per substantive label: (read hollow though it has the label, given it though hollow)."""
    hollow = "acknowledgement_only"
    confusion = {}
    for label in SUBSTANTIVE_LABELS:
        missed = sum(
            1
            for a, p in zip(actual, predicted, strict=True)
            if label in a and hollow in p and hollow not in a
        )
        invented = sum(
            1
            for a, p in zip(actual, predicted, strict=True)
            if hollow in a and label in p and label not in a
        )
        confusion[label] = (missed, invented)
    return confusion


def category_accuracy(actual: Sequence[str | None], predicted: Sequence[str | None]) -> float:
    """Share of replies whose guessed category equals the labelled one (None included)."""
    if not actual:
        return 0.0
    return sum(1 for a, p in zip(actual, predicted, strict=True) if a == p) / len(actual)


def evaluation_table(
    replies: Sequence[LabelledReply], predicted: Sequence[Sequence[str]]
) -> pa.Table:
    """Per-label precision, recall, F1 and support: all replies, then per language if given."""
    groups = {"all": label_scores([r.labels for r in replies], predicted)}
    by_lang = grouped_scores(replies, predicted, lambda r: r.lang)
    if len(by_lang) > 1 or (by_lang and sum(1 for r in replies if r.lang) < len(replies)):
        groups.update(by_lang)
    elif by_lang:
        groups = {next(iter(by_lang)): groups["all"]}
    rows = [
        {
            "lang": lang,
            "label": score.label,
            "precision": score.precision,
            "recall": score.recall,
            "f1": score.f1,
            "support": score.actual,
            "predicted": score.predicted,
        }
        for lang, scores in groups.items()
        for score in scores.values()
    ]
    schema = pa.schema(
        [
            ("lang", pa.string()),
            ("label", pa.string()),
            ("precision", pa.float64()),
            ("recall", pa.float64()),
            ("f1", pa.float64()),
            ("support", pa.int64()),
            ("predicted", pa.int64()),
        ]
    )
    return pa.Table.from_pylist(rows, schema=schema)


def _figure(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.2f}"


def score_lines(scores: dict[str, LabelScore], *, title: str) -> list[str]:
    """A plain-text table of per-label scores, 60 columns wide, led by its title."""
    lines = [title, f"  {'label':<26} {'prec':>5} {'rec':>5} {'f1':>5} {'true':>5} {'pred':>5}"]
    for score in scores.values():
        lines.append(
            f"  {score.label:<26} {_figure(score.precision)} {_figure(score.recall)} "
            f"{_figure(score.f1)} {score.actual:>5} {score.predicted:>5}"
        )
    return lines
