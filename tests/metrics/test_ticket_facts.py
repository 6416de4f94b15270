"""Facts built only when asked for: each figure asked alone reads what it needs."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from supportgauge.errors import InputError
from supportgauge.metrics.field_needs import FIELD_FACTS, facts_for
from supportgauge.metrics.store_metrics import store_ticket_metrics
from supportgauge.metrics.ticket_facts import FACTS, ticket_facts
from supportgauge.metrics.ticket_metrics import TICKET_FIELDS
from tests.builders import event_row, ticket_row
from tests.metrics.cases import status

BUSINESS_FIELDS = [name for name in TICKET_FIELDS if "_business_" in name]


def test_every_fact_a_field_reads_exists() -> None:
    assert set(FIELD_FACTS) <= {*TICKET_FIELDS, "history_min", "history_business_min"}
    assert facts_for(FIELD_FACTS) <= set(FACTS)


def test_a_ticket_column_needs_no_facts() -> None:
    assert facts_for(["ticket_id", "vendor", "created_local_hour", "repeat"]) == set()


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
