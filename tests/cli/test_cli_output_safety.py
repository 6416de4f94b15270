"""Output a user can pass on: spreadsheet-safe CSV, and one error line for a bad --out."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pyarrow as pa
import pytest
from typer.testing import CliRunner

from supportgauge.cli import app
from supportgauge.cli.render import write_csv

runner = CliRunner()


def test_csv_neutralises_cells_a_spreadsheet_would_run() -> None:
    table = pa.table(
        {
            "text": ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx", "plain", None],
            "number": [-1.5, 2.0, -3.0, 4.0, 5.0, 6.0, 7.0, 8.0],
        }
    )
    out = io.StringIO()
    write_csv(table, out)
    lines = out.getvalue().splitlines()
    assert lines[1:4] == ['"\'=1+1",-1.5', '"\'+SUM(A1)",2', '"\'-2+3",-3']
    assert lines[4] == '"\'@cmd",4'
    assert '"plain",7' in lines
    assert lines[-1] == ",8"


@pytest.fixture
def store(tmp_path: Path) -> str:
    folder = tmp_path / "export"
    folder.mkdir()
    (folder / "tickets.csv").write_text(
        "ticket_id,vendor,created_at,priority,subject\n"
        'T1,VendorA,2026-03-14T21:05:00Z,P1,"=HYPERLINK(""http://x"")"\n',
        encoding="utf-8",
    )
    (folder / "events.csv").write_text(
        "ticket_id,vendor,ts,kind\nT1,VendorA,2026-03-14T21:20:00Z,agent_reply\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "store.duckdb")
    result = runner.invoke(app, ["import", str(folder), "--db", db])
    assert result.exit_code == 0, result.output
    return db


def test_csv_written_to_a_file_is_safe_too(store: str, tmp_path: Path) -> None:
    out = tmp_path / "tickets.csv"
    args = ["metrics", "tickets", "--fields", "ticket_id,vendor,first_response_min"]
    result = runner.invoke(app, [*args, "--format", "csv", "--out", str(out), "--db", store])
    assert result.exit_code == 0, result.output
    assert out.read_text("utf-8").splitlines()[1] == '"T1","VendorA",15'


@pytest.mark.parametrize(
    ("target", "message"),
    [
        ("missing/out.csv", "does not exist. Create it first."),
        (".", "is a folder; name a file to write."),
    ],
)
@pytest.mark.parametrize("output_format", ["csv", "jsonl"])
def test_out_into_a_missing_folder_or_onto_a_folder_is_one_error_line(
    store: str, tmp_path: Path, target: str, message: str, output_format: str
) -> None:
    out = tmp_path / target
    args = ["metrics", "summary", "--format", output_format, "--out", str(out), "--db", store]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("Error: --out: ")
    assert message in result.stderr


def test_out_into_a_read_only_place_is_one_error_line(store: str, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    # Root writes into any folder of its own; the kernel's /sys refuses it too.
    target = locked / "s.csv" if os.geteuid() != 0 else Path("/sys/kernel/s.csv")
    try:
        args = ["metrics", "summary", "--format", "csv", "--out", str(target)]
        result = runner.invoke(app, [*args, "--db", store])
    finally:
        locked.chmod(0o700)
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: --out: cannot write")
    assert "Permission denied" in result.stderr
