"""`supportgauge import`: the counts it prints add up to the rows it read."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from supportgauge import importing
from supportgauge.cli import app, data_commands
from supportgauge.cli.app import console
from supportgauge.errors import Interrupted, SettingsError
from supportgauge.store.duckdb import open_store
from tests.store.test_import_accounting import write_shared_id_export, zendesk_page

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


ZENDESK_WAIT = (
    "Zendesk counts New + Open + On-hold time (business hours when its SLA schedule is set); "
    "audits missing from the export change supportgauge's status intervals."
)


@pytest.mark.parametrize("columns", [60, 80, 250])
def test_the_comparison_with_the_exports_figures_fits_and_keeps_words_whole(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, columns: int
) -> None:
    monkeypatch.setattr(console, "width", columns)
    args = ["import", str(ZENDESK), "--format", "zendesk", "--vendor", "Acme"]
    result = runner.invoke(app, [*args, "--db", str(tmp_path / "store.duckdb")])
    assert result.exit_code == 0, result.output
    comparison = result.stdout.split("Our figures against the export's own", 1)[1]
    assert all(len(line) <= columns for line in comparison.splitlines())
    assert ZENDESK_WAIT in " ".join(comparison.split())
    # Narrow, a block of lines a figure; wide enough, a figure a row under one header.
    blocks = [line for line in comparison.splitlines() if line.startswith(" figure ")]
    assert len(blocks) == (0 if columns == 250 else 6)
    assert ("┃ figure " in comparison) == (columns == 250)


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


def one_ticket(folder: Path, *, event_at: str) -> list[str]:
    """Import arguments for a folder of one ticket (created 10:00 UTC) and one event."""
    folder.mkdir()
    (folder / "tickets.csv").write_text(
        "ticket_id,vendor,created_at,priority\nT1,V,2026-03-02T10:00:00Z,P1\n", encoding="utf-8"
    )
    (folder / "events.csv").write_text(
        f"ticket_id,vendor,ts,kind\nT1,V,2026-03-02T{event_at}:00Z,customer_message\n",
        encoding="utf-8",
    )
    return ["import", str(folder), "--db", str(folder.parent / "store.duckdb")]


def test_the_summary_speaks_of_one_ticket_in_the_singular(tmp_path: Path) -> None:
    args = one_ticket(tmp_path / "data", event_at="10:00")
    first = runner.invoke(app, args)
    assert first.exit_code == 0, first.output
    lines = first.output.splitlines()
    assert lines[0].endswith(
        ": 1 ticket added, 0 updated, 0 unchanged; 1 event added, 0 already there."
    )
    assert lines[1:3] == ["tickets: 1 row read = 1 added.", "events: 1 row read = 1 added."]
    again = runner.invoke(app, args)
    assert again.output.splitlines()[0].endswith(": 1 ticket and 1 event were already there.")


def test_early_events_are_refused_on_request_and_moved_by_default(tmp_path: Path) -> None:
    args = one_ticket(tmp_path / "data", event_at="09:00")
    refused = runner.invoke(app, [*args, "--early-events", "reject"])
    assert refused.exit_code == 1
    assert (
        "events.csv, row 1, column 'ts': 2026-03-02T09:00:00Z is before its ticket's creation"
        in refused.output
    )
    unknown = runner.invoke(app, [*args, "--early-events", "drop"])
    assert unknown.exit_code == 1 and "'drop' is not a rule" in unknown.output
    moved = runner.invoke(app, args)
    assert moved.exit_code == 0, moved.output
    assert (
        "Warning: 1 ticket had events before its creation time (by up to 60 min, 60 min at "
        "the median); its creation was moved to its earliest event (ticket 'T1', tickets.csv, "
        "row 1)." in moved.output
    )


def test_a_record_repeated_across_pages_is_read_and_merged_in_the_summary(tmp_path: Path) -> None:
    (tmp_path / "tickets_page1.json").write_text(zendesk_page([1, 2], "old"), encoding="utf-8")
    (tmp_path / "tickets_page2.json").write_text(zendesk_page([2, 3], "new"), encoding="utf-8")
    db = str(tmp_path / "store.duckdb")
    result = runner.invoke(
        app, ["import", str(tmp_path), "--format", "zendesk", "--vendor", "V", "--db", db]
    )
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1:3] == [
        "tickets: 4 rows read = 3 added + 1 merged (the same record repeated in the export: "
        "kept the last).",
        "events: 8 rows read = 6 added + 2 merged (the same record repeated in the export: "
        "kept the last).",
    ]


def test_a_file_with_only_a_header_is_named_and_the_rest_imported(tmp_path: Path) -> None:
    args = one_ticket(tmp_path / "data", event_at="10:05")
    (tmp_path / "data" / "tickets-2026-04.csv").write_text(
        "ticket_id,vendor,created_at,priority\n", encoding="utf-8"
    )
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "tickets: 1 row read = 1 added." in result.stdout.splitlines()
    assert result.stderr == (
        "Warning: tickets-2026-04.csv holds no rows, only a header: nothing was read from it.\n"
    )


def test_a_mapped_file_with_only_a_header_is_named(tmp_path: Path) -> None:
    export = write_shared_id_export(tmp_path / "export", tickets=2)
    header = (export / "export.csv").read_text(encoding="utf-8").splitlines()[0]
    (export / "export-empty.csv").write_text(header + "\n", encoding="utf-8")
    mapping = str(export / "map.toml")
    args = ["import", str(export), "--format", "csv", "--mapping", mapping]
    result = runner.invoke(app, [*args, "--db", str(tmp_path / "store.duckdb")])
    assert result.exit_code == 0, result.output
    assert "Warning: export-empty.csv holds no rows, only a header" in result.stderr


COMMITTED_ONE = "Import interrupted after it committed: 1 ticket and 1 event were added.\n"


def test_ctrl_c_during_the_report_of_a_committed_import_says_it_was_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def interrupted(*args: object) -> str:
        raise KeyboardInterrupt

    monkeypatch.setattr(data_commands, "describe_import", interrupted)
    result = runner.invoke(app, one_ticket(tmp_path / "data", event_at="10:05"))
    assert (result.exit_code, result.stderr) == (130, COMMITTED_ONE)


def test_ctrl_c_while_the_store_closes_after_a_committed_import_says_it_was_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = data_commands.open_gauge

    @contextmanager
    def closing_interrupted(*args: Any, **kwargs: Any) -> Iterator[Any]:
        with opened(*args, **kwargs) as gauge:
            yield gauge
        # As the engine says a Ctrl-C in a query: here, the data had been committed.
        raise Interrupted("the query was interrupted; nothing was changed.")

    monkeypatch.setattr(data_commands, "open_gauge", closing_interrupted)
    result = runner.invoke(app, one_ticket(tmp_path / "data", event_at="10:05"))
    assert (result.exit_code, result.stderr) == (130, COMMITTED_ONE)
