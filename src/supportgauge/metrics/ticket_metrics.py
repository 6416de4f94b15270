"""One row per ticket with SPEC's field names (`metrics tickets`), as an Ibis expression."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import ibis

from supportgauge.clocks.customer_clock import RegionClock, parse_region_clocks
from supportgauge.clocks.vendor_clocks import VendorClock
from supportgauge.metrics.business_time import ClockTables
from supportgauge.metrics.customer_clock import peak_hours
from supportgauge.metrics.keys import TICKET_NUMBER
from supportgauge.metrics.repeat import repeat_flags
from supportgauge.metrics.reply_facts import REPLY_COUNT_LABELS, expert_reply_counts
from supportgauge.metrics.sla import SLA_FIELDS, with_sla
from supportgauge.metrics.ticket_facts import (
    is_resolved,
    resolution_facts,
    row_facts,
    waiting_facts,
)
from supportgauge.metrics.timeline import numbered_tickets, timeline
from supportgauge.regions import main_zones
from supportgauge.store.backends import engine_functions

# Order of the per-ticket fields: the public interface of `metrics tickets`.
TICKET_FIELDS = (
    "ticket_id",
    "vendor",
    "priority",
    "scenario",
    "region",
    "account",
    "category",
    "created_at",
    "category_inferred",
    "first_response_min",
    "first_response_business_min",
    "first_response_hollow",
    "substantive_response_min",
    "substantive_response_business_min",
    "time_to_locate_min",
    "time_to_locate_business_min",
    "locate_inferred",
    "first_resolution_min",
    "first_resolution_business_min",
    "full_resolution_min",
    "full_resolution_business_min",
    "requester_wait_min",
    "requester_wait_business_min",
    "on_hold_min",
    "on_hold_business_min",
    "reopens",
    "agent_replies",
    "hollow_replies",
    *(f"{label}_replies" for label in REPLY_COUNT_LABELS),
    "expert_replies",
    "one_touch",
    "repeat",
    "max_update_gap_min",
    "max_update_gap_business_min",
    "created_local_hour",
    "created_local_weekday",
    "created_off_hours",
    "created_peak_hours",
    *SLA_FIELDS,
)
DURATION_FIELDS = tuple(
    name for name in TICKET_FIELDS if name.endswith("_min") and not name.startswith("sla_")
)


@dataclass(frozen=True)
class MetricOptions:
    """Settings that change how figures are computed."""

    repeat_window_days: int = 7
    region_clocks: Mapping[str, RegionClock] = field(
        default_factory=lambda: parse_region_clocks({})
    )
    vendor_clocks: Mapping[str, VendorClock] = field(default_factory=dict)
    # The dates the data spans: which Ramadans the peak hours must know.
    period: tuple[date, date] = (date(2020, 1, 1), date(2030, 12, 31))


def _minutes_between(start: Any, end: Any) -> Any:
    return (end.epoch_seconds() - start.epoch_seconds()) / 60.0


def _when(condition: Any, value: Any) -> Any:
    return ibis.cases((condition, value), else_=ibis.null())


def ticket_metrics(
    tickets: Any,
    events: Any,
    readings: Any,
    relevant_terms: Any,
    *,
    backend_name: str,
    options: MetricOptions | None = None,
    clocks: ClockTables | None = None,
) -> Any:
    """Per-ticket figures (SPEC names) from the store's tickets, events, reply readings and
    relevant terms; business twins on each vendor's calendar in `clocks` (24x7 when None)."""
    options = options or MetricOptions()
    zones = ibis.memtable(
        {"zone_region": list(main_zones()), "region_zone": list(main_zones().values())}
    )
    tickets = tickets.mutate(
        category_effective=ibis.coalesce(tickets.category, tickets.category_inferred)
    )
    numbered = numbered_tickets(
        tickets.left_join(zones, tickets.region == zones.zone_region).drop("zone_region")
    )
    # Numbered once and kept: every fact and the final join read the same numbers.
    numbered = numbered.cache()
    # The timeline is read by every group of facts below: build it once.
    rows = timeline(numbered, events, readings, clocks).cache()
    joined = numbered
    for facts in (
        row_facts(rows),
        resolution_facts(rows),
        waiting_facts(rows),
        expert_reply_counts(rows, readings, numbered, relevant_terms),
        repeat_flags(numbered, window_days=options.repeat_window_days),
    ):
        joined = joined.left_join(facts, TICKET_NUMBER).drop(f"{TICKET_NUMBER}_right")
    resolved = is_resolved(joined.final_status).fill_null(False)
    # Opened by the vendor: the first public message is its reply in the creation second.
    vendor_opened = (joined.first_message_kind == "agent_reply").fill_null(False) & (
        joined.first_message_at.epoch_seconds().floor() == joined.created_at.epoch_seconds().floor()
    )
    clock_start = ibis.cases((vendor_opened, joined.first_customer_at), else_=joined.created_at)
    clock_start_bpos = ibis.cases(
        (vendor_opened, joined.first_customer_bpos), else_=joined.created_bpos
    )

    def after_start(name: str, clock: str) -> Any:
        return ibis.cases(
            (vendor_opened, joined[f"{name}_answer_{clock}"]),
            else_=joined[f"{name}_reply_{clock}"],
        )

    first_response_at = after_start("first", "at")
    first_response_bpos = after_start("first", "bpos")
    substantive_at = after_start("substantive", "at")
    substantive_bpos = after_start("substantive", "bpos")
    reopens = joined.reopens.fill_null(0)
    agent_replies = joined.agent_replies.fill_null(0)
    local_time = _created_local_time(joined, backend_name)
    locate_at = ibis.coalesce(joined.diagnosis_event_at, joined.diagnosis_reply_at)
    locate_bpos = ibis.coalesce(joined.diagnosis_event_bpos, joined.diagnosis_reply_bpos)
    figures = joined.mutate(
        first_response_min=_minutes_between(clock_start, first_response_at),
        first_response_hollow=_when(
            first_response_at.notnull(),
            substantive_at.isnull() | (substantive_at > first_response_at),
        ),
        substantive_response_min=_minutes_between(clock_start, substantive_at),
        substantive_response_business_min=(substantive_bpos - clock_start_bpos) / 60.0,
        time_to_locate_min=_minutes_between(joined.created_at, locate_at),
        time_to_locate_business_min=(locate_bpos - joined.created_bpos) / 60.0,
        locate_inferred=_when(locate_at.notnull(), joined.diagnosis_event_at.isnull()),
        hollow_replies=joined.hollow_replies.fill_null(0),
        expert_replies=joined.expert_replies.fill_null(0),
        **{
            f"{label}_replies": joined[f"{label}_replies"].fill_null(0)
            for label in REPLY_COUNT_LABELS
        },
        first_response_business_min=(first_response_bpos - clock_start_bpos) / 60.0,
        first_resolution_min=_minutes_between(joined.created_at, joined.first_resolution_at),
        first_resolution_business_min=(joined.first_resolution_bpos - joined.created_bpos) / 60.0,
        full_resolution_min=_when(
            resolved, _minutes_between(joined.created_at, joined.last_resolution_at)
        ),
        full_resolution_business_min=_when(
            resolved, (joined.last_resolution_bpos - joined.created_bpos) / 60.0
        ),
        requester_wait_min=_when(resolved, joined.requester_wait_seconds / 60.0),
        requester_wait_business_min=_when(resolved, joined.requester_wait_business_seconds / 60.0),
        on_hold_min=_when(resolved, joined.on_hold_seconds / 60.0),
        on_hold_business_min=_when(resolved, joined.on_hold_business_seconds / 60.0),
        reopens=reopens,
        agent_replies=agent_replies,
        one_touch=_when(resolved, (agent_replies == 1) & (reopens == 0)),
        max_update_gap_min=joined.max_update_gap_seconds / 60.0,
        max_update_gap_business_min=joined.max_update_gap_business_seconds / 60.0,
        created_local_hour=_created_local_hour(joined, backend_name),
        created_local_weekday=local_time.day_of_week.index().cast("int32"),
        created_off_hours=~joined.created_in_hours,
        created_peak_hours=peak_hours(
            local_time,
            joined.region,
            options.region_clocks,
            first=options.period[0],
            last=options.period[1],
        ),
        history_min=_minutes_between(clock_start, joined.last_row_at),
        history_business_min=(joined.last_row_bpos - clock_start_bpos) / 60.0,
    )
    return with_sla(figures, options.vendor_clocks).select(*TICKET_FIELDS)


def _created_local_time(tickets: Any, backend_name: str) -> Any:
    """Wall-clock time of creation in the ticket's zone, else its region's main zone."""
    zone = tickets.timezone.fill_null(tickets.region_zone)
    return engine_functions(backend_name).local_wall_time(tickets.created_at, zone)


def _created_local_hour(tickets: Any, backend_name: str) -> Any:
    """Hour of creation in the ticket's zone, else its region's, else its written offset."""
    wall_clock = _created_local_time(tickets, backend_name)
    offset_seconds = tickets.created_at.epoch_seconds() + tickets.created_utc_offset_min * 60
    offset_hour = ((offset_seconds % 86400) // 3600).cast("int32")
    return ibis.cases((wall_clock.notnull(), wall_clock.hour().cast("int32")), else_=offset_hour)
