"""Where the store lives: a path or URL from --db, $SUPPORTGAUGE_DB, or the default file."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from supportgauge.errors import StoreError

DEFAULT_STORE_FILE = "supportgauge.duckdb"
STORE_ENV_VAR = "SUPPORTGAUGE_DB"
_DUCKDB_SCHEMES = ("duckdb://",)
_KNOWN_SERVER_SCHEMES = ("postgres://", "postgresql://", "spark://", "pyspark://")


@dataclass(frozen=True)
class StoreLocation:
    """A resolved store target: the engine name and its path or URL."""

    engine: str
    target: str

    def describe(self) -> str:
        """A short human description for messages."""
        return self.target if self.engine == "duckdb" else f"{self.engine} at {self.target}"


def resolve_store_location(db: str | Path | None = None) -> StoreLocation:
    """The store named by --db, else $SUPPORTGAUGE_DB, else ./supportgauge.duckdb."""
    raw = str(db) if db is not None else os.environ.get(STORE_ENV_VAR) or DEFAULT_STORE_FILE
    lowered = raw.lower()
    for scheme in _DUCKDB_SCHEMES:
        if lowered.startswith(scheme):
            return StoreLocation("duckdb", raw[len(scheme) :] or ":memory:")
    if lowered.startswith(_KNOWN_SERVER_SCHEMES):
        engine = lowered.split(":", 1)[0]
        raise StoreError(
            f"The store '{raw}' needs the {engine} engine, which this version cannot "
            "connect to yet. Name a DuckDB file (the default engine).",
            parameter="db",
        )
    if "://" in raw:
        raise StoreError(
            f"'{raw}' is not a store this version knows. Name a DuckDB file.", parameter="db"
        )
    return StoreLocation("duckdb", raw)
