"""Wrong input through the public API: always the error tree's, with its kind and parameter,
and a message that names no command-line flag; the CLI leads it with the flag."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

import duckdb
import pytest
from typer.testing import CliRunner

from supportgauge import Gauge, SupportGaugeError
from supportgauge.cli import app
from supportgauge.synthetic import calendars_toml, generate_dataset, write_dataset

runner = CliRunner()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of 120 generated tickets with its settings."""
    folder = tmp_path_factory.mktemp("errors")
    write_dataset(generate_dataset(120, seed=5), folder / "export", file_format="parquet")
    (folder / "supportgauge.toml").write_text(calendars_toml(), encoding="utf-8")
    with Gauge.open(folder / "store.duckdb", folder / "supportgauge.toml") as gauge:
        gauge.import_paths([folder / "export"])
    return folder


def _reader(folder: Path) -> Gauge:
    return Gauge.open(folder / "store.duckdb", folder / "supportgauge.toml", read_only=True)


CASES: list[tuple[str, Callable[[Gauge], Any], str, str]] = [
    ("unknown field", lambda g: g.tickets(fields=["first_respons_min"]), "bad_input", "fields"),
    ("fields not names", lambda g: g.tickets(fields=3), "bad_input", "fields"),  # type: ignore[arg-type]
    ("limit zero", lambda g: g.tickets(limit=0), "bad_input", "limit"),
    ("limit a fraction", lambda g: g.tickets(limit=2.5), "bad_input", "limit"),  # type: ignore[arg-type]
    ("limit a flag", lambda g: g.tickets(limit=True), "bad_input", "limit"),
    ("unknown group", lambda g: g.summary(by=["vendor", "colour"]), "bad_input", "by"),
    ("group twice", lambda g: g.summary(by="vendor,vendor"), "bad_input", "by"),
    ("group not names", lambda g: g.summary(by=5), "bad_input", "by"),  # type: ignore[arg-type]
    ("unknown scenario", lambda g: g.score(scenario="karaoke"), "bad_input", "scenario"),
    ("unknown vendor", lambda g: g.score(vendors="Nope"), "not_found", "vendors"),
    ("import read-only", lambda g: g.import_paths(["export"]), "conflict", ""),
    ("import not paths", lambda g: g.import_paths(5), "bad_input", "paths"),  # type: ignore[arg-type]
    ("classify one string", lambda g: g.classify("hello"), "bad_input", "texts"),  # type: ignore[arg-type]
    ("classify numbers", lambda g: g.classify([1, 2]), "bad_input", "texts"),  # type: ignore[list-item]
    ("classify nothing", lambda g: g.classify(None), "bad_input", "texts"),  # type: ignore[arg-type]
    ("table of nothing", lambda g: g.classify_table(None), "bad_input", "texts"),  # type: ignore[arg-type]
    ("probes in French", lambda g: g.probes(language="fr"), "bad_input", "language"),
    ("probes of no scenario", lambda g: g.probes(scenario="karaoke"), "bad_input", "scenario"),
    (
        "hints not text",
        lambda g: g.classify(["a"], category_hints=[1]),
        "bad_input",
        "category_hints",
    ),  # type: ignore[list-item]
    (
        "hints one string",
        lambda g: g.classify(["a"], category_hints="x"),
        "bad_input",
        "category_hints",
    ),
    ("seed negative", lambda g: g.score(seed=-1), "bad_input", "seed"),
    ("seed text", lambda g: g.score(seed="a"), "bad_input", "seed"),  # type: ignore[arg-type]
    ("seed a flag", lambda g: g.score(seed=True), "bad_input", "seed"),
    ("period a number", lambda g: g.score(period=1), "bad_input", "period"),  # type: ignore[arg-type]
    ("scenario a number", lambda g: g.score(scenario=1), "bad_input", "scenario"),  # type: ignore[arg-type]
    ("explain unknown vendor", lambda g: g.explain("Nope"), "not_found", "vendor"),
    ("explain a number", lambda g: g.explain(1), "bad_input", "vendor"),  # type: ignore[arg-type]
    ("explain seed text", lambda g: g.explain("Nope", seed="a"), "bad_input", "seed"),  # type: ignore[arg-type]
    (
        "forget ids as text",
        lambda g: g.forget(import_ids="a", dry_run=True),
        "bad_input",
        "import_ids",
    ),  # type: ignore[arg-type]
    ("forget dry_run text", lambda g: g.forget(vendor="x", dry_run="yes"), "bad_input", "dry_run"),  # type: ignore[arg-type]
    (
        "rejects_dir a number",
        lambda g: g.import_paths(["export"], rejects_dir=1),
        "bad_input",
        "rejects_dir",
    ),  # type: ignore[arg-type]
    ("mapping a number", lambda g: g.import_paths(["export"], mapping=1), "bad_input", "mapping"),  # type: ignore[arg-type]
    ("vendor a number", lambda g: g.import_paths(["export"], vendor=1), "bad_input", "vendor"),  # type: ignore[arg-type]
    (
        "skip_invalid text",
        lambda g: g.import_paths(["export"], skip_invalid="no"),
        "bad_input",
        "skip_invalid",
    ),  # type: ignore[arg-type]
    (
        "progress not callable",
        lambda g: g.import_paths(["export"], progress=1),
        "bad_input",
        "progress",
    ),  # type: ignore[arg-type]
]


