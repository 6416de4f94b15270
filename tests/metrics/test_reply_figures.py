"""Figures read from the replies: substantive response, time to locate, depth."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from tests.builders import event_row
from tests.metrics.cases import figures

HOLLOW_ZH = "收到，我们会在工作时间处理"
EXPERT_EN = (
    "We found the root cause: the edge node in Riyadh had 12% packet loss. We switched "
    "traffic to the backup node; ETA 20 minutes for full recovery."
)
GENERIC_EN = "Please switch network and restart the device."


def test_hollow_first_reply_is_not_a_substantive_response(load: Callable[..., Any]) -> None:
    events = [
        event_row(2, "agent_reply", body=HOLLOW_ZH),
        event_row(600, "agent_reply", body=EXPERT_EN),
    ]
    row = figures(load, events, category="cdn_relay_fault")
    assert row["first_response_min"] == 2
    assert row["first_response_hollow"] is True
    assert row["substantive_response_min"] == 600
    assert row["hollow_replies"] == 1
    assert row["time_to_locate_min"] == 600
    assert row["locate_inferred"] is True
    assert row["eta_replies"] == 1
    assert row["expert_replies"] == 1


def test_diagnosis_event_wins_over_inferred_diagnosis(load: Callable[..., Any]) -> None:
    events = [event_row(45, "diagnosis"), event_row(60, "agent_reply", body=EXPERT_EN)]
    row = figures(load, events)
    assert row["time_to_locate_min"] == 45
    assert row["locate_inferred"] is False


def test_generic_advice_is_counted_and_is_not_expert(load: Callable[..., Any]) -> None:
    row = figures(load, [event_row(5, "agent_reply", body=GENERIC_EN)], category="video_freeze")
    assert row["first_response_hollow"] is False
    assert row["substantive_response_min"] == 5
    assert row["generic_advice_replies"] == 1
    assert row["expert_replies"] == 0
    assert row["time_to_locate_min"] is None
    assert row["locate_inferred"] is None


def test_reply_without_text_is_taken_at_its_word(load: Callable[..., Any]) -> None:
    row = figures(load, [event_row(5, "agent_reply")])
    assert row["first_response_hollow"] is False
    assert row["substantive_response_min"] == 5


def test_missing_category_is_inferred_from_the_subject(load: Callable[..., Any]) -> None:
    row = figures(
        load,
        [event_row(5, "agent_reply", body=EXPERT_EN)],
        subject="Viewers in Riyadh cannot pull the stream from the CDN",
    )
    assert row["category"] is None
    assert row["category_inferred"] == "cdn_relay_fault"
    assert row["expert_replies"] == 1


ASKS_FOR_LOGS_EN = "Could you send us the client logs and the SDK version from the affected device?"
DIAGNOSIS_EN = "We found the root cause: the edge node in Riyadh had packet loss."


def test_first_real_answer_skips_a_hollow_first_reply(load: Callable[..., Any]) -> None:
    events = [
        event_row(2, "agent_reply", body=HOLLOW_ZH),
        event_row(45, "agent_reply", body=DIAGNOSIS_EN),
    ]
    row = figures(load, events)
    assert row["first_response_min"] == 2
    assert row["first_real_answer_min"] == 45
    assert row["first_real_answer_business_min"] == 45


def test_generic_advice_alone_is_no_real_answer(load: Callable[..., Any]) -> None:
    events = [
        event_row(2, "agent_reply", body="Thanks, we are looking into it."),
        event_row(5, "agent_reply", body=GENERIC_EN),
    ]
    row = figures(load, events)
    assert row["substantive_response_min"] == 5
    assert row["first_real_answer_min"] is None
    assert row["first_real_answer_business_min"] is None


def test_asking_for_logs_is_a_real_answer(load: Callable[..., Any]) -> None:
    events = [
        event_row(5, "agent_reply", body=GENERIC_EN),
        event_row(12, "agent_reply", body=ASKS_FOR_LOGS_EN),
    ]
    assert figures(load, events)["first_real_answer_min"] == 12


def test_a_real_answer_in_the_opening_second_of_a_vendor_ticket_is_no_answer(
    load: Callable[..., Any],
) -> None:
    events = [
        event_row(0, "agent_reply", body=DIAGNOSIS_EN),
        event_row(10, "customer_message"),
        event_row(30, "agent_reply", body=ASKS_FOR_LOGS_EN),
    ]
    assert figures(load, events)["first_real_answer_min"] == 20
