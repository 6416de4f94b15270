"""What the per-ticket figures are built from: the tickets joined to their facts, and the
parts several figures share (the response clock, resolution, the customer's local time),
each built once and only when a figure asks for it.

The facts each shared part reads are declared beside it (`*_FACTS`), for the figures'
declarations to list.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from typing import Any

import ibis

from supportgauge.clocks.customer_clock import RegionClock, parse_region_clocks
from supportgauge.clocks.vendor_clocks import VendorClock
from supportgauge.store.backends import engine_functions

# Whether a ticket is resolved now: its last resolved status row after its last other.
RESOLVED_FACTS = ("last_resolved_position", "last_unresolved_position")
# Whether the vendor opened the ticket: its reply first, in the creation second.
VENDOR_OPENED_FACTS = ("first_reply_position", "first_customer_position", "first_reply_sec")
# Where the response clock starts, on either clock.
CLOCK_START_FACTS = (*VENDOR_OPENED_FACTS, "first_customer_sec")
CLOCK_START_BUSINESS_FACTS = (
    *VENDOR_OPENED_FACTS,
    "first_customer_business_position",
    "created_business_position",
)


@dataclass(frozen=True)
class MetricOptions:
    """Settings that change how figures are computed."""

    repeat_window_days: int = 7
    region_clocks: Mapping[str, RegionClock] = field(
        default_factory=lambda: parse_region_clocks({})
    )
    vendor_clocks: Mapping[str, VendorClock] = field(default_factory=dict)
    # Vendors that claim support around the clock (7x24): their SLA runs on the wall clock.
    round_the_clock: frozenset[str] = frozenset()
    # The dates the data spans: which Ramadans the peak hours must know.
    period: tuple[date, date] = (date(2020, 1, 1), date(2030, 12, 31))


def minutes_between(start_sec: Any, end_sec: Any) -> Any:
    """Minutes from one instant (or business position) in seconds to another."""
    return (end_sec - start_sec) / 60.0


def when(condition: Any, value: Any) -> Any:
    """`value` where `condition` holds, else NULL."""
    return ibis.cases((condition, value), else_=ibis.null())


class FigureParts:
    """The table figures are built on (tickets, facts and joins), and the shared parts."""

    def __init__(
        self,
        table: Any,
        *,
        backend_name: str,
        options: MetricOptions,
        builders: Mapping[str, Callable[[FigureParts], Any]],
    ) -> None:
        self.table = table
        self.backend_name = backend_name
        self.options = options
        self._builders = builders
        self._built: dict[str, Any] = {}

    def figure(self, name: str) -> Any:
        """The expression of another figure, built once."""
        if name not in self._built:
            self._built[name] = self._builders[name](self)
        return self._built[name]

    @cached_property
    def resolved(self) -> Any:
        """Whether a ticket's latest status is solved or closed: its last resolved status
        row comes after its last other one (creation counts as one, in status new)."""
        facts = self.table
        return (facts.last_resolved_position > facts.last_unresolved_position).fill_null(False)

    @cached_property
    def vendor_opened(self) -> Any:
        """Opened by the vendor: the first public message is its reply in the creation second."""
        facts = self.table
        reply_first = facts.first_reply_position < facts.first_customer_position.fill_null(
            facts.first_reply_position + 1
        )
        same_second = facts.first_reply_sec.floor() == facts.created_sec.floor()
        return (reply_first & same_second).fill_null(False)

    @cached_property
    def clock_start_sec(self) -> Any:
        """Where the response clock starts: creation, or the customer's first message on a
        ticket the vendor opened."""
        return ibis.cases(
            (self.vendor_opened, self.table.first_customer_sec), else_=self.table.created_sec
        )

    @cached_property
    def clock_start_business_position(self) -> Any:
        """`clock_start_sec` as a position on the vendor's business clock."""
        return ibis.cases(
            (self.vendor_opened, self.table.first_customer_business_position),
            else_=self.table.created_business_position,
        )

    def after_clock_start(self, any_time: str, after_customer: str) -> Any:
        """The first reply of a kind that the response clock counts: fact `any_time`, or
        on a ticket the vendor opened, fact `after_customer` (after the customer wrote)."""
        key = f"after_clock_start({any_time}, {after_customer})"
        if key not in self._built:
            self._built[key] = ibis.cases(
                (self.vendor_opened, self.table[after_customer]), else_=self.table[any_time]
            )
        return self._built[key]

    @cached_property
    def created_local_time(self) -> Any:
        """Wall-clock time of creation in the ticket's zone, else its region's main zone."""
        zone = self.table.timezone.fill_null(self.table.region_zone)
        functions = engine_functions(self.backend_name)
        return functions.local_wall_time(self.table.created_at, zone)

    @cached_property
    def created_local_hour(self) -> Any:
        """Hour of creation in the ticket's zone, else its region's, else its written offset."""
        wall_clock = self.created_local_time
        offset_seconds = self.table.created_sec + self.table.created_utc_offset_min * 60
        offset_hour = ((offset_seconds % 86400) // 3600).cast("int32")
        return ibis.cases(
            (wall_clock.notnull(), wall_clock.hour().cast("int32")), else_=offset_hour
        )
