"""The command line: help everywhere, one-line errors with exit code 1, the same numbers."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supportgauge.cli import app
from supportgauge.cli.app import console
from supportgauge.cli.metrics_commands import TABLE_FIELDS
from supportgauge.gauge import Gauge
from supportgauge.metrics.ticket_metrics import TICKET_FIELDS
from supportgauge.store.duckdb import open_store

runner = CliRunner()

COMMANDS = (
    [],
    ["import"],
    ["generate"],
    ["demo"],
    ["metrics"],
    ["metrics", "tickets"],
    ["metrics", "summary"],
)


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "root")
def test_every_command_has_help(command: list[str]) -> None:
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


@pytest.fixture
def export(tmp_path: Path) -> Path:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "tickets.csv").write_text(
        "ticket_id,vendor,created_at,priority,region\n"
        "T1,VendorA,2026-03-14T21:05:00+03:00,P1,SA\n"
        "T2,VendorB,2026-03-14T22:00:00Z,P3,ID\n",
        encoding="utf-8",
    )
    (folder / "events.csv").write_text(
        "ticket_id,vendor,ts,kind,status\n"
        "T1,VendorA,2026-03-14T21:20:00+03:00,agent_reply,\n"
        "T1,VendorA,2026-03-14T21:50:00+03:00,status_change,solved\n"
        "T2,VendorB,2026-03-14T23:00:00Z,agent_reply,\n",
        encoding="utf-8",
    )
    return folder


def test_import_then_metrics_in_every_format(export: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "store.duckdb")
    imported = runner.invoke(app, ["import", str(export), "--db", db])
    assert imported.exit_code == 0, imported.output
    assert "2 tickets added, 0 updated, 0 unchanged; 3 events added" in imported.output
    again = runner.invoke(app, ["import", str(export), "--db", db])
    assert "Nothing new" in again.output

    jsonl = runner.invoke(app, ["metrics", "tickets", "--format", "jsonl", "--db", db])
    rows = [json.loads(line) for line in jsonl.stdout.splitlines()]
    assert [(r["ticket_id"], r["first_response_min"]) for r in rows] == [("T1", 15.0), ("T2", 60.0)]
    assert rows[0]["created_at"] == "2026-03-14T18:05:00Z"
    assert rows[0]["created_local_hour"] == 21

    as_csv = runner.invoke(
        app, ["metrics", "summary", "--by", "vendor", "--format", "csv", "--db", db]
    )
    summary = list(csv.DictReader(io.StringIO(as_csv.stdout)))
    assert [row["vendor"] for row in summary] == ["VendorA", "VendorB"]
    assert float(summary[0]["first_response_min_p50"]) == 15.0
    as_json = runner.invoke(
        app, ["metrics", "summary", "--by", "vendor", "--format", "jsonl", "--db", db]
    )
    first = json.loads(as_json.stdout.splitlines()[0])
    assert first["first_response_min_p50"] == float(summary[0]["first_response_min_p50"])
    table = runner.invoke(app, ["metrics", "summary", "--by", "vendor", "--db", db])
    assert table.exit_code == 0 and "first_response_min_p90" in table.output


def test_tickets_with_chosen_fields_in_the_given_order(export: Path, tmp_path: Path) -> None:
    db = str(tmp_path / "store.duckdb")
    assert runner.invoke(app, ["import", str(export), "--db", db]).exit_code == 0
    fields = "reopens, ticket_id,first_response_min"
    chosen = runner.invoke(
        app, ["metrics", "tickets", "--fields", fields, "--format", "csv", "--db", db]
    )
    assert chosen.exit_code == 0, chosen.output
    rows = list(csv.reader(io.StringIO(chosen.stdout)))
    assert rows == [
        ["reopens", "ticket_id", "first_response_min"],
        ["0", "T1", "15"],
        ["0", "T2", "60"],
    ]


def test_tickets_table_shows_core_fields_and_says_how_to_see_the_rest(
    export: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "width", 250)
    db = str(tmp_path / "store.duckdb")
    assert runner.invoke(app, ["import", str(export), "--db", db]).exit_code == 0
    table = runner.invoke(app, ["metrics", "tickets", "--db", db])
    assert table.exit_code == 0, table.output
    header = next(line for line in table.output.splitlines() if "ticket_id" in line)
    assert [name.strip() for name in header.strip("┃ ").split("┃")] == list(TABLE_FIELDS)
    assert (
        f"Showing {len(TABLE_FIELDS)} of {len(TICKET_FIELDS)} fields; --fields picks others"
        in table.output
    )
    monkeypatch.setattr(console, "width", 80)
    narrow = runner.invoke(app, ["metrics", "tickets", "--db", db])
    header = next(line for line in narrow.output.splitlines() if "ticket_id" in line)
    assert [name.strip() for name in header.strip("┃ ").split("┃")] == list(TABLE_FIELDS[:5])
    assert max(len(line) for line in narrow.output.splitlines() if "┃" in line) <= 80
    assert f"Showing 5 of {len(TICKET_FIELDS)} fields" in narrow.output
    chosen = runner.invoke(
        app, ["metrics", "tickets", "--fields", "ticket_id,created_local_hour", "--db", db]
    )
    assert "created_local_hour" in chosen.output and "Showing" not in chosen.output


def test_bad_import_prints_one_error_block_and_exits_1(tmp_path: Path) -> None:
    (tmp_path / "tickets.csv").write_text(
        "ticket_id,vendor,created_at,priority\nT1,VendorA,2026-03-14 21:05,P1\n",
        encoding="utf-8",
    )
    result = runner.invoke(app, ["import", str(tmp_path), "--db", str(tmp_path / "s.duckdb")])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[:2] == [
        "Error: Nothing was imported: 1 problem.",
        "tickets.csv, row 1, column 'created_at': '2026-03-14 21:05' has no UTC offset; "
        "write it with one (e.g. 2026-03-14T21:05:00+03:00) or name the timezone of "
        "the import (e.g. Asia/Riyadh).",
    ]
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["metrics", "summary", "--by", "vendor,colour"],
            "Error: --by: cannot group by 'colour'; use any of vendor, priority, scenario, region, "
            "month, category, account, vendor_hours, customer_peak, local_weekday, local_hour.",
        ),
        (
            ["metrics", "tickets", "--format", "xml"],
            "Error: --format: no output format 'xml'; use one of table, jsonl, csv.",
        ),
        (["import", "nowhere"], "Error: nowhere: no such file or folder."),
        (
            ["metrics", "tickets", "--fields", "ticket_id,first_respons_min"],
            "Error: --fields: no field 'first_respons_min'. Did you mean 'first_response_min'? "
            "The fields are listed in docs/metrics.md.",
        ),
        (
            ["metrics", "tickets", "--fields", "reopens,reopens"],
            "Error: --fields: 'reopens' given twice.",
        ),
        (["metrics", "tickets", "--fields", " , "], "Error: --fields: name at least one field."),
        (
            ["metrics", "tickets", "--db", "postgres://localhost/x"],
            "Error: --db: The store 'postgres://localhost/x' needs the postgres engine, which "
            "this version cannot connect to yet. Name a DuckDB file (the default engine).",
        ),
    ],
)
def test_user_errors_are_one_line(args: list[str], message: str, tmp_path: Path) -> None:
    if "--db" not in args:
        args = [*args, "--db", str(tmp_path / "s.duckdb")]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr.strip() == message


def test_bad_settings_file_is_named(tmp_path: Path) -> None:
    config = tmp_path / "supportgauge.toml"
    config.write_text("[metrics]\nrepeat_window = 3\n", encoding="utf-8")
    result = runner.invoke(
        app, ["metrics", "tickets", "--config", str(config), "--db", str(tmp_path / "s.duckdb")]
    )
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: supportgauge.toml, [metrics]: unknown key 'repeat_window'; known: "
        "repeat_window_days."
    )


def test_generate_writes_canonical_files(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["generate", "--out", str(tmp_path / "data"), "--tickets", "200", "--format", "csv"]
    )
    assert result.exit_code == 0, result.output
    names = {path.name for path in (tmp_path / "data").iterdir()}
    assert {"tickets.csv", "events.csv", "vendors.csv"} <= names


def test_demo_generates_imports_and_compares(tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = runner.invoke(app, ["demo", "--tickets", "400", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "Vendors compared" in result.output
    assert "Claims against the clock" in result.output
    assert (out / "supportgauge.toml").exists()
    assert (out / "supportgauge.duckdb").exists()
    assert (out / "summary_by_vendor_priority.csv").exists()
    # A second demo in its own folder starts afresh rather than mixing two data sets.
    again = runner.invoke(app, ["demo", "--tickets", "400", "--out", str(out)])
    assert again.exit_code == 0, again.output
    assert "400 tickets added" in again.output


def test_engine_settings_bound_memory_and_threads(tmp_path: Path) -> None:
    config = tmp_path / "supportgauge.toml"
    config.write_text('[engine]\nmemory_limit = "512MB"\nthreads = 1\n', encoding="utf-8")
    with Gauge.open(tmp_path / "s.duckdb", config) as gauge, gauge.hold():
        limit, threads = gauge.store.connection.execute(
            "SELECT current_setting('memory_limit'), current_setting('threads')"
        ).fetchall()[0]
    assert (limit, threads) == ("488.2 MiB", 1)


@pytest.mark.parametrize(
    ("engine", "message"),
    [
        (
            'memory_limit = "lots"',
            "Error: supportgauge.toml, [engine] memory_limit 'lots': Memory must have a number "
            "(e.g. 1GB)",
        ),
        (
            "threads = -2",
            "Error: supportgauge.toml, [engine] threads: must be 0 (one per core) or more.",
        ),
        (
            "threads = 1.5",
            "Error: supportgauge.toml, [engine] threads: expected a whole number, got 1.5.",
        ),
    ],
)
def test_bad_engine_settings_are_named(engine: str, message: str, tmp_path: Path) -> None:
    config = tmp_path / "supportgauge.toml"
    config.write_text(f"[engine]\n{engine}\n", encoding="utf-8")
    open_store(tmp_path / "s.duckdb").close()  # an empty store (a Gauge keeps none it made)
    result = runner.invoke(
        app, ["metrics", "tickets", "--config", str(config), "--db", str(tmp_path / "s.duckdb")]
    )
    assert result.exit_code == 1
    assert result.stderr.strip().startswith(message)


def test_a_missing_store_is_not_created_by_a_reading_command(tmp_path: Path) -> None:
    db = tmp_path / "typo.duckdb"
    result = runner.invoke(app, ["metrics", "tickets", "--db", str(db)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: --db: No store at {db}: import data first")
    assert not db.exists()


def test_an_empty_store_says_how_to_fill_it(tmp_path: Path) -> None:
    db = str(tmp_path / "s.duckdb")
    open_store(db).close()  # as left when forget removed everything
    table = runner.invoke(app, ["metrics", "tickets", "--db", db])
    assert table.exit_code == 0
    assert "the store has no tickets yet" in table.output
    assert "supportgauge import PATH" in table.output
    as_csv = runner.invoke(app, ["metrics", "tickets", "--format", "csv", "--db", db])
    assert as_csv.stdout.splitlines()[0].startswith('"ticket_id","vendor"')


def test_running_out_of_engine_memory_says_which_setting_to_raise(
    export: Path, tmp_path: Path
) -> None:
    db = str(tmp_path / "store.duckdb")
    assert runner.invoke(app, ["import", str(export), "--db", db]).exit_code == 0
    config = tmp_path / "supportgauge.toml"
    config.write_text('[engine]\nmemory_limit = "1MB"\nthreads = 1\n', encoding="utf-8")
    result = runner.invoke(app, ["metrics", "summary", "--config", str(config), "--db", db])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: the engine ran out of memory (")
    assert "Raise [engine] memory_limit or lower [engine] threads" in result.stderr
    assert "Traceback" not in result.output
