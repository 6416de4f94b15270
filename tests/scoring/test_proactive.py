"""Proactive records weighted by what they followed or foretold: a risk notice before the same
account's ticket on the same category, a review after a P1 incident or a declared big event."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from supportgauge.errors import SettingsError
from supportgauge.scoring.big_events import BigEvent
from supportgauge.scoring.proactive import proactive_records
from supportgauge.settings import settings_from_document
from supportgauge.store.duckdb import DuckDBStore
from tests.builders import at, ticket_row

Loader = Callable[..., DuckDBStore]
DAY_MIN = 24 * 60


def _weights(store: DuckDBStore, big_events: tuple[BigEvent, ...] = ()) -> dict[str, float]:
    records = proactive_records(store, store.table("tickets"), big_events=big_events)
    rows = store.to_arrow(records).to_pylist()
    return {row["title"]: row["weight"] for row in rows}


def _notice(title: str, minutes: float, **fields: Any) -> dict[str, Any]:
    return {"vendor": "VendorA", "ts": at(minutes), "kind": "risk_notice", "title": title,
            "account": "app-1", **fields}  # fmt: skip


def test_a_risk_notice_counts_most_before_a_ticket_on_its_category(load: Loader) -> None:
    ticket = ticket_row("T1", account="app-1", category="video_freeze", created_at=at(2 * DAY_MIN))
    store = load(
        tickets=[ticket],
        proactive=[
            _notice("same category", 0, category="video_freeze"),
            _notice("other category", 0, category="echo_howling"),
            _notice("no category", 0),
            _notice("other account", 0, category="video_freeze", account="app-2"),
            _notice("after the ticket", 3 * DAY_MIN, category="video_freeze"),
        ],
    )
    assert _weights(store) == {
        "same category": 3.0,
        "other category": 1.0,
        "no category": 3.0,
        "other account": 1.0,
        "after the ticket": 1.0,
    }


def test_a_risk_notice_matches_a_category_the_reader_inferred(load: Loader) -> None:
    store = load(
        tickets=[ticket_row("T1", account="app-1", created_at=at(60))],
        proactive=[_notice("inferred", 0, category="video_freeze")],
    )
    store.connection.execute("UPDATE tickets SET category_inferred = 'video_freeze'")
    assert _weights(store) == {"inferred": 3.0}


def _review(title: str, minutes: float, account: str = "app-1") -> dict[str, Any]:
    return {"vendor": "VendorA", "ts": at(minutes), "kind": "post_event_review",
            "title": title, "account": account}  # fmt: skip


FINAL = BigEvent(
    "cup final",
    dt.datetime.fromisoformat(at(0)),
    dt.datetime.fromisoformat(at(180)),
)


def test_a_review_after_a_big_event_counts_like_one_after_a_p1(load: Loader) -> None:
    store = load(
        tickets=[ticket_row("T1", account="app-9", created_at=at(0))],
        proactive=[
            _review("next day", DAY_MIN),
            _review("within 7 days", 180 + 7 * DAY_MIN),
            _review("8 days on", 180 + 8 * DAY_MIN),
            _review("before it", -60),
        ],
    )
    assert _weights(store, (FINAL,)) == {
        "next day": 2.0,
        "within 7 days": 2.0,
        "8 days on": 1.0,
        "before it": 1.0,
    }
    assert set(_weights(store).values()) == {1.0}


def test_a_big_event_naming_accounts_weighs_only_their_reviews(load: Loader) -> None:
    store = load(
        tickets=[ticket_row("T1", account="app-9", created_at=at(0))],
        proactive=[_review("its account", DAY_MIN), _review("another", DAY_MIN, "app-2")],
    )
    event = BigEvent(FINAL.name, FINAL.start, FINAL.end, ("app-1", "app-3"))
    assert _weights(store, (event,)) == {"its account": 2.0, "another": 1.0}


def test_big_events_are_declared_in_the_settings() -> None:
    settings = settings_from_document(
        {"events": [
            {"name": "Eid live show", "start": dt.date(2026, 3, 20), "end": dt.date(2026, 3, 21),
             "accounts": ["app-1"]},
            {"name": "launch", "start": "2026-04-01T18:00:00+03:00",
             "end": dt.datetime(2026, 4, 1, 20, 0)},
        ]}
    )  # fmt: skip
    show, launch = settings.big_events
    assert (show.start, show.end, show.accounts) == (
        dt.datetime(2026, 3, 20, tzinfo=dt.UTC),
        dt.datetime(2026, 3, 22, tzinfo=dt.UTC),  # a bare end date is its whole day
        ("app-1",),
    )
    assert (launch.start, launch.end, launch.accounts) == (
        dt.datetime(2026, 4, 1, 15, tzinfo=dt.UTC),
        dt.datetime(2026, 4, 1, 20, tzinfo=dt.UTC),  # no offset: UTC
        (),
    )


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        ({"start": "2026-03-20", "end": "2026-03-21"},
         '[[events]] number 1: give it a name, e.g. name = "Eid live show".'),
        ({"name": "x", "start": "2026-03-20"},
         "[[events]] 'x': no 'end'; give the event's end date or time."),
        ({"name": "x", "start": "20 March", "end": "2026-03-21"},
         "[[events]] 'x' start: '20 March' is not a date or time; write e.g. 2026-03-20 or "
         "2026-03-20T18:00:00+03:00."),
        ({"name": "x", "start": "2026-03-21", "end": "2026-03-20"},
         "[[events]] 'x': ends before it starts."),
        ({"name": "x", "start": "2026-03-20", "end": "2026-03-21", "accounts": "app-1"},
         "[[events]] 'x' accounts: give a list of account names."),
        ({"name": "x", "start": "2026-03-20", "end": "2026-03-21", "vendor": "A"},
         "[[events]] 'x' vendor: unknown key; known: name, start, end, accounts."),
    ],
)  # fmt: skip
def test_a_big_event_that_cannot_be_read_is_a_settings_error(
    entry: dict[str, Any], message: str
) -> None:
    with pytest.raises(SettingsError) as raised:
        settings_from_document({"events": [entry]})
    assert str(raised.value) == f"settings: {message}"
