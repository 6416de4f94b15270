"""Read every new reply text in a store once, and guess the category of tickets without one
(`store/readings.py` writes what this derives).

Readings are kept per distinct reply text (its MD5), so a templated reply sent ten
thousand times is read once; a new lexicon version reads every text again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from supportgauge.errors import Interrupted
from supportgauge.plurals import count_of
from supportgauge.store.interface import Store
from supportgauge.store.readings import (
    replace_readings,
    replace_relevant_terms,
    set_inferred_categories,
)
from supportgauge.text.batch_reading import classify_table, infer_categories
from supportgauge.text.lexicon import lexicon_version, taxonomy

ProgressCallback = Callable[[str, int, int], None]
# Texts classified between two progress reports.
_CHUNK_TEXTS = 50_000


@dataclass(frozen=True)
class ReadingCounts:
    """How many reply texts were read and ticket categories guessed."""

    texts_read: int
    categories_inferred: int


def relevant_term_rows(version: str) -> pa.Table:
    """(version, category or scenario, term) for every term relevant to each."""
    tax = taxonomy()
    keys: list[str] = []
    terms: list[str] = []
    for term, categories in tax.term_categories.items():
        related = set(categories)
        related.update(s for s, focus in tax.scenarios.items() if related & set(focus))
        for key in sorted(related):
            keys.append(key)
            terms.append(term)
    return pa.table(
        {
            "lexicon_version": pa.array([version] * len(keys)),
            "relevance_key": pa.array(keys),
            "term": pa.array(terms),
        }
    )


def read_store_texts(store: Store, *, progress: ProgressCallback | None = None) -> ReadingCounts:
    """Read reply texts without a current reading and infer missing ticket categories."""
    with store.transaction():
        return read_texts_in_transaction(store, progress=progress)


def read_texts_in_transaction(
    store: Store, *, progress: ProgressCallback | None = None, everything: bool = False
) -> ReadingCounts:
    """As `read_store_texts`, inside a transaction the caller holds (an import's, so its
    readings commit with its data or not at all); `everything` reads every text again."""
    report = progress or (lambda step, done, total: None)
    version = lexicon_version()
    report("reading replies", 0, 3)
    # No reading has the empty version: with `everything`, every text is pending.
    pending = store.to_arrow(_unread_texts(store, "" if everything else version))
    readings = _classify(pending["body"], report) if pending.num_rows else None
    report("guessing categories", 1, 3)
    uncategorised = store.to_arrow(_uncategorised_tickets(store, everything=everything))
    guesses = infer_categories(uncategorised["subject"], uncategorised["description"])
    report("writing readings", 2, 3)
    if readings is not None:
        rows = pa.table(
            {
                "body_md5": pending["body_md5"],
                "lexicon_version": pa.array([version] * pending.num_rows),
                "labels": readings["labels"],
                "terms": readings["terms"],
                "category": readings["category"],
            }
        )
        replace_readings(store, rows)
    terms = store.table("relevant_terms")
    if store.to_arrow(terms.filter(terms.lexicon_version == version).limit(1)).num_rows == 0:
        replace_relevant_terms(store, relevant_term_rows(version))
    if uncategorised.num_rows:
        keys = uncategorised.select(["vendor", "ticket_id"])
        set_inferred_categories(store, keys.append_column("guess", guesses))
    report("readings written", 3, 3)
    return ReadingCounts(pending.num_rows, len(guesses) - guesses.null_count)


def _unread_texts(store: Store, version: str) -> Any:
    """Each distinct reply text (by MD5) without a reading of `version`."""
    events = store.table("events")
    readings = store.table("reply_readings")
    texts = events.filter(events.body_md5.notnull()).group_by("body_md5")
    texts = texts.aggregate(body=events.body.arbitrary())
    current = readings.filter(readings.lexicon_version == version).select("body_md5")
    return texts.anti_join(current, "body_md5")


def _uncategorised_tickets(store: Store, *, everything: bool) -> Any:
    """Tickets with a subject or description and no category given (nor, unless
    `everything`, guessed)."""
    tickets = store.table("tickets")
    unguessed = tickets.category.isnull()
    if not everything:
        unguessed &= tickets.category_inferred.isnull()
    described = tickets.subject.notnull() | tickets.description.notnull()
    return tickets.filter(unguessed & described).select(
        "vendor", "ticket_id", "subject", "description"
    )


def _classify(texts: pa.ChunkedArray, report: ProgressCallback) -> pa.Table:
    """Readings of the texts, a chunk at a time so a long read shows its progress."""
    total = len(texts)
    parts = []
    for start in range(0, total, _CHUNK_TEXTS):
        report("reading replies", start, total)
        parts.append(classify_table(texts.slice(start, _CHUNK_TEXTS)))
    return pa.concat_tables(parts).combine_chunks()


def reread_store(store: Store, *, progress: ProgressCallback | None = None) -> ReadingCounts:
    """Read every reply text again with this lexicon, all at once or (interrupted) not at all."""
    try:
        with store.errors(), store.transaction():
            return read_texts_in_transaction(store, progress=progress, everything=True)
    except KeyboardInterrupt:
        raise Interrupted(
            "the reread stopped before it committed: the readings are as they were."
        ) from None


def stale_readings(store: Store) -> str | None:
    """Why the store's reply readings do not match this lexicon (None when they do)."""
    version = lexicon_version()
    events = store.table("events")
    readings = store.table("reply_readings")
    texts = events.filter(events.body_md5.notnull()).select("body_md5").distinct()
    unread = texts.anti_join(readings, "body_md5").count()
    older = readings.filter(readings.lexicon_version != version).select("lexicon_version")
    older = older.distinct()
    older_versions = sorted(store.to_arrow(older)["lexicon_version"].to_pylist())
    if older_versions:
        return (
            f"the store's replies were read with an older lexicon "
            f"({', '.join(older_versions)}; this is {version}): figures built on reply "
            "labels may be off. Read them again with reread."
        )
    missing = int(store.to_arrow(unread.name("unread").as_table())["unread"][0].as_py())
    if missing:
        return (
            f"{count_of(missing, 'reply text')} in the store "
            f"{'has' if missing == 1 else 'have'} no reading: figures built on reply "
            "labels are incomplete. Read them with reread."
        )
    return None
