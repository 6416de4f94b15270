"""`supportgauge import`: the counts it prints add up to the rows it read."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from supportgauge.cli import app
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
