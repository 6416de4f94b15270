"""A private in-memory engine for set-wise work on Arrow tables that are not the store's
yet: a help-desk export's own queries, ids derived from content, JSON Lines files.

Sources and the generator call these named functions, so that engine code stays in
store/ and no other module knows which engine does the work.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa


@contextmanager
def _scratch() -> Iterator[duckdb.DuckDBPyConnection]:
    """An in-memory engine session in UTC, closed when the block ends."""
    connection = duckdb.connect()
    try:
        # Naive timestamps are UTC; casts must never shift by the machine's zone.
        connection.execute("SET TimeZone = 'UTC'")
        connection.execute("SET enable_progress_bar = false")
        yield connection
    finally:
        connection.close()


def query_tables(
    tables: Mapping[str, pa.Table], queries: Mapping[str, tuple[str, Mapping[str, Any]]]
) -> dict[str, pa.Table]:
    """Each named query (SQL and its named parameters) run over `tables`, registered under
    their names, as Arrow tables."""
    with _scratch() as connection:
        for name, table in tables.items():
            connection.register(name, table)
        return {
            name: connection.sql(sql, params=dict(params) or None).to_arrow_table()
            for name, (sql, params) in queries.items()
        }


def md5_ids(identities: pa.Array | pa.ChunkedArray, *, prefix: str, length: int) -> pa.ChunkedArray:
    """`prefix` and the first `length` hex digits of each text's MD5: the same in every
    library version (unlike pandas' hashes), computed for the whole column at once."""
    keys = pa.table({"identity": identities})
    with _scratch() as connection:
        connection.register("keys", keys)
        ids = connection.sql(
            "SELECT $prefix || left(md5(identity), $length) AS id FROM keys",
            params={"prefix": prefix, "length": length},
        )
        return ids.to_arrow_table()["id"]


def write_json_lines(table: pa.Table, path: Path) -> None:
    """The table as JSON Lines at `path`, one object per row."""
    with _scratch() as connection:
        connection.register("rows_to_write", table)
        target = str(path).replace("'", "''")
        connection.execute(f"COPY rows_to_write TO '{target}' (FORMAT json)")
