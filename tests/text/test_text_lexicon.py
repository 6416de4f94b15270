"""The packaged lexicon: versioned, self-contained, and valid in both regex engines."""

from __future__ import annotations

import re
from dataclasses import fields

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from supportgauge.text.lexicon import (
    ReplyRules,
    alternation,
    lexicon_version,
    reply_rules,
    taxonomy,
)
from supportgauge.text.vendor_words import cleaning_steps


def _rule_patterns() -> list[str]:
    rules = reply_rules()
    patterns: list[str] = []
    for field in fields(ReplyRules):
        value = getattr(rules, field.name)
        if field.name != "version":
            patterns.extend(value if isinstance(value, tuple) else [value])
    return patterns + list(taxonomy().cue_patterns) + [p for p, _ in cleaning_steps()]


@pytest.mark.parametrize("pattern", _rule_patterns())
def test_every_rule_compiles_in_python_and_re2(pattern: str) -> None:
    re.compile(pattern, re.ASCII)
    pc.match_substring_regex(pa.array(["x"]), pattern=pattern)


def test_lexicon_carries_a_version() -> None:
    assert re.fullmatch(r"\d{4}\.\d+\.\d+\+taxonomy\.\d{4}\.\d+\.\d+", lexicon_version())


def test_taxonomy_covers_every_scenario_and_category() -> None:
    tax = taxonomy()
    assert set(tax.scenarios) == {"one_to_one_social", "show_live", "voice_room", "game_voice"}
    assert len(tax.categories) == 16
    for categories in tax.scenarios.values():
        assert set(categories) <= set(tax.categories)


def test_longest_phrase_wins_at_a_position() -> None:
    pattern = re.compile(alternation(["cdn", "cdn节点", "cdn node"]), re.ASCII)
    assert pattern.findall("cdn节点 and cdn node and cdn") == ["cdn节点", "cdn node", "cdn"]


def test_ascii_phrases_match_whole_words_only() -> None:
    pattern = re.compile(alternation(["ans"]), re.ASCII)
    assert pattern.findall("answer ans ans降噪") == ["ans", "ans"]
