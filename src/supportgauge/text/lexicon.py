"""The packaged reply lexicon and issue taxonomy, compiled to regular-expression sources."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import yaml

from supportgauge.errors import SupportGaugeError

REPLY_LEXICON_FILE = "reply_lexicon.yaml"
TAXONOMY_FILE = "taxonomy.yaml"

# Clauses end at these; negated and hypothetical clauses are removed up to them.
CLAUSE_DELIMITERS = "，,；;:："

# Symptoms say more about a ticket's category than vocabulary shared by several categories.
# Integer weights keep sums exact, so every engine breaks ties the same way; a term shared by
# n categories gives each TERM_WEIGHT // n.
SYMPTOM_WEIGHT = 120
TERM_WEIGHT = 60


class LexiconError(SupportGaugeError):
    """A lexicon file is malformed: a packaging bug, or a bad edit of it (kind: error)."""


@dataclass(frozen=True)
class Cue:
    """A surface form found in text: the term it names (if any) and the categories it hints."""

    surface: str
    term: str | None
    category_weights: tuple[tuple[str, int], ...]


@dataclass(frozen=True)
class Taxonomy:
    """Issue categories, scenarios and the cue alternation that finds terms and symptoms."""

    version: str
    categories: tuple[str, ...]
    scenarios: Mapping[str, tuple[str, ...]]
    term_categories: Mapping[str, tuple[str, ...]]
    cue_patterns: tuple[str, ...]  # each finds terms and symptoms; run every one
    cues: Mapping[str, Cue]


@dataclass(frozen=True)
class ReplyRules:
    """Regular-expression sources (valid in Python `re` ASCII mode and in RE2) per rule."""

    version: str
    acknowledgement: str
    defers: str
    generic_advice: str
    asks_for_info: str
    next_update: str
    diagnosis_cause: str
    diagnosis_specific: str
    diagnosis_component_fault: str
    action: str
    action_statement: str
    eta_time: str
    eta_result: str
    eta_future: str
    eta_past: str
    negation: str
    # Each keeps its group 1 and drops the negation cue after it (see negation.effects).
    effect_negations: tuple[str, ...]
    hypothetical: str
    # A hypothetical cue and the rest of what it conditions (blanked from the firm text).
    hypothetical_tail: str
    question: str
    clause_break: str
    # Clause cue families: each is a few patterns, and a text matches when any part does.
    explains: tuple[str, ...]
    not_explains: tuple[str, ...]
    advises: tuple[str, ...]
    generic_targets: tuple[str, ...]
    not_advice: tuple[str, ...]
    specific_markers: tuple[str, ...]
    info_questions: tuple[str, ...]
    requests: tuple[str, ...]
    info_objects: tuple[str, ...]
    vague_asks: tuple[str, ...]
    informs: tuple[str, ...]


def _is_word_char(char: str) -> bool:
    return char.isascii() and (char.isalnum() or char == "_")


def phrase_regex(phrase: str) -> str:
    """A regex for a literal phrase; ASCII word edges only match at word boundaries."""
    body = re.escape(phrase)
    start = r"\b" if _is_word_char(phrase[0]) else ""
    end = r"\b" if _is_word_char(phrase[-1]) else ""
    return f"{start}{body}{end}"


_END = ""  # trie key marking that a phrase ends at this node


def _trie_branch(node: dict[str, Any], previous: str) -> str:
    # Longer continuations are tried before ending here, so the longest phrase wins, as in a
    # longest-first list; a shared-prefix tree keeps Python's backtracking engine fast.
    branches = [re.escape(char) + _trie_branch(node[char], char) for char in sorted(node) if char]
    if _END in node:
        branches.append(r"\b" if _is_word_char(previous) else "")
    if len(branches) == 1:
        return branches[0]
    return "(?:" + "|".join(branches) + ")"


def trie_regex(phrases: Iterable[str]) -> str:
    """A regex matching any phrase, preferring the longest; ASCII word edges at boundaries."""
    root: dict[str, Any] = {}
    for phrase in phrases:
        node = root
        for char in phrase:
            node = node.setdefault(char, {})
        node[_END] = True
    starts = [
        (r"\b" if _is_word_char(char) else "") + re.escape(char) + _trie_branch(root[char], char)
        for char in sorted(root)
    ]
    return "|".join(starts)


def alternation(phrases: Iterable[str], patterns: Iterable[str] = ()) -> str:
    """One group matching any phrase (the longest at a position) or else any pattern."""
    unique = {p for p in phrases if p}
    parts = ([trie_regex(unique)] if unique else []) + [f"(?:{p})" for p in patterns]
    if not parts:
        raise LexiconError("an empty phrase list cannot be compiled into a rule")
    return "(" + "|".join(parts) + ")"


def _read_yaml(name: str) -> dict[str, Any]:
    text = resources.files("supportgauge.text").joinpath(name).read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    if not isinstance(data, dict) or "version" not in data:
        raise LexiconError(f"{name}: expected a mapping with a 'version' key")
    return data


# How far a negation reaches to the cause word it denies, in characters, forwards ("not
# related to our servers") and backwards ("the issue is not on").
NEGATION_REACH_CHARS = 24
NEGATED_CAUSE_REACH_CHARS = 10


def _negation_rule(negation: Mapping[str, Any]) -> str:
    # A negation cue close before a cause word ("not a network issue", "不是我们这边的问题"),
    # a cause word just before one ("the issue is not"), or a standalone finding. Only close
    # pairs: in "the problem is that the token isn't valid" the negation names the cause.
    cue = alternation((), negation["cues"])
    cause = alternation((), negation["causes"])
    before = f"[^{CLAUSE_DELIMITERS}]{{0,{NEGATION_REACH_CHARS}}}"
    after = f"[^{CLAUSE_DELIMITERS}]{{0,{NEGATED_CAUSE_REACH_CHARS}}}"
    standalone = alternation((), negation["standalone"])
    return f"({cue}{before}{cause}|{cause}{after}{cue}|{standalone})"


def _hypothetical_tail(hypothetical: Mapping[str, Any]) -> str:
    # The cue, then what is not a clause delimiter nor a main clause's opener, where an
    # opener's character that begins another word is allowed.
    cue = alternation((), hypothetical["patterns"])
    stops = re.escape(hypothetical["main_clause_openers"])
    allowed = "|".join(re.escape(word) for word in hypothetical["not_openers"])
    return f"{cue}(?:[^{CLAUSE_DELIMITERS}{stops}]|{allowed})*"


def _with_plurals(phrases: Iterable[str]) -> list[str]:
    # "server" should also find "servers"; Chinese has no plural.
    words = list(phrases)
    return words + [f"{w}s" for w in words if w[-1].isascii() and w[-1].isalpha()]


def _words(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=lambda w: (-len(w), w)))


def _action_rule(action: Mapping[str, Any]) -> str:
    done, doing = _words(action["done"]), _words(action["doing"])
    passive, zh, zh_we = (
        _words(action["passive"]),
        _words(action["zh"]),
        _words(action["zh_we_done"]),
    )
    adverb = (
        "( also| already| just| now| then| temporarily| immediately| successfully| since"
        "| manually| personally| just now| also now)?"
    )
    # "our team has", "our billing team has", "support has now", "our team restored"
    team = (
        r"(our ([a-z]+ )?(team|engineers?|sre|ops|noc|on-call|oncall|staff|specialists?"
        r"|technicians?|department)( team)?|support)( has| have| is| are)?( now)?"
    )
    clause = f"[^{CLAUSE_DELIMITERS}。]"
    patterns = [
        rf"\b(we|i)('ve| have| had)?{adverb} ({done})\b",
        # A second verb shares the subject: "we have escalated it and opened a case".
        # (An unbounded gap: a counted one multiplies RE2's DFA states with the verb list.)
        rf"\b(we|i)\b[^{CLAUSE_DELIMITERS}.。]* and( also| then)? ({done})\b",
        rf"\b(we're|we are|i'm|i am)( now| currently| already| also)? ({doing})\b",
        rf"\b{team}( already| just| now)? ({done}|{doing})\b",
        rf"\b(has|have|had) been ({passive})\b",
        rf"\b(is|are|was|were) (being )?({passive})\b",
        f"(已经|已|正在|刚刚|现已|目前已){clause}{{0,30}}({zh})",
        f"(我们|我这边|我们这边|我们在){clause}{{0,20}}({zh_we})",
        *action["patterns"],
    ]
    return alternation((), patterns)


# Cue families read clause by clause (the `clause_cues` section of the reply lexicon).
CLAUSE_CUES = (
    "explains",
    "not_explains",
    "advises",
    "generic_targets",
    "not_advice",
    "specific_markers",
    "info_questions",
    "requests",
    "info_objects",
    "vague_asks",
    "informs",
)


# RE2 compiles one alternation into one DFA; past a few unbounded or counted repeats the DFA
# outgrows its memory budget and matching falls back to a path about a hundred times slower.
PATTERNS_PER_PART = 6


def _cue_parts(entry: Mapping[str, Any]) -> tuple[str, ...]:
    """A cue family as alternations to run one by one: its phrases, then its patterns in parts."""
    phrases = entry.get("phrases") or ()
    patterns = list(entry.get("patterns") or ())
    parts = [alternation(phrases)] if phrases else []
    for start in range(0, len(patterns), PATTERNS_PER_PART):
        parts.append(alternation((), patterns[start : start + PATTERNS_PER_PART]))
    if not parts:
        raise LexiconError("a clause cue family needs phrases or patterns")
    return tuple(parts)


def _label_rule(labels: Mapping[str, Any], name: str) -> str:
    entry = labels[name]
    return alternation(entry.get("phrases") or (), entry.get("patterns") or ())


@cache
def taxonomy() -> Taxonomy:
    """The packaged issue taxonomy, loaded once."""
    data = _read_yaml(TAXONOMY_FILE)
    categories = tuple(data["categories"])
    known = set(categories)
    scenarios = {key: tuple(value["categories"]) for key, value in data["scenarios"].items()}
    term_categories: dict[str, tuple[str, ...]] = {}
    weights: dict[str, dict[str, int]] = {}
    term_of: dict[str, str] = {}
    for key, entry in data["terms"].items():
        cats = tuple(entry["categories"])
        unknown = set(cats) - known
        if unknown:
            raise LexiconError(f"{TAXONOMY_FILE}: term {key!r} names unknown {sorted(unknown)}")
        term_categories[key] = cats
        for surface in entry["match"]:
            term_of.setdefault(str(surface), key)
            slot = weights.setdefault(str(surface), {})
            for cat in cats:
                slot[cat] = slot.get(cat, 0) + TERM_WEIGHT // len(cats)
    for cat, entry in data["categories"].items():
        for surface in entry["symptoms"]:
            slot = weights.setdefault(str(surface), {})
            slot[cat] = slot.get(cat, 0) + SYMPTOM_WEIGHT
    cues = {
        surface: Cue(surface, term_of.get(surface), tuple(sorted(cat_weights.items())))
        for surface, cat_weights in weights.items()
    }
    return Taxonomy(
        version=str(data["version"]),
        categories=categories,
        scenarios=scenarios,
        term_categories=term_categories,
        # Two smaller patterns (ASCII, and the rest) keep RE2 inside its fast DFA budget;
        # one pattern over all cues is about twenty times slower.
        cue_patterns=(
            alternation(s for s in cues if s.isascii()),
            alternation(s for s in cues if not s.isascii()),
        ),
        cues=cues,
    )


@cache
def reply_rules() -> ReplyRules:
    """The packaged reply-quality rules, loaded once."""
    data = _read_yaml(REPLY_LEXICON_FILE)
    labels = data["labels"]
    diagnosis = labels["diagnosis"]
    specifics = diagnosis["specifics"]
    eta = labels["eta"]
    term_surfaces = [s for s, cue in taxonomy().cues.items() if cue.term is not None]
    return ReplyRules(
        version=str(data["version"]),
        acknowledgement=_label_rule(labels, "acknowledgement_only"),
        defers=_label_rule(labels, "defers_to_business_hours"),
        generic_advice=_label_rule(labels, "generic_advice"),
        asks_for_info=_label_rule(labels, "asks_for_info"),
        next_update=_label_rule(labels, "next_update"),
        diagnosis_cause=alternation(diagnosis["cause_phrases"], diagnosis["cause_patterns"]),
        diagnosis_specific=alternation(
            _with_plurals([*specifics["phrases"], *term_surfaces]), specifics["patterns"]
        ),
        diagnosis_component_fault=alternation((), diagnosis["component_fault_patterns"]),
        action=_action_rule(labels["action"]),
        action_statement=alternation((), labels["action"]["statements"]),
        eta_time=alternation((), eta["time_patterns"]),
        eta_result=alternation(eta["result_phrases"]),
        eta_future=alternation(eta["future_phrases"]),
        eta_past=alternation((), eta["past_patterns"]),
        negation=_negation_rule(data["negation"]),
        effect_negations=tuple(data["negation"]["effects"]),
        hypothetical=alternation((), data["hypothetical"]["patterns"]),
        hypothetical_tail=_hypothetical_tail(data["hypothetical"]),
        question=alternation((), data["question"]["patterns"]),
        clause_break=alternation(data["clause_breaks"]),
        **{name: _cue_parts(data["clause_cues"][name]) for name in CLAUSE_CUES},
    )


def lexicon_version() -> str:
    """Version of the packaged lexicon and taxonomy, e.g. for reports and caches."""
    return f"{reply_rules().version}+taxonomy.{taxonomy().version}"
