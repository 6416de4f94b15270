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
    # One pass over the replies and status changes, grouped once per ticket.
    wanted = events.filter(
        ((events.kind == "agent_reply") & events.public) | (events.kind == "status_change")
    )
    rows = wanted.left_join(acting, wanted.body_md5 == acting.a_md5)
    flagged = rows.select(
        "vendor",
        "ticket_id",
        action=(rows.kind == "agent_reply") & rows.a_md5.notnull(),
        solved=(rows.kind == "status_change") & (rows.status == "solved"),
    )
    facts = flagged.group_by(["vendor", "ticket_id"]).aggregate(
        action_replies=flagged.action.cast("int64").sum(), marked_solved=flagged.solved.any()
    )
    return facts.select(
        f_vendor=facts.vendor,
        f_ticket=facts.ticket_id,
        action_replies=facts.action_replies,
        marked_solved=facts.marked_solved,
    )
