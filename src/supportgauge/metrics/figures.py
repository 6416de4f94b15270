"""Every per-ticket figure, declared once: the registry behind `metrics tickets`.

Each `Figure` names its field, unit and definition (docs/metrics.md's field list is
tested against them), the facts and ticket columns it reads, and how it is built from
the shared parts (`metrics.figure_parts`). The order here is the public field order.
Adding a figure is adding its declaration here, or an SLA figure's to
`metrics.sla_figures` (and its facts to `metrics.facts`); the builders they share are in
`metrics.figure_builders`.
"""

from __future__ import annotations

from supportgauge.metrics.figure import Figure
from supportgauge.metrics.figure_builders import (
    BUSINESS_MINUTES,
    COUNT,
    FLAG,
    LOCATE_FACTS,
    MINUTES,
    RESPONSE_FACTS,
    SUBSTANTIVE_FACTS,
    business_response,
    fact,
    first_response_hollow,
    located,
    on_calendar,
    once_resolved,
    response,
    since_business_creation,
    since_creation,
    stored,
)
from supportgauge.metrics.figure_parts import (
    CLOCK_START_BUSINESS_FACTS,
    CLOCK_START_FACTS,
    RESOLVED_FACTS,
    VENDOR_OPENED_FACTS,
    minutes_between,
    when,
)
from supportgauge.metrics.peak_hours import peak_hours
from supportgauge.metrics.sla_figures import SLA_FIGURES

# Ticket columns the customer's clock reads: its zone, its region's, its written offset.
_LOCAL_TIME_COLUMNS = ("timezone", "region", "created_utc_offset_min")


