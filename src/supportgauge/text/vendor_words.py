"""Keep only the vendor's own words of a reply and cut them into sentences and clauses.

Every rule here is a regular expression valid in Python `re` (ASCII mode) and in RE2, so the
single-text path and the Arrow batch path clean text identically.
"""

from __future__ import annotations

import re
from functools import cache

from supportgauge.text.lexicon import CLAUSE_DELIMITERS, reply_rules

SENTENCE_MARK = "\x1f"
CLAUSE_MARK = "\x1e"
# A clause ends at one of CLAUSE_DELIMITERS; the mark keeps the delimiter with its clause.
CLAUSE_END = f"([{CLAUSE_DELIMITERS}])"
CLAUSE_END_REPLACEMENT = "\\1" + CLAUSE_MARK

# Quoted customer text: "> " lines, and everything after a mail client's quote header.
# Unbounded `[^\n]*` rather than `{1,160}`: counted repeats blow up RE2's DFA on long texts.
QUOTED_LINE = r"(?m:^[ \t]*>.*$)"
QUOTE_TAIL = (
    r"(?s:(-{2,}\s*(original message|forwarded message|原始邮件|转发的邮件)\s*-{2,}"
    r"|(^|\n)[ \t>]*on\b[^\n]*\bwrote:"
    r"|(^|\n)[ \t>]*在[^\n]*写道[:：]"
    r"|\nfrom:[^\n]*\n(sent|date|to|subject):"
    r"|\n发件人[:：]"
    r").*)"
)
# Signatures: a sign-off phrase and whatever follows it, or a trailing "Thanks," line with at
# most four short lines (name, title, contacts) after it.
SIGNATURE_TAIL = (
    r"(?s:(best regards|kind regards|warm regards|best wishes|thanks (and|&) regards"
    r"|yours sincerely|sincerely,|祝好|此致|顺祝|顺颂|祝商祺|祝工作顺利|祝您工作顺利"
    r"|祝您生活愉快|\n-- ?\n).*)"
)
SIGN_OFF_TAIL = (
    r"(?s:\n[ \t]*(regards|cheers|thanks|thank you|br|谢谢|感谢)[ \t]*[,，!！.。]?[ \t]*"
    r"(\n[^\n]{0,60}){0,4}\s*$)"
)
# A greeting is its word and at most three more ("Hi there team,", "Dear valued customer."),
# so it never runs on past a sentence end into the substance ("Hi there. We reset it, ...").
GREETING = (
    r"(?m:^[ \t]*(hi|hello|hey|dear|good (morning|afternoon|evening))\b"
    r"([ \t]+[^\s,，!！:.。?？]+){0,3}[ \t]*[,，!！:.。])"
    r"|尊敬的[^，,！!：:\n]{0,20}[，,！!：:]|您好[，,！!：:。]?|你好[，,！!：:。]?"
)

# Applied in order to the lowercased text. Rules that share a replacement share a pass: each
# pass costs a full scan of the batch. Cutting at the earliest of several tails equals cutting
# at each in turn.
CLEANING_STEPS: tuple[tuple[str, str], ...] = (
    ("[\r" + SENTENCE_MARK + CLAUSE_MARK + "]", " "),
    ("[’‘`´]", "'"),
    (f"{QUOTE_TAIL}|{SIGNATURE_TAIL}|{SIGN_OFF_TAIL}", ""),
    (f"{QUOTED_LINE}|{GREETING}", " "),
    # Informal Chinese uses a space as a comma ("这个不是网络问题 这个是配置问题"): a clause break,
    # also after a Latin word when a demonstrative or connective opens the next clause
    # ("这个不是bug 这个是配置问题"); a space around a Latin word alone ("刚才的 log 是") is not.
    ("([一-鿿]) +([一-鿿])", "\\1，\\2"),
    ("([a-z0-9]) +(这个|这是|那个|但是|而是|所以|因为)", "\\1，\\2"),
)

# A sentence ends at these; the mark keeps the terminator with its sentence. Whitespace after
# a terminator is dropped so blank lines make no empty sentences (each row costs a kernel call).
SENTENCE_END = r"([。！？!?；;\n]|\.\s)\s*"
SENTENCE_END_REPLACEMENT = "\\1" + SENTENCE_MARK
# An effect's negation cue is dropped, the causal verb before it (group 1) kept.
EFFECT_KEPT = "\\1 "
# A pasted log can make one "sentence" of thousands of characters; rules read its start only,
# which keeps Python's backtracking engine from going quadratic on it.
MAX_SENTENCE_CHARS = 1000


def clause_break_rule() -> tuple[str, str]:
    """Insert a comma before "but" / "而是" so a negated clause does not swallow what follows."""
    return reply_rules().clause_break, ",\\1"


@cache
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.ASCII)


def cleaning_steps() -> tuple[tuple[str, str], ...]:
    """Every (pattern, replacement) applied to lowercased text, in order."""
    return (*CLEANING_STEPS, clause_break_rule())


def vendor_text(text: str) -> str:
    """Lowercased reply without quoted customer text, greetings and signature."""
    cleaned = text.lower()
    for pattern, replacement in cleaning_steps():
        cleaned = _compiled(pattern).sub(replacement, cleaned)
    return cleaned


def mark_sentences(cleaned: str) -> str:
    """Cleaned text with SENTENCE_MARK after each sentence terminator."""
    return _compiled(SENTENCE_END).sub(SENTENCE_END_REPLACEMENT, cleaned)


def sentences(cleaned: str) -> list[str]:
    """Sentences of cleaned text, each keeping its terminator, cut to MAX_SENTENCE_CHARS."""
    marked = mark_sentences(cleaned)
    return [s[:MAX_SENTENCE_CHARS] for s in marked.split(SENTENCE_MARK) if s.strip()]


def blanked_clause(clause: str) -> str:
    """What a removed clause leaves behind: a space, and its delimiter if it had one."""
    return " " + clause[-1] if clause and clause[-1] in CLAUSE_DELIMITERS else " "


def clauses(sentence: str) -> list[str]:
    """The clauses of a sentence, each keeping its delimiter (an empty tail included)."""
    return _compiled(CLAUSE_END).sub(CLAUSE_END_REPLACEMENT, sentence).split(CLAUSE_MARK)


def without_clauses(sentence: str, cue_pattern: str) -> str:
    """The sentence with every clause that contains the cue blanked out."""
    cue = _compiled(cue_pattern)
    return "".join(blanked_clause(c) if cue.search(c) else c for c in clauses(sentence))


def firm_text(
    sentence: str, negated: str, hypothetical_tail: str, effect_negations: tuple[str, ...] = ()
) -> str:
    """What the sentence states as fact: negated clauses blanked, hypothetical tails cut.

    "The fix ships in 2.3 once QA passes" still states the release; "if you restart, ..." and
    "不是网络问题" state nothing; "基站故障导致无法通话" states its cause.
    """
    # Tails first, so a negation inside a condition ("if no further help is needed") leaves
    # the clause it hangs on.
    kept = _compiled(hypothetical_tail).sub(" ", sentence)
    for effect in effect_negations:
        kept = _compiled(effect).sub(EFFECT_KEPT, kept)
    return without_clauses(kept, negated)
