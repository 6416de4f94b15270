"""Writing what is derived from reply texts: readings, relevant terms, inferred categories.

Each write replaces what it derives (a text read again, a category guessed again) inside the
transaction the caller holds, so derived data commits with the import that needs it.
"""

from __future__ import annotations

import pyarrow as pa

from supportgauge.store.duckdb import DuckDBStore


def replace_readings(store: DuckDBStore, rows: pa.Table) -> None:
    """Store readings (body_md5, lexicon_version, labels, terms, category), replacing any
    earlier reading of the same texts."""
    connection = store.connection
    connection.register("new_readings", rows)
    try:
        connection.execute(
            "DELETE FROM reply_readings WHERE body_md5 IN (SELECT body_md5 FROM new_readings)"
        )
        connection.execute("INSERT INTO reply_readings BY NAME SELECT * FROM new_readings")
    finally:
        connection.unregister("new_readings")


def replace_relevant_terms(store: DuckDBStore, rows: pa.Table) -> None:
    """Store the terms relevant to each category and scenario, replacing every older list."""
    connection = store.connection
    connection.register("new_terms", rows)
    try:
        connection.execute("DELETE FROM relevant_terms")
        connection.execute("INSERT INTO relevant_terms BY NAME SELECT * FROM new_terms")
    finally:
        connection.unregister("new_terms")


def set_inferred_categories(store: DuckDBStore, guesses: pa.Table) -> None:
    """Set tickets' `category_inferred` from (vendor, ticket_id, guess) rows."""
    connection = store.connection
    connection.register("guesses", guesses)
    try:
        connection.execute(
            """UPDATE tickets SET category_inferred = g.guess FROM guesses g
               WHERE tickets.vendor = g.vendor AND tickets.ticket_id = g.ticket_id"""
        )
    finally:
        connection.unregister("guesses")
