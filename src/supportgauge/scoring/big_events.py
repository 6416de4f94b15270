"""Big events the user declares in `[[events]]` (a launch, a live show, a sports final): a
post-event review that follows one counts like a review after a P1 incident."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pyarrow as pa

from supportgauge.errors import SettingsError

_KEYS = ("name", "start", "end", "accounts")


@dataclass(frozen=True)
class BigEvent:
    """One declared event: its name, UTC span and, when it names any, the accounts it
    concerns (none: every account)."""

    name: str
    start: dt.datetime
    end: dt.datetime
    accounts: tuple[str, ...] = ()


def _instant(where: str, value: Any, *, end_of_day: bool) -> dt.datetime:
    """A TOML date, date-time or ISO text as a UTC instant; a bare date is its whole day."""
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value.strip())
        except ValueError:
            raise SettingsError(
                f"{where}: '{value}' is not a date or time; write e.g. 2026-03-20 or "
                "2026-03-20T18:00:00+03:00."
            ) from None
    if isinstance(value, dt.datetime):
        # A time without an offset is read as UTC, as the store keeps every instant.
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)
    if isinstance(value, dt.date):
        day = dt.datetime.combine(value, dt.time(), dt.UTC)
        return day + dt.timedelta(days=1) if end_of_day else day
    raise SettingsError(f"{where}: give a date or time, e.g. 2026-03-20T18:00:00Z.")


def _event(index: int, entry: Any) -> BigEvent:
    where = f"[[events]] number {index}"
    if not isinstance(entry, dict):
        raise SettingsError(f"{where}: must be a table with name, start and end.")
    name = entry.get("name")
    if not isinstance(name, str) or not name.strip():
        raise SettingsError(f'{where}: give it a name, e.g. name = "Eid live show".')
    where = f"[[events]] '{name}'"
    for key in entry:
        if key not in _KEYS:
            raise SettingsError(f"{where} {key}: unknown key; known: {', '.join(_KEYS)}.")
    for key in ("start", "end"):
        if key not in entry:
            raise SettingsError(f"{where}: no '{key}'; give the event's {key} date or time.")
    start = _instant(f"{where} start", entry["start"], end_of_day=False)
    end = _instant(f"{where} end", entry["end"], end_of_day=True)
    if end < start:
        raise SettingsError(f"{where}: ends before it starts.")
    accounts = entry.get("accounts", [])
    if not isinstance(accounts, list) or not all(
        isinstance(account, str) and account.strip() for account in accounts
    ):
        raise SettingsError(f"{where} accounts: give a list of account names.")
    return BigEvent(name.strip(), start, end, tuple(account.strip() for account in accounts))


def parse_big_events(entries: Any) -> tuple[BigEvent, ...]:
    """The `[[events]]` array of tables, checked (none when absent)."""
    if entries is None:
        return ()
    if not isinstance(entries, list):
        raise SettingsError("events: declare each big event as [[events]] with name, start, end.")
    return tuple(_event(index, entry) for index, entry in enumerate(entries, start=1))


def event_spans(events: Sequence[BigEvent]) -> pa.Table:
    """One row per event and account it concerns (account NULL: every account), with its
    start and end in epoch seconds: what the engine joins proactive records against."""
    rows: dict[str, list[Any]] = {"e_start_sec": [], "e_end_sec": [], "e_account": []}
    for event in events:
        for account in event.accounts or (None,):
            rows["e_start_sec"].append(event.start.timestamp())
            rows["e_end_sec"].append(event.end.timestamp())
            rows["e_account"].append(account)
    schema = pa.schema(
        [("e_start_sec", pa.float64()), ("e_end_sec", pa.float64()), ("e_account", pa.string())]
    )
    return pa.table(rows, schema=schema)
