"""Classify many replies at once with vectorised Arrow string kernels (RE2)."""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from functools import cache
from itertools import pairwise

import numpy as np
import numpy.typing as npt
import pyarrow as pa
import pyarrow.compute as pc

from supportgauge.text.labels import LABELS, BoolArray, resolve_labels
from supportgauge.text.lexicon import CLAUSE_DELIMITERS, reply_rules, taxonomy
from supportgauge.text.rule_hits import compiled_rules
from supportgauge.text.vendor_words import (
    CLAUSE_END,
    CLAUSE_END_REPLACEMENT,
    CLAUSE_MARK,
    EFFECT_KEPT,
    MAX_SENTENCE_CHARS,
    SENTENCE_END,
    SENTENCE_END_REPLACEMENT,
    SENTENCE_MARK,
    cleaning_steps,
)

IntArray = npt.NDArray[np.int64]

# Arrow's string kernels release the GIL, so large batches are cut into chunks classified on
# parallel threads; below this many rows one thread is quicker.
PARALLEL_CHUNK_ROWS = 20_000


def as_string_array(texts: pa.Array | pa.ChunkedArray | Sequence[str | None]) -> pa.Array:
    """Texts as one Arrow string array, nulls as empty strings."""
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    array = texts if isinstance(texts, pa.Array) else pa.array(list(texts), type=pa.string())
    if pa.types.is_large_string(array.type) or pa.types.is_string_view(array.type):
        array = array.cast(pa.string())
    return pc.fill_null(array, "")


def cleaned_texts(texts: pa.Array) -> pa.Array:
    """Lowercased vendor words of each reply (quotes, greetings, signatures removed)."""
    cleaned = pc.utf8_lower(texts)
    for pattern, replacement in cleaning_steps():
        cleaned = _replace_where_found(cleaned, pattern, replacement)
    return cleaned


def _replace_where_found(values: pa.Array, pattern: str, replacement: str) -> pa.Array:
    # Most replies need no cleaning step; a match scan is cheaper than rewriting every row.
    found = pc.match_substring_regex(values, pattern=pattern)
    if not pc.any(found).as_py():
        return values
    changed = pc.replace_substring_regex(
        values.filter(found), pattern=pattern, replacement=replacement
    )
    return pc.replace_with_mask(values, found, changed)


def _matches(values: pa.Array, pattern: str) -> BoolArray:
    mask = pc.match_substring_regex(values, pattern=pattern)
    return np.asarray(mask.to_numpy(zero_copy_only=False), dtype=bool)


def _matches_where(values: pa.Array, where: BoolArray, pattern: str) -> BoolArray:
    """_matches, evaluated only where `where` holds (False elsewhere): each row costs a call."""
    found = np.zeros(len(values), dtype=bool)
    if where.any():
        found[where] = _matches(values.filter(pa.array(where)), pattern)
    return found


def _matches_any(values: pa.Array, parts: tuple[str, ...]) -> BoolArray:
    """Whether any part of a cue family matches each value."""
    return _matches_any_where(values, np.ones(len(values), dtype=bool), parts)


def _matches_any_where(values: pa.Array, where: BoolArray, parts: tuple[str, ...]) -> BoolArray:
    """_matches_any where `where` holds; later parts only read values not matched yet."""
    found = np.zeros(len(values), dtype=bool)
    for part in parts:
        found |= _matches_where(values, where & ~found, part)
    return found


def _any_per_text(mask: BoolArray, parents: IntArray, count: int) -> BoolArray:
    return np.bincount(parents[mask], minlength=count) > 0


def _strip_clauses(values: pa.Array, cue_pattern: str) -> pa.Array:
    """vendor_words.without_clauses for every value: clauses holding the cue are blanked."""
    # Most sentences hold no cue: clause surgery only where it can change something.
    has_cue = pc.match_substring_regex(values, pattern=cue_pattern)
    if not pc.any(has_cue).as_py():
        return values
    stripped = _strip_clauses_everywhere(values.filter(has_cue), cue_pattern)
    return pc.replace_with_mask(values, has_cue, stripped)


def _clause_lists(values: pa.Array) -> pa.ListArray:
    """The clauses of each value, each keeping its delimiter (vendor_words.clauses)."""
    marked = pc.replace_substring_regex(
        values, pattern=CLAUSE_END, replacement=CLAUSE_END_REPLACEMENT
    )
    return pc.split_pattern(marked, pattern=CLAUSE_MARK)


