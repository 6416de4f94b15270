"""Write staged, valid rows into the store's tables without duplicating anything."""

from __future__ import annotations

import duckdb

from supportgauge.store.column_rules import quote_identifier
from supportgauge.store.duckdb import scalar
from supportgauge.store.repeats import OPTIONAL_TABLE_KEYS
from supportgauge.store.schema import OPTIONAL_TABLE_COLUMNS, TICKET_STORE_COLUMNS
from supportgauge.store.staging import StagedTable

# The vendor's replies: their text gets a reading, found by its MD5.
READ_KINDS = ("agent_reply", "auto_reply")
# Messages and replies are public unless the file says otherwise; everything else is not.
_PUBLIC_BY_DEFAULT = ("customer_message", "agent_reply", "auto_reply")


def _id_key(alias: str) -> str:
    """The key of an event with a source id, in the table aliased `alias` (NULL without)."""
    return f"'id:' || {alias}.event_id"


def _count(connection: duckdb.DuckDBPyConnection, sql: str) -> int:
    return int(scalar(connection, sql) or 0)


def write_tickets(
    connection: duckdb.DuckDBPyConnection, valid_sql: str, staged: StagedTable, import_id: int
) -> dict[str, int]:
    """Add new tickets, replace changed ones (keeping the old version), skip unchanged ones."""
    incoming_columns = []
    for column in TICKET_STORE_COLUMNS:
        if column == "created_utc_offset_min":
            incoming_columns.append("i.created_at__offset_min AS created_utc_offset_min")
        elif column in ("vendor", "ticket_id") or column in staged.present_columns:
            incoming_columns.append(f"i.{quote_identifier(column)}")
        else:
            # A column this export lacks keeps what the store knew.
            incoming_columns.append(f"t.{quote_identifier(column)}")
    differs = " OR ".join(
        f"n.{quote_identifier(c)} IS DISTINCT FROM t.{quote_identifier(c)}"
        for c in TICKET_STORE_COLUMNS
    )
    connection.execute(
        f"""CREATE OR REPLACE TEMP TABLE incoming_tickets AS
            SELECT n.*, CASE WHEN t.ticket_id IS NULL THEN 'added'
                             WHEN {differs} THEN 'updated' ELSE 'unchanged' END AS change
            FROM (SELECT {", ".join(incoming_columns)}
                  FROM {valid_sql} i
                  LEFT JOIN tickets t ON t.vendor = i.vendor AND t.ticket_id = i.ticket_id) n
            LEFT JOIN tickets t ON t.vendor = n.vendor AND t.ticket_id = n.ticket_id"""
    )
    connection.execute(
        f"""INSERT INTO ticket_versions BY NAME
            SELECT t.*, {import_id} AS superseded_by_import FROM tickets t
            JOIN incoming_tickets c ON c.vendor = t.vendor AND c.ticket_id = t.ticket_id
            WHERE c.change = 'updated'"""
    )
    connection.execute(
        """DELETE FROM tickets t USING incoming_tickets c
           WHERE c.vendor = t.vendor AND c.ticket_id = t.ticket_id AND c.change = 'updated'"""
    )
    columns = ", ".join(quote_identifier(c) for c in TICKET_STORE_COLUMNS)
    connection.execute(
        f"""INSERT INTO tickets BY NAME
            SELECT {columns}, {import_id} AS import_id FROM incoming_tickets
            WHERE change IN ('added', 'updated')"""
    )
    counts = dict(
        connection.execute("SELECT change, count(*) FROM incoming_tickets GROUP BY ALL").fetchall()
    )
    connection.execute("DROP TABLE incoming_tickets")
    return {key: int(counts.get(key, 0)) for key in ("added", "updated", "unchanged")}


def write_events(
    connection: duckdb.DuckDBPyConnection, valid_sql: str, import_id: int, *, incoming_rows: int
) -> dict[str, int]:
    """Add events the store lacks, update edited ones (same id, other values), skip the rest."""
    public_kinds = ", ".join(f"'{kind}'" for kind in _PUBLIC_BY_DEFAULT)
    reply_kinds = ", ".join(f"'{kind}'" for kind in READ_KINDS)
    public = f"coalesce(v.public, v.kind IN ({public_kinds}))"
    body_md5 = f"CASE WHEN v.kind IN ({reply_kinds}) THEN md5(v.body) END"
    updated = _update_edited_events(connection, valid_sql, import_id, public, body_md5)
    # Without a source id, an event is known by its ticket, its content and its occurrence
    # number among identical events of the ticket, so importing a file twice adds nothing.
    base_key = f"""CASE WHEN v.event_id IS NOT NULL THEN {_id_key("v")}
        ELSE 'h:' || md5(concat_ws(chr(31), v.vendor, v.ticket_id, v.kind,
            CAST(epoch_us(v.ts) AS VARCHAR), coalesce(v.author, ''), CAST({public} AS VARCHAR),
            coalesce(v.body, ''), coalesce(v.status, ''))) END"""
    # Identical events are rare: number only those, not every row.
    connection.execute(
        f"""CREATE OR REPLACE TEMP TABLE repeated_events AS
            WITH keyed AS (
                SELECT v._stage_row, {base_key} AS base_key FROM {valid_sql} v
                WHERE v.event_id IS NULL)
            SELECT _stage_row, row_number() OVER (PARTITION BY base_key ORDER BY _stage_row)
                AS occurrence
            FROM keyed
            WHERE base_key IN (SELECT base_key FROM keyed GROUP BY base_key HAVING count(*) > 1)"""
        if _count(
            connection,
            f"SELECT count(*) FROM (SELECT 1 FROM {valid_sql} v WHERE v.event_id IS NULL LIMIT 1)",
        )
        else "CREATE OR REPLACE TEMP TABLE repeated_events (_stage_row BIGINT, occurrence BIGINT)"
    )
    # An event with a source id is known by it: its key is not stored, only matched.
    inserted = connection.execute(
        f"""INSERT INTO events BY NAME
            WITH incoming AS (
                SELECT v.vendor, v.ticket_id,
                    {base_key} || CASE WHEN v.event_id IS NULL
                        THEN ':' || coalesce(r.occurrence, 1) ELSE '' END AS match_key,
                    CAST({import_id} AS BIGINT) * 10000000000 + v._stage_row AS seq,
                    v.ts, v.kind, v.author, {public} AS public, v.body, v.status, v.event_id,
                    {body_md5} AS body_md5,
                    {import_id} AS import_id
                FROM {valid_sql} v LEFT JOIN repeated_events r USING (_stage_row)
            )
            SELECT i.* EXCLUDE (match_key),
                CASE WHEN i.event_id IS NULL THEN i.match_key END AS event_key
            FROM incoming i
            ANTI JOIN events e ON coalesce({_id_key("e")}, e.event_key) = i.match_key
                AND e.vendor = i.vendor AND e.ticket_id = i.ticket_id"""
    ).fetchall()
    added = int(inserted[0][0]) if inserted else 0
    connection.execute("DROP TABLE repeated_events")
    return {"added": added, "updated": updated, "unchanged": incoming_rows - added - updated}


