"""Per-ticket figures in plain, vectorised pandas, read straight from canonical Parquet files.

A reference for the benchmark and for tests, written from docs/metrics.md: one sorted
timeline of every ticket (creation, then events by time and file order), then shifts,
cumulative sums and group-bys. It expects files as `supportgauge generate` writes them:
typed UTC timestamps, one `tickets` and one `events` file, events of known tickets only.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

from supportgauge.canonical import STATUS_ALIASES, STATUSES, TICKET_KINDS

NO_STATUS = -1
RESOLVED_CODES = (STATUSES.index("solved"), STATUSES.index("closed"))
WAITING_CODES = tuple(STATUSES.index(s) for s in ("new", "open", "on_hold"))
ON_HOLD_CODE = STATUSES.index("on_hold")
NEW_CODE = STATUSES.index("new")
CREATED_KIND = -1
STATUS_CHANGE = TICKET_KINDS.index("status_change")
AGENT_REPLY = TICKET_KINDS.index("agent_reply")
CUSTOMER_MESSAGE = TICKET_KINDS.index("customer_message")
# Kinds public unless the file says otherwise (as the importer reads a missing `public`).
PUBLIC_BY_DEFAULT = tuple(
    TICKET_KINDS.index(k) for k in ("customer_message", "agent_reply", "auto_reply")
)
MICROS_PER_SECOND = 1_000_000


def _value_codes(
    values: pd.Series, names: tuple[str, ...], aliases: Mapping[str, str]
) -> np.ndarray:
    """Index of each value in `names` (case-insensitive, aliases applied), -1 when absent."""
    positions, uniques = pd.factorize(values)
    lookup = {name: index for index, name in enumerate(names)}
    known = np.array(
        [lookup.get(aliases.get(u.strip().lower(), u.strip().lower()), -1) for u in uniques] + [-1],
        dtype=np.int64,
    )
    # factorize marks missing values -1, which indexes the trailing "absent" entry.
    return known[positions]


def _utc_micros(values: pd.Series) -> np.ndarray:
    """Timestamps as int64 microseconds since the epoch, UTC."""
    utc = pd.to_datetime(values, utc=True).dt.tz_localize(None)
    return utc.to_numpy(dtype="datetime64[us]").view(np.int64)


def _timeline(tickets: pd.DataFrame, events: pd.DataFrame) -> pd.DataFrame:
    """Creation plus events of every ticket as one frame, sorted by ticket, ts, file order."""
    ticket_keys = pd.MultiIndex.from_frame(tickets[["vendor", "ticket_id"]])
    event_codes = ticket_keys.get_indexer(pd.MultiIndex.from_frame(events[["vendor", "ticket_id"]]))
    kind = _value_codes(events["kind"], TICKET_KINDS, {})
    status = _value_codes(events["status"], STATUSES, STATUS_ALIASES)
    default_public = np.isin(kind, PUBLIC_BY_DEFAULT)
    public = events["public"].fillna(pd.Series(default_public, index=events.index)).astype(bool)
    n_tickets = len(tickets)
    frame = pd.DataFrame(
        {
            "code": np.concatenate([np.arange(n_tickets), event_codes]),
            "ts": np.concatenate([_utc_micros(tickets["created_at"]), _utc_micros(events["ts"])]),
            # Creation sorts before any event of the same second.
            "seq": np.concatenate([np.full(n_tickets, -1), np.arange(len(events))]),
            "kind": np.concatenate([np.full(n_tickets, CREATED_KIND), kind]),
            "public": np.concatenate([np.zeros(n_tickets, dtype=bool), public.to_numpy()]),
            # A `status` on anything but a status change is ignored.
            "status": np.concatenate(
                [np.full(n_tickets, NEW_CODE), np.where(kind == STATUS_CHANGE, status, NO_STATUS)]
            ),
        }
    )
    frame = frame[frame["code"] >= 0]
    return frame.sort_values(["code", "ts", "seq"], kind="stable", ignore_index=True)


def _per_ticket(values: pd.Series, n_tickets: int, fill: float = np.nan) -> np.ndarray:
    """A Series indexed by ticket code as a dense array over every ticket."""
    return values.reindex(np.arange(n_tickets), fill_value=fill).to_numpy(dtype=np.float64)


def _first_response_micros(frame: pd.DataFrame, created: np.ndarray) -> np.ndarray:
    """Microseconds from the response clock's start to the first counted reply, NaN if none."""
    n_tickets = len(created)
    messages = frame[
        frame["public"] & frame["kind"].isin((CUSTOMER_MESSAGE, AGENT_REPLY))
    ].reset_index(drop=True)
    is_reply = (messages["kind"] == AGENT_REPLY).to_numpy()
    is_customer = ~is_reply
    first = messages.drop_duplicates("code")
    # Opened by the vendor: the first public message is a reply in the creation second.
    opened = np.zeros(n_tickets, dtype=bool)
    opened[first["code"].to_numpy()] = (first["kind"].to_numpy() == AGENT_REPLY) & (
        first["ts"].to_numpy() // MICROS_PER_SECOND
        == created[first["code"].to_numpy()] // MICROS_PER_SECOND
    )
    customer_seen = pd.Series(is_customer).groupby(messages["code"]).cumsum().to_numpy() > 0
    counts = is_reply & (~opened[messages["code"].to_numpy()] | customer_seen)
    response = messages[counts].drop_duplicates("code").set_index("code")["ts"]
    customer = messages[is_customer].drop_duplicates("code").set_index("code")["ts"]
    clock_start = np.where(opened, _per_ticket(customer, n_tickets), created)
    return _per_ticket(response, n_tickets) - clock_start