def _strip_clauses_everywhere(values: pa.Array, cue_pattern: str) -> pa.Array:
    lists = _clause_lists(values)
    clauses = pc.list_flatten(lists)
    last = pc.utf8_slice_codeunits(clauses, start=-1)
    blank = pc.if_else(
        pc.match_substring_regex(last, pattern=f"[{CLAUSE_DELIMITERS}]"),
        pc.binary_join_element_wise(" ", last, ""),
        " ",
    )
    kept = pc.if_else(pc.match_substring_regex(clauses, pattern=cue_pattern), blank, clauses)
    return pc.binary_join(pa.ListArray.from_arrays(lists.offsets, kept), "")


def _clauses(values: pa.Array) -> tuple[pa.Array, IntArray]:
    """Every clause of every value, flattened, with the index of the value it came from."""
    lists = _clause_lists(values)
    parents = np.asarray(pc.list_parent_indices(lists).to_numpy(), dtype=np.int64)
    return pc.list_flatten(lists), parents


def clause_hits(clauses: pa.Array, firm: pa.Array, question: BoolArray) -> dict[str, BoolArray]:
    """Per clause: explains (diagnosis), advises generically, asks, requests (asks_for_info
    once its sentence names what to hand over), informs (a how-to step, fact or policy)."""
    rules = reply_rules()
    explains = _matches_any(firm, rules.explains)
    explains &= ~_matches_any_where(firm, explains, rules.not_explains)
    # A question reads the raw clause ("是否…" is blanked from `firm` as hypothetical).
    read = pc.if_else(pa.array(question), clauses, firm)
    advises = _matches_any(read, rules.advises)
    specific = _matches_any_where(read, advises, rules.specific_markers)
    # Advice that names something specific is a how-to answer: it informs.
    informs = specific | _matches_any_where(firm, ~specific, rules.informs)
    advises &= ~specific
    burden = _matches(read, compiled_rules().generic_advice.pattern)
    targets = burden | _matches_any_where(read, ~burden, rules.generic_targets)
    courtesy = _matches_any_where(read, advises | targets, rules.not_advice)
    advises &= ~courtesy
    targets &= ~courtesy
    burden &= ~courtesy
    # A wh-question, or a yes/no question about something to hand over; a request form.
    asks = _matches_any_where(clauses, question, rules.info_questions)
    asks |= _matches_any_where(clauses, question & ~asks, rules.info_objects)
    requests = _matches_any(clauses, rules.requests)
    # A question or request that offers advice ("have you tried restarting?"), or is vague
    # or a status check, asks for nothing.
    either = asks | requests
    either &= ~_matches_any_where(clauses, either, rules.advises)
    either &= ~_matches_any_where(clauses, either, rules.generic_targets)
    either &= ~_matches_where(clauses, either, compiled_rules().generic_advice.pattern)
    either &= ~_matches_any_where(clauses, either, rules.vague_asks)
    return {
        "diagnosis": explains,
        "generic_advice": targets | advises,
        "burden": burden,
        "asks_for_info": asks & either,
        "requests": requests & either,
        "informs": informs,
    }