_EDITABLE = ("ts", "kind", "author", "public", "body", "status", "body_md5")


def _update_edited_events(
    connection: duckdb.DuckDBPyConnection,
    valid_sql: str,
    import_id: int,
    public_sql: str,
    body_md5_sql: str,
) -> int:
    """Events known by id whose values changed: keep the stored version, store the new one."""
    if not _count(connection, "SELECT count(*) FROM (SELECT 1 FROM events LIMIT 1)"):
        return 0
    values = ", ".join(f"i.{column}" for column in _EDITABLE)
    differs = " OR ".join(f"i.{c} IS DISTINCT FROM e.{c}" for c in _EDITABLE)
    connection.execute(
        f"""CREATE OR REPLACE TEMP TABLE edited_events AS
            SELECT i.vendor, i.ticket_id, i.event_id, {values}
            FROM (SELECT v.vendor, v.ticket_id, v.event_id, v.ts, v.kind, v.author,
                         {public_sql} AS public, v.body, v.status, {body_md5_sql} AS body_md5
                  FROM {valid_sql} v WHERE v.event_id IS NOT NULL) i
            JOIN events e ON e.vendor = i.vendor AND e.ticket_id = i.ticket_id
                AND e.event_id = i.event_id
            WHERE {differs}"""
    )
    edited = _count(connection, "SELECT count(*) FROM edited_events")
    if edited:
        same_event = "e.vendor = c.vendor AND e.ticket_id = c.ticket_id AND e.event_id = c.event_id"
        connection.execute(
            f"""INSERT INTO event_versions BY NAME
                SELECT e.*, {import_id} AS superseded_by_import FROM events e
                JOIN edited_events c ON {same_event}"""
        )
        assignments = ", ".join(f"{column} = c.{column}" for column in _EDITABLE)
        connection.execute(
            f"""UPDATE events e SET {assignments}, import_id = {import_id}
                FROM edited_events c WHERE {same_event}"""
        )
    connection.execute("DROP TABLE edited_events")
    return edited


def write_optional_table(
    connection: duckdb.DuckDBPyConnection,
    name: str,
    valid_sql: str,
    import_id: int,
) -> dict[str, int]:
    """Rows with a new key are added; a changed row replaces the stored one with its key."""
    columns = OPTIONAL_TABLE_COLUMNS[name]
    keys = OPTIONAL_TABLE_KEYS[name]
    quoted = ", ".join(quote_identifier(c) for c in columns)
    same_key = " AND ".join(
        f"s.{quote_identifier(k)} IS NOT DISTINCT FROM i.{quote_identifier(k)}" for k in keys
    )
    same_row = " AND ".join(
        f"s.{quote_identifier(c)} IS NOT DISTINCT FROM i.{quote_identifier(c)}" for c in columns
    )
    # The staging step left one row per key: merged when identical, refused when not.
    connection.execute(
        f"""CREATE OR REPLACE TEMP TABLE incoming_{name} AS
            SELECT {quoted}, CASE
                WHEN EXISTS (SELECT 1 FROM {name} s WHERE {same_row}) THEN 'unchanged'
                WHEN EXISTS (SELECT 1 FROM {name} s WHERE {same_key}) THEN 'updated'
                ELSE 'added' END AS change
            FROM {valid_sql} i"""
    )
    counts = dict(
        connection.execute(f"SELECT change, count(*) FROM incoming_{name} GROUP BY ALL").fetchall()
    )
    connection.execute(f"DELETE FROM incoming_{name} WHERE change = 'unchanged'")
    connection.execute(
        f"DELETE FROM {name} s WHERE EXISTS (SELECT 1 FROM incoming_{name} i WHERE {same_key})"
    )
    # By name: a column a migration added sits after import_id in the stored table.
    connection.execute(
        f"INSERT INTO {name} ({quoted}, import_id) "
        f"SELECT {quoted}, {import_id} FROM incoming_{name}"
    )
    connection.execute(f"DROP TABLE incoming_{name}")
    return {key: int(counts.get(key, 0)) for key in ("added", "updated", "unchanged")}
