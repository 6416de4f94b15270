"""`supportgauge classify`: JSON Lines in, SPEC's fields out, errors naming the line."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from supportgauge.cli import app

runner = CliRunner()


def test_classify_reads_stdin_and_keeps_ids() -> None:
    lines = [
        {"id": 7, "text": "收到，我们会在工作时间处理"},
        {"id": 8, "text": "Please switch network and restart the device."},
    ]
    result = runner.invoke(
        app, ["classify", "-"], input="\n".join(json.dumps(x, ensure_ascii=False) for x in lines)
    )
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [row["id"] for row in rows] == [7, 8]
    assert set(rows[0]) == {"id", "labels", "terms", "category"}
    assert "defers_to_business_hours" in rows[0]["labels"]
    assert rows[1]["labels"] == ["generic_advice"]


def test_classify_explain_shows_triggering_words(tmp_path: Path) -> None:
    path = tmp_path / "replies.jsonl"
    path.write_text(json.dumps({"id": "r1", "text": "ETA 30 minutes for the fix."}) + "\n")
    result = runner.invoke(app, ["classify", str(path), "--explain"])
    row = json.loads(result.stdout)
    assert "eta" in row["labels"]
    assert any(item["label"] == "eta" for item in row["evidence"])


def test_bad_line_is_named() -> None:
    result = runner.invoke(app, ["classify"], input='{"id": 1, "text": "ok"}\n{"id": 2}\n')
    assert result.exit_code == 1
    assert (
        result.stderr.strip()
        == "Error: standard input, line 2: no 'text' field; each line needs one."
    )