def _status_facts(frame: pd.DataFrame, n_tickets: int) -> dict[str, np.ndarray]:
    """First and last resolution (microseconds) and reopens, from the status rows."""
    changes = frame[frame["status"] != NO_STATUS]
    same_ticket = changes["code"].eq(changes["code"].shift())
    was_resolved = changes["status"].shift().isin(RESOLVED_CODES) & same_ticket
    resolved = changes["status"].isin(RESOLVED_CODES)
    enters = changes[resolved & ~was_resolved].groupby("code")["ts"]
    reopens = (was_resolved & ~resolved).groupby(changes["code"]).sum()
    return {
        "first_resolution": _per_ticket(enters.min(), n_tickets),
        "last_resolution": _per_ticket(enters.max(), n_tickets),
        "reopens": _per_ticket(reopens, n_tickets, fill=0).astype(np.int64),
    }


def _waiting_facts(frame: pd.DataFrame, n_tickets: int) -> dict[str, np.ndarray]:
    """Seconds waiting and on hold, the longest vendor silence, and the final status."""
    code = frame["code"]
    first_row = code.ne(code.shift())
    last_row = code.ne(code.shift(-1))
    # Every ticket opens with status new, so a plain forward fill never crosses tickets.
    status_now = frame["status"].where(frame["status"] != NO_STATUS).ffill().astype(np.int64)
    segment_seconds = (frame["ts"].shift(-1) - frame["ts"]).where(~last_row) / MICROS_PER_SECOND
    waiting_seconds = segment_seconds.where(status_now.isin(WAITING_CODES))
    hold_seconds = segment_seconds.where(status_now == ON_HOLD_CODE)
    # A stretch of silence starts at creation and at every public agent reply.
    is_reply = frame["public"] & (frame["kind"] == AGENT_REPLY)
    stretch = (is_reply | first_row).cumsum()
    silences = waiting_seconds.groupby(stretch).sum(min_count=1)
    stretch_ticket = code.groupby(stretch).first()
    final_status = pd.Series(status_now[last_row].to_numpy(), index=code[last_row].to_numpy())
    return {
        "wait_seconds": _per_ticket(waiting_seconds.groupby(code).sum(), n_tickets),
        "hold_seconds": _per_ticket(hold_seconds.groupby(code).sum(), n_tickets),
        "max_gap_seconds": _per_ticket(silences.groupby(stretch_ticket).max(), n_tickets),
        "resolved": np.isin(_per_ticket(final_status, n_tickets), RESOLVED_CODES),
        "agent_replies": np.bincount(code[is_reply].to_numpy(), minlength=n_tickets),
    }


def _minutes(micros: np.ndarray) -> np.ndarray:
    return micros / MICROS_PER_SECOND / 60.0


def _nullable(values: np.ndarray, valid: np.ndarray) -> pa.Array:
    return pa.array(values, mask=~valid)


def pandas_ticket_figures(folder: Path) -> pa.Table:
    """vendor, ticket_id and the reference FIGURES for `folder`'s tickets and events Parquet."""
    tickets = pd.read_parquet(
        folder / "tickets.parquet", columns=["vendor", "ticket_id", "created_at"]
    )
    events = pd.read_parquet(
        folder / "events.parquet", columns=["vendor", "ticket_id", "ts", "kind", "public", "status"]
    )
    n_tickets = len(tickets)
    created = _utc_micros(tickets["created_at"])
    frame = _timeline(tickets, events)
    del events
    first_response = _minutes(_first_response_micros(frame, created))
    status = _status_facts(frame, n_tickets)
    waits = _waiting_facts(frame, n_tickets)
    resolved = waits["resolved"]
    replies = waits["agent_replies"]
    first_resolution = _minutes(status["first_resolution"] - created)
    full_resolution = _minutes(status["last_resolution"] - created)
    one_touch = (replies == 1) & (status["reopens"] == 0)
    return pa.table(
        {
            "vendor": pa.array(tickets["vendor"].to_numpy(), type=pa.string()),
            "ticket_id": pa.array(tickets["ticket_id"].to_numpy(), type=pa.string()),
            "first_response_min": _nullable(first_response, ~np.isnan(first_response)),
            "first_resolution_min": _nullable(first_resolution, ~np.isnan(first_resolution)),
            "full_resolution_min": _nullable(full_resolution, resolved),
            "requester_wait_min": _nullable(waits["wait_seconds"] / 60.0, resolved),
            "on_hold_min": _nullable(waits["hold_seconds"] / 60.0, resolved),
            "reopens": pa.array(status["reopens"]),
            "agent_replies": pa.array(replies),
            "one_touch": _nullable(one_touch, resolved),
            "max_update_gap_min": _nullable(
                waits["max_gap_seconds"] / 60.0, ~np.isnan(waits["max_gap_seconds"])
            ),
        }
    )
