"""Every per-ticket figure, declared once: the registry behind `metrics tickets`.

Each `Figure` names its field, unit and definition (docs/metrics.md's field list is
tested against them), the facts and ticket columns it reads, and how it is built from
the shared parts (`metrics.figure_parts`). The order here is the public field order.
Adding a figure is adding its declaration here (and its facts to `metrics.facts`).
"""

from __future__ import annotations

from typing import Any

import ibis

from supportgauge.metrics import sla
from supportgauge.metrics.figure import Figure
from supportgauge.metrics.figure_parts import (
    CLOCK_START_BUSINESS_FACTS,
    CLOCK_START_FACTS,
    RESOLVED_FACTS,
    VENDOR_OPENED_FACTS,
    FigureParts,
    minutes_between,
    when,
)
from supportgauge.metrics.peak_hours import peak_hours

MINUTES = "minutes"
BUSINESS_MINUTES = "business minutes"
COUNT = "count"
FLAG = "true/false"
TEXT = "text"
# Ticket columns the customer's clock reads: its zone, its region's, its written offset.
_LOCAL_TIME_COLUMNS = ("timezone", "region", "created_utc_offset_min")


def _stored(name: str, definition: str, unit: str = TEXT) -> Figure:
    """A ticket column as stored."""
    return Figure(name, unit, definition, columns=(name,))


def _on_calendar(wall: str) -> str:
    return (
        f"`{wall}` counted only while the vendor's support calendar was open "
        "(equal to it on `24x7`)"
    )


def _fact(name: str) -> Any:
    """A figure that is a fact as it stands."""
    return lambda parts: parts.table[name]


def _located(parts: FigureParts, event: str, reply: str) -> Any:
    # A diagnosis event wins; without one, the first reply that states a diagnosis.
    return ibis.coalesce(parts.table[event], parts.table[reply])


def _response(parts: FigureParts, any_time: str, after_customer: str) -> Any:
    return minutes_between(parts.clock_start_sec, parts.after_clock_start(any_time, after_customer))


def _business_response(parts: FigureParts, any_time: str, after_customer: str) -> Any:
    reply = parts.after_clock_start(any_time, after_customer)
    return minutes_between(parts.clock_start_business_position, reply)


def _first_response_hollow(parts: FigureParts) -> Any:
    first = parts.after_clock_start("first_reply_sec", "first_reply_after_customer_sec")
    substantive = parts.after_clock_start(
        "substantive_reply_sec", "substantive_reply_after_customer_sec"
    )
    return when(first.notnull(), substantive.isnull() | (substantive > first))


def _once_resolved(fact: str) -> Any:
    """A fact in seconds as minutes, NULL unless the ticket is resolved."""
    return lambda parts: when(parts.resolved, parts.table[fact] / 60.0)


def _since_creation(instant: str) -> Any:
    return lambda parts: minutes_between(parts.table.created_sec, parts.table[instant])


def _since_business_creation(position: str) -> Any:
    return lambda parts: minutes_between(
        parts.table.created_business_position, parts.table[position]
    )


_RESPONSE_FACTS = (*CLOCK_START_FACTS, "first_reply_sec", "first_reply_after_customer_sec")
_SUBSTANTIVE_FACTS = ("substantive_reply_sec", "substantive_reply_after_customer_sec")
_LOCATE_FACTS = ("diagnosis_event_sec", "diagnosis_reply_sec")
_SLA_RESPONSE = ("first_response_min", "first_response_business_min")
_SLA_RESOLUTION = ("full_resolution_min", "full_resolution_business_min")
_SLA_UPDATE = ("max_update_gap_min", "max_update_gap_business_min")
_SLA_HISTORY = ("history_min", "history_business_min")


def _sla_over(figures: tuple[str, str], target: str) -> Any:
    """Minutes over `target` of a figure (wall-clock, business) on the SLA clock."""
    return lambda parts: sla.over_target(sla.on_sla_clock(parts, *figures), parts.table[target])


def _sla_breached(figures: tuple[str, str], target: str) -> Any:
    """Whether a figure (wall-clock, business) on the SLA clock ran past `target`."""

    def build(parts: FigureParts) -> Any:
        figure = sla.on_sla_clock(parts, *figures)
        history = sla.on_sla_clock(parts, *_SLA_HISTORY)
        return sla.breached(figure, history, parts.table[target])

    return build


