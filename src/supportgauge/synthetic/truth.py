"""What each simulated vendor really did, measured on the generated tickets themselves."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from supportgauge.synthetic.lifecycle import Timeline
from supportgauge.synthetic.profiles import VENDOR_PROFILES, VendorProfile
from supportgauge.synthetic.tickets import Tickets

REPEAT_WINDOW_DAYS = 7


@dataclass(frozen=True)
class VendorTruth:
    """One vendor's true behaviour in the generated data (durations in wall-clock minutes).

    Response figures count customer-opened tickets only, from creation. "In hours" means
    created while the vendor's real desk (its calendar) was staffed; a 24x7 desk has no
    off-hours tickets, so its off-hours figures are None.
    """

    name: str
    description: str
    calendar: str  # calendar name, "24x7" when staffed around the clock
    calendar_description: str  # e.g. "Asia/Shanghai Mon-Fri 09:00-18:00 + CN holidays"
    tickets: int
    first_response_median_min_in_hours: float | None  # first public agent reply, hollow or not
    first_response_median_min_off_hours: float | None
    substantive_response_median_min_in_hours: float | None
    substantive_response_median_min_off_hours: float | None
    hollow_first_response_share: float | None  # answered tickets whose first reply was hollow
    unanswered_share: float
    time_to_locate_median_min: float | None
    resolution_median_min: float | None  # creation to first solved
    reopen_rate: float | None  # solved tickets reopened at least once
    repeat_failure_rate: float | None  # same account and category again within the window
    one_touch_share: float | None  # solved tickets solved by one public reply, never reopened
    profile: VendorProfile


def _median_min(seconds: np.ndarray) -> float | None:
    return round(float(np.median(seconds)) / 60, 1) if len(seconds) else None


def _share(flags: np.ndarray) -> float | None:
    return round(float(flags.mean()), 4) if len(flags) else None


def repeat_flags(tickets: Tickets, window_days: int = REPEAT_WINDOW_DAYS) -> np.ndarray:
    """True where a later ticket of the same vendor, account and category follows in the window."""
    created = tickets.created_seconds
    order = np.lexsort((created, tickets.category, tickets.account, tickets.vendor))
    same_group = (
        (tickets.vendor[order][1:] == tickets.vendor[order][:-1])
        & (tickets.account[order][1:] == tickets.account[order][:-1])
        & (tickets.category[order][1:] == tickets.category[order][:-1])
    )
    soon = np.diff(created[order]) <= window_days * 86_400
    flags = np.zeros(len(created), dtype=bool)
    flags[order[:-1]] = same_group & soon
    return flags


def vendor_truth(tickets: Tickets, timeline: Timeline) -> dict[str, VendorTruth]:
    """Per vendor name, the behaviour its generated tickets show."""
    repeats = repeat_flags(tickets)
    truths = {}
    for index, profile in enumerate(VENDOR_PROFILES):
        mine = tickets.vendor == index
        asked = mine & ~timeline.vendor_opened
        answered = asked & timeline.answered
        in_hours = answered & timeline.created_in_hours
        off_hours = answered & ~timeline.created_in_hours
        solved = mine & timeline.solved
        truths[profile.name] = VendorTruth(
            name=profile.name,
            description=profile.description,
            calendar=profile.calendar,
            calendar_description=profile.calendar_description,
            tickets=int(mine.sum()),
            first_response_median_min_in_hours=_median_min(timeline.first_reply_seconds[in_hours]),
            first_response_median_min_off_hours=_median_min(
                timeline.first_reply_seconds[off_hours]
            ),
            substantive_response_median_min_in_hours=_median_min(
                timeline.substantive_seconds[in_hours]
            ),
            substantive_response_median_min_off_hours=_median_min(
                timeline.substantive_seconds[off_hours]
            ),
            hollow_first_response_share=_share(timeline.hollow_first[answered]),
            unanswered_share=_share(~timeline.answered[asked]) or 0.0,
            time_to_locate_median_min=_median_min(
                timeline.located_seconds[answered & (timeline.located_seconds >= 0)]
            ),
            resolution_median_min=_median_min(timeline.first_solved_seconds[solved]),
            reopen_rate=_share(timeline.reopens[solved] > 0),
            repeat_failure_rate=_share(repeats[mine]),
            one_touch_share=_share(timeline.one_touch[solved]),
            profile=profile,
        )
    return truths
