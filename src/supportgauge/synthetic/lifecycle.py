"""Each ticket's life, simulated for all tickets at once: replies, waits, fixes, reopens."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supportgauge.synthetic.profiles import VENDOR_PROFILES
from supportgauge.synthetic.simulation import Simulation
from supportgauge.synthetic.staffing import open_per_vendor
from supportgauge.synthetic.templates import Text
from supportgauge.synthetic.work import (
    HOUR,
    MAX_REOPENS,
    MAX_UPDATES,
    MINUTE,
    reopen,
    reopen_counts,
    update,
)

# Texts of the first substantive reply, by its type: diagnosis, generic advice, asks for info.
_FIRST_REPLY_TEXTS = np.array([Text.DIAGNOSIS, Text.GENERIC_ADVICE, Text.ASK_INFO])


@dataclass(frozen=True)
class Timeline:
    """Per-ticket facts of the simulated life, kept to document the vendors' true behaviour."""

    created_in_hours: np.ndarray
    vendor_opened: np.ndarray
    answered: np.ndarray
    hollow_first: np.ndarray
    first_reply_seconds: np.ndarray  # first public agent reply, acknowledgements included
    substantive_seconds: np.ndarray
    solved: np.ndarray
    first_solved_seconds: np.ndarray
    reopens: np.ndarray
    one_touch: np.ndarray
    located_seconds: np.ndarray  # -1 when never located
    p1_solved_at: np.ndarray  # epoch seconds of the last solve of solved P1 tickets, else -1


