"""Per-ticket random draws and event emitters shared by every step of a ticket's life."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from supportgauge.synthetic.events import EventBuffer
from supportgauge.synthetic.profiles import VENDOR_PROFILES
from supportgauge.synthetic.staffing import StaffedIntervals, advance_per_vendor
from supportgauge.synthetic.templates import Text
from supportgauge.synthetic.tickets import Tickets

TextPicker = Callable[[Text | np.ndarray], np.ndarray]


@dataclass(frozen=True)
class Authors:
    """Author index per ticket for each role (into the data set's author names)."""

    customer: np.ndarray
    agent: np.ndarray
    engineer: np.ndarray
    system: np.ndarray
    bot: np.ndarray


class Simulation:
    """Draws shaped one value per ticket, with each ticket's vendor parameters at hand."""

    def __init__(
        self,
        rng: np.random.Generator,
        tickets: Tickets,
        calendars: list[StaffedIntervals | None],
        authors: Authors,
        pick_text: TextPicker,
        events: EventBuffer,
    ):
        self.rng = rng
        self.tickets = tickets
        self.n = len(tickets.vendor)
        self.calendars = calendars
        self.authors = authors
        self.pick_text = pick_text
        self.events = events
        factors = np.array([p.priority_factor for p in VENDOR_PROFILES])
        self.priority_factor = factors[tickets.vendor, tickets.priority]

    def param(self, name: str) -> np.ndarray:
        """The named VendorProfile parameter of each ticket's vendor."""
        values = np.array([float(getattr(p, name)) for p in VENDOR_PROFILES])
        return values[self.tickets.vendor]

    def chance(self, share: np.ndarray | float) -> np.ndarray:
        """True with the given probability, per ticket."""
        return self.rng.random(self.n) < share

    def minutes(self, median_min: np.ndarray | float, sigma: float) -> np.ndarray:
        """Lognormal durations in whole seconds (at least one) around a median in minutes."""
        draw = np.asarray(median_min) * 60 * np.exp(sigma * self.rng.standard_normal(self.n))
        return np.maximum(draw, 1).astype(np.int64)

    def vendor_minutes(self, parameter: str, sigma: float, scale: float = 1.0) -> np.ndarray:
        """Vendor-side work time: the vendor's median, scaled by the ticket's priority."""
        return self.minutes(self.param(parameter) * self.priority_factor * scale, sigma)

    def between(self, low: np.ndarray, high: np.ndarray) -> np.ndarray:
        """A random instant in [low, high]."""
        return low + ((high - low) * self.rng.random(self.n)).astype(np.int64)

    def advance(self, at_seconds: np.ndarray, work_seconds: np.ndarray) -> np.ndarray:
        """When vendor work started at `at_seconds` ends, on each vendor's staffed hours."""
        return advance_per_vendor(self.calendars, self.tickets.vendor, at_seconds, work_seconds)

    def customer(self, rows: np.ndarray, at: np.ndarray, order: int, text: Text) -> None:
        """A customer message with a text of the given kind."""
        self.events.add(
            rows,
            at,
            kind="customer_message",
            order=order,
            author=self.authors.customer,
            body=self.pick_text(text),
        )

    def reply(
        self, rows: np.ndarray, at: np.ndarray, order: int, text: Text | np.ndarray, by: str
    ) -> None:
        """A public agent reply by the ticket's 'agent' or an 'engineer'."""
        author = self.authors.agent if by == "agent" else self.authors.engineer
        self.events.add(
            rows, at, kind="agent_reply", order=order, author=author, body=self.pick_text(text)
        )

    def note(self, rows: np.ndarray, at: np.ndarray, order: int) -> None:
        """An internal note by an engineer."""
        self.events.add(
            rows,
            at,
            kind="internal_note",
            order=order,
            author=self.authors.engineer,
            body=self.pick_text(Text.INTERNAL_NOTE),
        )

    def status(self, rows: np.ndarray, at: np.ndarray, order: int, status: str, by: str) -> None:
        """A status change by the 'agent', 'engineer', 'customer' or 'system'."""
        author = getattr(self.authors, by)
        self.events.add(rows, at, kind="status_change", order=order, author=author, status=status)
