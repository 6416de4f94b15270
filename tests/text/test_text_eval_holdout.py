"""The hand-labelled evaluation set: its shape, and the holdout targets (a regression fails)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from supportgauge.errors import SourceError
from supportgauge.text import LABELS, classify_table
from supportgauge.text.evaluation import (
    LabelledReply,
    LabelScore,
    label_scores,
    load_labelled_replies,
)

EVAL_SET = Path(__file__).resolve().parents[1] / "data" / "replies_eval.jsonl"
PRECISION_TARGETS = {
    "acknowledgement_only": 0.9,
    "generic_advice": 0.9,
    "defers_to_business_hours": 0.9,
}
F1_TARGETS = {"diagnosis": 0.85, "eta": 0.85, "next_update": 0.85}


@pytest.fixture(scope="module")
def replies() -> list[LabelledReply]:
    return load_labelled_replies(EVAL_SET)


@pytest.fixture(scope="module")
def holdout_scores(replies: list[LabelledReply]) -> dict[str, LabelScore]:
    holdout = [r for r in replies if r.split == "holdout"]
    predicted = classify_table([r.text for r in holdout]).column("labels").to_pylist()
    return label_scores([r.labels for r in holdout], predicted)


def test_eval_set_is_large_bilingual_and_split_in_thirds(replies: list[LabelledReply]) -> None:
    langs = Counter(r.lang for r in replies)
    assert len(replies) >= 500
    assert langs["zh"] >= 200 and langs["en"] >= 200 and langs["mixed"] > 0
    assert len({r.id for r in replies}) == len(replies)
    holdout_share = sum(r.split == "holdout" for r in replies) / len(replies)
    assert 0.3 <= holdout_share <= 0.36
    assert {label for r in replies for label in r.labels} == set(LABELS)


@pytest.mark.parametrize(("label", "target"), PRECISION_TARGETS.items())
def test_holdout_precision_meets_target(
    holdout_scores: dict[str, LabelScore], label: str, target: float
) -> None:
    precision = holdout_scores[label].precision
    assert precision is not None and precision >= target


@pytest.mark.parametrize(("label", "target"), F1_TARGETS.items())
def test_holdout_f1_meets_target(
    holdout_scores: dict[str, LabelScore], label: str, target: float
) -> None:
    f1 = holdout_scores[label].f1
    assert f1 is not None and f1 >= target


def test_a_malformed_eval_line_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "replies.jsonl"
    path.write_text(
        '{"id": "a", "text": "ok", "labels": ["hollow"], "category": null, '
        '"lang": "en", "split": "tune"}\n',
        encoding="utf-8",
    )
    with pytest.raises(SourceError, match=r"replies.jsonl, line 1: unknown labels \['hollow'\]"):
        load_labelled_replies(path)


@pytest.mark.parametrize("label", LABELS)
def test_no_label_falls_below_ninety_percent_precision_on_the_holdout(
    holdout_scores: dict[str, LabelScore], label: str
) -> None:
    precision = holdout_scores[label].precision
    assert precision is not None and precision >= 0.9
