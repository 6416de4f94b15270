"""Rule hits for one reply, with the phrases that triggered each rule."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from supportgauge.text.lexicon import CLAUSE_CUES, ReplyRules, reply_rules
from supportgauge.text.vendor_words import (
    clauses,
    firm_text,
    mark_sentences,
    sentences,
    without_clauses,
)


@dataclass(frozen=True)
class CompiledRules:
    """Reply rules compiled for Python `re` (ASCII mode, like RE2)."""

    acknowledgement: re.Pattern[str]
    defers: re.Pattern[str]
    generic_advice: re.Pattern[str]
    asks_for_info: re.Pattern[str]
    next_update: re.Pattern[str]
    diagnosis_cause: re.Pattern[str]
    diagnosis_specific: re.Pattern[str]
    diagnosis_component_fault: re.Pattern[str]
    action: re.Pattern[str]
    action_statement: re.Pattern[str]
    eta_time: re.Pattern[str]
    eta_result: re.Pattern[str]
    eta_future: re.Pattern[str]
    eta_past: re.Pattern[str]
    question: re.Pattern[str]
    explains: re.Pattern[str]
    not_explains: re.Pattern[str]
    advises: re.Pattern[str]
    generic_targets: re.Pattern[str]
    not_advice: re.Pattern[str]
    specific_markers: re.Pattern[str]
    info_questions: re.Pattern[str]
    requests: re.Pattern[str]
    info_objects: re.Pattern[str]
    vague_asks: re.Pattern[str]
    informs: re.Pattern[str]
    negated: str  # a clause holding it is blanked
    effect_negations: tuple[str, ...]  # negations of an effect, dropped first
    hypothetical_tail: str  # blanked from the cue to its clause's end


@cache
def compiled_rules() -> CompiledRules:
    """The packaged rules compiled once."""
    rules: ReplyRules = reply_rules()

    def c(pattern: str) -> re.Pattern[str]:
        return re.compile(pattern, re.ASCII)

    return CompiledRules(
        acknowledgement=c(rules.acknowledgement),
        defers=c(rules.defers),
        generic_advice=c(rules.generic_advice),
        asks_for_info=c(rules.asks_for_info),
        next_update=c(rules.next_update),
        diagnosis_cause=c(rules.diagnosis_cause),
        diagnosis_specific=c(rules.diagnosis_specific),
        diagnosis_component_fault=c(rules.diagnosis_component_fault),
        action=c(rules.action),
        action_statement=c(rules.action_statement),
        eta_time=c(rules.eta_time),
        eta_result=c(rules.eta_result),
        eta_future=c(rules.eta_future),
        eta_past=c(rules.eta_past),
        question=c(rules.question),
        # Python's engine has no DFA budget: a family's parts run as one pattern.
        **{name: c("|".join(getattr(rules, name))) for name in CLAUSE_CUES},
        negated=rules.negation,
        effect_negations=rules.effect_negations,
        hypothetical_tail=rules.hypothetical_tail,
    )


@dataclass
class RuleHits:
    """Evidence per raw hit name (see labels.RAW_HITS); a hit is a non-empty list."""

    evidence: dict[str, list[str]] = field(default_factory=dict)
    clauses: dict[str, list[str]] = field(default_factory=dict)  # the clauses that fired

    def add(self, name: str, phrases: list[str], *, clause: str | None = None) -> None:
        """Record phrases (and the clause they were read in) for a raw hit, without repeats."""
        if not phrases:
            return
        slot = self.evidence.setdefault(name, [])
        slot.extend(p for p in phrases if p not in slot)
        if clause:
            # The narrowest reading wins: a clause rather than the sentence around it.
            said = self.clauses.setdefault(name, [])
            if not any(c in clause for c in said):
                said[:] = [c for c in said if clause not in c] + [clause]

    def hit(self, name: str) -> bool:
        """Whether the rule fired."""
        return bool(self.evidence.get(name))


def _found(pattern: re.Pattern[str], text: str) -> list[str]:
    return [m.group(0).strip() for m in pattern.finditer(text)]


def _clause_hits(sentence: str, firm: str, question: bool, hits: RuleHits) -> None:
    """batch.clause_hits for one sentence: each clause that explains, advises or asks."""
    rules = compiled_rules()
    requested: list[str] = []
    for clause, firm_clause in zip(clauses(sentence), clauses(firm), strict=True):
        said = clause.strip(" ,，;；:：")
        if not rules.not_explains.search(firm_clause):
            hits.add("diagnosis", _found(rules.explains, firm_clause), clause=said)
        # A question reads the raw clause ("是否…" is blanked from `firm` as hypothetical).
        read = clause if question else firm_clause
        advice = _found(rules.advises, read)
        if advice and rules.specific_markers.search(read):
            # Advice that names something specific is a how-to answer: it informs.
            hits.add("informs", advice, clause=said)
            advice = []
        hits.add("informs", _found(rules.informs, firm_clause), clause=said)
        targets = [*_found(rules.generic_advice, read), *_found(rules.generic_targets, read)]
        if rules.not_advice.search(read):
            advice, targets = [], []
        hits.add("generic_advice", [*advice, *targets], clause=said)
        if not rules.not_advice.search(read):
            hits.add("burden", _found(rules.generic_advice, read))
        advises = (
            rules.advises.search(clause)
            or rules.generic_targets.search(clause)
            or rules.generic_advice.search(clause)
        )
        if advises or rules.vague_asks.search(clause):
            continue
        if question:
            # A wh-question, or a yes/no question about something to hand over.
            asked = _found(rules.info_questions, clause) or _found(rules.info_objects, clause)
            hits.add("asks_for_info", asked, clause=said)
        requested.extend(_found(rules.requests, clause))
    # A request asks for information when its sentence names what to hand over
    # ("please share the following: logs, uid, time").
    objects = _found(rules.info_objects, sentence) if requested else []
    if objects:
        hits.add("asks_for_info", [*requested, *objects], clause=sentence.strip())


def _sentence_hits(sentence: str, rules: CompiledRules, hits: RuleHits) -> None:
    question = bool(rules.question.search(sentence))
    # The asking clauses of a question commit to nothing and state no cause, fix or time
    # ("有人告诉您原因吗？"); its other clauses still do ("这是编码器的问题，能发下日志吗？").
    stated = without_clauses(sentence, rules.question.pattern) if question else sentence
    # Negated and hypothetical clauses state no advice, cause, fix or time.
    firm = firm_text(stated, rules.negated, rules.hypothetical_tail, rules.effect_negations)
    said = sentence.strip()
    promises = _found(rules.next_update, stated)
    hits.add("next_update", promises)
    _clause_hits(sentence, firm, question, hits)
    causes = _found(rules.diagnosis_cause, firm)
    specifics = _found(rules.diagnosis_specific, firm) if causes else []
    faults = _found(rules.diagnosis_component_fault, firm)
    if faults or specifics:
        found = [*causes, *specifics, *faults] if specifics else faults
        hits.add("diagnosis", found, clause=said)
    actions = [*_found(rules.action, firm), *_found(rules.action_statement, firm)]
    hits.add("action", actions, clause=said)
    times = _found(rules.eta_time, firm)
    results = _found(rules.eta_result, firm) if times else []
    if times and not results:
        results = _found(rules.eta_future, firm)
    # A time gone by is no expectation, unless the sentence also speaks of the future.
    if results and rules.eta_past.search(firm) and not rules.eta_future.search(firm):
        results = []
    # "The team is back Monday" dates the work, not the fix.
    if results and not rules.defers.search(sentence):
        hits.add("eta", [*times, *results], clause=said)


def rule_hits(cleaned: str) -> RuleHits:
    """Raw rule hits with evidence for text already reduced to the vendor's words."""
    rules = compiled_rules()
    hits = RuleHits()
    # Phrase rules that ignore negation and questions read the text with sentence marks.
    marked = mark_sentences(cleaned)
    for name in ("acknowledgement", "defers", "asks_for_info"):
        found = _found(getattr(rules, name), marked)
        if found:
            hits.add(name, found)
    for sentence in sentences(cleaned):
        _sentence_hits(sentence, rules, hits)
    return hits
