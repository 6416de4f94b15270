"""Facts built only when asked for: each figure asked alone reads what it needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportgauge.errors import InputError
from supportgauge.metrics.field_needs import facts_for, needs_calendars, needs_readings
from supportgauge.metrics.store_metrics import store_ticket_metrics
from supportgauge.metrics.ticket_facts import ticket_facts
from supportgauge.metrics.ticket_metrics import TICKET_FIELDS
from tests.builders import event_row, ticket_row
from tests.metrics.cases import status

BUSINESS_FIELDS = [name for name in TICKET_FIELDS if "_business_" in name]


def test_a_ticket_column_needs_no_facts() -> None:
    assert facts_for(["ticket_id", "vendor", "created_local_hour", "repeat"]) == set()


def test_what_the_replies_say_and_the_calendars_are_read_only_when_needed() -> None:
    assert not needs_readings(["first_response_min", "reopens"])
    assert needs_readings(["first_real_answer_min"])
    assert not needs_calendars(["first_response_min", "sla_first_response_target_min"])
    assert needs_calendars(["created_off_hours"])
    assert needs_calendars(["sla_first_response_breached"])
    assert facts_for(["sla_update_breached"]) >= {"max_update_gap_business_seconds"}


def test_an_unknown_fact_is_refused() -> None:
    with pytest.raises(InputError, match="no such ticket facts: first_reply_minute"):
        ticket_facts(None, facts=["first_reply_minute"])


@pytest.mark.parametrize("field", [*BUSINESS_FIELDS, "created_off_hours"])
def test_on_24x7_a_business_field_asked_alone_is_its_wall_clock_twin(
    load: Callable[..., Any], field: str
) -> None:
    events = [
        event_row(20, "customer_message"),
        event_row(30, "agent_reply", body="Checked the edge node logs: packet loss at the CDN."),
        event_row(35, "diagnosis"),
        status(40, "on_hold"),
        status(70, "open"),
        status(90, "solved"),
    ]
    store = load(tickets=[ticket_row()], events=events)
    twin = field.replace("_business_", "_")
    both = store_ticket_metrics(store, fields=["ticket_id", twin]).to_pyarrow().to_pylist()
    alone = store_ticket_metrics(store, fields=["ticket_id", field]).to_pyarrow().to_pylist()
    if field == "created_off_hours":
        assert alone == [{"ticket_id": both[0]["ticket_id"], field: False}]
    else:
        assert alone[0][field] == both[0][twin]
        assert alone[0][field] is not None
