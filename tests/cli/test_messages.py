"""Messages: one line each for a program, wrapped with a hanging indent on a terminal."""

from __future__ import annotations

import io

import pytest
from rich.cells import cell_len

from supportgauge.cli.messages import MessageConsole, wrapped

SUMMARY = (
    "Import 3 into /home/me/stores/support.duckdb: 1,204 tickets added, 0 updated, "
    "0 unchanged; 9,310 events added, 0 already there."
)


def _printed(*, terminal: bool, text: str = SUMMARY, **options: object) -> str:
    out = io.StringIO()
    MessageConsole(file=out, width=40, force_terminal=terminal, soft_wrap=True).print(
        text, markup=False, highlight=False, **options
    )
    return out.getvalue()


def test_a_program_reads_one_line_per_message() -> None:
    assert _printed(terminal=False) == SUMMARY + "\n"


def test_a_terminal_wraps_a_message_with_a_hanging_indent() -> None:
    rows = _printed(terminal=True).splitlines()
    assert rows == [
        "Import 3 into",
        "  /home/me/stores/support.duckdb: 1,204",
        "  tickets added, 0 updated, 0 unchanged;",
        "  9,310 events added, 0 already there.",
    ]


def test_each_line_of_a_message_wraps_under_its_own_indent() -> None:
    message = "tickets: 3 rows read = 3 added.\n  supportgauge metrics summary --by vendor,month"
    assert wrapped(message, 30).splitlines() == [
        "tickets: 3 rows read = 3",
        "  added.",
        "  supportgauge metrics summary",
        "    --by vendor,month",
    ]


@pytest.mark.parametrize("width", [16, 20, 33])
def test_wide_characters_count_as_two_cells(width: int) -> None:
    message = "映射文件 mapping.toml: 工单编号 状态 内容 问题分类 处理人 创建时间 更新时间"
    rows = wrapped(message, width).splitlines()
    assert all(cell_len(row) <= width for row in rows), rows
    assert " ".join(row.strip() for row in rows) == message


def test_a_word_longer_than_the_terminal_stays_whole() -> None:
    path = "/a/very/long/path/that/cannot/break.csv"
    assert wrapped(f"Skipped {path}: not named", 20).splitlines() == [
        "Skipped",
        f"  {path}:",
        "  not named",
    ]


def test_text_laid_out_by_rich_is_left_alone() -> None:
    rows = _printed(terminal=True, soft_wrap=False).splitlines()
    assert rows[1].startswith("/home") and all(len(row) <= 40 for row in rows)
