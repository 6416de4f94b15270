"""Writing what is derived from reply texts (readings, relevant terms, inferred categories):
the store's half of `text/store_readings.py`, which reads the texts.

Each write replaces what it derives (a text read again, a category guessed again) inside the
transaction the caller holds, so derived data commits with the import that needs it.
"""

from __future__ import annotations

import pyarrow as pa

from supportgauge.store.duckdb import import_target
from supportgauge.store.interface import Store


def replace_readings(store: Store, rows: pa.Table) -> None:
    """Store readings (body_md5, lexicon_version, labels, terms, category), replacing any
    earlier reading of the same texts."""
    _run_over(
        store,
        rows,
        "DELETE FROM reply_readings WHERE body_md5 IN (SELECT body_md5 FROM given)",
        "INSERT INTO reply_readings BY NAME SELECT * FROM given",
    )


def replace_relevant_terms(store: Store, rows: pa.Table) -> None:
    """Store the terms relevant to each category and scenario, replacing every older list."""
    _run_over(
        store,
        rows,
        "DELETE FROM relevant_terms",
        "INSERT INTO relevant_terms BY NAME SELECT * FROM given",
    )


def set_inferred_categories(store: Store, guesses: pa.Table) -> None:
    """Set tickets' `category_inferred` from (vendor, ticket_id, guess) rows."""
    _run_over(
        store,
        guesses,
        """UPDATE tickets SET category_inferred = g.guess FROM given g
           WHERE tickets.vendor = g.vendor AND tickets.ticket_id = g.ticket_id""",
    )


def _run_over(store: Store, rows: pa.Table, *statements: str) -> None:
    """Run statements that read the Arrow `rows` as the table `given`."""
    connection = import_target(store).connection
    connection.register("given", rows)
    try:
        for statement in statements:
            connection.execute(statement)
    finally:
        connection.unregister("given")
