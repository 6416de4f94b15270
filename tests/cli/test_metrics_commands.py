"""`metrics hours` on the command line: a median not reached says so, beside the share
answered, in the table and to programs alike."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from supportgauge.cli import app
from supportgauge.cli.app import console

runner = CliRunner()


@pytest.fixture(scope="module")
def quick_and_steady(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A store where Quick answers 3 of its 12 tickets in 5 minutes and Steady all 12 in 30."""
    folder = tmp_path_factory.mktemp("hours")
    tickets = ["ticket_id,vendor,created_at,priority"]
    events = ["ticket_id,vendor,ts,kind"]
    for vendor, answered, after in (("Quick", 3, 5), ("Steady", 12, 30)):
        for number in range(12):
            ticket_id, hour = f"{vendor[0]}{number}", 10 + number
            tickets.append(f"{ticket_id},{vendor},2026-03-02T{hour:02d}:00:00+00:00,P2")
            events.append(
                f"{ticket_id},{vendor},2026-03-02T{hour:02d}:00:00+00:00,customer_message"
            )
            if number < answered:
                events.append(
                    f"{ticket_id},{vendor},2026-03-02T{hour:02d}:{after:02d}:00+00:00,agent_reply"
                )
    (folder / "tickets.csv").write_text("\n".join(tickets) + "\n", encoding="utf-8")
    (folder / "events.csv").write_text("\n".join(events) + "\n", encoding="utf-8")
    db = str(folder / "store.duckdb")
    result = runner.invoke(app, ["import", str(folder), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def hours(db: str, output_format: str) -> str:
    result = runner.invoke(app, ["metrics", "hours", "--db", db, "--format", output_format])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_hours_table_says_not_reached_beside_the_share_answered(
    quick_and_steady: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(console, "width", 80)
    output = hours(quick_and_steady, "table")
    assert all(len(line) <= 80 for line in output.splitlines())
    cells = [line.split("│") for line in output.splitlines() if line.startswith("│")]
    rows = {parts[1].strip(): parts[2:4] for parts in cells}
    assert [cell.strip() for cell in rows["in_hours_responded_rate"]] == ["25.0%", "100.0%"]
    assert [cell.strip() for cell in rows["in_hours_first_response_p50"]] == [
        "not reached",
        "30.0",
    ]
    # A class without tickets has no time at all, not one never reached.
    assert [cell.strip() for cell in rows["off_hours_first_response_p50"]] == ["-", "-"]
    assert "Not reached: fewer than half (p50)" in " ".join(output.split())


def test_hours_for_programs_give_null_never_a_small_number(quick_and_steady: str) -> None:
    rows = [json.loads(line) for line in hours(quick_and_steady, "jsonl").splitlines()]
    quick = rows[0]
    assert quick["vendor"] == "Quick"
    assert quick["in_hours_first_response_p50"] is None
    assert (quick["in_hours_n"], quick["in_hours_responded_rate"]) == (12, 0.25)
    table = list(csv.DictReader(io.StringIO(hours(quick_and_steady, "csv"))))
    assert table[0]["in_hours_first_response_p50"] == ""
    assert table[0]["in_hours_responded_rate"] == "0.25"
    assert table[1]["in_hours_first_response_p50"] == "30"
