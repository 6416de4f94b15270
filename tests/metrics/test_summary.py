"""`metrics summary`: beside every time, the share of the group's tickets it is known for."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from supportgauge.metrics.store_metrics import store_summary
from supportgauge.metrics.summary import SUMMARY_DURATIONS
from tests.builders import event_row, ticket_row


def test_each_time_has_the_share_of_tickets_it_is_known_for(load: Callable[..., Any]) -> None:
    # One ticket of four answered (at 5 minutes) and solved; three never answered.
    store = load(
        tickets=[ticket_row(f"T{number}") for number in range(4)],
        events=[
            event_row(5, "agent_reply", "T0"),
            event_row(65, "status_change", "T0", status="solved"),
        ],
    )
    summary = store_summary(store, by=["vendor"]).to_pyarrow()
    (row,) = summary.to_pylist()
    assert (row["first_response_min_n"], row["first_response_min_observed_rate"]) == (1, 0.25)
    assert row["first_response_min_p50"] == 5
    assert row["full_resolution_min_observed_rate"] == row["resolved_rate"] == 0.25
    names = summary.column_names
    for field in SUMMARY_DURATIONS:
        assert names.index(f"{field}_observed_rate") == names.index(f"{field}_n") + 1, field
