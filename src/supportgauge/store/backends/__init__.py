"""One small module per engine for what Ibis cannot say portably; pick by backend name."""

from __future__ import annotations

from types import ModuleType

from supportgauge.errors import StoreError


def engine_functions(backend_name: str) -> ModuleType:
    """The module of engine-specific functions for an Ibis backend."""
    if backend_name == "duckdb":
        from supportgauge.store.backends import duckdb_functions

        return duckdb_functions
    raise StoreError(f"The {backend_name} engine is not supported for metrics yet; use DuckDB.")
