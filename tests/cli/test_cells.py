"""One value as a terminal table shows it."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pyarrow as pa
import pytest
from rich.console import Console

from supportgauge.cli.cells import cell, figure_value
from supportgauge.cli.tables import summary_views


@pytest.mark.parametrize(
    ("value", "column", "shown"),
    [
        (6110, "tickets", "6,110"),
        (1234567, "first_response_min_n", "1,234,567"),
        (7, "reopens", "7"),
        (1449.08, "first_response_min_p50", "1,449.1"),
        (0.125, "reopened_rate", "12.5%"),
        (True, "one_touch", "yes"),
        (None, "tickets", "-"),
        (datetime(2026, 3, 2, 10, tzinfo=UTC), "created_at", "2026-03-02T10:00:00Z"),
    ],
)
def test_cell_groups_thousands_in_counts_as_in_figures(
    value: object, column: str, shown: str
) -> None:
    assert cell(value, column) == shown


def test_a_summary_shows_counts_with_separators_beside_figures() -> None:
    summary = pa.table({"vendor": ["A"], "tickets": [6110], "first_response_min_p50": [1449.08]})
    console = Console(width=80, file=io.StringIO(), record=True)
    for view in summary_views(summary, keys=["vendor"], title=None, console=console):
        console.print(view)
    words = console.export_text().split()
    assert "6,110" in words and "1,449.1" in words and "6110" not in words


def test_a_figure_value_in_a_sentence_is_whole_above_a_hundred_and_never_exponential() -> None:
    assert figure_value(5012.4) == "5,012"
    assert figure_value(203.2) == "203"
    assert figure_value(3.2833) == "3.28"
    assert figure_value(0.1672) == "0.167"
