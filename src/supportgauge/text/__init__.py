"""Reading vendor replies: hollow, generic or expert, in Chinese and English."""

from supportgauge.text.batch_reading import classify_table
from supportgauge.text.category import infer_category, relevant_terms
from supportgauge.text.classify import Classification, classify_text, classify_texts
from supportgauge.text.labels import LABELS
from supportgauge.text.lexicon import lexicon_version

__all__ = [
    "LABELS",
    "Classification",
    "classify_table",
    "classify_text",
    "classify_texts",
    "infer_category",
    "lexicon_version",
    "relevant_terms",
]