FIGURES: tuple[Figure, ...] = (
    stored("ticket_id", "the ticket's id in its help desk, unique within its vendor"),
    stored("vendor", "the vendor whose support is judged"),
    stored("priority", "`P1` (most urgent) to `P4`"),
    stored("scenario", "the customer's business scenario, e.g. `show_live`"),
    stored("region", "ISO 3166-1 alpha-2 country of the affected end users"),
    stored("account", "the customer's app or account"),
    stored("category", "the issue category as imported"),
    stored("created_at", "when the customer raised the ticket", "UTC timestamp (ISO 8601)"),
    stored(
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
        lambda parts: response(parts, "first_reply_sec", "first_reply_after_customer_sec"),
        facts=RESPONSE_FACTS,
    ),
    Figure(
        "first_response_business_min",
        BUSINESS_MINUTES,
        on_calendar("first_response_min"),
        lambda parts: business_response(
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
        first_response_hollow,
        facts=(*VENDOR_OPENED_FACTS, "first_reply_after_customer_sec", *SUBSTANTIVE_FACTS),
    ),
    Figure(
        "substantive_response_min",
        MINUTES,
        "from the response clock's start to the first public agent reply that is not hollow",
        lambda parts: response(parts, *SUBSTANTIVE_FACTS),
        facts=(*CLOCK_START_FACTS, *SUBSTANTIVE_FACTS),
    ),
    Figure(
        "substantive_response_business_min",
        BUSINESS_MINUTES,
        on_calendar("substantive_response_min"),
        lambda parts: business_response(
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
        lambda parts: response(parts, "real_answer_sec", "real_answer_after_customer_sec"),
        facts=(*CLOCK_START_FACTS, "real_answer_sec", "real_answer_after_customer_sec"),
    ),
    Figure(
        "first_real_answer_business_min",
        BUSINESS_MINUTES,
        on_calendar("first_real_answer_min"),
        lambda parts: business_response(
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
        lambda parts: minutes_between(parts.table.created_sec, located(parts, *LOCATE_FACTS)),
        facts=LOCATE_FACTS,
    ),
    Figure(
        "time_to_locate_business_min",
        BUSINESS_MINUTES,
        on_calendar("time_to_locate_min"),
        lambda parts: minutes_between(
            parts.table.created_business_position,
            located(
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
            located(parts, *LOCATE_FACTS).notnull(), parts.table.diagnosis_event_sec.isnull()
        ),
        facts=LOCATE_FACTS,
    ),
    Figure(
        "first_resolution_min",
        MINUTES,
        "Creation to the first time the ticket became resolved: a move into `solved` or "
        "`closed` from any other status. A ticket closed straight from an open state counts "
        "as resolved then.",
        since_creation("first_resolution_sec"),
        facts=("first_resolution_sec",),
    ),
    Figure(
        "first_resolution_business_min",
        BUSINESS_MINUTES,
        on_calendar("first_resolution_min"),
        since_business_creation("first_resolution_business_position"),
        facts=("first_resolution_business_position", "created_business_position"),
    ),
    Figure(
        "full_resolution_min",
        MINUTES,
        "Creation to the **last** time the ticket became resolved; `null` unless the "
        "ticket's latest status is `solved` or `closed` (a reopened ticket that is still "
        "open has no full resolution). `solved` then `closed` resolves at the solve.",
        lambda parts: when(parts.resolved, since_creation("last_resolution_sec")(parts)),
        facts=(*RESOLVED_FACTS, "last_resolution_sec"),
    ),
    Figure(
        "full_resolution_business_min",
        BUSINESS_MINUTES,
        on_calendar("full_resolution_min"),
        lambda parts: when(
            parts.resolved, since_business_creation("last_resolution_business_position")(parts)
        ),
        facts=(*RESOLVED_FACTS, "last_resolution_business_position", "created_business_position"),
    ),
    Figure(
        "requester_wait_min",
        MINUTES,
        "Time spent in `new`, `open` and `on_hold` (the customer waits), up to full "
        "resolution; `pending` is not counted. `null` unless resolved.",
        once_resolved("requester_wait_seconds"),
        facts=(*RESOLVED_FACTS, "requester_wait_seconds"),
    ),
    Figure(
        "requester_wait_business_min",
        BUSINESS_MINUTES,
        on_calendar("requester_wait_min"),
        once_resolved("requester_wait_business_seconds"),
        facts=(*RESOLVED_FACTS, "requester_wait_business_seconds"),
    ),
    Figure(
        "on_hold_min",
        MINUTES,
        "Time spent in `on_hold`, up to full resolution. `null` unless resolved.",
        once_resolved("on_hold_seconds"),
        facts=(*RESOLVED_FACTS, "on_hold_seconds"),
    ),
    Figure(
        "on_hold_business_min",
        BUSINESS_MINUTES,
        on_calendar("on_hold_min"),
        once_resolved("on_hold_business_seconds"),
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
        fact("hollow_replies"),
        facts=("hollow_replies",),
    ),
    Figure(
        "generic_advice_replies",
        COUNT,
        "public agent replies labelled `generic_advice`",
        fact("generic_advice_replies"),
        facts=("generic_advice_replies",),
    ),
    Figure(
        "eta_replies",
        COUNT,
        "public agent replies labelled `eta`",
        fact("eta_replies"),
        facts=("eta_replies",),
    ),
    Figure(
        "next_update_replies",
        COUNT,
        "public agent replies labelled `next_update`",
        fact("next_update_replies"),
        facts=("next_update_replies",),
    ),
    Figure(
        "diagnosis_replies",
        COUNT,
        "public agent replies labelled `diagnosis`",
        fact("diagnosis_replies"),
        facts=("diagnosis_replies",),
    ),
    Figure(
        "asks_for_info_replies",
        COUNT,
        "public agent replies labelled `asks_for_info`",
        fact("asks_for_info_replies"),
        facts=("asks_for_info_replies",),
    ),
    Figure(
        "expert_replies",
        COUNT,
        "public agent replies using a technical term relevant to the ticket's category "
        "(given or inferred), or to its scenario when it has none",
        fact("expert_replies"),
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
        fact("repeat"),
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
        on_calendar("max_update_gap_min"),
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
    *SLA_FIGURES,
)
FIGURES_BY_NAME = {figure.name: figure for figure in FIGURES}
# Order of the per-ticket fields: the public interface of `metrics tickets`.
TICKET_FIELDS = tuple(figure.name for figure in FIGURES if figure.public)
# The durations that summaries give percentiles of.
DURATION_FIELDS = tuple(
    name for name in TICKET_FIELDS if name.endswith("_min") and not name.startswith("sla_")
)
SLA_FIELDS = tuple(name for name in TICKET_FIELDS if name.startswith("sla_"))
