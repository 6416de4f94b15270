"""Forgetting what imports brought: any spelling of the source, from any folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from supportgauge.errors import InputError, NotFoundError
from supportgauge.gauge import Gauge

TICKETS = "ticket_id,vendor,created_at,priority\nT1,V,2026-03-02T10:00:00Z,P2\n"
EVENTS = "ticket_id,vendor,ts,kind\nT1,V,2026-03-02T10:05:00Z,agent_reply\n"


@pytest.fixture
def imported_by_relative_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A store that imported `exports/jira` as typed from `tmp_path`; returns tmp_path."""
    export = tmp_path / "exports" / "jira"
    export.mkdir(parents=True)
    (export / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    (export / "events.csv").write_text(EVENTS, encoding="utf-8")
    (tmp_path / "elsewhere").mkdir()
    monkeypatch.chdir(tmp_path)
    with Gauge.open(tmp_path / "rel.duckdb") as gauge:
        gauge.import_paths([Path("exports/jira")])
    return tmp_path


def _forgettable(db: Path, source: str) -> dict[str, int]:
    with Gauge.open(db, read_only=True) as gauge:
        return gauge.forget(source=source, dry_run=True)


@pytest.mark.parametrize(
    ("run_in", "source"),
    [
        (".", "exports/jira"),  # as typed, from the same folder
        ("elsewhere", "{root}/exports/jira"),  # absolute
        ("elsewhere", "../exports/jira"),  # relative, from another folder
        ("exports/jira", "."),  # the folder itself, from inside it
        ("exports/jira", "tickets.csv"),  # a file the import read
        ("elsewhere", "../exports"),  # a folder holding what it read
        ("elsewhere", "../exports/./jira/../jira/"),  # another spelling
    ],
)
def test_source_matches_the_same_place_from_any_folder(
    imported_by_relative_path: Path, monkeypatch: pytest.MonkeyPatch, run_in: str, source: str
) -> None:
    root = imported_by_relative_path
    monkeypatch.chdir(root / run_in)
    counts = _forgettable(root / "rel.duckdb", source.format(root=root))
    assert counts == {"events": 1, "tickets": 1, "imports": 1}


def test_source_matches_through_a_link_to_the_folder(
    imported_by_relative_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = imported_by_relative_path
    (root / "link").symlink_to(root / "exports" / "jira")
    assert _forgettable(root / "rel.duckdb", str(root / "link"))["tickets"] == 1


def test_a_source_no_import_read_is_named(imported_by_relative_path: Path) -> None:
    root = imported_by_relative_path
    (root / "exports" / "other").mkdir()
    with pytest.raises(InputError, match=r"^no import in this store read exports/other\.$"):
        _forgettable(root / "rel.duckdb", "exports/other")


def test_an_old_stores_relative_entry_matches_from_the_same_folder(
    imported_by_relative_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = imported_by_relative_path
    with Gauge.open(root / "rel.duckdb") as gauge, gauge.hold():
        # As versions before resolved paths logged it: the path as typed only.
        gauge.store.connection.execute("""UPDATE imports SET files = '["exports/jira"]'""")
    assert _forgettable(root / "rel.duckdb", str(root / "exports" / "jira"))["tickets"] == 1
    assert _forgettable(root / "rel.duckdb", "exports/jira/events.csv")["tickets"] == 1
    # Where it was typed from is not known: elsewhere, it names another place.
    monkeypatch.chdir(root / "exports")
    with pytest.raises(InputError, match="no import in this store read jira"):
        _forgettable(root / "rel.duckdb", "jira")


def test_the_import_log_keeps_the_files_as_typed_and_resolved(
    imported_by_relative_path: Path,
) -> None:
    root = imported_by_relative_path
    with Gauge.open(root / "rel.duckdb", read_only=True) as gauge:
        (logged,) = gauge.imports().to_pylist()
    assert logged["import_id"] == 1 and logged["source_format"] == "canonical"
    assert logged["files"] == ["exports/jira"]
    assert logged["paths"] == [os.path.realpath(root / "exports" / "jira")]
    assert (logged["tickets_added"], logged["events_added"], logged["rows_rejected"]) == (1, 1, 0)


@pytest.mark.parametrize("dry_run", [True, False])
def test_nothing_to_forget_is_not_found_dry_run_or_not(
    imported_by_relative_path: Path, dry_run: bool
) -> None:
    db = imported_by_relative_path / "rel.duckdb"
    expected = f"^nothing to forget: vendor 'nobody' has no rows in {db}\\.$"
    with Gauge.open(db) as gauge, pytest.raises(NotFoundError, match=expected):
        gauge.forget(vendor="nobody", dry_run=dry_run)
