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


def _refusal(folder: Path, name: str, text: str) -> str:
    """The error of importing one file with the built-in vocabulary only."""
    (folder / name).write_text(text, encoding="utf-8")
    with pytest.raises(SourceError) as raised, Gauge.open(folder / "s.duckdb") as gauge:
        gauge.import_paths([folder / name])
    return str(raised.value)


def _own_vocabulary(folder: Path) -> Path:
    config = folder / "supportgauge.toml"
    config.write_text(SETTINGS, encoding="utf-8")
    return config


def test_an_unknown_category_and_scenario_are_refused_with_the_row(tmp_path: Path) -> None:
    message = _refusal(tmp_path, "tickets.csv", TICKETS)
    assert "tickets.csv, row 1, column 'category': 'sdk_license' is not a known" in message
    assert "column 'scenario': 'karaoke'" in message


def test_settings_declare_categories_and_scenarios_of_ones_own(tmp_path: Path) -> None:
    (tmp_path / "tickets.csv").write_text(TICKETS, encoding="utf-8")
    with Gauge.open(tmp_path / "s.duckdb", _own_vocabulary(tmp_path)) as gauge:
        outcome = gauge.import_paths([tmp_path / "tickets.csv"])
        assert outcome.result.tickets_added == 1
        row = gauge.tickets(fields=["category", "scenario"]).to_pylist()[0]
    assert row == {"category": "sdk_license", "scenario": "karaoke"}


PROACTIVE = (
    "vendor,ts,kind,account,category\n"
    "VendorA,2026-03-10T09:00:00Z,risk_notice,app-1,sdk_license\n"
    "VendorA,2026-03-11T09:00:00Z,risk_notice,app-1,\n"
)


def test_a_proactive_record_names_a_category_as_tickets_do(tmp_path: Path) -> None:
    message = _refusal(tmp_path, "proactive.csv", PROACTIVE)
    assert "proactive.csv, row 1, column 'category': 'sdk_license' is not a known" in message
    with Gauge.open(tmp_path / "s.duckdb", _own_vocabulary(tmp_path)) as gauge:
        gauge.import_paths([tmp_path / "proactive.csv"])
        stored = gauge.store.to_arrow(gauge.store.table("proactive").order_by("ts"))
    assert stored.column("category").to_pylist() == ["sdk_license", None]
