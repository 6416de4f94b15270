"""What every store offers, whatever its engine: the one seam between the figures and an engine.

The figures, the scorecard and the faces use only this interface. The embedded DuckDB store
(`store.duckdb.DuckDBStore`) implements all of it; a store on another engine may start with
fewer `capabilities` (for example metrics only, over tables loaded by other means).
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from typing import Any, Protocol

import pyarrow as pa

from supportgauge.errors import StoreError
from supportgauge.store.location import StoreLocation

# What a store can do. Figures and scores need METRICS; `import` needs IMPORT too.
METRICS = "metrics"
IMPORT = "import"
CAPABILITIES = (METRICS, IMPORT)


class Store(Protocol):
    """An open store: Ibis tables to compute on, Arrow out, transactions and limits."""

    location: StoreLocation
    # The Ibis backend's name ("duckdb"): picks the engine's own functions for figures.
    engine: str
    capabilities: frozenset[str]
    # Opened for reading only: neither created nor migrated, and refuses to write.
    read_only: bool
    # Lets go of the engine between `held()` blocks, so that an idle store locks no other
    # process out: an expression built in one block runs in that block only.
    releases_when_idle: bool

    def held(self) -> AbstractContextManager[None]:
        """A block during which the engine stays open; expressions built in it run in it."""
        ...

    def table(self, name: str) -> Any:
        """An Ibis table expression over a stored table."""
        ...

    def to_arrow(self, expression: Any) -> pa.Table:
        """Run an Ibis expression in the engine and return its rows."""
        ...

    def count(self, name: str) -> int:
        """Rows in a stored table."""
        ...

    def write(self, name: str, rows: pa.Table) -> int:
        """Append rows to a stored table (columns by name); returns how many."""
        ...

    def transaction(self) -> AbstractContextManager[Any]:
        """All or nothing: commit when the block ends, roll back on any error."""
        ...

    def errors(self) -> AbstractContextManager[None]:
        """A block in which the engine's own failures become the error tree's."""
        ...

    def limit(self, *, memory: str = "", threads: int = 0) -> None:
        """Bound the engine's memory and threads."""
        ...

    def forget_tables(self) -> None:
        """Drop kept table expressions: after a change of schema."""
        ...

    def close(self) -> None:
        """Release the engine."""
        ...

    def __enter__(self) -> Store: ...

    def __exit__(self, *exc: object) -> None: ...


def require(store: Store, capability: str) -> None:
    """Refuse work a store's engine cannot do yet, naming what it can."""
    if capability not in store.capabilities:
        can = ", ".join(sorted(store.capabilities)) or "nothing yet"
        raise StoreError(
            f"The store {store.location.describe()} cannot {capability} on its engine "
            f"({store.engine}); it can: {can}."
        )
