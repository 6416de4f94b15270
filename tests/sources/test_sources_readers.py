"""Canonical files read into Arrow: odd but valid files read, broken ones named by line."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportgauge.errors import SourceError
from supportgauge.sources.canonical_files import read_canonical
from supportgauge.sources.readers import read_csv_text, read_tabular_file

TICKET = '{"ticket_id": "1", "vendor": "V", "created_at": "2026-03-14T21:05:00Z", "priority": "P1"}'


def test_a_field_of_several_megabytes_is_read_whole(tmp_path):
    body = "卡顿 " * 1_200_000  # about 8 MB of UTF-8, longer than one read block
    path = tmp_path / "events.csv"
    path.write_text(f"ticket_id,body\n1,short\n2,{body}\n3,after\n", encoding="utf-8")
    table = read_tabular_file(path)
    assert table["body"].to_pylist() == ["short", body, "after"]


def test_a_json_line_of_several_megabytes_is_read_whole(tmp_path):
    body = "x" * 3_500_000
    path = tmp_path / "events.jsonl"
    path.write_text(f'{{"ticket_id": "1", "body": "{body}"}}\n{{"ticket_id": "2"}}\n')
    assert read_tabular_file(path)["ticket_id"].to_pylist() == ["1", "2"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            TICKET + "\n" + TICKET[:40],
            "tickets.jsonl, line 2, column 35: truncated or invalid JSON (Unterminated string "
            "starting at). Each line of a .jsonl file must hold one complete JSON object; "
            "re-export the file, or check it was not cut short.",
        ),
        (
            TICKET + "\n\n" + TICKET[:-1] + "\n" + TICKET + "\n",
            "tickets.jsonl, line 3, column 90: truncated or invalid JSON (Expecting ',' "
            "delimiter). Each line of a .jsonl file must hold one complete JSON object; "
            "re-export the file, or check it was not cut short.",
        ),
    ],
)
def test_a_truncated_json_line_is_named_from_line_one(tmp_path, text, message):
    path = tmp_path / "tickets.jsonl"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_tabular_file(path)
    assert str(error.value) == message


def test_json_lines_that_are_not_utf8_are_named_by_line(tmp_path):
    path = tmp_path / "tickets.jsonl"
    path.write_bytes(TICKET.encode() + b'\n{"ticket_id": "\xff2"}\n')
    with pytest.raises(SourceError) as error:
        read_tabular_file(path)
    assert str(error.value) == (
        "tickets.jsonl, line 2: not UTF-8 text (byte 16 of the line). Re-export the file as "
        "UTF-8 JSON Lines."
    )


def test_a_header_only_file_without_required_columns_is_named(tmp_path):
    (tmp_path / "events.csv").write_text("ticket_id\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_canonical([tmp_path])
    assert str(error.value) == (
        "events.csv: no 'vendor', 'ts', 'kind' columns, required in events. Add the columns or "
        "rename yours to supportgauge's names (docs/importing.md)."
    )


@pytest.mark.parametrize(
    ("header", "named"),
    [
        ("id,body,id", "the column name 'id' appears more than once (columns 1, 3)"),
        ("id,,body,", "an empty column name appears more than once (columns 2, 4)"),
        ("\"['', '']\",x,\"['', '']\"", "the column name \"['', '']\" appears more than once"),
    ],
)
def test_a_repeated_column_name_names_the_header_and_its_columns(
    tmp_path: Path, header: str, named: str
) -> None:
    path = tmp_path / "export.csv"
    path.write_text(f"{header}\n1,2,3,4\n", encoding="utf-8")
    with pytest.raises(SourceError) as error:
        read_csv_text(path)
    assert str(error.value).startswith(f"export.csv, row 1 (the header): {named}")
