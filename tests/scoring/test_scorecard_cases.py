"""Small hand-built stores: the 7x24 SLA verdict, flags between periods, missing data,
probe replies scored for their key points in Chinese and in English."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import numpy as np
import pytest

from supportgauge.scoring.probes import probe_coverage
from supportgauge.scoring.scorecard import load_evidence, scorecard
from supportgauge.settings import settings_from_document
from supportgauge.store.duckdb import DuckDBStore
from tests.builders import at, event_row, ticket_row

Loader = Callable[..., DuckDBStore]
RIYADH_OFFICE = {
    "calendars": {
        "riyadh": {"timezone": "Asia/Riyadh", **{d: ["09:00-17:00"] for d in
                                                  ("sun", "mon", "tue", "wed", "thu")}}
    }
}  # fmt: skip


def _figure(card: Any, vendor: str, name: str) -> float | None:
    entry = next(v for v in card.vendors if v.vendor == vendor)
    for dimension in entry.dimensions.values():
        for figure in dimension.figures:
            if figure.name == name:
                return float(figure.value)
    return None


def test_a_vendor_claiming_7x24_is_held_to_the_wall_clock(load: Loader) -> None:
    # Raised at 16:55 in Riyadh, five minutes before the office closes; resolved 365
    # wall-clock minutes later (5 business minutes) against a 240-minute P1 target.
    rows: dict[str, list[dict[str, Any]]] = {"tickets": [], "events": []}
    for vendor in ("Claimer", "Office"):
        ticket = dict(ticket_id="T1", vendor=vendor)
        rows["tickets"].append(ticket_row(**ticket, priority="P1", created_at=at(235)))
        rows["events"] += [
            event_row(235, "customer_message", **ticket, body="1v1 calls fail to join"),
            event_row(245, "agent_reply", **ticket, body="Root cause: token expired on edge"),
            event_row(600, "status_change", **ticket, status="solved"),
        ]
    store = load(**rows)
    sla = {"sla": {"P1": {"first_response": 15, "resolution": 240}}, "calendar": "riyadh"}
    settings = settings_from_document(
        {**RIYADH_OFFICE,
         "vendors": {"Claimer": {**sla, "claimed_hours": "7x24"}, "Office": sla}}
    )  # fmt: skip
    evidence = load_evidence(store, settings).tickets
    met = dict(zip(evidence["vendor"], evidence["resolution_met"], strict=True))
    assert met == {"Claimer": 0.0, "Office": 1.0}
    card = scorecard(store, settings, evidence=load_evidence(store, settings))
    assert _figure(card, "Claimer", "sla_resolution_met_share") == 0.0
    assert _figure(card, "Office", "sla_resolution_met_share") == 1.0


def _month_tickets(
    vendor: str, month: int, count: int, *, answer_min: float | None
) -> dict[str, list[dict[str, Any]]]:
    tickets, events = [], []
    for index in range(count):
        created = datetime(2026, month, 2, 10, tzinfo=UTC) + timedelta(hours=index * 7)
        ticket = dict(ticket_id=f"{vendor}-{month}-{index}", vendor=vendor)
        tickets.append(ticket_row(**ticket, created_at=created.isoformat()))
        events.append(event_row(0, "customer_message", **ticket, ts=created.isoformat(),
                                body="Calls stutter in Riyadh"))  # fmt: skip
        if answer_min is not None:
            when = (created + timedelta(minutes=answer_min)).isoformat()
            events.append(event_row(0, "agent_reply", **ticket, ts=when,
                                    body="Root cause: uplink packet loss on the edge node; "
                                    "we switched the route, ETA 30 minutes."))  # fmt: skip
            solved = (created + timedelta(minutes=answer_min + 60)).isoformat()
            events.append(event_row(0, "status_change", **ticket, ts=solved, status="solved"))
    return {"tickets": tickets, "events": events}


@pytest.fixture
def two_months(load: Loader) -> DuckDBStore:
    parts = [
        _month_tickets("Steady", 3, 30, answer_min=5),
        _month_tickets("Steady", 4, 30, answer_min=5),
        _month_tickets("Slacker", 3, 30, answer_min=5),
        _month_tickets("Slacker", 4, 30, answer_min=None),  # never answers in April
        _month_tickets("Gone", 3, 10, answer_min=5),  # supplies nothing in April
        _month_tickets("Riser", 3, 30, answer_min=None),
        _month_tickets("Riser", 4, 30, answer_min=5),
    ]
    return load(
        tickets=[row for part in parts for row in part["tickets"]],
        events=[row for part in parts for row in part["events"]],
    )


def test_changes_between_months_are_flagged_only_when_intervals_separate(
    two_months: DuckDBStore,
) -> None:
    settings = settings_from_document({"scoring": {"resamples": 60}})
    card = scorecard(two_months, settings, by_period="month")
    flags = {(f.kind, f.vendor, f.dimension) for f in card.flags}
    assert ("deteriorated", "Slacker", "response_speed") in flags
    assert ("improved", "Riser", "response_speed") in flags
    assert not any(vendor == "Steady" for kind, vendor, _ in flags if kind != "missing_data")
    (missing,) = [f for f in card.flags if f.kind == "missing_data"]
    assert (missing.vendor, missing.period) == ("Gone", "2026-04")
    gone = next(v for v in card.vendors if v.vendor == "Gone" and v.period == "2026-04")
    assert gone.overall is None
    assert all(d.score is None for d in gone.dimensions.values())


def test_unanswered_tickets_count_and_their_share_is_shown(two_months: DuckDBStore) -> None:
    settings = settings_from_document({"scoring": {"resamples": 20}})
    card = scorecard(two_months, settings, period="2026-04", vendors=["Slacker", "Steady"])
    slacker = next(v for v in card.vendors if v.vendor == "Slacker")
    steady = next(v for v in card.vendors if v.vendor == "Steady")
    real = next(
        f for f in slacker.dimensions["response_speed"].figures
        if f.name == "first_real_answer_median_min"
    )  # fmt: skip
    assert real.value == float("inf") and real.observed_share == 0.0 and real.score == 1.0
    assert (slacker.dimensions["response_speed"].score or 5) < (
        steady.dimensions["response_speed"].score or 0
    )
    # No reply at all: nothing to judge the replies by, on technical depth.
    assert slacker.dimensions["technical_expertise"].score is None


def test_probe_replies_are_scored_for_key_points_in_chinese_and_english(load: Loader) -> None:
    zh = "请提供uid、频道和出问题的时间。我们查到上行丢包15%，已切换边缘节点调度。"
    en = "Please send the uid and channel. RTT is 420 ms on the uplink."
    rows = {
        "tickets": [
            ticket_row("Z1", probe_id="SG-1V1-STUTTER-RIYADH", category="network_weak"),
            ticket_row("E1", probe_id="SG-1V1-STUTTER-RIYADH", category="network_weak"),
            ticket_row("S1", probe_id="OWN-1"),
        ],
        "events": [
            event_row(0, "customer_message", "Z1", body="利雅得4G晚上卡顿"),
            event_row(5, "agent_reply", "Z1", body=zh),
            event_row(0, "customer_message", "E1", body="Riyadh 4G stutter"),
            event_row(5, "agent_reply", "E1", body=en),
            event_row(0, "customer_message", "S1", body="join fails"),
            event_row(5, "agent_reply", "S1", body="The token expired; do the renewal 30 s early."),
        ],
        "probes": [
            {"probe_id": "OWN-1", "scenario": "one_to_one_social", "question": "Join fails?",
             "key_points": "token expiry / renewal; firewall (proxy)"}
        ],
    }  # fmt: skip
    store = load(**rows)
    coverage = store.to_arrow(probe_coverage(store)).to_pylist()
    by_ticket = {row["c_ticket"]: (row["covered"], row["points"]) for row in coverage}
    # zh: asks for uid/channel/time, uplink loss, edge node; no bitrate adaptation.
    assert by_ticket["Z1"] == (3, 4)
    # en: asks for uid and channel, names RTT; no edge node, no adaptation.
    assert by_ticket["E1"] == (2, 4)
    # The store's own probe ("token expiry / renewal; firewall (proxy)"): a term counts
    # when all its words are there: "renewal" is, "token expiry" is not; no firewall.
    assert by_ticket["S1"] == (1, 2)
    settings = settings_from_document({"scoring": {"resamples": 20}})
    card = scorecard(store, settings)
    coverage_share = _figure(card, "VendorA", "probe_key_point_coverage")
    # Weighted by relevance: the probe without a category counts half under 1v1.
    assert coverage_share == pytest.approx(np.average([3 / 4, 2 / 4, 1 / 2], weights=[1, 1, 0.5]))


def test_one_vendor_with_one_ticket_is_not_scored_five(load: Loader) -> None:
    store = load(**_month_tickets("Lonely", 3, 1, answer_min=5))
    card = scorecard(store, settings_from_document({"scoring": {"resamples": 20}}))
    (lonely,) = card.vendors
    for name in ("technical_expertise", "resolution_quality"):
        record = lonely.dimensions[name]
        assert record.score is not None and record.score < 3.5
        assert record.low is not None and record.high is not None
        assert (record.low, record.high) == (1.0, 5.0)


def test_a_near_empty_month_flags_no_change_and_no_missing_vendor(load: Loader) -> None:
    parts = [_month_tickets("Busy", 3, 60, answer_min=5), _month_tickets("Other", 3, 60,
             answer_min=600), _month_tickets("Busy", 4, 1, answer_min=None)]  # fmt: skip
    store = load(tickets=[r for p in parts for r in p["tickets"]],
                 events=[r for p in parts for r in p["events"]])  # fmt: skip
    settings = settings_from_document({"scoring": {"resamples": 40}})
    card = scorecard(store, settings, by_period="month")
    assert card.flags == ()
    assert scorecard(store, settings, period="2026-04").flags == ()


def test_a_period_without_any_data_says_so_and_faults_no_vendor(
    two_months: DuckDBStore,
) -> None:
    settings = settings_from_document({"scoring": {"resamples": 20}})
    card = scorecard(two_months, settings, period="2027-01")
    (flag,) = card.flags
    assert (flag.kind, flag.vendor, flag.period) == ("no_data", "", "2027-01")
    assert flag.message == (
        "no vendor has ticket data in 2027-01; tickets were created from 2026-03-02 10:00 UTC "
        "to 2026-04-10 21:00 UTC: nothing to score, and no vendor is faulted for it"
    )


def test_a_ticket_closed_after_a_reply_but_never_solved_counts_as_closed_without_solution(
    load: Loader,
) -> None:
    rows: dict[str, list[dict[str, Any]]] = {"tickets": [], "events": []}
    for vendor, status in (("Closer", "closed"), ("Solver", "solved")):
        ticket = dict(ticket_id="T1", vendor=vendor)
        rows["tickets"].append(ticket_row(**ticket, priority="P2", created_at=at(0)))
        rows["events"] += [
            event_row(0, "customer_message", **ticket, body="Calls drop after 2 hours"),
            event_row(30, "agent_reply", **ticket,
                      body="We restarted the relay node and changed the route for your app."),
            event_row(90, "status_change", **ticket, status=status),
        ]  # fmt: skip
    store = load(**rows)
    settings = settings_from_document({"scoring": {"resamples": 20}})
    card = scorecard(store, settings, evidence=load_evidence(store, settings))
    assert _figure(card, "Closer", "closed_without_solution_rate") == 1.0
    assert _figure(card, "Solver", "closed_without_solution_rate") == 0.0
    # The reply says what was done: the reader labels it an action.
    assert _figure(card, "Solver", "action_stated_share") == 1.0


def test_response_speed_carries_sla_results_per_priority(load: Loader) -> None:
    rows: dict[str, list[dict[str, Any]]] = {"tickets": [], "events": []}
    for index, (priority, answer) in enumerate((("P1", 5), ("P1", 50), ("P3", 5))):
        ticket = dict(ticket_id=f"T{index}", vendor="Desk")
        rows["tickets"].append(ticket_row(**ticket, priority=priority, created_at=at(0)))
        rows["events"] += [
            event_row(0, "customer_message", **ticket, body="Echo in the voice room"),
            event_row(answer, "agent_reply", **ticket, body="Root cause: AEC is off; enable it."),
        ]
    store = load(**rows)
    sla = {"sla": {"P1": {"first_response": 15}, "P3": {"first_response": 15}},
           "claimed_hours": "7x24"}  # fmt: skip
    settings = settings_from_document({"scoring": {"resamples": 20}, "vendors": {"Desk": sla}})
    (desk,) = scorecard(store, settings).vendors
    by_priority = {p.priority: p for p in desk.dimensions["response_speed"].sla_by_priority}
    assert set(by_priority) == {"P1", "P3"}
    assert (by_priority["P1"].first_response_met, by_priority["P1"].first_response_n) == (0.5, 2)
    assert by_priority["P3"].first_response_met == 1.0
    shape = desk.dimensions["response_speed"].to_dict()["evidence"]["sla_by_priority"]
    assert shape[0]["priority"] == "P1" and shape[0]["first_response_met_share"] == 0.5