@pytest.mark.parametrize(("case", "call", "kind", "parameter"), CASES, ids=[c[0] for c in CASES])
def test_wrong_input_through_the_api(
    folder: Path, case: str, call: Callable[[Gauge], Any], kind: str, parameter: str
) -> None:
    with _reader(folder) as gauge, pytest.raises(SupportGaugeError) as raised:
        call(gauge)
    error = raised.value
    assert (error.kind, error.parameter or "") == (kind, parameter)
    assert "--" not in error.message
    assert error.to_dict()["kind"] == kind


def test_a_vendor_given_as_one_name_is_one_vendor(folder: Path) -> None:
    with _reader(folder) as gauge:
        vendor = gauge.score().vendors[0].vendor
        assert [v.vendor for v in gauge.score(vendors=vendor).vendors] == [vendor]


def test_wrong_stores_and_settings_files(tmp_path: Path) -> None:
    sqlite = tmp_path / "s.sqlite"
    sqlite3.connect(sqlite).close()
    sqlite.write_bytes(sqlite.read_bytes() or b"SQLite format 3\x00" + bytes(100))
    foreign = tmp_path / "foreign.duckdb"
    connection = duckdb.connect(str(foreign))
    connection.execute("CREATE TABLE foo (a INTEGER)")
    connection.close()
    cases = [
        (lambda: Gauge.open(tmp_path / "missing.duckdb", read_only=True), "not_found", "db"),
        (lambda: Gauge.open(tmp_path / "nodir" / "s.duckdb"), "not_found", "db"),
        (lambda: Gauge.open(tmp_path), "bad_input", "db"),
        (lambda: Gauge.open(sqlite), "bad_input", "db"),
        (lambda: Gauge.open(foreign), "bad_input", "db"),
        (lambda: Gauge.open(5), "bad_input", "db"),  # type: ignore[arg-type]
        (lambda: Gauge.open(config=tmp_path / "none.toml"), "not_found", "config"),
        (lambda: Gauge.open(config=tmp_path), "bad_input", "config"),
    ]
    not_utf8 = tmp_path / "bin.toml"
    not_utf8.write_bytes(b"\xff\xfe[engine]\n")
    cases.append((lambda: Gauge.open(config=not_utf8), "bad_settings", None))
    for open_it, kind, parameter in cases:
        with pytest.raises(SupportGaugeError) as raised:
            open_it()
        assert (raised.value.kind, raised.value.parameter) == (kind, parameter)
    connection = duckdb.connect(str(foreign))
    assert connection.execute("SELECT count(*) FROM information_schema.tables").fetchone() == (1,)
    connection.close()
    assert not (tmp_path / "missing.duckdb").exists()


