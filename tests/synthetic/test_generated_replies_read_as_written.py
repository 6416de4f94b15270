"""Every agent reply the generator writes is read as the kind it was written as: the demo's
scorecard and its quoted examples rest on the reader agreeing with the generator."""

from __future__ import annotations

import numpy as np
import pytest

from supportgauge.synthetic.templates import Text
from supportgauge.synthetic.text_pool import text_pool
from supportgauge.text import classify_table

# The label a reply of each kind must carry.
WRITTEN_AS = {
    Text.AUTO_REPLY: "acknowledgement_only",
    Text.HOLLOW_ACK: "acknowledgement_only",
    Text.DEFERRAL: "defers_to_business_hours",
    Text.GENERIC_ADVICE: "generic_advice",
    Text.RESOLUTION_GENERIC: "generic_advice",
    Text.ASK_INFO: "asks_for_info",
    Text.DIAGNOSIS: "diagnosis",
    Text.NEXT_UPDATE: "next_update",
}


@pytest.fixture(scope="module")
def pool_labels() -> tuple[list[str], np.ndarray, list[list[str]]]:
    pool = text_pool()
    texts = pool.texts.to_pylist()
    kinds = np.full(len(texts), -1)
    for kind in Text:
        for start, size in zip(pool.starts[kind].ravel(), pool.sizes[kind].ravel(), strict=True):
            kinds[start : start + size] = int(kind)
    return texts, kinds, classify_table(texts)["labels"].to_pylist()


@pytest.mark.parametrize(("kind", "label"), WRITTEN_AS.items(), ids=lambda v: str(v))
def test_every_reply_of_a_kind_carries_its_label(
    pool_labels: tuple[list[str], np.ndarray, list[list[str]]], kind: Text, label: str
) -> None:
    texts, kinds, labels = pool_labels
    misread = [texts[i] for i in np.flatnonzero(kinds == int(kind)) if label not in labels[i]]
    assert misread == []


def test_generic_advice_is_never_read_as_a_diagnosis(
    pool_labels: tuple[list[str], np.ndarray, list[list[str]]],
) -> None:
    texts, kinds, labels = pool_labels
    advice = np.flatnonzero(np.isin(kinds, [Text.GENERIC_ADVICE, Text.RESOLUTION_GENERIC]))
    assert [texts[i] for i in advice if "diagnosis" in labels[i]] == []
