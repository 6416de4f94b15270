"""SLA targets per vendor and priority: breaches, minutes over target, attainment."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportgauge.errors import SettingsError
from supportgauge.metrics.store_metrics import store_summary, store_ticket_metrics
from supportgauge.settings import settings_from_document
from tests.builders import at, event_row, ticket_row
from tests.metrics.cases import figures, status

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri")
RIYADH_WEEK = ("sun", "mon", "tue", "wed", "thu")


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


# The Riyadh evening peak: a P1 raised at 16:55 Riyadh (13:55 UTC, a Monday), five minutes
# before the vendor's office closes; the office opens again on Tuesday at 09:00.
RIYADH_1655 = 3 * 60 + 55
RIYADH_OFFICE = {"timezone": "Asia/Riyadh", **{d: ["09:00-17:00"] for d in RIYADH_WEEK}}


def riyadh_settings(**vendor: Any) -> Any:
    return settings_from_document(
        {
            "calendars": {"riyadh": RIYADH_OFFICE},
            "vendors": {
                "VendorA": {
                    "calendar": "riyadh",
                    "sla": {"P1": {"first_response": 15, "update_every": 60, "resolution": 240}},
                    **vendor,
                }
            },
        }
    )


def riyadh_p1(
    load: Callable[..., Any], *, reply_after: float, solved_after: float, claim: str | None
) -> Any:
    """The P1 raised at 16:55 Riyadh, its vendor's imported claim (None: no vendors row)."""
    return load(
        tickets=[ticket_row(priority="P1", created_at=at(RIYADH_1655))],
        events=[
            event_row(RIYADH_1655, "customer_message", body="1v1 calls fail to join"),
            event_row(RIYADH_1655 + reply_after, "agent_reply", body="Root cause: token expired"),
            status(RIYADH_1655 + solved_after, "solved"),
        ],
        vendors=[] if claim is None else [{"vendor": "VendorA", "claimed_hours": claim}],
    )


def sla_row(store: Any, settings: Any) -> dict[str, Any]:
    return dict(store_ticket_metrics(store, settings).to_pyarrow().to_pylist()[0])


@pytest.mark.parametrize(
    ("claim", "breached", "over"),
    [
        ("7x24", True, 365 - 240),  # held to the wall clock it promised
        ("24/7", True, 365 - 240),
        ("9x5", False, 5 - 240),  # five business minutes on its own calendar
        (None, False, 5 - 240),
    ],
)
def test_resolution_of_a_7x24_claimer_runs_on_the_wall_clock(
    load: Callable[..., Any], claim: str | None, breached: bool, over: float
) -> None:
    store = riyadh_p1(load, reply_after=10, solved_after=365, claim=claim)
    row = sla_row(store, riyadh_settings())
    assert row["full_resolution_business_min"] == 5
    assert row["sla_resolution_over_min"] == over
    assert row["sla_resolution_breached"] is breached


def test_first_response_of_a_7x24_claimer_runs_on_the_wall_clock(
    load: Callable[..., Any],
) -> None:
    # 30 wall-clock minutes, 5 of them in office hours, against a 15-minute target.
    store = riyadh_p1(load, reply_after=30, solved_after=365, claim="7x24")
    row = sla_row(store, riyadh_settings())
    assert row["sla_first_response_over_min"] == 30 - 15
    assert row["sla_first_response_breached"] is True
    assert sla_row(store, riyadh_settings(claimed_hours="9x5"))["sla_first_response_breached"] is (
        False
    )


@pytest.mark.parametrize(
    ("imported", "configured", "breached"), [(None, "7x24", True), ("7x24", "9x5", False)]
)
def test_the_settings_claim_wins_over_the_imported_one(
    load: Callable[..., Any], imported: str | None, configured: str, breached: bool
) -> None:
    store = riyadh_p1(load, reply_after=10, solved_after=365, claim=imported)
    row = sla_row(store, riyadh_settings(claimed_hours=configured))
    assert row["sla_resolution_breached"] is breached


def test_summary_attainment_follows_the_7x24_claim(load: Callable[..., Any]) -> None:
    store = riyadh_p1(load, reply_after=10, solved_after=365, claim="7x24")
    row = store_summary(store, by=["vendor"], settings=riyadh_settings()).to_pyarrow().to_pylist()
    assert row[0]["sla_resolution_n"] == 1
    assert row[0]["sla_resolution_attainment_rate"] == 0.0
    assert row[0]["sla_first_response_attainment_rate"] == 1.0
