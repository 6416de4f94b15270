"""Never leave data the tool cannot read, never touch what the user did not ask to touch."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supportgauge.cli import app
from supportgauge.cli.app import console
from supportgauge.errors import StoreError
from supportgauge.gauge import Gauge
from supportgauge.store.duckdb import open_store

runner = CliRunner()


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated data set of 150 tickets, with the settings generate writes beside it."""
    out = tmp_path_factory.mktemp("generated") / "data"
    result = runner.invoke(app, ["generate", "--out", str(out), "--tickets", "150", "--seed", "2"])
    assert result.exit_code == 0, result.output
    return out


@pytest.fixture
def store(generated: Path, tmp_path: Path) -> str:
    db = str(tmp_path / "store.duckdb")
    result = runner.invoke(app, ["import", str(generated), "--db", db])
    assert result.exit_code == 0, result.output
    assert "Skipped" not in result.output, "the settings beside the data are not data"
    return db


def test_generated_data_comes_with_the_settings_it_needs(generated: Path, store: str) -> None:
    config = str(generated / "supportgauge.toml")
    result = runner.invoke(app, ["metrics", "hours", "--db", store, "--config", config])
    assert result.exit_code == 0, result.output
    assert "Warning" not in result.stderr


def test_undefined_calendars_count_as_24x7_with_one_warning(store: str, tmp_path: Path) -> None:
    empty = tmp_path / "empty.toml"
    empty.write_text("", encoding="utf-8")
    args = ["metrics", "summary", "--format", "csv", "--db", store, "--config", str(empty)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("Warning:")]
    assert len(warnings) == 1
    assert "in empty.toml for the calendars 'dune_office' (Dune)" in warnings[0]
    assert "counted 24x7" in warnings[0]
    with Gauge.open(store, empty, read_only=True) as gauge:
        figures = gauge.tickets(fields=["first_response_min", "first_response_business_min"])
    # On 24x7, business time is wall-clock time.
    assert figures["first_response_min"] == figures["first_response_business_min"]


