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


def test_table_lists_labels_as_words_within_80_columns(tmp_path: Path) -> None:
    path = tmp_path / "replies.jsonl"
    text = "Root cause: our edge node had packet loss; the fix ships by 18:00 UTC today."
    path.write_text(json.dumps({"id": 1, "text": text}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["classify", str(path), "--format", "table"])
    assert result.exit_code == 0, result.output
    assert "diagnosis, eta" in result.stdout
    assert "['" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80


def test_a_bad_format_names_the_flag() -> None:
    result = runner.invoke(app, ["classify", "--format", "csv"], input="")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Error: --format: 'csv' is not an output format; use jsonl or table."
    )


def test_a_gbk_file_gives_one_error_line(tmp_path: Path) -> None:
    path = tmp_path / "gbk.jsonl"
    path.write_bytes('{"id": 1, "text": "收到，正在排查"}\n'.encode("gbk"))
    result = runner.invoke(app, ["classify", str(path)])
    assert result.exit_code == 1
    assert result.stderr.startswith("Error: gbk.jsonl: not UTF-8 text")
    assert "GBK" in result.stderr and "Traceback" not in result.stderr


def test_evaluate_prints_the_per_label_table_per_language(tmp_path: Path) -> None:
    rows = [
        {
            "id": "a",
            "text": "请问您用的是哪个版本的SDK？",
            "labels": ["asks_for_info"],
            "lang": "zh",
        },
        {
            "id": "b",
            "text": "We have received your ticket.",
            "labels": ["acknowledgement_only"],
            "lang": "en",
        },
    ]
    path = tmp_path / "ours.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    result = runner.invoke(app, ["classify", "--evaluate", str(path), "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    table = [json.loads(line) for line in result.stdout.splitlines()]
    asks = {r["lang"]: r for r in table if r["label"] == "asks_for_info"}
    assert set(asks) == {"all", "en", "zh"}
    assert (asks["zh"]["precision"], asks["zh"]["recall"], asks["zh"]["support"]) == (1.0, 1.0, 1)
    shown = runner.invoke(app, ["classify", "--evaluate", str(path)])
    assert "acknowledgement_only" in shown.stdout and "1.00" in shown.stdout


def test_explain_shows_the_clause_behind_a_label(tmp_path: Path) -> None:
    path = tmp_path / "replies.jsonl"
    text = "Sorry for the wait. The echo returns because the speaker route skips the AEC."
    path.write_text(json.dumps({"id": 1, "text": text}) + "\n", encoding="utf-8")
    row = json.loads(runner.invoke(app, ["classify", str(path), "--explain"]).stdout)
    (diagnosis,) = [e for e in row["evidence"] if e["label"] == "diagnosis"]
    assert diagnosis["clauses"] == ["the echo returns because the speaker route skips the aec."]
    shown = runner.invoke(app, ["classify", str(path), "--explain", "--format", "table"])
    assert "« the echo returns because" in shown.stdout
