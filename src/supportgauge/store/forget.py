"""Removing data on purpose: one vendor's, or what some imports brought, all or nothing."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from supportgauge.errors import InputError, NotFoundError
from supportgauge.store.duckdb import DuckDBStore
from supportgauge.store.import_log import logged_files
from supportgauge.store.interface import Store

# Tables whose rows belong to one vendor; the events tables before the tickets tables, so
# that a condition reading `tickets` still sees the rows it names.
_VENDOR_TABLES = (
    "events",
    "event_versions",
    "ticket_versions",
    "tickets",
    "vendors",
    "ratings",
    "proactive",
)
_OPTIONAL_TABLES = ("vendors", "ratings", "proactive", "probes")
# Rows that belong to a ticket an import brought (its events and earlier versions).
_OF_ITS_TICKETS = (
    "EXISTS (SELECT 1 FROM tickets t WHERE t.vendor = {table}.vendor "
    "AND t.ticket_id = {table}.ticket_id AND t.import_id IN ({ids}))"
)


@dataclass(frozen=True)
class Selection:
    """What to forget: every row of `vendor`, or what the imports `import_ids` (those that
    read `source`, when it was named) brought."""

    vendor: str | None = None
    import_ids: tuple[int, ...] = ()
    source: Path | None = None

    def describe(self) -> str:
        """What the selection is, as messages name it."""
        if self.vendor is not None:
            return f"vendor '{self.vendor}'"
        if self.source is not None:
            return f"what the imports that read {self.source} brought"
        ids = ", ".join(str(number) for number in self.import_ids)
        return f"{'import' if len(self.import_ids) == 1 else 'imports'} {ids}"

    def conditions(self) -> list[tuple[str, str, list[Any]]]:
        """(table, WHERE clause, parameters) in the order they are deleted."""
        if self.vendor is not None:
            return [(table, "vendor = ?", [self.vendor]) for table in _VENDOR_TABLES]
        ids = ", ".join(str(int(number)) for number in self.import_ids)
        mine = f"import_id IN ({ids})"
        conditions: list[tuple[str, str, list[Any]]] = [
            (table, f"{mine} OR {_OF_ITS_TICKETS.format(table=table, ids=ids)}", [])
            for table in ("events", "event_versions", "ticket_versions")
        ]
        conditions.append(("tickets", mine, []))
        conditions += [(table, mine, []) for table in _OPTIONAL_TABLES]
        conditions.append(("imports", mine, []))
        return conditions


def imports_of_source(store: Store, source: Path) -> tuple[int, ...]:
    """The imports that read `source`: given it, a folder holding it, or files inside it
    (a folder). Paths are compared resolved, so any spelling of the same place matches
    from any folder; an old store's relative entries resolve from this folder."""
    wanted = source.resolve()
    rows = store.to_arrow(store.table("imports").select("import_id", "files")).to_pylist()
    return tuple(
        row["import_id"]
        for row in rows
        if any(_overlaps(file.path(), wanted) for file in logged_files(row["files"]))
    )


def _overlaps(given: Path, wanted: Path) -> bool:
    """Whether an import given `given` read `wanted`, or something inside it."""
    return given == wanted or given in wanted.parents or wanted in given.parents


def count_selected(store: DuckDBStore, selection: Selection) -> dict[str, int]:
    """How many rows of each table the selection holds (tables with none left out); a
    selection that holds none is an error, not a silent success."""
    counts = {}
    for table, where, parameters in selection.conditions():
        query = f"SELECT count(*) FROM {table} WHERE {where}"
        (count,) = store.connection.execute(query, parameters).fetchone() or (0,)
        if count:
            counts[table] = int(count)
    if not counts:
        raise NotFoundError(
            f"nothing to forget: {selection.describe()} has no rows in {store.location.describe()}."
        )
    return counts


def forget_selected(store: DuckDBStore, selection: Selection) -> dict[str, int]:
    """Delete the selection's rows in one transaction; returns the rows removed per table."""
    if store.read_only:
        raise InputError(f"The store {store.location.describe()} is open for reading only.")
    with store.transaction() as connection:
        counts = count_selected(store, selection)
        for table, where, parameters in selection.conditions():
            connection.execute(f"DELETE FROM {table} WHERE {where}", parameters)
        # Readings of texts no event holds any more go too: nothing is kept of them.
        connection.execute(
            """DELETE FROM reply_readings WHERE body_md5 NOT IN
               (SELECT body_md5 FROM events WHERE body_md5 IS NOT NULL)"""
        )
    store.forget_tables()
    return counts


def engine_store(store: Store) -> DuckDBStore:
    """The store as the embedded engine that can count what a selection holds."""
    if not isinstance(store, DuckDBStore):
        raise InputError(f"Forgetting works on the embedded DuckDB store, not on {store.engine}.")
    return store


def selection_of(
    store: Store,
    *,
    vendor: str | None = None,
    import_ids: Sequence[int] = (),
    source: Path | None = None,
) -> Selection:
    """One of a vendor, import ids or a source file, checked."""
    given = [vendor is not None, bool(import_ids), source is not None]
    if sum(given) != 1:
        raise InputError("name exactly one of a vendor, an import id or a source file.")
    if source is not None:
        found = imports_of_source(store, source)
        if not found:
            raise InputError(f"no import in this store read {source}.", parameter="source")
        return Selection(import_ids=found, source=source)
    return Selection(vendor=vendor, import_ids=tuple(import_ids))