def simulate(
    sim: Simulation,
    description: np.ndarray,
    priority_change: np.ndarray,
    *,
    probe_answer: np.ndarray | None = None,
) -> Timeline:
    """Append every ticket's events to the simulation's buffer; return the per-ticket timeline.
    `probe_answer` (a text per ticket, -1 for none) replaces a probe ticket's first real
    answer."""
    tickets, events, authors = sim.tickets, sim.events, sim.authors
    t0 = tickets.created_seconds
    in_hours = open_per_vendor(sim.calendars, tickets.vendor, t0)
    vendor_opened = sim.chance(sim.param("vendor_opened_share"))
    start = t0 + np.where(vendor_opened, sim.minutes(12, 0.6), 0)
    answered = ~sim.chance(sim.param("never_answered_share"))

    # Opening: the customer's description, or the vendor's own alert and the customer's answer.
    events.add(
        ~vendor_opened,
        t0,
        kind="customer_message",
        order=0,
        author=authors.customer,
        body=description,
    )
    sim.reply(vendor_opened, t0, 0, Text.VENDOR_ALERT, by="agent")
    sim.customer(vendor_opened, start, 1, Text.CUSTOMER_CONFIRM)
    auto = (sim.param("auto_reply") > 0) & ~vendor_opened
    events.add(
        auto,
        t0 + sim.rng.integers(0, 4, sim.n),
        kind="auto_reply",
        order=2,
        author=authors.bot,
        body=sim.pick_text(Text.AUTO_REPLY),
    )

    # First touch: a hollow acknowledgement (office desks defer at night), then a real answer.
    ack_share = np.where(
        in_hours, sim.param("hollow_ack_share_in_hours"), sim.param("hollow_ack_share_off_hours")
    )
    has_ack = answered & ~vendor_opened & sim.chance(ack_share)
    ack_at = start + sim.minutes(sim.param("hollow_ack_median_min"), 0.6)
    office_desk = np.array([p.staffing is not None for p in VENDOR_PROFILES])[tickets.vendor]
    sim.reply(
        has_ack,
        ack_at,
        3,
        np.where(office_desk & ~in_hours, Text.DEFERRAL, Text.HOLLOW_ACK),
        by="agent",
    )
    sub_at = sim.advance(start, sim.vendor_minutes("substantive_median_min", 0.8))
    sub_at = np.where(has_ack, np.maximum(sub_at, ack_at + MINUTE), sub_at)
    first_touch = np.where(has_ack, ack_at, sub_at)
    sim.status(answered, first_touch, 4, "open", by="agent")

    mix = np.array([p.first_reply_mix for p in VENDOR_PROFILES])[tickets.vendor]
    first_type = (sim.rng.random(sim.n)[:, None] >= np.cumsum(mix, axis=1)).sum(axis=1)
    first_type = first_type.clip(0, 2)
    one_touch = answered & (first_type < 2)
    one_touch &= sim.chance(sim.param("one_touch_share") / (mix[:, 0] + mix[:, 1]))
    resolve_text = np.where(first_type == 0, Text.RESOLUTION_EXPERT, Text.RESOLUTION_GENERIC)

    # While the customer waits for a real answer, notes and impatient messages pile up.
    waited_from = np.where(has_ack, ack_at, start)
    nudged = answered & (sub_at - waited_from > 2 * HOUR) & sim.chance(0.5)
    sim.customer(nudged, sim.between(waited_from + 1, sub_at - 1), 5, Text.CUSTOMER_FOLLOWUP)
    ignored = ~answered & sim.chance(0.6)
    sim.customer(ignored, start + sim.minutes(600, 0.8), 5, Text.CUSTOMER_FOLLOWUP)
    note_until = np.where(answered, first_touch, start + 4 * HOUR)
    noted = sim.chance(sim.param("internal_note_share"))
    sim.note(noted, sim.between(start, note_until - 1), 6)
    sub_text = np.where(one_touch, resolve_text, _FIRST_REPLY_TEXTS[first_type])
    probed = answered & (probe_answer >= 0) if probe_answer is not None else answered & False
    sim.reply(answered & ~probed, sub_at, 7, sub_text, by="agent")
    if probe_answer is not None:
        events.add(probed, sub_at, kind="agent_reply", order=7, author=authors.agent,
                   body=probe_answer)  # fmt: skip

    asks = answered & ~one_touch & (first_type == 2)
    info_at = sub_at + sim.minutes(50, 1.0)
    sim.status(asks, sub_at, 8, "pending", by="agent")
    sim.customer(asks, info_at, 9, Text.CUSTOMER_INFO)
    sim.status(asks, info_at, 10, "open", by="customer")
    located_at = np.where(answered & (first_type == 0), sub_at, -1)
    cursor = np.where(asks, info_at, sub_at)
    updates = np.where(answered & ~one_touch, sim.rng.poisson(sim.param("updates_mean")), 0)
    on_hold = np.zeros(sim.n, dtype=bool)
    for step in range(MAX_UPDATES):
        cursor, on_hold, located_at = update(sim, step, updates > step, cursor, on_hold, located_at)

    # Resolution: solved, or closed without solving; a few stay open for good.
    never_solved = answered & ~one_touch & sim.chance(sim.param("never_solved_share"))
    worked = answered & ~one_touch & ~never_solved
    closed_unsolved = worked & sim.chance(sim.param("closed_unsolved_share"))
    fixed = worked & ~closed_unsolved
    fix_at = sim.advance(cursor, sim.vendor_minutes("fix_median_min", 1.0))
    expert_fix = sim.chance(sim.param("expertise"))
    fix_text = np.where(expert_fix, Text.RESOLUTION_EXPERT, Text.RESOLUTION_GENERIC)
    sim.reply(fixed, fix_at, 200, fix_text, by="engineer")
    located_at = np.where(fixed & expert_fix & (located_at < 0), fix_at, located_at)
    solved_at = np.where(one_touch, sub_at, fix_at) + sim.rng.integers(0, 180, sim.n)
    solved = one_touch | fixed
    sim.status(solved, solved_at, 201, "solved", by="agent")
    sim.status(closed_unsolved, solved_at, 201, "closed", by="agent")
    marked = (located_at >= 0) & sim.chance(sim.param("diagnosis_event_share"))
    events.add(
        marked,
        located_at,
        kind="diagnosis",
        order=190,
        author=authors.engineer,
        body=sim.pick_text(Text.DIAGNOSIS_MARK),
    )
    changed = answered & sim.chance(0.02)
    events.add(
        changed,
        sub_at + sim.rng.integers(1, 900, sim.n),
        kind="priority_change",
        order=8,
        author=authors.agent,
        body=priority_change,
    )

    reopens = reopen_counts(sim, solved)
    last_solved = solved_at.copy()
    for cycle in range(MAX_REOPENS):
        last_solved = reopen(sim, cycle, reopens > cycle, last_solved)
    closes = solved & sim.chance(0.85)
    sim.status(closes, last_solved + sim.minutes(4320, 0.3), 400, "closed", by="system")

    return Timeline(
        created_in_hours=in_hours,
        vendor_opened=vendor_opened,
        answered=answered,
        hollow_first=has_ack,
        first_reply_seconds=np.where(answered, first_touch - start, -1),
        substantive_seconds=np.where(answered, sub_at - start, -1),
        solved=solved,
        first_solved_seconds=np.where(solved, solved_at - t0, -1),
        reopens=reopens,
        one_touch=one_touch & ~has_ack & ~vendor_opened & (reopens == 0),
        located_seconds=np.where(located_at >= 0, located_at - start, -1),
        p1_solved_at=np.where(solved & (tickets.priority == 0), last_solved, -1),
    )