def test_a_mapping_file_not_utf8_is_named(tmp_path: Path) -> None:
    mapping = tmp_path / "map.toml"
    mapping.write_bytes(b"\xff\xfe[tickets]\n")
    (tmp_path / "x.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    with Gauge.open(tmp_path / "s.duckdb") as gauge, pytest.raises(SupportGaugeError) as raised:
        gauge.import_paths([tmp_path / "x.csv"], source_format="csv", mapping=mapping)
    assert raised.value.kind == "bad_settings"
    assert raised.value.message == (
        "map.toml: not UTF-8 text (byte 1 cannot be read). Save the mapping file as UTF-8."
    )


def test_a_settings_file_not_utf8_is_one_line(folder: Path, tmp_path: Path) -> None:
    (tmp_path / "bin.toml").write_bytes(b"\xff\xfe[engine]\n")
    db = str(folder / "store.duckdb")
    result = runner.invoke(
        app, ["metrics", "summary", "--db", db, "--config", str(tmp_path / "bin.toml")]
    )
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        "Error: bin.toml: not UTF-8 text (byte 1 cannot be read). Save the settings file as "
        "UTF-8.\n"
    )


@pytest.mark.parametrize(
    ("args", "start"),
    [
        (["score", "--seed", "-1"], "Error: --seed: -1: must be 0 or more."),
        (["metrics", "tickets", "--limit", "0"], "Error: --limit: 0: must be 1 or more."),
        (["metrics", "tickets", "--config", "."], "Error: --config: . is a folder"),
        (["score", "--explain", "Nope"], "Error: --explain: no vendor 'Nope'"),
        (["score", "--vendor", "Nope"], "Error: --vendor: no vendor 'Nope'"),
        (["score", "--scenario", "karaoke"], "Error: --scenario: "),
        (["metrics", "summary", "--by", "vendor,colour"], "Error: --by: "),
    ],
)
def test_the_cli_leads_with_the_flag(folder: Path, args: list[str], start: str) -> None:
    db = ["--db", str(folder / "store.duckdb")]
    config = [] if "--config" in args else ["--config", str(folder / "supportgauge.toml")]
    result = runner.invoke(app, [*args, *db, *config])
    assert result.exit_code == 1, result.output
    assert result.stderr.startswith(start), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_missing_store_advises_importing_and_the_cli_names_the_command(tmp_path: Path) -> None:
    from supportgauge.cli.app import NEXT_STEP_COMMANDS
    from supportgauge.errors import NEXT_STEPS

    assert set(NEXT_STEP_COMMANDS) == set(NEXT_STEPS)
    with pytest.raises(SupportGaugeError) as raised:
        Gauge.open(tmp_path / "none.duckdb", read_only=True)
    assert raised.value.to_dict()["next_step"] == "import"
    assert "supportgauge" not in raised.value.message
    result = runner.invoke(app, ["metrics", "summary", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1, result.output
    assert result.stderr == (
        f"Error: --db: No store at {tmp_path / 'none.duckdb'}: import data first, or name an "
        "existing store. Next: supportgauge import PATH\n"
    )


@pytest.mark.parametrize("table", ["thresholds", "weights"])
def test_an_unknown_scoring_figure_lists_the_known_ones(tmp_path: Path, table: str) -> None:
    from supportgauge.scoring.evidence_figures import FIGURE_NAMES

    config = tmp_path / "s.toml"
    config.write_text(f"[scoring.{table}]\nreopen_rat = 1\n", encoding="utf-8")
    with pytest.raises(SupportGaugeError) as raised:
        Gauge.open(tmp_path / "s.duckdb", config)
    assert raised.value.kind == "bad_settings"
    assert raised.value.message == (
        f"s.toml: [scoring.{table}] reopen_rat: unknown figure. Did you mean reopen_rate? "
        f"Known: {', '.join(FIGURE_NAMES)} (docs/scoring.md)."
    )
