"""SPEC's own supportgauge.toml works as written, through import and metrics tickets."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from supportgauge.cli import app

SPEC_TOML = """
[calendars.berlin_office]          # a support calendar; "24x7" is built in
timezone = "Europe/Berlin"         # IANA zone the hours are read in
mon = ["08:00-12:00", "13:00-18:00"]   # split shifts
tue = ["08:00-18:00"]
wed = ["08:00-18:00"]
thu = ["00:00-24:00"]              # all day
fri = ["22:00-06:00"]              # crosses midnight: Friday 22:00 to Saturday 06:00
# a weekday left out is closed
holidays = ["DE"]                  # public holidays of these countries, in this zone
closed = ["2026-12-24", "2026-12-28..2026-12-31"]   # extra closed dates and ranges

[vendors.VendorA]
calendar = "berlin_office"         # the vendor's support calendar: business time runs on it
sla.P1 = { first_response = 15, update_every = 30, resolution = 240 }   # minutes
"""


def test_spec_toml_drives_business_time_and_sla(tmp_path: Path) -> None:
    config = tmp_path / "supportgauge.toml"
    config.write_text(SPEC_TOML, encoding="utf-8")
    data = tmp_path / "data"
    data.mkdir()
    # Monday 2026-03-02 11:50 Berlin (10:50Z); reply 13:10 Berlin: lunch 12-13 is closed.
    # Friday 2026-03-06 21:30 Berlin; reply Saturday 00:30 Berlin inside the night shift.
    (data / "tickets.csv").write_text(
        "ticket_id,vendor,created_at,priority\n"
        "T1,VendorA,2026-03-02T11:50:00+01:00,P1\n"
        "T2,VendorA,2026-03-06T21:30:00+01:00,P1\n",
        encoding="utf-8",
    )
    (data / "events.csv").write_text(
        "ticket_id,vendor,ts,kind,status\n"
        "T1,VendorA,2026-03-02T13:10:00+01:00,agent_reply,\n"
        "T1,VendorA,2026-03-02T14:00:00+01:00,status_change,solved\n"
        "T2,VendorA,2026-03-07T00:30:00+01:00,agent_reply,\n",
        encoding="utf-8",
    )
    db = str(tmp_path / "s.duckdb")
    runner = CliRunner()
    assert runner.invoke(app, ["import", str(data), "--db", db]).exit_code == 0
    result = runner.invoke(
        app, ["metrics", "tickets", "--format", "jsonl", "--db", db, "--config", str(config)]
    )
    assert result.exit_code == 0, result.output
    rows = {row["ticket_id"]: row for row in map(json.loads, result.stdout.splitlines())}
    assert rows["T1"]["first_response_min"] == 80
    assert rows["T1"]["first_response_business_min"] == 20  # 11:50-12:00 and 13:00-13:10
    assert rows["T1"]["sla_first_response_breached"] is True
    assert rows["T1"]["full_resolution_business_min"] == 70
    assert rows["T1"]["sla_resolution_breached"] is False
    assert rows["T2"]["created_off_hours"] is True
    assert rows["T2"]["first_response_business_min"] == 150  # from 22:00 to 00:30
    assert rows["T2"]["sla_first_response_over_min"] == 135
