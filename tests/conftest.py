"""Shared fixtures: stores built through the real import path from small Python rows."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from supportgauge.store.duckdb import DuckDBStore, open_store
from supportgauge.store.importer import import_batch
from supportgauge.text.store_readings import read_store_texts
from tests.builders import batch_of


@pytest.fixture
def store() -> Iterator[DuckDBStore]:
    """An empty in-memory store."""
    with open_store(":memory:") as opened:
        yield opened


@pytest.fixture
def load(store: DuckDBStore) -> Callable[..., DuckDBStore]:
    """Import rows into the test store: load(tickets=[...], events=[...])."""

    def _load(**tables: list[dict[str, Any]]) -> DuckDBStore:
        import_batch(store, batch_of(**tables))
        read_store_texts(store)
        return store

    return _load


# Fuzz tests (tests/fuzz): few examples by default; `make test-slow` runs the long profile
# (about 4,500 cases, over ten minutes on one core here). Both draw the same examples on
# every run, so a red CI is the change's, not chance's; `make fuzz` explores new random
# examples (what it finds becomes a pinned test).
_FUZZ = {"deadline": None, "suppress_health_check": [HealthCheck.too_slow]}
settings.register_profile("default", max_examples=6, derandomize=True, **_FUZZ)
settings.register_profile("slow", max_examples=300, derandomize=True, **_FUZZ)
settings.register_profile("explore", max_examples=500, **_FUZZ)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))
