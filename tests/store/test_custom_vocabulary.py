"""Categories and scenarios of ones own: refused at import unless the settings declare them."""

from __future__ import annotations

from pathlib import Path

import pytest

from supportgauge import Gauge, SourceError

TICKETS = (
    "ticket_id,vendor,created_at,priority,category,scenario\n"
    "T1,VendorA,2026-03-14T21:05:00+03:00,P1,sdk_license,karaoke\n"
)
SETTINGS = """
[categories]
custom = ["sdk_license"]

[scenarios.karaoke]
technical_expertise = 2
response_speed = 1
"""


def test_an_unknown_category_and_scenario_are_refused_with_the_row(tmp_path: Path) -> None:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    with pytest.raises(SourceError) as raised, Gauge.open(tmp_path / "s.duckdb") as gauge:
        gauge.import_paths([tmp_path / "tickets.csv"])
    assert "tickets.csv, row 1, column 'category': 'sdk_license' is not a known" in str(
        raised.value
    )
    assert "column 'scenario': 'karaoke'" in str(raised.value)


def test_settings_declare_categories_and_scenarios_of_ones_own(tmp_path: Path) -> None:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    config = tmp_path / "supportgauge.toml"
    config.write_text(SETTINGS, encoding="utf-8")
    with Gauge.open(tmp_path / "s.duckdb", config) as gauge:
        outcome = gauge.import_paths([tmp_path / "tickets.csv"])
        assert outcome.result.tickets_added == 1
        row = gauge.tickets(fields=["category", "scenario"]).to_pylist()[0]
    assert row == {"category": "sdk_license", "scenario": "karaoke"}
