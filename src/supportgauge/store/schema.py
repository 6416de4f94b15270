"""The store's tables and the migrations that create and evolve them."""

from __future__ import annotations

from dataclasses import dataclass

# Ticket columns kept in the store, in order: the canonical ones plus provenance.
TICKET_STORE_COLUMNS = (
    "vendor",
    "ticket_id",
    "created_at",
    "created_utc_offset_min",
    "priority",
    "account",
    "scenario",
    "region",
    "timezone",
    "category",
    "channel",
    "subject",
    "description",
    "probe_id",
)
EVENT_STORE_COLUMNS = (
    "vendor",
    "ticket_id",
    "event_key",
    "seq",
    "ts",
    "kind",
    "author",
    "public",
    "body",
    "status",
    "event_id",
)

# Columns of the optional tables, in their stored order (then import_id).
OPTIONAL_TABLE_COLUMNS = {
    "vendors": (
        "vendor",
        "claimed_hours",
        "calendar",
        "claimed_first_response_p1_min",
        "claimed_first_response_p2_min",
        "claimed_first_response_p3_min",
        "claimed_first_response_p4_min",
        "claimed_fcr_rate",
        "claimed_repeat_rate",
    ),
    "ratings": ("period", "vendor", "rater", "dimension", "score", "comment"),
    "proactive": ("vendor", "ts", "kind", "title", "body", "account", "category"),
    "probes": ("probe_id", "scenario", "question", "key_points"),
}


@dataclass(frozen=True)
class Migration:
    """One step of the schema; `version` is the schema version it leaves behind."""

    version: int
    description: str
    statements: tuple[str, ...]


_TICKET_FIELDS = """
    vendor VARCHAR NOT NULL,
    ticket_id VARCHAR NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    created_utc_offset_min INTEGER,
    priority VARCHAR NOT NULL,
    account VARCHAR,
    scenario VARCHAR,
    region VARCHAR,
    timezone VARCHAR,
    category VARCHAR,
    channel VARCHAR,
    subject VARCHAR,
    description VARCHAR,
    probe_id VARCHAR,
    import_id INTEGER NOT NULL
"""

MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        1,
        "canonical tickets and events, import log, ticket history, optional tables",
        (
            """CREATE TABLE imports (
                import_id INTEGER PRIMARY KEY,
                started_at TIMESTAMPTZ NOT NULL,
                source_format VARCHAR NOT NULL,
                files VARCHAR NOT NULL,
                tickets_added BIGINT NOT NULL,
                tickets_updated BIGINT NOT NULL,
                tickets_unchanged BIGINT NOT NULL,
                events_added BIGINT NOT NULL,
                events_unchanged BIGINT NOT NULL,
                rows_rejected BIGINT NOT NULL
            )""",
            f"CREATE TABLE tickets ({_TICKET_FIELDS})",
            # Earlier versions of tickets that a newer export changed: nothing is lost.
            f"""CREATE TABLE ticket_versions ({_TICKET_FIELDS},
                superseded_by_import INTEGER NOT NULL)""",
            """CREATE TABLE events (
                vendor VARCHAR NOT NULL,
                ticket_id VARCHAR NOT NULL,
                event_key VARCHAR NOT NULL,
                seq BIGINT NOT NULL,
                ts TIMESTAMPTZ NOT NULL,
                kind VARCHAR NOT NULL,
                author VARCHAR,
                public BOOLEAN NOT NULL,
                body VARCHAR,
                status VARCHAR,
                event_id VARCHAR,
                import_id INTEGER NOT NULL
            )""",
            """CREATE TABLE vendors (
                vendor VARCHAR NOT NULL,
                claimed_hours VARCHAR,
                calendar VARCHAR,
                claimed_first_response_p1_min DOUBLE,
                claimed_first_response_p2_min DOUBLE,
                claimed_first_response_p3_min DOUBLE,
                claimed_first_response_p4_min DOUBLE,
                claimed_fcr_rate DOUBLE,
                claimed_repeat_rate DOUBLE,
                import_id INTEGER NOT NULL
            )""",
            """CREATE TABLE ratings (
                period VARCHAR NOT NULL,
                vendor VARCHAR NOT NULL,
                rater VARCHAR NOT NULL,
                dimension VARCHAR NOT NULL,
                score DOUBLE NOT NULL,
                comment VARCHAR,
                import_id INTEGER NOT NULL
            )""",
            """CREATE TABLE proactive (
                vendor VARCHAR NOT NULL,
                ts TIMESTAMPTZ NOT NULL,
                kind VARCHAR NOT NULL,
                title VARCHAR,
                body VARCHAR,
                account VARCHAR,
                import_id INTEGER NOT NULL
            )""",
            """CREATE TABLE probes (
                probe_id VARCHAR NOT NULL,
                scenario VARCHAR,
                question VARCHAR NOT NULL,
                key_points VARCHAR,
                import_id INTEGER NOT NULL
            )""",
        ),
    ),
    Migration(
        2,
        "readings of reply texts, terms per category, inferred ticket categories",
        (
            # One reading per distinct reply text (by its MD5), from one lexicon version.
            """CREATE TABLE reply_readings (
                body_md5 VARCHAR NOT NULL,
                lexicon_version VARCHAR NOT NULL,
                labels VARCHAR[] NOT NULL,
                terms VARCHAR[] NOT NULL,
                category VARCHAR
            )""",
            # Terms relevant to each category or scenario: the measure of technical depth.
            """CREATE TABLE relevant_terms (
                lexicon_version VARCHAR NOT NULL,
                relevance_key VARCHAR NOT NULL,
                term VARCHAR NOT NULL
            )""",
            # Kept apart from `category` so nothing a user imported is changed.
            "ALTER TABLE tickets ADD COLUMN category_inferred VARCHAR",
            # The MD5 of a reply's text, to find its reading without hashing at every query.
            "ALTER TABLE events ADD COLUMN body_md5 VARCHAR",
            """UPDATE events SET body_md5 = md5(body)
               WHERE kind IN ('agent_reply', 'auto_reply') AND body IS NOT NULL""",
            "ALTER TABLE ticket_versions ADD COLUMN category_inferred VARCHAR",
        ),
    ),
    Migration(
        3,
        "events with a source id are known by it alone: no content key stored for them",
        (
            "ALTER TABLE events ALTER COLUMN event_key DROP NOT NULL",
            "UPDATE events SET event_key = NULL WHERE event_id IS NOT NULL",
        ),
    ),
    Migration(
        4,
        "earlier versions of edited events; every import's full row accounting",
        (
            # An event a newer export changed (same id, other body): nothing is lost.
            """CREATE TABLE event_versions AS
               SELECT *, 0 AS superseded_by_import FROM events WHERE false""",
            "ALTER TABLE imports ADD COLUMN events_updated BIGINT DEFAULT 0",
            # Per table: rows read, added, updated, unchanged, merged (by rule), rejected.
            "ALTER TABLE imports ADD COLUMN accounting VARCHAR",
        ),
    ),
    Migration(
        5,
        "proactive records may name the issue category they concern",
        # Older records name none: they keep matching tickets by account alone.
        ("ALTER TABLE proactive ADD COLUMN category VARCHAR",),
    ),
)

SCHEMA_VERSION = MIGRATIONS[-1].version