def raw_hits(cleaned: pa.Array) -> dict[str, BoolArray]:
    """Raw rule hits per text, the same as explain.rule_hits finds for each one."""
    rules = compiled_rules()
    count = len(cleaned)
    marked = pc.replace_substring_regex(
        cleaned, pattern=SENTENCE_END, replacement=SENTENCE_END_REPLACEMENT
    )
    lists = pc.split_pattern(marked, pattern=SENTENCE_MARK)
    parents = np.asarray(pc.list_parent_indices(lists).to_numpy(), dtype=np.int64)
    sentences = pc.utf8_slice_codeunits(pc.list_flatten(lists), start=0, stop=MAX_SENTENCE_CHARS)

    def per_text(mask: BoolArray) -> BoolArray:
        return _any_per_text(mask, parents, count)

    # Phrase rules that ignore negation and questions read the whole text in one row each.
    hits = {
        name: _matches(marked, getattr(rules, name).pattern)
        for name in ("acknowledgement", "defers", "asks_for_info")
    }
    question = _matches(sentences, rules.question.pattern)
    # The asking clauses of a question commit to nothing and state no cause, fix or time
    # ("有人告诉您原因吗？"); its other clauses still do ("这是编码器的问题，能发下日志吗？").
    stated = _strip_clauses(sentences, rules.question.pattern)
    # What each sentence states as fact (vendor_words.firm_text).
    firm = _replace_where_found(stated, rules.hypothetical_tail, " ")
    for effect in reply_rules().effect_negations:
        firm = _replace_where_found(firm, effect, EFFECT_KEPT)
    firm = _strip_clauses(firm, rules.negated)
    promises = _matches(stated, rules.next_update.pattern)
    hits["next_update"] = per_text(promises)
    # The second half of each pair is only read where the first half holds.
    causes = _matches(firm, rules.diagnosis_cause.pattern)
    located = _matches_where(firm, causes, rules.diagnosis_specific.pattern)
    faults = _matches(firm, rules.diagnosis_component_fault.pattern)
    diagnosis = located | faults
    action = _matches(firm, rules.action.pattern) | _matches(firm, rules.action_statement.pattern)
    times = _matches(firm, rules.eta_time.pattern)
    timed = _matches_where(firm, times, rules.eta_result.pattern)
    timed |= _matches_where(firm, times & ~timed, rules.eta_future.pattern)
    # A time gone by is no expectation, unless the sentence also speaks of the future.
    past = _matches_where(firm, timed, rules.eta_past.pattern)
    timed &= ~(past & ~_matches_where(firm, past, rules.eta_future.pattern))
    # "The team is back Monday" dates the work, not the fix.
    timed &= ~_matches_where(sentences, timed, rules.defers.pattern)
    # Blanking keeps each clause's place, so raw and firm clauses pair up one to one.
    clauses, clause_sentence = _clauses(sentences)
    firm_clauses, _ = _clauses(firm)
    by_clause = clause_hits(clauses, firm_clauses, question[clause_sentence])
    clause_text = parents[clause_sentence]
    hits["diagnosis"] = per_text(diagnosis) | _any_per_text(
        by_clause["diagnosis"], clause_text, count
    )
    hits["generic_advice"] = _any_per_text(by_clause["generic_advice"], clause_text, count)
    hits["burden"] = _any_per_text(by_clause["burden"], clause_text, count)
    hits["informs"] = _any_per_text(by_clause["informs"], clause_text, count)
    hits["asks_for_info"] |= _any_per_text(by_clause["asks_for_info"], clause_text, count)
    # A request asks for information when its sentence names what to hand over.
    requesting = _any_per_text(by_clause["requests"], clause_sentence, len(sentences))
    objects = _matches_any_where(sentences, requesting, reply_rules().info_objects)
    hits["asks_for_info"] |= per_text(objects)
    hits["action"] = per_text(action)
    hits["eta"] = per_text(timed)
    return hits


@cache
def _cue_tables() -> tuple[dict[str, int], IntArray, IntArray, IntArray, list[str | None]]:
    """Cue surface -> index, with flattened (category, weight) pairs and each cue's term."""
    tax = taxonomy()
    category_index = {c: i for i, c in enumerate(tax.categories)}
    surface_index = {s: i for i, s in enumerate(tax.cues)}
    starts, cats, weights = [0], [], []
    for cue in tax.cues.values():
        for category, weight in cue.category_weights:
            cats.append(category_index[category])
            weights.append(weight)
        starts.append(len(cats))
    terms = [cue.term for cue in tax.cues.values()]
    return (
        surface_index,
        np.asarray(starts, dtype=np.int64),
        np.asarray(cats, dtype=np.int64),
        np.asarray(weights, dtype=np.int64),
        terms,
    )


def cue_occurrences(cleaned: pa.Array) -> tuple[IntArray, IntArray]:
    """(text index, cue index) for every term or symptom occurrence (repeats kept)."""
    found = [_cue_occurrences(cleaned, pattern) for pattern in taxonomy().cue_patterns]
    return (
        np.concatenate([texts for texts, _ in found]),
        np.concatenate([cues for _, cues in found]),
    )


def _cue_occurrences(cleaned: pa.Array, pattern: str) -> tuple[IntArray, IntArray]:
    # Wrap each match in marks, split on them: odd pieces of each list are the matches.
    marked = pc.replace_substring_regex(
        cleaned, pattern=pattern, replacement=SENTENCE_MARK + "\\0" + SENTENCE_MARK
    )
    pieces = pc.split_pattern(marked, pattern=SENTENCE_MARK)
    offsets = np.asarray(pieces.offsets.to_numpy(), dtype=np.int64)
    parents = np.asarray(pc.list_parent_indices(pieces).to_numpy(), dtype=np.int64)
    position = np.arange(len(parents), dtype=np.int64) - offsets[parents]
    is_cue = (position % 2) == 1
    surfaces = pc.list_flatten(pieces).filter(pa.array(is_cue))
    surface_index = _cue_tables()[0]
    encoded = pc.dictionary_encode(surfaces)
    lookup = np.asarray(
        [surface_index[s] for s in encoded.dictionary.to_pylist()] or [0], dtype=np.int64
    )
    codes = np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    return parents[is_cue], lookup[codes]


