"""Read every new reply text in a store once, and guess the category of tickets without one.

Readings are kept per distinct reply text (its MD5), so a templated reply sent ten
thousand times is read once; a new lexicon version reads every text again.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pyarrow as pa

from supportgauge.store.duckdb import DuckDBStore, query_arrow
from supportgauge.text.batch import classify_table, infer_categories
from supportgauge.text.lexicon import lexicon_version, taxonomy

ProgressCallback = Callable[[str, int, int], None]


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


def read_store_texts(
    store: DuckDBStore, *, progress: ProgressCallback | None = None
) -> ReadingCounts:
    """Read reply texts without a current reading and infer missing ticket categories."""
    report = progress or (lambda step, done, total: None)
    version = lexicon_version()
    connection = store.connection
    report("reading replies", 0, 2)
    pending = query_arrow(
        connection,
        """SELECT e.body_md5, any_value(e.body) AS body FROM events e
            ANTI JOIN (SELECT body_md5 FROM reply_readings WHERE lexicon_version = ?) r
                ON r.body_md5 = e.body_md5
            WHERE e.body_md5 IS NOT NULL
            GROUP BY e.body_md5""",
        [version],
    )
    readings = classify_table(pending["body"]) if pending.num_rows else None
    report("guessing categories", 1, 2)
    uncategorised = query_arrow(
        connection,
        """SELECT vendor, ticket_id, subject, description FROM tickets
           WHERE category IS NULL AND category_inferred IS NULL
             AND (subject IS NOT NULL OR description IS NOT NULL)""",
    )
    guesses = infer_categories(uncategorised["subject"], uncategorised["description"])
    with store.transaction() as transaction:
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
            transaction.register("new_readings", rows)
            transaction.execute(
                "DELETE FROM reply_readings WHERE body_md5 IN (SELECT body_md5 FROM new_readings)"
            )
            transaction.execute("INSERT INTO reply_readings BY NAME SELECT * FROM new_readings")
            transaction.unregister("new_readings")
        if not connection.execute(
            "SELECT 1 FROM relevant_terms WHERE lexicon_version = ? LIMIT 1", [version]
        ).fetchall():
            transaction.register("new_terms", relevant_term_rows(version))
            transaction.execute("DELETE FROM relevant_terms")
            transaction.execute("INSERT INTO relevant_terms BY NAME SELECT * FROM new_terms")
            transaction.unregister("new_terms")
        if uncategorised.num_rows:
            transaction.register(
                "guesses",
                uncategorised.select(["vendor", "ticket_id"]).append_column("guess", guesses),
            )
            transaction.execute(
                """UPDATE tickets SET category_inferred = g.guess FROM guesses g
                   WHERE tickets.vendor = g.vendor AND tickets.ticket_id = g.ticket_id"""
            )
            transaction.unregister("guesses")
    report("done", 2, 2)
    return ReadingCounts(pending.num_rows, len(guesses) - guesses.null_count)
