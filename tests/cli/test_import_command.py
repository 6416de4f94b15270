"""`supportgauge import`: the counts it prints add up to the rows it read."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from supportgauge import importing
from supportgauge.cli import app
from supportgauge.errors import SettingsError
from supportgauge.store.duckdb import open_store
from tests.store.test_import_accounting import write_shared_id_export

runner = CliRunner()


def test_import_prints_where_every_row_went(tmp_path: Path) -> None:
    export = write_shared_id_export(tmp_path / "export", tickets=3)
    with (export / "export.csv").open("a", encoding="utf-8") as handle:
        # The same message exported twice.
        handle.write((export / "export.csv").read_text(encoding="utf-8").splitlines()[1] + "\n")
    db = str(tmp_path / "store.duckdb")
    mapping = str(export / "map.toml")
    result = runner.invoke(
        app, ["import", str(export), "--format", "csv", "--mapping", mapping, "--db", db]
    )
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert "tickets: 3 rows read = 3 added." in lines
    assert (
        "events: 10 rows read = 9 added + 1 merged (identical to an earlier row with the "
        "same key)." in lines
    )


ZENDESK = Path(__file__).parents[1] / "data" / "exports" / "zendesk" / "api"


def vendors_on_an_undefined_calendar(tmp_path: Path, db: str) -> None:
    (tmp_path / "vendors.csv").write_text("vendor,calendar\nAcme,panda_office\n", encoding="utf-8")
    result = runner.invoke(app, ["import", str(tmp_path / "vendors.csv"), "--db", db])
    assert result.exit_code == 0, result.output


def test_help_desk_import_with_an_undefined_calendar_compares_and_succeeds(
    tmp_path: Path,
) -> None:
    db = str(tmp_path / "store.duckdb")
    vendors_on_an_undefined_calendar(tmp_path, db)
    result = runner.invoke(
        app, ["import", str(ZENDESK), "--format", "zendesk", "--vendor", "Acme", "--db", db]
    )
    # Before: the data was committed, then "Error: ... does not define [calendars.panda_office]"
    # and exit 1, from figures the comparison does not use.
    assert result.exit_code == 0, result.output
    assert "Our figures against the export's own (zendesk_ticket_metrics)" in result.output


def test_a_failing_comparison_is_a_warning_and_keeps_the_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(ours: object, theirs: object) -> None:
        raise SettingsError("supportgauge.toml does not define [calendars.panda_office].")

    monkeypatch.setattr(importing, "compare_source_figures", broken)
    db = str(tmp_path / "store.duckdb")
    args = ["import", str(ZENDESK), "--format", "zendesk", "--vendor", "Acme", "--db", db]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert (
        "Warning: the import is complete, but comparing with the export's own figures "
        "(zendesk_ticket_metrics) failed: supportgauge.toml does not define "
        "[calendars.panda_office]." in result.output
    )
    with open_store(db) as store:
        assert store.count("tickets") > 0 and store.count("imports") == 1
    again = runner.invoke(app, args)
    assert again.exit_code == 0 and "Nothing new" in again.output
