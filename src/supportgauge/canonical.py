"""The canonical tables users import: columns, required fields, allowed values."""

from __future__ import annotations

from dataclasses import dataclass

TICKET_KINDS = (
    "customer_message",
    "agent_reply",
    "auto_reply",
    "internal_note",
    "status_change",
    "diagnosis",
    "priority_change",
)
STATUSES = ("new", "open", "pending", "on_hold", "solved", "closed")
OPEN_STATUSES = ("new", "open", "pending", "on_hold")
RESOLVED_STATUSES = ("solved", "closed")
# The customer waits in these; in `pending` the vendor waits on the customer.
REQUESTER_WAIT_STATUSES = ("new", "open", "on_hold")
PRIORITIES = ("P1", "P2", "P3", "P4")
PRIORITY_ALIASES = {"urgent": "P1", "high": "P2", "normal": "P3", "low": "P4"}
SCENARIOS = ("one_to_one_social", "show_live", "voice_room", "game_voice", "other")
STATUS_ALIASES = {
    "on-hold": "on_hold",
    "on hold": "on_hold",
    "onhold": "on_hold",
    "hold": "on_hold",
    "resolved": "solved",
    "reopened": "open",
}


@dataclass(frozen=True)
class Column:
    """One column of a canonical table."""

    name: str
    type: str  # DuckDB type of the stored column
    required: bool = False
    description: str = ""


TICKET_COLUMNS = (
    Column("ticket_id", "VARCHAR", True, "unique within its vendor"),
    Column("vendor", "VARCHAR", True, "the vendor whose support is evaluated"),
    Column("created_at", "TIMESTAMPTZ", True, "when the customer raised it"),
    Column("priority", "VARCHAR", True, "P1..P4 (aliases: urgent, high, normal, low)"),
    Column("account", "VARCHAR", False, "the customer's app or account"),
    Column("scenario", "VARCHAR", False, "the business scenario it tests: " + ", ".join(SCENARIOS)),
    Column("region", "VARCHAR", False, "ISO 3166-1 alpha-2 country of the affected end users"),
    Column("timezone", "VARCHAR", False, "IANA zone of the reporting customer team"),
    Column("category", "VARCHAR", False, "issue category (see taxonomy)"),
    Column("channel", "VARCHAR", False, "as in any help desk"),
    Column("subject", "VARCHAR", False, "as in any help desk"),
    Column("description", "VARCHAR", False, "as in any help desk"),
    Column("probe_id", "VARCHAR", False, "set when the ticket is a stress-test probe"),
)

EVENT_COLUMNS = (
    Column("ticket_id", "VARCHAR", True, "the ticket"),
    Column("vendor", "VARCHAR", True, "the ticket's vendor"),
    Column("ts", "TIMESTAMPTZ", True, "when it happened"),
    Column("kind", "VARCHAR", True, "one of " + ", ".join(TICKET_KINDS)),
    Column("author", "VARCHAR", False, "who"),
    Column("public", "BOOLEAN", False, "default true for messages and replies, false for notes"),
    Column("body", "VARCHAR", False, "text of a message or reply"),
    Column("status", "VARCHAR", False, "for status_change: one of " + ", ".join(STATUSES)),
    Column("event_id", "VARCHAR", False, "the source system's id of the event, when it has one"),
)

VENDOR_COLUMNS = (
    Column("vendor", "VARCHAR", True, "the vendor"),
    Column("claimed_hours", "VARCHAR", False, "claimed support hours, e.g. 7x24"),
    Column("calendar", "VARCHAR", False, "name of the support calendar in supportgauge.toml"),
    Column("claimed_first_response_p1_min", "DOUBLE", False, "claimed first response, P1, min"),
    Column("claimed_first_response_p2_min", "DOUBLE", False, "claimed first response, P2, min"),
    Column("claimed_first_response_p3_min", "DOUBLE", False, "claimed first response, P3, min"),
    Column("claimed_first_response_p4_min", "DOUBLE", False, "claimed first response, P4, min"),
    Column("claimed_fcr_rate", "DOUBLE", False, "claimed first-contact resolution rate, 0..1"),
    Column("claimed_repeat_rate", "DOUBLE", False, "claimed repeat-failure rate, 0..1"),
)

# The five dimensions a vendor's support is scored on, by their machine-readable keys.
DIMENSIONS = (
    "response_speed",
    "technical_expertise",
    "resolution_quality",
    "communication",
    "proactive_service",
)

RATING_COLUMNS = (
    Column("period", "VARCHAR", True, "the month rated, YYYY-MM"),
    Column("vendor", "VARCHAR", True, "the vendor rated"),
    Column("rater", "VARCHAR", True, "who rated (a person or team)"),
    Column("dimension", "VARCHAR", True, "one of " + ", ".join(DIMENSIONS)),
    Column("score", "DOUBLE", True, "the rating, 1 to 5"),
    Column("comment", "VARCHAR", False, "free text"),
)

PROACTIVE_KINDS = ("post_event_review", "preventive_check", "risk_notice", "capacity_plan")

PROACTIVE_COLUMNS = (
    Column("vendor", "VARCHAR", True, "the vendor that did the work"),
    Column("ts", "TIMESTAMPTZ", True, "when the vendor delivered it"),
    Column("kind", "VARCHAR", True, "one of " + ", ".join(PROACTIVE_KINDS)),
    Column("title", "VARCHAR", False, "its title"),
    Column("body", "VARCHAR", False, "its text"),
    Column("account", "VARCHAR", False, "the customer account concerned"),
    Column("category", "VARCHAR", False, "the issue category it concerns"),
)

PROBE_COLUMNS = (
    Column("probe_id", "VARCHAR", True, "id referenced by tickets.probe_id"),
    Column("scenario", "VARCHAR", False, "the business scenario it tests: " + ", ".join(SCENARIOS)),
    Column("question", "VARCHAR", True, "the probe question"),
    Column("key_points", "VARCHAR", False, "key points expected in a good answer, ';'-separated"),
)

TABLES: dict[str, tuple[Column, ...]] = {
    "tickets": TICKET_COLUMNS,
    "events": EVENT_COLUMNS,
    "vendors": VENDOR_COLUMNS,
    "ratings": RATING_COLUMNS,
    "proactive": PROACTIVE_COLUMNS,
    "probes": PROBE_COLUMNS,
}


def missing_required_columns(table_name: str, column_names: list[str]) -> list[str]:
    """Required columns of a canonical table that a file lacks."""
    present = set(column_names)
    return [c.name for c in TABLES[table_name] if c.required and c.name not in present]


def missing_columns_message(file_label: str, table_name: str, missing: list[str]) -> str:
    """The error for a file that lacks required columns."""
    names = ", ".join(f"'{name}'" for name in missing)
    plural = "columns" if len(missing) > 1 else "column"
    return (
        f"{file_label}: no {names} {plural}, required in {table_name}. "
        f"Add the {plural} or rename yours to supportgauge's names (docs/importing.md)."
    )
