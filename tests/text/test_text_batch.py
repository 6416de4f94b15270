"""The Arrow batch path agrees with the single-reply path and keeps its table shape."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from tests.examples import examples

from supportgauge.errors import InputError
from supportgauge.text import classify_table, classify_text, classify_texts
from supportgauge.text.evaluation import load_labelled_replies

EVAL_SET = Path(__file__).resolve().parents[1] / "data" / "replies_eval.jsonl"


def test_batch_and_single_paths_agree_on_every_eval_reply() -> None:
    texts = [reply.text for reply in load_labelled_replies(EVAL_SET)]
    table = classify_table(texts)
    singles = classify_texts(texts)
    assert table.column("labels").to_pylist() == [list(c.labels) for c in singles]
    assert table.column("terms").to_pylist() == [list(c.terms) for c in singles]
    assert table.column("category").to_pylist() == [c.category for c in singles]


def test_table_has_the_documented_columns_and_types() -> None:
    table = classify_table(pa.array(["换个网络试试", None, ""], type=pa.large_string()))
    assert table.schema == pa.schema(
        [
            ("labels", pa.list_(pa.string())),
            ("terms", pa.list_(pa.string())),
            ("category", pa.string()),
        ]
    )
    assert table.column("labels").to_pylist() == [["generic_advice"], [], []]


def test_chunked_arrays_and_empty_batches_are_accepted() -> None:
    chunked = pa.chunked_array([["好的我们知道了"], ["Is it a CDN issue?"]])
    assert classify_table(chunked).num_rows == 2
    assert classify_table([]).num_rows == 0


def test_classify_texts_passes_category_hints_through() -> None:
    results = classify_texts(["好的", "好的"], category_hints=["noise", None])
    assert [r.category for r in results] == ["noise", None]


def test_classify_texts_rejects_hints_of_another_length() -> None:
    with pytest.raises(InputError, match="1 category hint for 2 texts") as raised:
        classify_texts(["a", "b"], category_hints=["noise"])
    assert raised.value.parameter == "category_hints"


def test_a_single_reply_equals_its_batch_row() -> None:
    text = "It is not a network problem on your side; our edge node in Riyadh had packet loss."
    row = classify_table([text]).to_pylist()[0]
    single = classify_text(text)
    assert row == {
        "labels": list(single.labels),
        "terms": list(single.terms),
        "category": single.category,
    }


PIECES = [
    "不是",
    "网络问题",
    "，",
    "。",
    "？",
    "而是",
    "节点异常",
    "正在切换",
    "预计",
    "10分钟内",
    "恢复",
    "请提供",
    "uid",
    "not",
    " a ",
    "cdn issue",
    ", ",
    ". ",
    "?",
    "but",
    "our edge node",
    "had packet loss",
    "we've rolled back",
    "within 2 hours",
    "fixed",
    "if",
    "whether",
    "\n> quoted switch network\n",
    "\nOn Mon wrote:\n",
    "Best regards,\n",
    "换个网络",
    "好的",
    "已收到",
    "will update you",
    "工作时间",
    ":",
    "；",
    "can't",
    "没有",
    "丢包",
    "日志显示",
]


@pytest.mark.properties
@settings(max_examples=examples(80), deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14).map("".join))
def test_batch_and_single_paths_agree_on_generated_text(text: str) -> None:
    row = classify_table([text]).to_pylist()[0]
    single = classify_text(text)
    assert row["labels"] == list(single.labels)
    assert row["terms"] == list(single.terms)
    assert row["category"] == single.category