def _sla_update_breached(parts: FigureParts) -> Any:
    gap = sla.on_sla_clock(parts, *_SLA_UPDATE)
    return sla.update_breached(gap, parts.table.update_every_target)


def _sla(name: str, definition: str, build: Any, figures: tuple[str, ...] = ()) -> Figure:
    unit = FLAG if name.endswith("_breached") else MINUTES
    return Figure(
        name,
        unit,
        definition,
        build,
        columns=("priority",),
        figures=figures,
        joins=("sla_targets",),
    )


FIGURES: tuple[Figure, ...] = (
    _stored("ticket_id", "the ticket's id in its help desk, unique within its vendor"),
    _stored("vendor", "the vendor whose support is judged"),
    _stored("priority", "`P1` (most urgent) to `P4`"),
    _stored("scenario", "the customer's business scenario, e.g. `show_live`"),
    _stored("region", "ISO 3166-1 alpha-2 country of the affected end users"),
    _stored("account", "the customer's app or account"),
    _stored("category", "the issue category as imported"),
    _stored("created_at", "when the customer raised the ticket", "UTC timestamp (ISO 8601)"),
    _stored(
        "category_inferred",
        "the category guessed from the subject and description, when the import had none "
        "(the imported `category` is never changed)",
    ),
    Figure(
        "first_response_min",
        MINUTES,
        "From the start of the response clock to the first **public agent reply** "
        "(`kind = agent_reply`, `public` true). Auto replies, internal notes, diagnosis and "
        "status events never count. The clock starts at creation; for a ticket **opened by "
        "the vendor side** (its first public message is an agent reply in the very second "
        "of creation, e.g. a proactive alert) it starts at the customer's first message, "
        "and the opening reply is not a response. `null` when no reply counts.",
        lambda parts: _response(parts, "first_reply_sec", "first_reply_after_customer_sec"),
        facts=_RESPONSE_FACTS,
    ),
    Figure(
        "first_response_business_min",
        BUSINESS_MINUTES,
        _on_calendar("first_response_min"),
        lambda parts: _business_response(
            parts, "first_reply_business_position", "first_reply_after_customer_business_position"
        ),
        facts=(
            *CLOCK_START_BUSINESS_FACTS,
            "first_reply_business_position",
            "first_reply_after_customer_business_position",
        ),
    ),
    Figure(
        "first_response_hollow",
        FLAG,
        "the first response was hollow (an acknowledgement or a deferral with nothing of "
        "substance); `null` without a response",
        _first_response_hollow,
        facts=(*VENDOR_OPENED_FACTS, "first_reply_after_customer_sec", *_SUBSTANTIVE_FACTS),
    ),
    Figure(
        "substantive_response_min",
        MINUTES,
        "from the response clock's start to the first public agent reply that is not hollow",
        lambda parts: _response(parts, *_SUBSTANTIVE_FACTS),
        facts=(*CLOCK_START_FACTS, *_SUBSTANTIVE_FACTS),
    ),
    Figure(
        "substantive_response_business_min",
        BUSINESS_MINUTES,
        _on_calendar("substantive_response_min"),
        lambda parts: _business_response(
            parts,
            "substantive_reply_business_position",
            "substantive_reply_after_customer_business_position",
        ),
        facts=(
            *CLOCK_START_BUSINESS_FACTS,
            "substantive_reply_business_position",
            "substantive_reply_after_customer_business_position",
        ),
    ),
    Figure(
        "first_real_answer_min",
        MINUTES,
        "from the response clock's start to the first public agent reply that is a real "
        "answer: labelled `diagnosis`, `action`, `asks_for_info` or `eta` (neither "
        "acknowledgement-only nor generic advice alone); `null` when there is none",
        lambda parts: _response(parts, "real_answer_sec", "real_answer_after_customer_sec"),
        facts=(*CLOCK_START_FACTS, "real_answer_sec", "real_answer_after_customer_sec"),
    ),
    Figure(
        "first_real_answer_business_min",
        BUSINESS_MINUTES,
        _on_calendar("first_real_answer_min"),
        lambda parts: _business_response(
            parts, "real_answer_business_position", "real_answer_after_customer_business_position"
        ),
        facts=(
            *CLOCK_START_BUSINESS_FACTS,
            "real_answer_business_position",
            "real_answer_after_customer_business_position",
        ),
    ),
    Figure(
        "time_to_locate_min",
        MINUTES,
        "from creation to the first `diagnosis` event; without one, to the first public "
        "agent reply labelled `diagnosis`",
        lambda parts: minutes_between(parts.table.created_sec, _located(parts, *_LOCATE_FACTS)),
        facts=_LOCATE_FACTS,
    ),
    Figure(
        "time_to_locate_business_min",
        BUSINESS_MINUTES,
        _on_calendar("time_to_locate_min"),
        lambda parts: minutes_between(
            parts.table.created_business_position,
            _located(
                parts, "diagnosis_event_business_position", "diagnosis_reply_business_position"
            ),
        ),
        facts=(
            "diagnosis_event_business_position",
            "diagnosis_reply_business_position",
            "created_business_position",
        ),
    ),
    Figure(
        "locate_inferred",
        FLAG,
        "true when `time_to_locate_min` came from a reply's text, false from a `diagnosis` "
        "event, `null` when neither exists",
        lambda parts: when(
            _located(parts, *_LOCATE_FACTS).notnull(), parts.table.diagnosis_event_sec.isnull()
        ),
        facts=_LOCATE_FACTS,
    ),
    Figure(
        "first_resolution_min",
        MINUTES,
        "Creation to the first time the ticket became resolved: a move into `solved` or "
        "`closed` from any other status. A ticket closed straight from an open state counts "
        "as resolved then.",
        _since_creation("first_resolution_sec"),
        facts=("first_resolution_sec",),
    ),
    Figure(
        "first_resolution_business_min",
        BUSINESS_MINUTES,
        _on_calendar("first_resolution_min"),
        _since_business_creation("first_resolution_business_position"),
        facts=("first_resolution_business_position", "created_business_position"),
    ),
    Figure(
        "full_resolution_min",
        MINUTES,
        "Creation to the **last** time the ticket became resolved; `null` unless the "
        "ticket's latest status is `solved` or `closed` (a reopened ticket that is still "
        "open has no full resolution). `solved` then `closed` resolves at the solve.",
        lambda parts: when(parts.resolved, _since_creation("last_resolution_sec")(parts)),
        facts=(*RESOLVED_FACTS, "last_resolution_sec"),
    ),
    Figure(
        "full_resolution_business_min",
        BUSINESS_MINUTES,
        _on_calendar("full_resolution_min"),
        lambda parts: when(
            parts.resolved, _since_business_creation("last_resolution_business_position")(parts)
        ),
        facts=(*RESOLVED_FACTS, "last_resolution_business_position", "created_business_position"),
    ),
    Figure(
        "requester_wait_min",
        MINUTES,
        "Time spent in `new`, `open` and `on_hold` (the customer waits), up to full "
        "resolution; `pending` is not counted. `null` unless resolved.",
        _once_resolved("requester_wait_seconds"),
        facts=(*RESOLVED_FACTS, "requester_wait_seconds"),
    ),
    Figure(
        "requester_wait_business_min",
        BUSINESS_MINUTES,
        _on_calendar("requester_wait_min"),
        _once_resolved("requester_wait_business_seconds"),
        facts=(*RESOLVED_FACTS, "requester_wait_business_seconds"),
    ),
    Figure(
        "on_hold_min",
        MINUTES,
        "Time spent in `on_hold`, up to full resolution. `null` unless resolved.",
        _once_resolved("on_hold_seconds"),
        facts=(*RESOLVED_FACTS, "on_hold_seconds"),
    ),
    Figure(
        "on_hold_business_min",
        BUSINESS_MINUTES,
        _on_calendar("on_hold_min"),
        _once_resolved("on_hold_business_seconds"),
        facts=(*RESOLVED_FACTS, "on_hold_business_seconds"),
    ),
    Figure(
        "reopens",
        COUNT,
        "Moves from `solved` or `closed` to any of `new`, `open`, `pending`, `on_hold`. A "
        "customer message on a solved ticket is not a reopen unless a status change follows.",
        lambda parts: parts.table.reopens.fill_null(0),
        facts=("reopens",),
    ),
    Figure(
        "agent_replies",
        COUNT,
        "Public agent replies.",
        lambda parts: parts.table.agent_replies.fill_null(0),
        facts=("agent_replies",),
    ),
    Figure(
        "customer_follow_ups",
        COUNT,
        "Customer messages that chase the vendor: after the first between two public agent "
        "replies, while the customer waits (`new`, `open`, `on_hold`; not `pending`).",
        lambda parts: parts.table.customer_chases.fill_null(0),
        facts=("customer_chases",),
    ),
    Figure(
        "hollow_replies",
        COUNT,
        "public agent replies that are hollow",
        _fact("hollow_replies"),
        facts=("hollow_replies",),
    ),
    Figure(
        "generic_advice_replies",
        COUNT,
        "public agent replies labelled `generic_advice`",
        _fact("generic_advice_replies"),
        facts=("generic_advice_replies",),
    ),
    Figure(
        "eta_replies",
        COUNT,
        "public agent replies labelled `eta`",
        _fact("eta_replies"),
        facts=("eta_replies",),
    ),
    Figure(
        "next_update_replies",
        COUNT,
        "public agent replies labelled `next_update`",
        _fact("next_update_replies"),
        facts=("next_update_replies",),
    ),
    Figure(
        "diagnosis_replies",
        COUNT,
        "public agent replies labelled `diagnosis`",
        _fact("diagnosis_replies"),
        facts=("diagnosis_replies",),
    ),
    Figure(
        "asks_for_info_replies",
        COUNT,
        "public agent replies labelled `asks_for_info`",
        _fact("asks_for_info_replies"),
        facts=("asks_for_info_replies",),
    ),
    Figure(
        "expert_replies",
        COUNT,
        "public agent replies using a technical term relevant to the ticket's category "
        "(given or inferred), or to its scenario when it has none",
        _fact("expert_replies"),
        facts=("expert_replies",),
    ),
    Figure(
        "one_touch",
        FLAG,
        "Resolved after exactly one public agent reply and never reopened; `null` unless resolved.",
        lambda parts: when(
            parts.resolved,
            (parts.table.agent_replies.fill_null(0) == 1) & (parts.table.reopens.fill_null(0) == 0),
        ),
        facts=(*RESOLVED_FACTS, "agent_replies", "reopens"),
    ),
    Figure(
        "repeat",
        FLAG,
        "A later ticket of the same vendor, `account` and `category` was created within the "
        "repeat window after this one (`[metrics] repeat_window_days`, default 7). `null` "
        "when the ticket has no account or category.",
        _fact("repeat"),
        columns=("account",),
        joins=("repeats",),
    ),
    Figure(
        "max_update_gap_min",
        MINUTES,
        "Longest silence of the vendor while the customer waited: time in `new`, `open` or "
        "`on_hold` between creation or a public agent reply and the next public agent reply, "
        "resolution, or (for a ticket still open) its last recorded event. Customer "
        "messages, notes and auto replies do not break a silence. `null` for a ticket "
        "without events.",
        lambda parts: parts.table.max_update_gap_seconds / 60.0,
        facts=("max_update_gap_seconds",),
    ),
    Figure(
        "max_update_gap_business_min",
        BUSINESS_MINUTES,
        _on_calendar("max_update_gap_min"),
        lambda parts: parts.table.max_update_gap_business_seconds / 60.0,
        facts=("max_update_gap_business_seconds",),
    ),
    Figure(
        "created_local_hour",
        "hour 0–23",
        "Hour of creation in the customer's clock: the ticket's `timezone`, else the main "
        "zone of its `region`, else the UTC offset written in `created_at`; `null` when none "
        "is known.",
        lambda parts: parts.created_local_hour,
        columns=_LOCAL_TIME_COLUMNS,
        joins=("region_zones",),
    ),
    Figure(
        "created_local_weekday",
        "weekday 0–6",
        "Weekday of creation in the customer's clock, Monday 0 to Sunday 6; `null` when the "
        "zone is unknown.",
        lambda parts: parts.created_local_time.day_of_week.index().cast("int32"),
        columns=_LOCAL_TIME_COLUMNS,
        joins=("region_zones",),
    ),
    Figure(
        "created_off_hours",
        FLAG,
        "Created while the vendor's support calendar was closed (never on `24x7`).",
        lambda parts: ~parts.table.created_in_hours,
        facts=("created_in_hours",),
    ),
    Figure(
        "created_peak_hours",
        FLAG,
        "Created in the customer-local evening peak of its region (19:00–23:00 by default; "
        "21:00–03:00 during Ramadan in Muslim-majority regions; configurable per region, see "
        "[settings.md](settings.md)); `null` when the zone is unknown.",
        lambda parts: peak_hours(
            parts.created_local_time,
            parts.table.region,
            parts.options.region_clocks,
            first=parts.options.period[0],
            last=parts.options.period[1],
        ),
        columns=_LOCAL_TIME_COLUMNS,
        joins=("region_zones",),
    ),
    _sla(
        "sla_first_response_target_min",
        "the vendor's first-response target for the ticket's priority, on its SLA clock; "
        "`null` when none is set",
        _fact("first_response_target"),
    ),
    _sla(
        "sla_first_response_over_min",
        "first response minus target (negative: within target)",
        _sla_over(_SLA_RESPONSE, "first_response_target"),
        _SLA_RESPONSE,
    ),
    _sla(
        "sla_first_response_breached",
        "first response after the target; with no response, true once the ticket's "
        "recorded history already ran past the target, `null` before that; `null` without "
        "a target",
        _sla_breached(_SLA_RESPONSE, "first_response_target"),
        (*_SLA_RESPONSE, *_SLA_HISTORY),
    ),
    _sla(
        "sla_resolution_target_min",
        "the vendor's resolution target for the ticket's priority; `null` when none is set",
        _fact("resolution_target"),
    ),
    _sla(
        "sla_resolution_over_min",
        "full resolution minus target (negative: within target)",
        _sla_over(_SLA_RESOLUTION, "resolution_target"),
        _SLA_RESOLUTION,
    ),
    _sla(
        "sla_resolution_breached",
        "full resolution after the target, decided like `sla_first_response_breached`",
        _sla_breached(_SLA_RESOLUTION, "resolution_target"),
        (*_SLA_RESOLUTION, *_SLA_HISTORY),
    ),
    _sla(
        "sla_update_target_min",
        "the vendor's `update_every` target for the ticket's priority; `null` when none is set",
        _fact("update_every_target"),
    ),
    _sla(
        "sla_update_over_min",
        "the longest vendor silence while the customer waited (`max_update_gap`) minus the target",
        _sla_over(_SLA_UPDATE, "update_every_target"),
        _SLA_UPDATE,
    ),
    _sla(
        "sla_update_breached",
        "the longest vendor silence ran past the target; `null` without a target or a gap",
        _sla_update_breached,
        _SLA_UPDATE,
    ),
    # Read by the SLA figures: the response clock's start to the last recorded row.
    Figure(
        "history_min",
        MINUTES,
        "from the response clock's start to the ticket's last recorded row",
        lambda parts: minutes_between(parts.clock_start_sec, parts.table.last_row_sec),
        facts=(*CLOCK_START_FACTS, "last_row_sec"),
        public=False,
    ),
    Figure(
        "history_business_min",
        BUSINESS_MINUTES,
        _on_calendar("history_min"),
        lambda parts: minutes_between(
            parts.clock_start_business_position, parts.table.last_row_business_position
        ),
        facts=(*CLOCK_START_BUSINESS_FACTS, "last_row_business_position"),
        public=False,
    ),
)
FIGURES_BY_NAME = {figure.name: figure for figure in FIGURES}
# Order of the per-ticket fields: the public interface of `metrics tickets`.
TICKET_FIELDS = tuple(figure.name for figure in FIGURES if figure.public)
# The durations that summaries give percentiles of.
DURATION_FIELDS = tuple(
    name for name in TICKET_FIELDS if name.endswith("_min") and not name.startswith("sla_")
)
SLA_FIELDS = tuple(name for name in TICKET_FIELDS if name.startswith("sla_"))
