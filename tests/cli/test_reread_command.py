"""`supportgauge reread`, and the warning reading commands give when readings are stale."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from supportgauge.cli import app
from supportgauge.store.duckdb import open_store
from supportgauge.text.lexicon import lexicon_version

runner = CliRunner()


@pytest.fixture
def db(tmp_path: Path) -> str:
    (tmp_path / "tickets.csv").write_text(
        "ticket_id,vendor,created_at,priority\n"
        "T1,VendorA,2026-03-14T21:05:00Z,P1\n"
        "T2,VendorA,2026-03-14T22:05:00Z,P2\n",
        encoding="utf-8",
    )
    (tmp_path / "events.csv").write_text(
        "ticket_id,vendor,ts,kind,body\n"
        "T1,VendorA,2026-03-14T21:10:00Z,agent_reply,We are looking into it.\n"
        "T2,VendorA,2026-03-14T22:10:00Z,agent_reply,The CDN node in Riyadh drops packets.\n",
        encoding="utf-8",
    )
    path = str(tmp_path / "store.duckdb")
    imported = runner.invoke(app, ["import", str(tmp_path), "--db", path])
    assert imported.exit_code == 0, imported.output
    return path


def summary(db: str) -> str:
    result = runner.invoke(
        app, ["metrics", "summary", "--by", "vendor", "--format", "csv", "--db", db]
    )
    assert result.exit_code == 0, result.output
    return result.output


def test_readings_of_an_older_lexicon_are_named_and_reread_fixes_them(db: str) -> None:
    assert "Warning" not in summary(db)
    with open_store(db) as store:
        store.connection.execute("UPDATE reply_readings SET lexicon_version = '2025.01.1'")
    assert (
        "Warning: the store's replies were read with an older lexicon (2025.01.1; this is "
        f"{lexicon_version()}): figures built on reply labels may be off. Read them again "
        "with reread."
    ) in summary(db)
    reread = runner.invoke(app, ["reread", "--db", db])
    assert reread.exit_code == 0, reread.output
    assert reread.output.startswith("Read 2 reply texts of ")
    assert "Warning" not in summary(db)


def test_missing_readings_are_named_and_importing_again_repairs_them(
    db: str, tmp_path: Path
) -> None:
    # As an import interrupted between its data and its readings left stores before.
    with open_store(db) as store:
        store.connection.execute("DELETE FROM reply_readings")
    assert (
        "Warning: 2 reply texts in the store have no reading: figures built on reply labels "
        "are incomplete. Read them with reread."
    ) in summary(db)
    again = runner.invoke(app, ["import", str(tmp_path), "--db", db])
    assert "Nothing new" in again.output
    assert "Warning" not in summary(db)


def test_reread_of_a_store_that_does_not_exist_creates_none(tmp_path: Path) -> None:
    db = tmp_path / "typo.duckdb"
    result = runner.invoke(app, ["reread", "--db", str(db)])
    assert result.exit_code == 1
    assert result.output.startswith(f"Error: --db: No store at {db}")
    assert not db.exists()