def test_settings_for_vendors_the_store_lacks_are_reported(
    generated: Path, store: str, tmp_path: Path
) -> None:
    config = tmp_path / "typo.toml"
    text = (generated / "supportgauge.toml").read_text("utf-8")
    config.write_text(text + '\n[vendors.Pandda]\ncalendar = "24x7"\n', encoding="utf-8")
    args = ["metrics", "tickets", "--format", "jsonl", "--db", store, "--config", str(config)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("Warning:") == 1
    assert "settings for vendors the store has no tickets of: Pandda" in result.stderr


def test_generate_never_overwrites(generated: Path, tmp_path: Path) -> None:
    before = (generated / "tickets.parquet").read_bytes()
    again = runner.invoke(app, ["generate", "--out", str(generated), "--tickets", "10"])
    assert again.exit_code == 1
    assert again.stderr.startswith("Error: --out: ")
    assert "generating never overwrites files" in again.stderr
    assert (generated / "tickets.parquet").read_bytes() == before
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    onto_file = runner.invoke(app, ["generate", "--out", str(a_file), "--tickets", "10"])
    assert onto_file.exit_code == 1
    assert onto_file.stderr.strip().endswith("is a file; name a folder to write the data set into.")
    assert a_file.read_text("utf-8") == "mine"


def test_a_count_of_one_is_said_in_the_singular(tmp_path: Path) -> None:
    out = tmp_path / "g1"
    result = runner.invoke(app, ["generate", "--out", str(out), "--tickets", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Wrote 1 ticket to {out}: ")


def test_demo_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    (tmp_path / "supportgauge.toml").write_text("# mine\n", encoding="utf-8")
    result = runner.invoke(app, ["demo", "--tickets", "100", "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert "already holds files the demo did not write" in result.stderr
    assert (tmp_path / "supportgauge.toml").read_text("utf-8") == "# mine\n"
    assert not (tmp_path / "supportgauge.duckdb").exists()


def test_demo_ignores_the_store_named_by_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SUPPORTGAUGE_DB", str(tmp_path / "users.duckdb"))
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["demo", "--tickets", "100", "--out", "own"])
    assert result.exit_code == 0, result.output
    assert not (tmp_path / "users.duckdb").exists()
    assert (tmp_path / "own" / "supportgauge.duckdb").exists()


def test_forget_a_vendor_counts_asks_and_removes(store: str) -> None:
    declined = runner.invoke(app, ["forget", "--vendor", "Dune", "--db", store], input="n\n")
    assert declined.exit_code == 1, declined.output
    assert "vendor 'Dune' has " in declined.stdout and "rows of tickets" in declined.stdout
    assert "Nothing removed." in declined.stdout
    with Gauge.open(store, read_only=True) as gauge:
        before = gauge.tickets(fields=["vendor"]).column("vendor").to_pylist()
    assert "Dune" in before
    done = runner.invoke(app, ["forget", "--vendor", "Dune", "--db", store, "--yes"])
    assert done.exit_code == 0, done.output
    assert f"{before.count('Dune'):,} rows of tickets" in done.stdout
    with Gauge.open(store, read_only=True) as gauge:
        after = gauge.tickets(fields=["vendor"]).column("vendor").to_pylist()
        events = gauge.store.to_arrow(gauge.store.table("events").select("vendor"))
    assert after == [vendor for vendor in before if vendor != "Dune"]
    assert "Dune" not in events.column("vendor").to_pylist()
    again = runner.invoke(app, ["forget", "--vendor", "Dune", "--db", store, "--yes"])
    assert again.exit_code == 1
    assert again.stderr.startswith("Error: nothing to forget: vendor 'Dune' has no rows")


def test_forget_by_source_or_import_removes_what_it_brought(generated: Path, store: str) -> None:
    source = str(generated / "tickets.parquet")
    result = runner.invoke(app, ["forget", "--source", source, "--db", store, "--yes"])
    assert result.exit_code == 0, result.output
    assert "150 rows of tickets" in result.stdout and "1 row of imports" in result.stdout
    with Gauge.open(store, read_only=True) as gauge:
        assert gauge.store.count("tickets") == 0 and gauge.store.count("events") == 0
    gone = runner.invoke(app, ["forget", "--import", "1", "--db", store, "--yes"])
    assert gone.exit_code == 1
    assert "nothing to forget: import 1" in gone.stderr


def test_import_names_its_id_and_imports_lists_it(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = str(tmp_path / "store.duckdb")
    first = runner.invoke(app, ["import", str(generated / "tickets.parquet"), "--db", db])
    assert first.stdout.startswith(f"Import 1 into {db}: 150 tickets added, "), first.output
    second = runner.invoke(app, ["import", str(generated), "--db", db])
    assert second.stdout.startswith(f"Import 2 into {db}: 0 tickets added, "), second.output
    monkeypatch.setattr(console, "width", 250)
    listed = runner.invoke(app, ["imports", "--db", db])
    assert listed.exit_code == 0, listed.output
    assert f"Imports in {db}" in listed.stdout
    assert str(generated / "tickets.parquet") in listed.stdout
    rows = runner.invoke(app, ["imports", "--db", db, "--format", "jsonl"]).stdout.splitlines()
    logged = [json.loads(row) for row in rows]
    assert [(row["import_id"], row["files"]) for row in logged] == [
        (1, [str(generated / "tickets.parquet")]),
        (2, [str(generated)]),
    ]
    assert logged[0]["tickets_added"] == 150 and logged[1]["events_added"] > 0
    as_csv = runner.invoke(app, ["imports", "--db", db, "--format", "csv"])
    assert as_csv.exit_code == 0, as_csv.output
    assert f',"canonical","[""{generated}""]",' in as_csv.stdout


def test_imports_of_a_store_without_any_says_so(tmp_path: Path) -> None:
    db = tmp_path / "empty.duckdb"
    open_store(db).close()
    result = runner.invoke(app, ["imports", "--db", str(db)])
    assert (result.exit_code, result.stdout) == (
        0,
        f"No imports in {db} yet. Import data with 'supportgauge import PATH'.\n",
    )


def test_forget_dry_run_says_what_and_changes_nothing(store: str) -> None:
    result = runner.invoke(app, ["forget", "--import", "1", "--db", store, "--dry-run"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"In {store}, import 1 has ")
    assert result.stdout.endswith("1 row of imports.\nDry run: nothing removed.\n")
    with Gauge.open(store, read_only=True) as gauge:
        assert gauge.store.count("tickets") == 150 and gauge.store.count("imports") == 1
    nobody = runner.invoke(app, ["forget", "--vendor", "nobody", "--db", store, "--dry-run"])
    assert nobody.exit_code == 1
    assert nobody.stderr == f"Error: nothing to forget: vendor 'nobody' has no rows in {store}.\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "Error: name exactly one of a vendor, an import id or a source file."),
        (["--vendor", "A", "--import", "1"], "Error: name exactly one of"),
        (["--source", "nowhere.csv"], "Error: --source: no import in this store read"),
    ],
)
def test_forget_needs_one_clear_choice(store: str, args: list[str], message: str) -> None:
    result = runner.invoke(app, ["forget", *args, "--db", store, "--yes"])
    assert result.exit_code == 1
    assert result.stderr.startswith(message)


def test_forget_never_creates_a_store(tmp_path: Path) -> None:
    missing = tmp_path / "typo.duckdb"
    result = runner.invoke(app, ["forget", "--vendor", "A", "--db", str(missing), "--yes"])
    assert result.exit_code == 1
    assert not missing.exists()


@pytest.fixture
def export_with_a_bad_row(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "tickets.csv").write_text(
        "ticket_id,vendor,created_at,priority\nT1,V,2026-01-01T00:00:00Z,P1\nT2,V,not a date,P1\n",
        encoding="utf-8",
    )
    (folder / "events.csv").write_text(
        "ticket_id,vendor,ts,kind\nT1,V,2026-01-01T00:10:00Z,agent_reply\n", encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize("place", ["a file", "read-only"])
def test_rejects_dir_that_cannot_be_written_is_one_error_line(
    export_with_a_bad_row: Path, tmp_path: Path, place: str
) -> None:
    if place == "a file":
        target = tmp_path / "rejects.txt"
        target.write_text("mine", encoding="utf-8")
        reason = "it is a file, not a folder"
    else:
        locked = tmp_path / "locked"
        locked.mkdir(mode=0o500)
        # Root writes into any folder of its own; the kernel's /sys refuses it too.
        target = locked / "rejects" if os.geteuid() != 0 else Path("/sys/kernel/rejects")
        reason = "permission denied"
    db = tmp_path / "store.duckdb"
    args = ["import", str(export_with_a_bad_row), "--skip-invalid", "--rejects-dir", str(target)]
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith(
        f"Error: --rejects-dir: cannot write the reject files into {target}"
    )
    assert reason in result.stderr
    assert "Nothing was imported" in result.stderr
    assert not db.exists()


def test_forget_is_all_or_nothing(store: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from supportgauge.store import forget

    def failing(self: forget.Selection) -> list[tuple[str, str, list[object]]]:
        real = [(table, "vendor = ?", [self.vendor]) for table in ("events", "tickets")]
        return [*real, ("no_such_table", "true", [])]

    with Gauge.open(store, read_only=True) as gauge:
        before = (gauge.store.count("tickets"), gauge.store.count("events"))
    monkeypatch.setattr(forget.Selection, "conditions", failing)
    with Gauge.open(store) as gauge, pytest.raises(StoreError, match="no_such_table"):
        gauge.forget(vendor="Dune")
    with Gauge.open(store, read_only=True) as gauge:
        assert (gauge.store.count("tickets"), gauge.store.count("events")) == before
