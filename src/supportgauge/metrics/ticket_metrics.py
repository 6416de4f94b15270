"""One row per ticket with SPEC's field names (`metrics tickets`), as an Ibis expression."""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cache, partial
from typing import Any

import ibis

from supportgauge.clocks.customer_clock import RegionClock, parse_region_clocks
from supportgauge.clocks.vendor_clocks import VendorClock
from supportgauge.errors import InputError, NotFoundError
from supportgauge.metrics.business_time import ClockTables
from supportgauge.metrics.customer_clock import peak_hours
from supportgauge.metrics.field_needs import facts_for, needs_calendars, needs_readings
from supportgauge.metrics.keys import TICKET_KEY, TICKET_NUMBER
from supportgauge.metrics.repeat import repeat_flags
from supportgauge.metrics.reply_facts import REPLY_COUNT_LABELS
from supportgauge.metrics.sla import SLA_FIELDS, SLA_INPUTS, with_sla
from supportgauge.metrics.ticket_facts import is_resolved, is_vendor_opened, ticket_facts
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
    "first_real_answer_min",
    "first_real_answer_business_min",
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
# Ticket columns that figures read besides the ticket's key and creation, by field.
# Fields on the customer's clock: they read the zone of the ticket or of its region.
_LOCAL_TIME_FIELDS = ("created_local_hour", "created_local_weekday", "created_peak_hours")
_COLUMNS_READ = {
    "repeat": ("account",),
    **{name: ("timezone", "region", "created_utc_offset_min") for name in _LOCAL_TIME_FIELDS},
    **{name: ("priority",) for name in SLA_FIELDS},
}
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


def _minutes_between(start_sec: Any, end_sec: Any) -> Any:
    return (end_sec - start_sec) / 60.0


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
    fields: Sequence[str] = TICKET_FIELDS,
) -> Any:
    """Per-ticket `fields` (SPEC names, all by default) from the store's tickets, events,
    reply readings and relevant terms; business twins on each vendor's calendar in
    `clocks` (24x7 when None). Joins that none of `fields` needs are left out."""
    options = options or MetricOptions()
    check_fields(fields)
    if not needs_calendars(fields):
        clocks = None
    read_replies = needs_readings(fields)
    category = ibis.coalesce(tickets.category, tickets.category_inferred)
    derived = {"created_sec": engine_functions(backend_name).epoch_seconds(tickets.created_at)}
    if "repeat" in fields:
        derived["category_effective"] = category
    if read_replies:
        # Replies are expert when they use a term relevant to the ticket's category (its
        # own or inferred), or to its scenario when it has no category.
        derived["relevance_key"] = ibis.coalesce(category, tickets.scenario)
    columns = _ticket_columns(fields)
    kept = [tickets[name] for name in tickets.columns if name in columns]
    if any(name in _LOCAL_TIME_FIELDS for name in fields):
        zones = ibis.memtable(
            {"zone_region": list(main_zones()), "region_zone": list(main_zones().values())}
        )
        tickets = tickets.left_join(zones, tickets.region == zones.zone_region)
        derived["region_zone"] = zones.region_zone
    tickets = tickets.select(*kept, **derived)
    # Numbered once and kept: the timeline, the facts and the final join read the same
    # numbers on every engine, whether or not it would compute a shared subquery twice.
    numbered = numbered_tickets(tickets).cache()
    # Only what is asked for goes into the query, and what the SLA figures read.
    judged = any(name in SLA_FIELDS for name in fields)
    needed = {*fields, *(SLA_INPUTS if judged else ())}
    read = facts_for(needed)
    joined = numbered
    if read:
        rows = timeline(
            numbered,
            events,
            readings,
            relevant_terms,
            clocks,
            backend_name=backend_name,
            read_replies=read_replies,
        )
        facts = ticket_facts(rows, business_time=clocks is not None, facts=read)
        # Every ticket has facts (its creation row at least): an inner join keeps them all.
        joined = numbered.inner_join(facts, TICKET_NUMBER)
    if "repeat" in fields:
        repeats = repeat_flags(numbered, window_days=options.repeat_window_days)
        joined = joined.left_join(repeats, TICKET_NUMBER).drop(f"{TICKET_NUMBER}_right")
    else:
        joined = joined.mutate(repeat=ibis.null("boolean"))
    # The parts figures share, built once and only when a figure asks for them.
    resolved = cache(partial(is_resolved, joined))
    vendor_opened = cache(partial(is_vendor_opened, joined))

    @cache
    def clock_start() -> Any:
        return ibis.cases((vendor_opened(), joined.first_customer_sec), else_=joined.created_sec)

    @cache
    def clock_start_bpos() -> Any:
        return ibis.cases((vendor_opened(), joined.first_customer_bpos), else_=joined.created_bpos)

    @cache
    def after_start(name: str, clock: str) -> Any:
        return ibis.cases(
            (vendor_opened(), joined[f"{name}_answer_{clock}"]),
            else_=joined[f"{name}_reply_{clock}"],
        )

    def locate(clock: str) -> Any:
        return ibis.coalesce(joined[f"diagnosis_event_{clock}"], joined[f"diagnosis_reply_{clock}"])

    # Built only when asked for: each figure's expression, by name.
    definitions: dict[str, Callable[[], Any]] = {
        "first_response_min": lambda: _minutes_between(clock_start(), after_start("first", "sec")),
        "first_response_hollow": lambda: _when(
            after_start("first", "sec").notnull(),
            after_start("substantive", "sec").isnull()
            | (after_start("substantive", "sec") > after_start("first", "sec")),
        ),
        "substantive_response_min": lambda: _minutes_between(
            clock_start(), after_start("substantive", "sec")
        ),
        "substantive_response_business_min": lambda: (
            (after_start("substantive", "bpos") - clock_start_bpos()) / 60.0
        ),
        "first_real_answer_min": lambda: _minutes_between(
            clock_start(), after_start("real", "sec")
        ),
        "first_real_answer_business_min": lambda: (
            (after_start("real", "bpos") - clock_start_bpos()) / 60.0
        ),
        "time_to_locate_min": lambda: _minutes_between(joined.created_sec, locate("sec")),
        "time_to_locate_business_min": lambda: (locate("bpos") - joined.created_bpos) / 60.0,
        "locate_inferred": lambda: _when(
            locate("sec").notnull(), joined.diagnosis_event_sec.isnull()
        ),
        "hollow_replies": lambda: joined.hollow_replies,
        "expert_replies": lambda: joined.expert_replies,
        **{
            f"{label}_replies": partial(joined.__getitem__, f"{label}_replies")
            for label in REPLY_COUNT_LABELS
        },
        "first_response_business_min": lambda: (
            (after_start("first", "bpos") - clock_start_bpos()) / 60.0
        ),
        "first_resolution_min": lambda: _minutes_between(
            joined.created_sec, joined.first_resolution_sec
        ),
        "first_resolution_business_min": lambda: (
            (joined.first_resolution_bpos - joined.created_bpos) / 60.0
        ),
        "full_resolution_min": lambda: _when(
            resolved(), _minutes_between(joined.created_sec, joined.last_resolution_sec)
        ),
        "full_resolution_business_min": lambda: _when(
            resolved(), (joined.last_resolution_bpos - joined.created_bpos) / 60.0
        ),
        "requester_wait_min": lambda: _when(resolved(), joined.requester_wait_seconds / 60.0),
        "requester_wait_business_min": lambda: _when(
            resolved(), joined.requester_wait_business_seconds / 60.0
        ),
        "on_hold_min": lambda: _when(resolved(), joined.on_hold_seconds / 60.0),
        "on_hold_business_min": lambda: _when(resolved(), joined.on_hold_business_seconds / 60.0),
        "reopens": lambda: joined.reopens.fill_null(0),
        "agent_replies": lambda: joined.agent_replies.fill_null(0),
        "one_touch": lambda: _when(
            resolved(),
            (joined.agent_replies.fill_null(0) == 1) & (joined.reopens.fill_null(0) == 0),
        ),
        "max_update_gap_min": lambda: joined.max_update_gap_seconds / 60.0,
        "max_update_gap_business_min": lambda: joined.max_update_gap_business_seconds / 60.0,
        "created_local_hour": lambda: _created_local_hour(joined, backend_name),
        "created_local_weekday": lambda: (
            _created_local_time(joined, backend_name).day_of_week.index().cast("int32")
        ),
        "created_off_hours": lambda: ~joined.created_in_hours,
        "created_peak_hours": lambda: peak_hours(
            _created_local_time(joined, backend_name),
            joined.region,
            options.region_clocks,
            first=options.period[0],
            last=options.period[1],
        ),
        "history_min": lambda: _minutes_between(clock_start(), joined.last_row_sec),
        "history_business_min": lambda: (joined.last_row_bpos - clock_start_bpos()) / 60.0,
    }
    figures = joined.mutate(
        **{name: define() for name, define in definitions.items() if name in needed}
    )
    if judged:
        figures = with_sla(figures, options.vendor_clocks)
    return figures.select(*fields)