def best_categories(count: int, texts_of: IntArray, cues: IntArray) -> pa.Array:
    """Best category per text from cue occurrences (ties go to taxonomy order)."""
    _, starts, cats, weights, _ = _cue_tables()
    categories = taxonomy().categories
    scores = np.zeros((count, len(categories)), dtype=np.int64)
    pair_counts = starts[cues + 1] - starts[cues]
    pair_texts = np.repeat(texts_of, pair_counts)
    first = np.repeat(starts[cues], pair_counts)
    within = np.arange(len(pair_texts)) - np.repeat(
        np.cumsum(pair_counts) - pair_counts, pair_counts
    )
    pair_slots = first + within
    np.add.at(scores, (pair_texts, cats[pair_slots]), weights[pair_slots])
    best = scores.argmax(axis=1)  # first maximum = earliest in taxonomy order
    has_any = scores.max(axis=1, initial=0) > 0
    names = np.asarray(categories, dtype=object)[best]
    return pa.array(np.where(has_any, names, None), type=pa.string())


def term_lists(count: int, texts_of: IntArray, cues: IntArray) -> pa.Array:
    """Normalised terms per text, sorted, no repeats."""
    terms = _cue_tables()[4]
    term_names = sorted({t for t in terms if t is not None})
    term_code = {t: i for i, t in enumerate(term_names)}
    cue_term = np.asarray([term_code[t] if t is not None else -1 for t in terms], dtype=np.int64)
    codes = cue_term[cues] if len(cues) else np.zeros(0, dtype=np.int64)
    keep = codes >= 0
    texts_kept, codes_kept = texts_of[keep], codes[keep]
    key = texts_kept * len(term_names) + codes_kept
    # Codes follow sorted term names, so unique keys come out grouped by text, names sorted.
    unique_keys = np.unique(key)
    list_texts = unique_keys // max(len(term_names), 1)
    values = pa.array(
        np.asarray(term_names, dtype=object)[unique_keys % max(len(term_names), 1)], pa.string()
    )
    offsets = np.concatenate(([0], np.cumsum(np.bincount(list_texts, minlength=count))))
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values)


def label_lists(labels: dict[str, BoolArray], count: int) -> pa.Array:
    """The labels of each text as list<string>, in LABELS order."""
    matrix = np.column_stack([labels[name] for name in LABELS]) if count else np.zeros((0, 8), bool)
    rows, cols = np.nonzero(matrix)  # row-major: per text, labels in LABELS order
    values = pa.array(np.asarray(LABELS, dtype=object)[cols], pa.string())
    offsets = np.concatenate(([0], np.cumsum(np.bincount(rows, minlength=count))))
    return pa.ListArray.from_arrays(pa.array(offsets, pa.int32()), values)


def classify_table(texts: pa.Array | pa.ChunkedArray | Sequence[str | None]) -> pa.Table:
    """Labels, terms and guessed category per reply: columns labels, terms, category."""
    array = as_string_array(texts)
    workers = min(os.cpu_count() or 1, len(array) // PARALLEL_CHUNK_ROWS)
    if workers <= 1:
        return _classify_array(array)
    bounds = np.linspace(0, len(array), workers + 1).astype(int)
    chunks = [array.slice(start, end - start) for start, end in pairwise(bounds)]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        tables = list(pool.map(_classify_array, chunks))
    return pa.concat_tables(tables).combine_chunks()


def _classify_array(array: pa.Array) -> pa.Table:
    count = len(array)
    cleaned = cleaned_texts(array)
    labels = resolve_labels(raw_hits(cleaned))
    texts_of, cues = cue_occurrences(cleaned)
    return pa.table(
        {
            "labels": label_lists(labels, count),
            "terms": term_lists(count, texts_of, cues),
            "category": best_categories(count, texts_of, cues),
        }
    )


def infer_categories(subjects: pa.Array, descriptions: pa.Array) -> pa.Array:
    """`infer_category` for many tickets at once (the subject counts twice, as there)."""
    subject = pc.fill_null(subjects, "")
    text = pc.binary_join_element_wise(subject, subject, pc.fill_null(descriptions, ""), "\n")
    return classify_table(text)["category"]
