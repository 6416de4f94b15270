"""The embedded DuckDB store: open, migrate, and hand out Ibis tables."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path
from typing import Any

import duckdb
import ibis
import pyarrow as pa

from supportgauge.errors import (
    ConflictError,
    EngineLimitError,
    InputError,
    Interrupted,
    NotFoundError,
    StoreError,
)
from supportgauge.store.column_rules import quote_identifier
from supportgauge.store.interface import CAPABILITIES, IMPORT, Store, require
from supportgauge.store.location import StoreLocation, resolve_store_location
from supportgauge.store.schema import MIGRATIONS, SCHEMA_VERSION

STORE_BUSY = (
    "the store is busy: another supportgauge process has it open (an import, or a reader "
    "that holds it); try again when that ends."
)


def scalar(connection: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None) -> Any:
    """The single value a query returns (None when it returns no row)."""
    # Fetch everything: DuckDB refuses new work while a result is only partly read.
    rows = connection.execute(sql, params or []).fetchall()
    return rows[0][0] if rows else None


def query_arrow(
    connection: duckdb.DuckDBPyConnection, sql: str, params: list[Any] | None = None
) -> pa.Table:
    """The rows a query returns, as an Arrow table."""
    table = connection.sql(sql, params=params or None).to_arrow_table()
    if table is None:
        raise StoreError(f"The engine returned no result for: {sql.split()[0]} ...")
    return table


class DuckDBStore:
    """The embedded store: a DuckDB connection plus the Ibis backend over it; implements
    `store.interface.Store` with every capability."""

    engine = "duckdb"
    capabilities = frozenset(CAPABILITIES)

    def __init__(
        self,
        connection: duckdb.DuckDBPyConnection,
        location: StoreLocation,
        *,
        read_only: bool = False,
    ) -> None:
        self.connection = connection
        self.location = location
        self.read_only = read_only
        # Whether opening created the file: an import that fails then removes it again.
        self.created = False
        self._discard_if_unused = False
        self.backend = ibis.duckdb.from_connection(connection)
        # Table expressions by name: each asks the engine for its schema once.
        self._tables: dict[str, Any] = {}

    def table(self, name: str) -> Any:
        """An Ibis table expression over a stored table."""
        if name not in self._tables:
            self._tables[name] = self.backend.table(name)
        return self._tables[name]

    def forget_tables(self) -> None:
        """Drop the kept table expressions: after a change of schema."""
        self._tables.clear()

    def limit(self, *, memory: str = "", threads: int = 0) -> None:
        """Bound the engine's memory (e.g. "4GB"; empty keeps the default) and threads
        (0 keeps one per core)."""
        for name, value in (("memory_limit", memory), ("threads", threads)):
            if not value:
                continue
            try:
                self.connection.execute(f"SET {name} = ?", [value])
            except duckdb.Error as error:
                reason = str(error).split(": ", 1)[-1]
                raise StoreError(f"{name} {value!r}: {reason}") from error

    def to_arrow(self, expression: Any) -> pa.Table:
        """Run an Ibis expression in the engine; its failures become the store's errors."""
        with engine_errors():
            return expression.to_pyarrow()

    def errors(self) -> AbstractContextManager[None]:
        """A block in which the engine's own failures become the error tree's."""
        return engine_errors()

    def write(self, name: str, rows: pa.Table) -> int:
        """Append rows to a stored table, matching columns by name."""
        if rows.num_rows == 0:
            return 0
        columns = ", ".join(quote_identifier(column) for column in rows.column_names)
        with engine_errors():
            self.connection.register("_rows_to_write", rows)
            try:
                self.connection.execute(
                    f'INSERT INTO "{name}" ({columns}) SELECT {columns} FROM _rows_to_write'
                )
            finally:
                self.connection.unregister("_rows_to_write")
        return rows.num_rows

    def count(self, name: str) -> int:
        """Rows in a stored table."""
        with engine_errors():
            return int(scalar(self.connection, f'SELECT count(*) FROM "{name}"') or 0)

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: commit when the block ends, roll back on any error."""
        with engine_errors():
            self.connection.execute("BEGIN TRANSACTION")
        try:
            yield self.connection
        except BaseException:
            self.connection.execute("ROLLBACK")
            raise
        with engine_errors():
            self.connection.execute("COMMIT")

    def discard_if_unused(self) -> None:
        """Remove the store's file when it is closed if opening created it and it still
        holds nothing: a failed first import leaves no empty store behind."""
        self._discard_if_unused = True

    def close(self) -> None:
        """Drop the tables figures cached for this connection, then close it."""
        for name in list(getattr(self.backend, "_cache_name_to_entry", {})):
            self.backend._finalize_cached_table(name)
        unused = self._discard_if_unused and self.created and self._holds_nothing()
        self.connection.close()
        if unused:
            path = Path(self.location.target)
            for leftover in (path, path.with_name(path.name + ".wal")):
                leftover.unlink(missing_ok=True)

    def _holds_nothing(self) -> bool:
        try:
            return all(self.count(name) == 0 for name in ("tickets", "imports"))
        except duckdb.Error:
            return False

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


@contextmanager
def engine_errors() -> Iterator[None]:
    """Translate the engine's own failures into the error tree."""
    try:
        yield
    except duckdb.OutOfMemoryException as error:
        raise EngineLimitError(
            f"the engine ran out of memory ({str(error).splitlines()[0]}). Raise [engine] "
            "memory_limit or lower [engine] threads in supportgauge.toml, or ask for fewer "
            "fields."
        ) from error
    except duckdb.InterruptException as error:
        raise Interrupted("the query was interrupted; nothing was changed.") from error
    except duckdb.IOException as error:
        raise StoreError(f"the engine could not read or write: {error}") from error
    except duckdb.Error as error:
        raise StoreError(f"the engine refused the work: {error}") from error
    except RuntimeError as error:
        # DuckDB reports Ctrl-C during a query from Python as a plain RuntimeError.
        if "Query interrupted" not in str(error):
            raise
        raise Interrupted("the query was interrupted; nothing was changed.") from error


