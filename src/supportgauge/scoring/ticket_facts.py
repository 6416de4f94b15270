"""Per-ticket facts the scorecard reads besides the metrics' figures, built in the engine:
replies that state an action, and whether a resolved ticket was ever marked solved."""

from __future__ import annotations

from typing import Any

from supportgauge.store.interface import Store


def scoring_facts(store: Store) -> Any:
    """Per ticket (`f_vendor`, `f_ticket`): `action_replies`, the public agent replies the
    reader labelled `action` (the vendor says what it did or will do), and `marked_solved`,
    whether any status change set it solved (a ticket closed without one was closed
    without a solution)."""
    events = store.table("events")
    readings = store.table("reply_readings")
    acting = (
        readings.filter(readings.labels.contains("action"))
        .select(a_md5=readings.body_md5)
        .distinct()
    )
    replies = events.filter((events.kind == "agent_reply") & events.public)
    flagged = replies.left_join(acting, replies.body_md5 == acting.a_md5).select(
        "vendor", "ticket_id", action=acting.a_md5.notnull().cast("int64")
    )
    actions = flagged.group_by(["vendor", "ticket_id"]).aggregate(
        action_replies=flagged.action.sum()
    )
    changes = events.filter(events.kind == "status_change")
    solved = changes.group_by(["vendor", "ticket_id"]).aggregate(
        marked_solved=(changes.status == "solved").any()
    )
    tickets = store.table("tickets").select("vendor", "ticket_id")
    joined = tickets.left_join(actions, ["vendor", "ticket_id"]).left_join(
        solved, [tickets.vendor == solved.vendor, tickets.ticket_id == solved.ticket_id]
    )
    return joined.select(
        f_vendor=tickets.vendor,
        f_ticket=tickets.ticket_id,
        action_replies=joined.action_replies.fill_null(0),
        marked_solved=joined.marked_solved.fill_null(False),
    )
