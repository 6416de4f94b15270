"""SLA targets per vendor and priority: breaches, minutes over target, attainment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportgauge.errors import SettingsError
from supportgauge.metrics.store_metrics import store_summary
from supportgauge.settings import settings_from_document
from tests.builders import at, event_row
from tests.metrics.cases import figures, status

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")


def sla_settings(clock: str = "business") -> Any:
    return settings_from_document(
        {
            "calendars": {"office": {"timezone": "UTC", **{d: ["09:00-18:00"] for d in WEEKDAYS}}},
            "vendors": {
                "VendorA": {
                    "calendar": "office",
                    "sla_clock": clock,
                    "sla": {
                        "P2": {"first_response": 60, "update_every": 30, "resolution": 240},
                        "P1": {"first_response": 120},
                    },
                }
            },
        }
    )


@pytest.mark.parametrize(
    ("events", "over", "breached"),
    [
        ([event_row(30, "agent_reply")], -30, False),
        ([event_row(90, "agent_reply")], 30, True),
        ([event_row(120, "internal_note")], None, True),  # no reply, history past the target
        ([event_row(10, "internal_note")], None, None),  # no reply yet, not decided
    ],
)
def test_first_response_breach(
    load: Callable[..., Any], events: list[dict[str, Any]], over: float | None, breached: bool
) -> None:
    row = figures(load, events, settings=sla_settings())
    assert row["sla_first_response_target_min"] == 60
    assert row["sla_first_response_over_min"] == over
    assert row["sla_first_response_breached"] is breached


def test_priority_without_target_is_never_breached(load: Callable[..., Any]) -> None:
    row = figures(load, [event_row(500, "agent_reply")], settings=sla_settings(), priority="P3")
    assert row["sla_first_response_target_min"] is None
    assert row["sla_first_response_breached"] is None
    assert row["sla_resolution_breached"] is None


FRIDAY_17H = 4 * 24 * 60 + 7 * 60


@pytest.mark.parametrize(("clock", "breached"), [("business", False), ("calendar", True)])
def test_sla_runs_on_the_vendors_clock(
    load: Callable[..., Any], clock: str, breached: bool
) -> None:
    monday_0930 = FRIDAY_17H + 3 * 24 * 60 - 7 * 60 - 30
    row = figures(
        load,
        [event_row(monday_0930, "agent_reply")],
        settings=sla_settings(clock),
        priority="P1",
        created_at=at(FRIDAY_17H),
    )
    assert row["sla_first_response_breached"] is breached


def test_resolution_and_update_targets(load: Callable[..., Any]) -> None:
    events = [event_row(20, "agent_reply"), event_row(80, "agent_reply"), status(300, "solved")]
    row = figures(load, events, settings=sla_settings())
    assert row["sla_resolution_over_min"] == 60
    assert row["sla_resolution_breached"] is True
    assert row["sla_update_over_min"] == 220 - 30  # silence from 80 to 300
    assert row["sla_update_breached"] is True


def test_attainment_in_summary(load: Callable[..., Any]) -> None:
    from tests.builders import ticket_row

    store = load(
        tickets=[ticket_row("T1"), ticket_row("T2"), ticket_row("T3")],
        events=[
            event_row(30, "agent_reply", "T1"),
            event_row(90, "agent_reply", "T2"),
            event_row(45, "agent_reply", "T3"),
        ],
    )
    row = store_summary(store, by=["vendor"], settings=sla_settings()).to_pyarrow().to_pylist()[0]
    assert row["sla_first_response_n"] == 3
    assert row["sla_first_response_attainment_rate"] == pytest.approx(2 / 3)


def test_bad_sla_target_is_named() -> None:
    with pytest.raises(SettingsError) as raised:
        settings_from_document({"vendors": {"V": {"sla": {"P1": {"first_response": -5}}}}})
    assert str(raised.value) == (
        "settings: vendor 'V', key 'sla.P1.first_response': -5 is not a positive number of minutes."
    )
