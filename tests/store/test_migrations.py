"""A store written by an earlier version is upgraded in place and keeps its rows."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from supportgauge.errors import ConflictError, Interrupted, StoreError
from supportgauge.scoring.proactive import proactive_records
from supportgauge.store import duckdb as duckdb_store
from supportgauge.store.duckdb import open_store
from supportgauge.store.schema import MIGRATIONS, SCHEMA_VERSION


def _store_at_version(path: Path, version: int) -> None:
    """A store file as a supportgauge of schema `version` left it, one proactive record in."""
    connection = duckdb.connect(str(path))
    connection.execute(
        "CREATE TABLE schema_version (version INTEGER, description VARCHAR, applied_at TIMESTAMPTZ)"
    )
    for migration in MIGRATIONS[:version]:
        for statement in migration.statements:
            connection.execute(statement)
        connection.execute(
            "INSERT INTO schema_version VALUES (?, ?, now())",
            [migration.version, migration.description],
        )
    connection.execute(
        "INSERT INTO proactive VALUES ('VendorA', '2026-03-02 10:00:00+00', 'risk_notice', "
        "'Peak load expected', NULL, 'app-1', 1)"
    )
    connection.close()


def test_a_store_without_proactive_categories_is_upgraded_and_keeps_its_records(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.duckdb"
    _store_at_version(db, 4)
    with pytest.raises(StoreError, match="has schema version 4; this supportgauge expects"):
        open_store(db, read_only=True)
    with open_store(db) as store:
        records = store.to_arrow(proactive_records(store, store.table("tickets"))).to_pylist()
        stored = store.to_arrow(store.table("proactive")).to_pylist()
    assert SCHEMA_VERSION == 5
    assert [(row["title"], row["weight"]) for row in records] == [("Peak load expected", 1.0)]
    assert stored[0]["category"] is None and stored[0]["import_id"] == 1
    with open_store(db, read_only=True) as reader:
        assert reader.to_arrow(reader.table("proactive")).num_rows == 1


def test_a_store_a_later_version_wrote_asks_for_that_version_to_read_and_to_write(
    tmp_path: Path,
) -> None:
    db = tmp_path / "newer.duckdb"
    _store_at_version(db, 4)
    connection = duckdb.connect(str(db))
    connection.execute("INSERT INTO schema_version VALUES (?, 'a later change', now())",
                       [SCHEMA_VERSION + 1])  # fmt: skip
    connection.close()
    for read_only in (True, False):
        with pytest.raises(ConflictError, match="newer than this supportgauge understands"):
            open_store(db, read_only=read_only)


@pytest.mark.parametrize("step", ["_refuse_other_databases", "migrate"])
def test_ctrl_c_while_a_store_is_opened_is_an_interrupt_and_leaves_no_half_made_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    def interrupted(*_: object) -> None:
        # What the engine raises when SIGINT lands inside one of its queries.
        raise RuntimeError("Query interrupted")

    monkeypatch.setattr(duckdb_store, step, interrupted)
    db = tmp_path / "new.duckdb"
    with pytest.raises(Interrupted, match="nothing was changed"):
        open_store(db)
    assert not db.exists()
