"""Score reply labels against a hand-labelled evaluation set (JSON Lines)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from supportgauge.errors import SourceError
from supportgauge.text.labels import LABELS

SPLITS = ("tune", "holdout")
LANGS = ("zh", "en", "mixed")


@dataclass(frozen=True)
class EvalReply:
    """One hand-labelled reply."""

    id: str
    text: str
    labels: frozenset[str]
    category: str | None
    lang: str
    split: str


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


def _parse(line_number: int, line: str, path: Path) -> EvalReply:
    where = f"{path.name}, line {line_number}"
    try:
        row = json.loads(line)
        labels = frozenset(row["labels"])
        reply = EvalReply(
            str(row["id"]), row["text"], labels, row["category"], row["lang"], row["split"]
        )
    except (json.JSONDecodeError, KeyError, TypeError) as error:
        raise SourceError(f"{where}: not a valid reply record ({error}).") from error
    unknown = labels - set(LABELS)
    if unknown:
        raise SourceError(f"{where}: unknown labels {sorted(unknown)}; use {LABELS}.")
    if reply.split not in SPLITS or reply.lang not in LANGS:
        raise SourceError(f"{where}: split must be one of {SPLITS}, lang one of {LANGS}.")
    return reply


def load_eval_set(path: Path) -> list[EvalReply]:
    """Every reply of an evaluation file, in file order."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [_parse(number, line, path) for number, line in enumerate(lines, 1) if line.strip()]


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


def category_accuracy(actual: Sequence[str | None], predicted: Sequence[str | None]) -> float:
    """Share of replies whose guessed category equals the labelled one (None included)."""
    if not actual:
        return 0.0
    return sum(1 for a, p in zip(actual, predicted, strict=True) if a == p) / len(actual)
