"""The embedded DuckDB store: open, migrate, and hand out Ibis tables."""

from __future__ import annotations

import contextlib
import weakref
from collections.abc import Callable, Iterator
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
from supportgauge.store.busy import BusyWait, connect_when_free
from supportgauge.store.column_rules import quote_identifier
from supportgauge.store.interface import CAPABILITIES, IMPORT, Store, require
from supportgauge.store.location import StoreLocation, resolve_store_location
from supportgauge.store.schema import MIGRATIONS, SCHEMA_VERSION


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
    `store.interface.Store` with every capability.

    A store that `releases_when_idle` (one opened for reading, or by a `Gauge`) holds its
    file only within `held()` blocks (every method takes one) and lets go of it between
    them: DuckDB lets one process write a file or many read it, never both, so an idle
    store must not lock out an import in another process. Otherwise (an in-memory store,
    or the importer's own tests) the file stays open until the store is closed.
    """

    engine = "duckdb"
    capabilities = frozenset(CAPABILITIES)

    def __init__(
        self,
        connection: duckdb.DuckDBPyConnection,
        location: StoreLocation,
        *,
        read_only: bool = False,
        reopen: Callable[[], duckdb.DuckDBPyConnection] | None = None,
    ) -> None:
        self.location = location
        self.read_only = read_only
        self.releases_when_idle = reopen is not None
        # Whether opening created the file: an import that fails then removes it again.
        self.created = False
        self._discard_if_unused = False
        # Set when the store lets go of its file between holds: opens it again.
        self._reopen = reopen
        self._holds = 0
        self._closed = False
        self._limits: dict[str, str | int] = {}
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._backend: Any = None
        # Table expressions by name: each asks the engine for its schema once per opening.
        self._tables: dict[str, Any] = {}
        self._attach(connection)

    @property
    def connection(self) -> duckdb.DuckDBPyConnection:
        """The open connection (within a `held()` block for a store opened for reading)."""
        if self._connection is None:
            raise StoreError(self._not_open())
        return self._connection

    @property
    def backend(self) -> Any:
        """The Ibis backend over the open connection."""
        if self._connection is None:
            raise StoreError(self._not_open())
        return self._backend

    @contextmanager
    def held(self) -> Iterator[None]:
        """A block during which the store's file stays open. A store that releases when
        idle opens it (waiting while another process holds it) at the outermost block's
        start and lets go at its end; expressions built in a block run in that block only."""
        if self._closed:
            raise StoreError(f"The store {self.location.describe()} is closed.")
        opening = self._reopen is not None and self._connection is None
        if opening:
            assert self._reopen is not None
            with engine_errors():
                self._attach(self._reopen())
        self._holds += 1
        try:
            if opening:
                # Another process may have changed the store since the last opening.
                with engine_errors():
                    if self.read_only:
                        _check_version(self)
                    else:
                        migrate(self)
            yield
        finally:
            self._holds -= 1
            if self._reopen is not None and self._holds == 0:
                self._release()

    def _attach(self, connection: duckdb.DuckDBPyConnection) -> None:
        # Durations are epoch differences; keep the session in UTC so casts never shift by DST.
        connection.execute("SET TimeZone = 'UTC'")
        self._connection = connection
        if self._backend is None:
            self._backend = ibis.duckdb.from_connection(connection)
        else:
            # One backend for every opening: table expressions built in an earlier hold
            # stay bound to it. In-memory tables are registered per connection: forget
            # the old connection's, and set up the new one as `from_connection` does.
            self._backend.con = connection
            self._backend._memtables = weakref.WeakSet()
            self._backend._post_connect()
        self._apply_limits()

    def _release(self) -> None:
        """Drop the tables figures cached on this connection, then close it."""
        connection = self._connection
        if connection is None:
            return
        for name in list(getattr(self._backend, "_cache_name_to_entry", {})):
            self._backend._finalize_cached_table(name)
        self._connection = None
        # Another process may change the schema before the next opening.
        self._tables.clear()
        connection.close()

    def _not_open(self) -> str:
        if self._closed:
            return f"The store {self.location.describe()} is closed."
        # Reached only by code that runs the engine outside a method or a hold.
        return (
            f"The store {self.location.describe()} is open only within a call or a hold "
            "(`with gauge.hold():`); run the work inside one."
        )

    def table(self, name: str) -> Any:
        """An Ibis table expression over a stored table."""
        with self.held():
            if name not in self._tables:
                self._tables[name] = self.backend.table(name)
            return self._tables[name]

    def forget_tables(self) -> None:
        """Drop the kept table expressions: after a change of schema."""
        self._tables.clear()

    def limit(self, *, memory: str = "", threads: int = 0) -> None:
        """Bound the engine's memory (e.g. "4GB"; empty keeps the default) and threads
        (0 keeps one per core); kept for every later opening."""
        limits = {name: value for name, value in (("memory_limit", memory), ("threads", threads))}
        self._limits = {name: value for name, value in limits.items() if value}
        with self.held():
            self._apply_limits()

    def _apply_limits(self) -> None:
        for name, value in self._limits.items():
            try:
                self.connection.execute(f"SET {name} = ?", [value])
            except duckdb.Error as error:
                reason = str(error).split(": ", 1)[-1]
                raise StoreError(f"{name} {value!r}: {reason}") from error

    def to_arrow(self, expression: Any) -> pa.Table:
        """Run an Ibis expression in the engine; its failures become the store's errors."""
        with self.held(), engine_errors():
            return expression.to_pyarrow()

    def errors(self) -> AbstractContextManager[None]:
        """A block in which the engine's own failures become the error tree's."""
        return engine_errors()

    def write(self, name: str, rows: pa.Table) -> int:
        """Append rows to a stored table, matching columns by name."""
        if rows.num_rows == 0:
            return 0
        columns = ", ".join(quote_identifier(column) for column in rows.column_names)
        with self.held(), engine_errors():
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
        with self.held(), engine_errors():
            return int(scalar(self.connection, f'SELECT count(*) FROM "{name}"') or 0)

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """All or nothing: commit when the block ends, roll back on any error."""
        with self.held():
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
        """Let go of the store: drop cached tables and close the connection, if open."""
        if self._closed:
            return
        discard = (
            self._discard_if_unused
            and self.created
            and (self._connection is not None or self._reopen is not None)
        )
        with contextlib.suppress(duckdb.Error):
            self._release()
        self._closed = True
        path = Path(self.location.target)
        # Judged on the file, by a fresh connection: the one in use may be left unusable by
        # the interrupt or failure that brought us here.
        if discard and _file_holds_nothing(path):
            _remove_store_file(path)

    def __enter__(self) -> DuckDBStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def is_interrupt(error: BaseException) -> bool:
    """Whether an engine error is Ctrl-C: in a query, or in Python code the query called
    back (reading a registered Arrow table), which the engine reports as its own failure."""
    if isinstance(error, duckdb.InterruptException):
        return True
    text = str(error)
    return "KeyboardInterrupt" in text or (
        isinstance(error, RuntimeError) and "Query interrupted" in text
    )


def _remove_store_file(path: Path) -> None:
    """Remove a store file and its write-ahead log, where they exist."""
    for leftover in (path, path.with_name(path.name + ".wal")):
        leftover.unlink(missing_ok=True)


def _file_holds_nothing(path: Path) -> bool:
    """Whether a store file has no tickets and no imports (or not even their tables)."""
    try:
        connection = duckdb.connect(str(path), read_only=True)
    except duckdb.Error:
        return False
    try:
        names = {row[0] for row in connection.execute("SHOW TABLES").fetchall()}
        return all(
            name not in names or scalar(connection, f"SELECT count(*) FROM {name}") == 0
            for name in ("tickets", "imports")
        )
    except duckdb.Error:
        return False
    finally:
        connection.close()


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
    except (duckdb.Error, RuntimeError) as error:
        if is_interrupt(error):
            raise Interrupted("the query was interrupted; nothing was changed.") from error
        if not isinstance(error, duckdb.Error):
            raise
        if isinstance(error, duckdb.IOException):
            raise StoreError(f"the engine could not read or write: {error}") from error
        raise StoreError(f"the engine refused the work: {error}") from error


def open_store(
    db: str | Path | None = None,
    *,
    read_only: bool = False,
    wait: BusyWait | None = None,
    release_when_idle: bool = False,
) -> DuckDBStore:
    """Open the store named by db, $SUPPORTGAUGE_DB or the default; create and migrate it
    (for reading only: neither). A store for reading, or with `release_when_idle`, holds
    the file only while it works. A store another process is using is waited for as `wait`
    says (default: not at all)."""
    location = resolve_store_location(db)
    target = location.target
    in_memory = target == ":memory:"
    if not in_memory:
        path = Path(target)
        if read_only and not path.exists():
            raise NotFoundError(
                f"No store at {path}: import data first, or name an existing store.",
                parameter="db",
                next_step="import",
            )
        if not path.parent.exists():
            raise NotFoundError(
                f"Cannot create the store {path}: folder {path.parent} does not exist.",
                parameter="db",
            )
        _check_store_file(path)
    read_only = read_only and not in_memory
    created = not in_memory and not Path(target).exists()
    wait = wait or BusyWait()

    def connect() -> duckdb.DuckDBPyConnection:
        return connect_when_free(target, read_only=read_only, wait=wait)

    releases = (read_only or release_when_idle) and not in_memory
    store: DuckDBStore | None = None
    try:
        # Ctrl-C (or an engine failure) while opening is the tree's error like any other.
        with engine_errors():
            store = DuckDBStore(
                connect(), location, read_only=read_only, reopen=connect if releases else None
            )
            store.created = created
            with store.held():
                _refuse_other_databases(store)
                if not read_only:
                    migrate(store)
                else:
                    _check_version(store)
    except BaseException:
        if store is not None:
            store.close()
        # A store this opening was making (stopped by Ctrl-C, say) is not left half-made.
        if created:
            _remove_store_file(Path(target))
        raise
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
    what = f"is {kind}, not a DuckDB store" if kind else "is not a DuckDB store"
    raise InputError(
        f"{path} {what}. Name a store file that supportgauge created, or a new file name "
        "to create one.",
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
    _refuse_newer(store, current)
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


def _refuse_newer(store: DuckDBStore, version: int) -> None:
    """A store a later supportgauge wrote is read by that one: no import turns it back."""
    if version > SCHEMA_VERSION:
        raise ConflictError(
            f"The store {store.location.describe()} has schema version {version}, newer than "
            f"this supportgauge understands ({SCHEMA_VERSION}). Upgrade supportgauge."
        )


def _check_version(store: DuckDBStore) -> None:
    version = schema_version(store)
    _refuse_newer(store, version)
    if version != SCHEMA_VERSION:
        raise StoreError(
            f"The store {store.location.describe()} has schema version {version}; this "
            f"supportgauge expects {SCHEMA_VERSION}. Any import upgrades it (importing "
            "nothing new changes no data)."
        )
