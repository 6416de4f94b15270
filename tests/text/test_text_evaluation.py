"""Labelled replies of any team: loading, per-label and per-language scores, bad files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supportgauge.errors import SourceError
from supportgauge.text.evaluation import (
    LabelledReply,
    acknowledgement_confusion,
    evaluation_table,
    label_scores,
    load_labelled_replies,
)


def _write(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", "utf-8")
    return path


def test_only_id_text_and_labels_are_required(tmp_path: Path) -> None:
    path = _write(tmp_path / "mine.jsonl", [{"id": 1, "text": "收到", "labels": []}])
    (reply,) = load_labelled_replies(path)
    assert reply == LabelledReply("1", "收到", frozenset())


def test_optional_fields_are_kept(tmp_path: Path) -> None:
    row = {"id": "a", "text": "ok", "labels": ["eta"], "lang": "en", "source": "desk", "split": "x"}
    (reply,) = load_labelled_replies(_write(tmp_path / "mine.jsonl", [row]))
    assert (reply.lang, reply.source, reply.split) == ("en", "desk", "x")


def test_a_gbk_file_is_named_with_its_encoding(tmp_path: Path) -> None:
    path = tmp_path / "gbk.jsonl"
    path.write_bytes('{"id": 1, "text": "收到", "labels": []}\n'.encode("gbk"))
    with pytest.raises(SourceError, match=r"^gbk.jsonl: not UTF-8 text .* iconv -f GBK"):
        load_labelled_replies(path)


def test_a_line_without_labels_is_named(tmp_path: Path) -> None:
    path = _write(tmp_path / "mine.jsonl", [{"id": 1, "text": "ok"}])
    with pytest.raises(SourceError, match=r"^mine.jsonl, line 1: not a labelled reply"):
        load_labelled_replies(path)


def test_scores_count_hits_misses_and_inventions() -> None:
    actual = [frozenset({"diagnosis"}), frozenset({"diagnosis"}), frozenset()]
    predicted = [["diagnosis"], [], ["diagnosis"]]
    score = label_scores(actual, predicted)["diagnosis"]
    assert (score.true_positives, score.predicted, score.actual) == (1, 2, 2)
    assert score.precision == score.recall == 0.5


def test_confusion_counts_substance_read_as_hollow() -> None:
    actual = [frozenset({"diagnosis"}), frozenset({"acknowledgement_only"})]
    predicted = [["acknowledgement_only"], ["asks_for_info"]]
    confusion = acknowledgement_confusion(actual, predicted)
    assert confusion["diagnosis"] == (1, 0)
    assert confusion["asks_for_info"] == (0, 1)


def test_the_table_has_all_rows_then_each_language() -> None:
    replies = [
        LabelledReply("1", "a", frozenset({"eta"}), lang="en"),
        LabelledReply("2", "b", frozenset(), lang="zh"),
    ]
    table = evaluation_table(replies, [["eta"], ["eta"]])
    rows = [r for r in table.to_pylist() if r["label"] == "eta"]
    assert [(r["lang"], r["precision"], r["support"]) for r in rows] == [
        ("all", 0.5, 1),
        ("en", 1.0, 1),
        ("zh", 0.0, 0),
    ]


def test_one_language_gives_one_group_named_for_it() -> None:
    replies = [LabelledReply("1", "a", frozenset({"eta"}), lang="zh")]
    assert set(evaluation_table(replies, [["eta"]])["lang"].to_pylist()) == {"zh"}


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("[1, 2]", "mine.jsonl, line 2: not a JSON object; each line is one reply as an object"),
        ('"hi"', "mine.jsonl, line 2: not a JSON object;"),
        ("{not json", "mine.jsonl, line 2: not JSON ("),
        (
            '{"id": "1", "text": "hi", "labels": "diagnosis"}',
            "mine.jsonl, line 2: 'labels' must be a list of label names,",
        ),
        (
            '{"id": "1", "text": "hi", "labels": [1]}',
            "mine.jsonl, line 2: 'labels' must be a list of label names,",
        ),
        ('{"id": "1", "text": 3, "labels": []}', "mine.jsonl, line 2: 'text' must be a string."),
        ('{"id": "1", "labels": []}', "mine.jsonl, line 2: not a labelled reply (no 'text');"),
    ],
)
def test_a_malformed_line_is_one_error_naming_it(tmp_path: Path, line: str, message: str) -> None:
    path = tmp_path / "mine.jsonl"
    path.write_text('{"id": "0", "text": "ok", "labels": []}\n' + line + "\n", "utf-8")
    with pytest.raises(SourceError) as raised:
        load_labelled_replies(path)
    assert str(raised.value).startswith(message), str(raised.value)
