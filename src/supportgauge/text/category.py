"""Issue categories from text: expert terms, symptoms, and the terms relevant to a category."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from functools import cache

from supportgauge.text.lexicon import Cue, taxonomy
from supportgauge.text.vendor_words import vendor_text


@cache
def _cue_regexes() -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern, re.ASCII) for pattern in taxonomy().cue_patterns)


def cue_surfaces(cleaned: str) -> list[str]:
    """Every term or symptom surface found in lowercased text (repeats kept), pattern by pattern."""
    return [m.group(0) for regex in _cue_regexes() for m in regex.finditer(cleaned)]


def terms_of(surfaces: Iterable[str]) -> tuple[str, ...]:
    """Normalised term keys of the surfaces, sorted, no repeats."""
    cues = taxonomy().cues
    return tuple(sorted({t for s in surfaces if (t := cues[s].term) is not None}))


def best_category(surfaces: Iterable[str]) -> str | None:
    """The category with the highest cue weight (taxonomy order breaks ties), or None."""
    tax = taxonomy()
    scores = dict.fromkeys(tax.categories, 0)
    for surface in surfaces:
        cue: Cue = tax.cues[surface]
        for category, weight in cue.category_weights:
            scores[category] += weight
    best = max(tax.categories, key=lambda c: (scores[c], -tax.categories.index(c)))
    return best if scores[best] > 0 else None


def infer_category(subject: str | None, description: str | None) -> str | None:
    """Best-guess issue category of a ticket from its subject and description, or None."""
    # The subject names the problem; the description often wanders, so the subject counts twice.
    subject_surfaces = cue_surfaces(vendor_text(subject or ""))
    description_surfaces = cue_surfaces(vendor_text(description or ""))
    return best_category([*subject_surfaces, *subject_surfaces, *description_surfaces])


def categories_of(category_or_scenario: str) -> frozenset[str]:
    """The category itself, or the focus categories of a scenario key."""
    tax = taxonomy()
    if category_or_scenario in tax.scenarios:
        return frozenset(tax.scenarios[category_or_scenario])
    return frozenset({category_or_scenario})


def relevant_terms(terms: Sequence[str], category: str | None) -> tuple[str, ...]:
    """The found terms that belong to the category (or to the scenario's categories)."""
    if category is None:
        return ()
    wanted = categories_of(category)
    term_categories = taxonomy().term_categories
    return tuple(t for t in terms if wanted.intersection(term_categories.get(t, ())))