def open_store(db: str | Path | None = None, *, read_only: bool = False) -> DuckDBStore:
    """Open the store named by db, $SUPPORTGAUGE_DB or the default; create and migrate it."""
    location = resolve_store_location(db)
    target = location.target
    if target != ":memory:":
        path = Path(target)
        if read_only and not path.exists():
            raise NotFoundError(
                f"No store at {path}. Import data first with 'supportgauge import PATH', "
                "or name an existing store.",
                parameter="db",
            )
        if not path.parent.exists():
            raise NotFoundError(
                f"Cannot create the store {path}: folder {path.parent} does not exist.",
                parameter="db",
            )
        _check_store_file(path)
    created = target != ":memory:" and not Path(target).exists()
    try:
        connection = duckdb.connect(target, read_only=read_only and target != ":memory:")
    except duckdb.IOException as error:
        # DuckDB lets one process write a file, and none read it meanwhile.
        if "Could not set lock on file" in str(error):
            raise ConflictError(STORE_BUSY) from None
        raise StoreError(f"Cannot open the store {target}: {error}") from error
    except duckdb.Error as error:
        raise StoreError(f"Cannot open the store {target}: {error}") from error
    # Durations are epoch differences; keep the session in UTC so casts never shift by DST.
    connection.execute("SET TimeZone = 'UTC'")
    store = DuckDBStore(connection, location, read_only=read_only and target != ":memory:")
    store.created = created
    try:
        _refuse_other_databases(store)
    except BaseException:
        store.close()
        raise
    if not read_only:
        migrate(store)
    else:
        _check_version(store)
    return store


# Every DuckDB database file carries this mark at byte 8.
_DUCKDB_MAGIC = b"DUCK"
_OTHER_FILES = {b"SQLite format 3\x00": "an SQLite database", b"PAR1": "a Parquet file"}


def _check_store_file(path: Path) -> None:
    """Refuse a file that is not a DuckDB store before the engine reads it: DuckDB would
    try to load an extension for some (SQLite) and fail obscurely on others."""
    if path.is_dir():
        raise InputError(f"{path} is a folder; name a store file.", parameter="db")
    if not path.exists() or path.stat().st_size == 0:
        return
    with path.open("rb") as handle:
        head = handle.read(16)
    if head[8:12] == _DUCKDB_MAGIC:
        return
    kind = next((name for magic, name in _OTHER_FILES.items() if head.startswith(magic)), None)
    raise InputError(
        f"{path} is {kind or 'not a supportgauge store'}, not a DuckDB store. Name a store "
        "file that supportgauge created, or a new file name to create one.",
        parameter="db",
    )


def _refuse_other_databases(store: DuckDBStore) -> None:
    """A DuckDB file that holds tables but no supportgauge schema is someone else's data:
    never add supportgauge's tables to it."""
    if schema_version(store) > 0:
        return
    tables = scalar(store.connection, "SELECT count(*) FROM information_schema.tables")
    if tables:
        raise InputError(
            f"{store.location.describe()} is a DuckDB database of something else ({tables} "
            "tables, none of them supportgauge's). Name a store file that supportgauge "
            "created, or a new file name to create one.",
            parameter="db",
        )


def import_target(store: Store) -> DuckDBStore:
    """The store as the importer writes it: importing runs on the embedded engine."""
    require(store, IMPORT)
    if not isinstance(store, DuckDBStore):
        raise StoreError(
            f"The store {store.location.describe()} is on {store.engine}; importing writes "
            "to the embedded DuckDB store only."
        )
    if store.read_only:
        raise ConflictError(
            f"The store {store.location.describe()} was opened for reading only; open it "
            "without read_only to import."
        )
    return store


def schema_version(store: DuckDBStore) -> int:
    """The schema version recorded in the store, 0 for an empty store."""
    exists = scalar(
        store.connection,
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_version'",
    )
    if not exists:
        return 0
    return int(scalar(store.connection, "SELECT max(version) FROM schema_version") or 0)


def migrate(store: DuckDBStore) -> int:
    """Apply the migrations the store lacks; returns the resulting schema version."""
    current = schema_version(store)
    if current > SCHEMA_VERSION:
        raise ConflictError(
            f"The store {store.location.describe()} has schema version {current}, newer than "
            f"this supportgauge understands ({SCHEMA_VERSION}). Upgrade supportgauge."
        )
    pending = [migration for migration in MIGRATIONS if migration.version > current]
    if not pending:
        return current
    with store.transaction() as connection:
        connection.execute(
            "CREATE TABLE IF NOT EXISTS schema_version "
            "(version INTEGER, description VARCHAR, applied_at TIMESTAMPTZ)"
        )
        for migration in pending:
            for statement in migration.statements:
                connection.execute(statement)
            connection.execute(
                "INSERT INTO schema_version VALUES (?, ?, now())",
                [migration.version, migration.description],
            )
    store.forget_tables()
    return SCHEMA_VERSION


def _check_version(store: DuckDBStore) -> None:
    version = schema_version(store)
    if version != SCHEMA_VERSION:
        raise StoreError(
            f"The store {store.location.describe()} has schema version {version}; this "
            f"supportgauge expects {SCHEMA_VERSION}. Any import upgrades it (importing "
            "nothing new changes no data)."
        )
