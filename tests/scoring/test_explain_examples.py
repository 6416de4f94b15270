"""`score --explain` quotes, for each figure, the replies that earned or cost it: diagnosis
replies for the diagnosis share, the hollow first replies for the hollow share, and so on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from supportgauge.scoring.evidence import Evidence
from supportgauge.scoring.evidence_figures import FIGURE_NAMES, FIGURES
from supportgauge.scoring.explain import Explanation, FigureExamples, explain
from supportgauge.scoring.figure_examples import ExampleRule, clock_sides
from supportgauge.settings import default_settings
from supportgauge.store.duckdb import DuckDBStore
from tests.builders import at, event_row, ticket_row

Loader = Callable[..., DuckDBStore]
ACK = "Received, we will follow up as soon as possible."
DIAGNOSIS = (
    "We located it: speakerphone at jkt-edge-20, e2e delay 1243 ms. Indonesia users behind "
    "one carrier are hit. Regards."
)


def _ticket(ticket_id: str, *replies: str) -> dict[str, list[dict[str, Any]]]:
    events = [event_row(0, "customer_message", ticket_id, body="Calls drop in Jakarta")]
    events += [event_row(5 + 30 * i, "agent_reply", ticket_id, body=text)
               for i, text in enumerate(replies)]  # fmt: skip
    events.append(event_row(200, "status_change", ticket_id, status="solved"))
    return {"tickets": [ticket_row(ticket_id, created_at=at(0))], "events": events}


def _examples(explanation: Explanation, name: str) -> FigureExamples:
    return next(f for d in explanation.dimensions for f in d.figures if f.figure.name == name)


def _quotes(examples: tuple[Any, ...]) -> dict[str, str | None]:
    return {example.ticket_id: example.reply for example in examples}


def test_each_figure_quotes_the_replies_that_earned_or_cost_it(load: Loader) -> None:
    parts = [_ticket("T1", ACK, DIAGNOSIS), _ticket("T2", ACK), _ticket("T3", DIAGNOSIS)]
    store = load(**{name: [row for part in parts for row in part[name]]
                    for name in ("tickets", "events")})  # fmt: skip
    explanation = explain(store, default_settings(), "VendorA")
    diagnosis = _examples(explanation, "diagnosis_reply_share")
    # T1 opened with an acknowledgement: its diagnosis, not its first reply, earned the share.
    assert _quotes(diagnosis.earned) == {"T1": DIAGNOSIS, "T3": DIAGNOSIS}
    assert _quotes(diagnosis.cost) == {"T1": ACK, "T2": ACK}
    hollow_first = _examples(explanation, "hollow_first_response_share")
    assert _quotes(hollow_first.cost) == {"T1": ACK, "T2": ACK}
    assert _quotes(hollow_first.earned) == {"T3": DIAGNOSIS}
    cause = _examples(explanation, "cause_stated_share")
    assert _quotes(cause.earned) == {"T1": DIAGNOSIS, "T3": DIAGNOSIS}
    assert _quotes(cause.cost) == {"T2": ACK}
    hollow = _examples(explanation, "hollow_reply_share")
    assert _quotes(hollow.cost) == {"T1": ACK, "T2": ACK}
    assert set(_quotes(hollow.earned).values()) == {DIAGNOSIS}
    shape = explanation.to_dict()["dimensions"]["technical_expertise"]["examples"][0]
    assert shape["figure"] == "diagnosis_reply_share"
    assert [e["ticket_id"] for e in shape["earned"]] == ["T1", "T3"]


def test_the_slowest_real_answer_costs_and_the_fastest_earns(load: Loader) -> None:
    parts = [_ticket("T1", ACK), _ticket("T2", DIAGNOSIS), _ticket("T3", ACK, DIAGNOSIS)]
    store = load(**{name: [row for part in parts for row in part[name]]
                    for name in ("tickets", "events")})  # fmt: skip
    explanation = explain(store, default_settings(), "VendorA", "response_speed")
    real = _examples(explanation, "first_real_answer_median_min")
    assert [e.ticket_id for e in real.cost] == ["T1"]  # never answered for real
    assert real.cost[0].figure == np.inf
    # Fastest first; T3's quote is its real answer, not the acknowledgement before it.
    assert [e.ticket_id for e in real.earned] == ["T2", "T3"]
    assert _quotes(real.earned) == {"T2": DIAGNOSIS, "T3": DIAGNOSIS}


def test_every_figure_is_declared_once_with_how_it_is_built_and_explained() -> None:
    assert len(set(FIGURE_NAMES)) == len(FIGURES)
    # Only the proactive rate is counted apart, per account and month.
    assert [rule.name for rule in FIGURES if rule.spec is None] == ["proactive_per_account_month"]
    assert all(isinstance(rule.examples, ExampleRule) for rule in FIGURES)


def test_a_clock_splits_its_examples_at_the_median_the_scorecard_shows() -> None:
    # Answered at 10, 20 and 30 minutes; two tickets closed unanswered at 5. The Kaplan-Meier
    # median is 20 (the plain median of the waits would be 10): the ticket answered at 20
    # earned it, the one at 30 cost it, and the unanswered ones cost it most.
    ev = Evidence({"vendor": np.array(["V"] * 5, dtype=object),
                   "m": np.array([10.0, 20.0, 30.0, np.nan, np.nan]),
                   "censor_min": np.array([np.nan, np.nan, np.nan, 5.0, 5.0])})  # fmt: skip
    sides = clock_sides("m")(ev)
    earned = [i for i in range(5) if not np.isnan(sides.earned[i])]
    cost = [i for i in range(5) if not np.isnan(sides.cost[i])]
    assert earned == [0, 1] and sides.earned[0] > sides.earned[1]
    assert cost == [2, 3, 4] and sides.cost[3] > sides.cost[2]
