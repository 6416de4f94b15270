"""The reader on real support replies (the shared development set), when it is at hand.

The set's texts stay outside the repository: it is read from $SUPPORTGAUGE_REAL_EVAL or
../shared/eval/replies_dev.jsonl, and these tests skip when neither exists.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from supportgauge.text import classify_table
from supportgauge.text.evaluation import LabelScore, label_scores, load_labelled_replies

DEFAULT_PATH = Path(__file__).resolve().parents[3] / "shared" / "eval" / "replies_dev.jsonl"
REAL_SET = Path(os.environ.get("SUPPORTGAUGE_REAL_EVAL", DEFAULT_PATH))

# The floors set for the dev split (precision, recall); the reader meets every one.
FLOORS = {
    "acknowledgement_only": (0.85, 0.7),
    "asks_for_info": (0.85, 0.7),
    "diagnosis": (0.8, 0.6),
    "action": (0.8, 0.5),
    "eta": (0.85, 0.6),
    "generic_advice": (0.85, 0.6),
    "next_update": (0.85, 0.6),
}

pytestmark = pytest.mark.skipif(not REAL_SET.is_file(), reason=f"{REAL_SET} not present")


@pytest.fixture(scope="module")
def dev_scores() -> dict[str, LabelScore]:
    dev = [r for r in load_labelled_replies(REAL_SET) if r.split == "dev"]
    predicted = classify_table([r.text for r in dev])["labels"].to_pylist()
    return label_scores([r.labels for r in dev], predicted)


@pytest.mark.parametrize(("label", "floor"), FLOORS.items())
def test_dev_split_meets_its_floor(
    dev_scores: dict[str, LabelScore], label: str, floor: tuple[float, float]
) -> None:
    score = dev_scores[label]
    assert score.precision is not None and score.precision >= floor[0]
    assert score.recall is not None and score.recall >= floor[1]
