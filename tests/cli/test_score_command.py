"""`supportgauge score` and `supportgauge probe`: thin faces over the scorecard."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from supportgauge.cli import app
from supportgauge.cli.app import console
from supportgauge.store.duckdb import open_store
from supportgauge.synthetic import calendars_toml, generate_dataset, write_dataset

runner = CliRunner()


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, str]:
    folder = tmp_path_factory.mktemp("score_cli")
    write_dataset(generate_dataset(1500, seed=2), folder / "data", file_format="parquet")
    config = folder / "supportgauge.toml"
    config.write_text(calendars_toml() + "\n[scoring]\nresamples = 40\n", encoding="utf-8")
    db = str(folder / "store.duckdb")
    result = runner.invoke(app, ["import", str(folder / "data"), "--db", db])
    assert result.exit_code == 0, result.output
    return db, str(config)


@pytest.mark.parametrize(("width", "named"), [(80, "  {} "), (60, " {}: ")])
def test_score_fits_the_terminal_with_every_name_uncut(
    demo: tuple[str, str], monkeypatch: pytest.MonkeyPatch, width: int, named: str
) -> None:
    # 80 columns: one table row per vendor; 60: a line per vendor, its dimensions below.
    db, config = demo
    monkeypatch.setattr(console, "_width", width)
    env = {"COLUMNS": str(width)}
    result = runner.invoke(app, ["score", "--db", db, "--config", config], env=env)
    assert result.exit_code == 0, result.output
    card = result.output.split("Scores 1-5")[0]
    assert all(len(line) <= width for line in card.splitlines())
    for vendor in ("Aurora", "Panda", "Relay", "Nimbus", "Dune"):
        assert named.format(vendor) in card
    assert "…" not in card


def test_score_table_marks_vendors_tied_on_a_dimension(
    demo: tuple[str, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db, config = demo
    monkeypatch.setattr(console, "_width", 80)
    shape = json.loads(runner.invoke(app, ["score", "--db", db, "--config", config,
                                           "--format", "json"]).output)  # fmt: skip
    tie = next(t for t in shape["ties"] if t["dimension"] != "overall")
    result = runner.invoke(app, ["score", "--db", db, "--config", config])
    rows = {line.split()[1]: line for line in result.output.splitlines()[2:7]}
    column = ["speed", "expert", "resolv", "comms", "proact"].index(
        {"response_speed": "speed", "technical_expertise": "expert",
         "resolution_quality": "resolv", "communication": "comms",
         "proactive_service": "proact"}[tie["dimension"]]
    )  # fmt: skip
    letters = {rows[name].split()[-6 + column][-1] for name in tie["vendors"]}
    assert len(letters) == 1 and letters <= set("abcdefghij")


def test_score_help_names_the_scenario_setting(demo: tuple[str, str]) -> None:
    result = runner.invoke(app, ["score", "--help"], env={"COLUMNS": "200"})
    assert "(default: [scoring] scenario)" in result.output


def test_score_json_is_the_scorecard(demo: tuple[str, str]) -> None:
    db, config = demo
    result = runner.invoke(
        app,
        ["score", "--db", db, "--config", config, "--format", "json", "--scenario", "show_live"],
    )
    assert result.exit_code == 0, result.output
    shape = json.loads(result.output)
    assert shape["scenario"] == "show_live"
    assert shape["resamples"] == 40
    assert {v["vendor"] for v in shape["vendors"]} == {"Aurora", "Panda", "Relay", "Nimbus", "Dune"}


def test_score_csv_has_a_row_per_vendor(demo: tuple[str, str]) -> None:
    db, config = demo
    result = runner.invoke(app, ["score", "--db", db, "--config", config, "--format", "csv"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith('"vendor","period","scenario","n","overall"')
    assert len(lines) == 6


def test_explain_shows_figures_thresholds_and_quotes(demo: tuple[str, str]) -> None:
    db, config = demo
    result = runner.invoke(
        app, ["score", "--db", db, "--config", config, "--explain", "Panda", "response_speed"]
    )
    assert result.exit_code == 0, result.output
    assert "first_real_answer_median_min" in result.output
    assert "crossed" in result.output
    assert "cost it: P-" in result.output and "earned it: P-" in result.output
    # Each figure's key comes with its meaning (the terminal may wrap it).
    words = " ".join(result.output.split())
    assert "(wall-clock minutes to the first real answer (KM median))" in words
    assert "technical expertise" not in result.output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--period", "March"], "Error: --period: 'March' is not a period"),
        (["--scenario", "disco"], "Error: --scenario: no scenario 'disco'"),
        (["--by", "week"], "Error: --by: 'week': use month or quarter."),
        (["--vendor", "Nobody"], "Error: --vendor: no vendor 'Nobody'"),
        (["--format", "xml"], "Error: --format: 'xml': use one of table, json, csv."),
        (["--explain", "Panda", "velocity"], "Error: no dimension 'velocity'"),
    ],
)
def test_bad_arguments_print_one_error_line(
    demo: tuple[str, str], arguments: list[str], message: str
) -> None:
    db, config = demo
    result = runner.invoke(app, ["score", "--db", db, "--config", config, *arguments])
    assert result.exit_code == 1
    assert result.output.startswith(message), result.output
    assert "Traceback" not in result.output


def test_probe_list_and_export_in_both_languages() -> None:
    listed = runner.invoke(app, ["probe", "list"])
    assert listed.exit_code == 0
    assert "SG-1V1-STUTTER-RIYADH" in listed.output
    for lang, word in (("zh", "利雅得"), ("en", "Riyadh")):
        result = runner.invoke(
            app, ["probe", "export", "--scenario", "one_to_one_social", "--lang", lang]
        )
        assert result.exit_code == 0
        rows = [json.loads(line) for line in result.output.splitlines()]
        assert all(row["scenario"] == "one_to_one_social" for row in rows)
        assert word in rows[0]["question"]
        assert rows[0]["key_points"]
    bad = runner.invoke(app, ["probe", "export", "--scenario", "disco"])
    assert bad.exit_code == 1
    assert bad.output.startswith("Error: --scenario: no probes for scenario 'disco'")


def test_score_and_probe_have_help() -> None:
    for command in (["score"], ["probe"], ["probe", "list"], ["probe", "export"]):
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0 and "Usage:" in result.output


def test_an_empty_store_says_how_to_fill_it(tmp_path: Path) -> None:
    # An empty store scores nothing but says so, without a traceback.
    db = str(tmp_path / "empty.duckdb")
    open_store(db).close()
    result = runner.invoke(app, ["score", "--db", db])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("Nothing to score: the store has no tickets yet.")
