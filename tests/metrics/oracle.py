"""A plain-Python reading of the metric definitions in docs/metrics.md, row by row.

Slow and obvious on purpose: the engine's set-wise figures are checked against it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

RESOLVED = {"solved", "closed"}
WAITING = {"new", "open", "on_hold"}


@dataclass(frozen=True)
class Event:
    """One event of a ticket, minutes after its creation, in export order."""

    minute: int
    kind: str
    public: bool = True
    status: str | None = None


def oracle_figures(events: list[Event]) -> dict[str, Any]:
    """The per-ticket figures of one ticket created at minute 0."""
    ordered = sorted(enumerate(events), key=lambda pair: (pair[1].minute, pair[0]))
    timeline = [(0, "created", False, "new")] + [
        (e.minute, e.kind, e.public, e.status if e.kind == "status_change" else None)
        for _, e in ordered
    ]
    status = "new"
    first_resolution = last_resolution = None
    reopens = 0
    wait = hold = 0.0
    silence = 0.0
    silences: list[float] = []
    saw_waiting_segment = False
    for index, (minute, kind, public, new_status) in enumerate(timeline):
        if new_status is not None:
            if new_status in RESOLVED and status not in RESOLVED:
                first_resolution = minute if first_resolution is None else first_resolution
                last_resolution = minute
            if status in RESOLVED and new_status not in RESOLVED:
                reopens += 1
            status = new_status
        if kind == "agent_reply" and public:
            silences.append(silence)
            silence = 0.0
        if index + 1 < len(timeline):
            segment = timeline[index + 1][0] - minute
            if status in WAITING:
                wait += segment
                silence += segment
                saw_waiting_segment = True
            if status == "on_hold":
                hold += segment
    silences.append(silence)
    messages = [e for _, e in ordered if e.public and e.kind in ("customer_message", "agent_reply")]
    opened_by_vendor = (
        bool(messages) and messages[0].kind == "agent_reply" and messages[0].minute == 0
    )
    first_response = None
    customer_seen = False
    clock_start = 0
    for event in messages:
        if event.kind == "customer_message":
            if not customer_seen:
                clock_start = event.minute
            customer_seen = True
        elif not opened_by_vendor or customer_seen:
            first_response = event.minute - (clock_start if opened_by_vendor else 0)
            break
    resolved = status in RESOLVED
    replies = sum(1 for e in messages if e.kind == "agent_reply")
    return {
        "first_response_min": first_response,
        "first_resolution_min": first_resolution,
        "full_resolution_min": last_resolution if resolved else None,
        "requester_wait_min": wait if resolved else None,
        "on_hold_min": hold if resolved else None,
        "reopens": reopens,
        "agent_replies": replies,
        "one_touch": (replies == 1 and reopens == 0) if resolved else None,
        "max_update_gap_min": max(silences) if saw_waiting_segment else None,
    }
