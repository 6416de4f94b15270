"""The middle and the aftermath of a ticket: progress updates and reopen cycles."""

from __future__ import annotations

import numpy as np

from supportgauge.synthetic.simulation import Simulation
from supportgauge.synthetic.templates import Text

MAX_UPDATES = 6
MAX_REOPENS = 3
MINUTE = 60
HOUR = 3600


def update(
    sim: Simulation,
    step: int,
    present: np.ndarray,
    cursor: np.ndarray,
    on_hold: np.ndarray,
    located_at: np.ndarray,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One progress update: locates, acts, parks on a third party or asks the customer.

    Returns the new cursor (when the ticket is next waiting on the vendor), whether it is
    on hold, and when it was located (-1 while not yet).
    """
    order = 20 + step * 20
    update_at = np.maximum(
        sim.advance(cursor, sim.vendor_minutes("update_median_min", 0.9)), cursor + MINUTE
    )
    # Long silences draw customer nudges and internal notes.
    nudged = present & (update_at - cursor > 4 * HOUR) & sim.chance(0.45)
    sim.customer(nudged, sim.between(cursor + 1, update_at - 1), order, Text.CUSTOMER_FOLLOWUP)
    noted = present & sim.chance(sim.param("internal_note_share") * 0.3)
    sim.note(noted, sim.between(cursor + 1, update_at - 1), order + 1)

    draw = sim.rng.random(sim.n)
    holds = draw < sim.param("hold_share")
    asks = ~holds & (draw < sim.param("hold_share") + sim.param("pending_share"))
    locates = (located_at < 0) & sim.chance(sim.param("expertise"))
    progress = np.where(sim.chance(0.6), Text.PROGRESS, Text.NEXT_UPDATE)
    text = np.where(holds, Text.HOLD, np.where(asks, Text.ASK_INFO, progress))
    sim.reply(present, update_at, order + 2, np.where(locates, Text.DIAGNOSIS, text), by="engineer")
    sim.status(present & on_hold & ~holds, update_at, order + 3, "open", by="engineer")
    sim.status(present & holds, update_at, order + 4, "on_hold", by="engineer")
    info_at = update_at + sim.minutes(60, 1.0)
    sim.status(present & asks, update_at, order + 4, "pending", by="engineer")
    sim.customer(present & asks, info_at, order + 5, Text.CUSTOMER_INFO)
    sim.status(present & asks, info_at, order + 6, "open", by="customer")

    located_at = np.where(present & locates, update_at, located_at)
    cursor = np.where(present, np.where(asks, info_at, update_at), cursor)
    on_hold = np.where(present, holds, on_hold)
    return cursor, on_hold, located_at


def reopen_counts(sim: Simulation, solved: np.ndarray) -> np.ndarray:
    """Reopens per solved ticket: first by the vendor's rate, each further one less likely."""
    counts = (solved & sim.chance(sim.param("reopen_rate"))).astype(np.int64)
    for extra in range(1, MAX_REOPENS):
        again = (counts == extra) & sim.chance(sim.param("reopen_again_share"))
        counts += again
    return counts


def reopen(sim: Simulation, cycle: int, present: np.ndarray, last_solved: np.ndarray) -> np.ndarray:
    """The customer reopens a solved ticket; the vendor answers and solves it again."""
    order = 300 + cycle * 10
    reopen_at = last_solved + sim.minutes(1200, 1.0) + 10 * MINUTE
    sim.customer(present, reopen_at, order, Text.CUSTOMER_REOPEN)
    sim.status(present, reopen_at, order + 1, "open", by="customer")
    reply_at = sim.advance(reopen_at, sim.vendor_minutes("substantive_median_min", 0.8))
    expert = sim.chance(sim.param("expertise"))
    sim.reply(
        present,
        reply_at,
        order + 2,
        np.where(expert, Text.DIAGNOSIS, Text.GENERIC_ADVICE),
        by="engineer",
    )
    solved_at = sim.advance(reply_at, sim.vendor_minutes("fix_median_min", 1.0, scale=0.5))
    fix_text = np.where(expert, Text.RESOLUTION_EXPERT, Text.RESOLUTION_GENERIC)
    sim.reply(present, solved_at, order + 3, fix_text, by="engineer")
    sim.status(present, solved_at, order + 4, "solved", by="agent")
    return np.where(present, solved_at, last_solved)
