"""Pools of composed ticket texts, built once and picked from by vectorised index."""

from __future__ import annotations

import functools
import random
from dataclasses import dataclass

import numpy as np
import pyarrow as pa

from supportgauge.synthetic.customer_regions import REGIONS, Region
from supportgauge.synthetic.issue_catalogue import (
    CATEGORIES,
    CATEGORY_READINGS,
    ERROR_CODES,
    METRIC_READINGS,
    CategoryWords,
    category_words,
    generic_advice,
)
from supportgauge.synthetic.templates import (
    CATEGORY_FREE,
    CLOSERS,
    EN,
    OPENERS,
    REGIONAL,
    ZH,
    Text,
)

LANGUAGES = ("en", "zh", "mixed")
_REGIONAL_VARIANTS = 10
_CATEGORY_VARIANTS = 60
_FREE_VARIANTS = 120
_POOL_SEED = 20260101  # fixed: the pools are part of the generator, not of one data set


# Slots filled with a plain number: inclusive range.
_NUMBER_SLOTS = {"uid": (10_000_000, 99_999_999), "count": (3, 400), "pct": (3, 40),
                 "eta": (10, 60), "hours": (2, 6), "ago": (5, 90)}  # fmt: skip


class _Slots(dict[str, str]):
    """Fills a frame's {slots} on demand with random words of one category and region."""

    def __init__(self, rng: random.Random, lang: str, words: CategoryWords, region: Region):
        super().__init__()
        self.rng, self.lang, self.words, self.region = rng, lang, words, region
        # Mixed texts are Chinese sentences carrying English terms and readings.
        self.frame_lang = "en" if lang == "en" else "zh"
        self.term_lang = "zh" if lang == "zh" else "en"

    def __missing__(self, key: str) -> str:
        rng, words = self.rng, self.words
        en_terms = self.term_lang == "en"
        if key in ("symptom", "symptom_verb"):
            return rng.choice(words.symptoms_en if self.frame_lang == "en" else words.symptoms_zh)
        if key in ("term", "term2"):
            return self._distinct(key, words.terms_en if en_terms else words.terms_zh)
        if key == "generic_cat":
            return rng.choice(words.generic_en if self.frame_lang == "en" else words.generic_zh)
        if key in ("generic", "generic2"):
            advice_en, advice_zh = generic_advice()
            return rng.choice(advice_en if self.frame_lang == "en" else advice_zh)
        if key in ("reading", "reading2"):
            return self._reading()
        if key == "code":
            codes = ERROR_CODES.get(words.name, ("code 111", "error 17", "code 1003"))
            return rng.choice(codes)
        return self._plain(key)

    def _distinct(self, key: str, choices: tuple[str, ...]) -> str:
        """A choice different from the ones already filled in this text, when possible."""
        fresh = [c for c in choices if c not in self.values()] or list(choices)
        self[key] = self.rng.choice(fresh)
        return self[key]

    def _reading(self) -> str:
        metric = self._distinct("metric", CATEGORY_READINGS[self.words.name])
        label_en, label_zh, unit, low, high = METRIC_READINGS[metric][0]
        label = label_en if self.term_lang == "en" else label_zh
        return f"{label} {self.rng.randint(low, high)}{' ' if unit != '%' else ''}{unit}"

    def _plain(self, key: str) -> str:
        rng, region = self.rng, self.region
        if key == "region":
            return region.name_en if self.frame_lang == "en" else region.name_zh
        if key == "node":
            return f"{region.node}-edge-{rng.randint(1, 24):02d}"
        if key == "channel":
            return f"{rng.choice(('room', 'live', 'vc', 'party', 'pk'))}_{rng.randint(1000, 99999)}"
        if key == "clock":
            return f"{rng.choice((19, 20, 21, 22, 23, 0, 1))}:{rng.randint(0, 59):02d}"
        if key == "sdk":
            return f"{rng.choice((3, 4))}.{rng.randint(0, 5)}.{rng.randint(0, 9)}"
        low, high = _NUMBER_SLOTS[key]
        return str(rng.randint(low, high))


def _compose(
    rng: random.Random, kind: Text, lang: str, words: CategoryWords, region: Region
) -> str:
    slots = _Slots(rng, lang, words, region)
    frames = EN[kind] if slots.frame_lang == "en" else ZH[kind]
    text = rng.choice(frames).format_map(slots)
    if kind in (Text.SUBJECT, Text.DIAGNOSIS_MARK):
        return text
    opener = rng.choice(OPENERS[slots.frame_lang]) if kind == Text.DESCRIPTION else ""
    return opener + text + rng.choice(CLOSERS[slots.frame_lang])


@dataclass(frozen=True)
class TextPool:
    """All composed texts and where each (kind, language, category, region) cell's range is."""

    texts: pa.Array
    starts: np.ndarray  # shape (kinds, languages, categories, regions)
    sizes: np.ndarray

    def pick(
        self,
        rng: np.random.Generator,
        kind: Text | np.ndarray,
        lang: np.ndarray,
        category: np.ndarray,
        region: np.ndarray,
    ) -> np.ndarray:
        """Index into `texts` of a random text per row of the given cells."""
        start = self.starts[kind, lang, category, region]
        size = self.sizes[kind, lang, category, region]
        return start + (rng.random(len(lang)) * size).astype(np.int64)


@functools.cache
def text_pool() -> TextPool:
    """The pool of texts, composed once per process with a fixed seed."""
    rng = random.Random(_POOL_SEED)
    words = category_words()
    shape = (len(Text), len(LANGUAGES), len(CATEGORIES), len(REGIONS))
    starts = np.zeros(shape, dtype=np.int64)
    sizes = np.zeros(shape, dtype=np.int64)
    texts: list[str] = []

    def add(kind: Text, lang_index: int, count: int, cat: int, reg: int) -> tuple[int, int]:
        first = len(texts)
        lang = LANGUAGES[lang_index]
        texts.extend(
            _compose(rng, kind, lang, words[CATEGORIES[cat]], REGIONS[reg]) for _ in range(count)
        )
        return first, count

    for kind in Text:
        for lang_index in range(len(LANGUAGES)):
            if kind in CATEGORY_FREE:
                cell = add(kind, lang_index, _FREE_VARIANTS, 0, 0)
                starts[kind, lang_index], sizes[kind, lang_index] = cell
                continue
            for cat in range(len(CATEGORIES)):
                if kind in REGIONAL:
                    for reg in range(len(REGIONS)):
                        cell = add(kind, lang_index, _REGIONAL_VARIANTS, cat, reg)
                        starts[kind, lang_index, cat, reg], sizes[kind, lang_index, cat, reg] = cell
                else:
                    cell = add(
                        kind, lang_index, _CATEGORY_VARIANTS, cat, rng.randrange(len(REGIONS))
                    )
                    starts[kind, lang_index, cat], sizes[kind, lang_index, cat] = cell
    return TextPool(pa.array(texts, type=pa.string()), starts, sizes)