def _ticket_columns(fields: Sequence[str]) -> set[str]:
    """The stored ticket columns the query keeps: long texts and provenance stay out."""
    return {
        *TICKET_KEY,
        "created_at",
        *fields,
        *(c for f in fields for c in _COLUMNS_READ.get(f, ())),
    }


def parse_fields(text: str) -> list[str]:
    """The list of field names in `text`, checked: e.g. 'ticket_id,first_response_min'."""
    fields = [part.strip() for part in text.split(",") if part.strip()]
    check_fields(fields)
    return fields


def check_fields(fields: Sequence[str]) -> None:
    """Refuse an empty list, unknown names (with the nearest known one) and repeats."""
    if not fields:
        raise InputError("name at least one field.", parameter="fields")
    for name in fields:
        if name not in TICKET_FIELDS:
            nearest = difflib.get_close_matches(name, TICKET_FIELDS, n=1)
            hint = f" Did you mean '{nearest[0]}'?" if nearest else ""
            raise NotFoundError(
                f"no field '{name}'.{hint} The fields are listed in docs/metrics.md.",
                parameter="fields",
            )
    repeated = sorted({name for name in fields if list(fields).count(name) > 1})
    if repeated:
        given = ", ".join(repr(n) for n in repeated)
        raise InputError(f"{given} given twice.", parameter="fields")


def _created_local_time(tickets: Any, backend_name: str) -> Any:
    """Wall-clock time of creation in the ticket's zone, else its region's main zone."""
    zone = tickets.timezone.fill_null(tickets.region_zone)
    return engine_functions(backend_name).local_wall_time(tickets.created_at, zone)


def _created_local_hour(tickets: Any, backend_name: str) -> Any:
    """Hour of creation in the ticket's zone, else its region's, else its written offset."""
    wall_clock = _created_local_time(tickets, backend_name)
    offset_seconds = tickets.created_sec + tickets.created_utc_offset_min * 60
    offset_hour = ((offset_seconds % 86400) // 3600).cast("int32")
    return ibis.cases((wall_clock.notnull(), wall_clock.hour().cast("int32")), else_=offset_hour)
