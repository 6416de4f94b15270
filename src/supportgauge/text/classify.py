"""Read a vendor's reply the way a support manager would: labels, terms, category, evidence."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from supportgauge.errors import InputError
from supportgauge.plurals import count_of
from supportgauge.text.category import best_category, cue_surfaces, terms_of
from supportgauge.text.labels import LABELS, RAW_HITS, resolve_labels
from supportgauge.text.rule_hits import rule_hits
from supportgauge.text.vendor_words import vendor_text

# An acknowledgement-only reply is shown with everything that made it hollow.
_HOLLOW_EVIDENCE = ("acknowledgement", "defers", "next_update")


@dataclass(frozen=True)
class Classification:
    """What one reply does (labels), the technical terms it uses and its likely category."""

    labels: tuple[str, ...]
    terms: tuple[str, ...]
    category: str | None
    evidence: dict[str, tuple[str, ...]]  # label -> the phrases that triggered it
    # label -> the clauses (or sentences) the phrases were read in; phrase-only rules
    # (acknowledgement, deferral, update promises, requests) read the whole text and add none.
    clauses: dict[str, tuple[str, ...]] = field(default_factory=dict)


def classify_text(text: str | None, *, category_hint: str | None = None) -> Classification:
    """Labels, terms, category and per-label evidence for one reply."""
    cleaned = vendor_text(text or "")
    hits = rule_hits(cleaned)
    raw = {name: np.array([hits.hit(name)]) for name in RAW_HITS}
    resolved = resolve_labels(raw)
    labels = tuple(name for name in LABELS if bool(resolved[name][0]))
    evidence: dict[str, tuple[str, ...]] = {}
    clauses: dict[str, tuple[str, ...]] = {}
    for label in labels:
        sources = _HOLLOW_EVIDENCE if label == "acknowledgement_only" else (label,)
        if label == "defers_to_business_hours":
            sources = ("defers",)
        phrases = [p for source in sources for p in hits.evidence.get(source, ())]
        evidence[label] = tuple(dict.fromkeys(phrases))
        read = [c for source in sources for c in hits.clauses.get(source, ())]
        if read:
            clauses[label] = tuple(dict.fromkeys(read))
    surfaces = cue_surfaces(cleaned)
    category = category_hint if category_hint is not None else best_category(surfaces)
    return Classification(labels, terms_of(surfaces), category, evidence, clauses)


def classify_texts(
    texts: Sequence[str | None], *, category_hints: Sequence[str | None] | None = None
) -> list[Classification]:
    """classify_text over many replies; repeated texts are classified once."""
    if category_hints is not None and len(category_hints) != len(texts):
        raise InputError(
            f"{count_of(len(category_hints), 'category hint')} for "
            f"{count_of(len(texts), 'text')}; "
            "pass one hint (or None) per text.",
            parameter="category_hints",
        )
    hints = category_hints if category_hints is not None else [None] * len(texts)
    cache: dict[tuple[str | None, str | None], Classification] = {}
    results = []
    for text, hint in zip(texts, hints, strict=True):
        key = (text, hint)
        if key not in cache:
            cache[key] = classify_text(text, category_hint=hint)
        results.append(cache[key])
    return results
