"""The set-wise queries that turn Zendesk warehouse tables into canonical rows.

`zendesk_warehouse_rows` registers the tables ``source_ticket``, ``source_ticket_comment``,
``source_ticket_field_history``, ``source_user``, ``status_map`` and ``priority_map``;
``$vendor`` fills in tickets without a vendor column.
"""

from __future__ import annotations

from collections.abc import Mapping

import pyarrow as pa

from supportgauge.store.scratch_engine import query_tables


def zendesk_warehouse_rows(
    tables: Mapping[str, pa.Table],
    *,
    statuses: Mapping[str, str],
    priorities: Mapping[str, str],
    vendor: str | None,
    default_priority: str,
) -> tuple[pa.Table, pa.Table]:
    """Canonical tickets and events (not yet checked) of the warehouse tables, by table
    name (ticket, ticket_comment, ticket_field_history, user); statuses and priorities
    map the export's values (lower case) to canonical ones."""
    registered = {f"source_{name}": table for name, table in tables.items()}
    registered["status_map"] = _mapping_table(statuses)
    registered["priority_map"] = _mapping_table(priorities)
    rows = query_tables(
        registered,
        {
            "tickets": (TICKETS_SQL, {"vendor": vendor, "default_priority": default_priority}),
            "events": (EVENTS_SQL, {"vendor": vendor}),
        },
    )
    return rows["tickets"], rows["events"]


def _mapping_table(mapping: Mapping[str, str]) -> pa.Table:
    return pa.table({"source": list(mapping), "target": list(mapping.values())})


TICKETS_SQL = """
SELECT
    t.id AS ticket_id,
    COALESCE(t.vendor, $vendor) AS vendor,
    t.created_at,
    COALESCE(p.target, $default_priority) AS priority,
    t.organization_id AS account,
    t.via_channel AS channel,
    t.subject,
    t.description,
    t._source_file,
    t._source_row
FROM source_ticket AS t
LEFT JOIN priority_map AS p ON p.source = lower(t.priority)
-- Deleted tickets stay in the table with this status; they are not support work.
WHERE COALESCE(lower(t.status), '') <> 'deleted'
ORDER BY t._source_file, t._source_row
"""

EVENTS_SQL = """
WITH roles AS (
    SELECT id, lower(role) AS role FROM source_user
),
comments AS (
    SELECT
        c.ticket_id,
        COALESCE(t.vendor, $vendor) AS vendor,
        c.created AS ts,
        CASE
            -- The system user (-1) writes the comments of triggers and automations.
            WHEN c.user_id = '-1' THEN CASE WHEN c.public THEN 'auto_reply' ELSE 'internal_note' END
            -- Without a user table the requester is the customer and anyone else an agent.
            WHEN COALESCE(
                r.role, CASE WHEN c.user_id = t.requester_id THEN 'end-user' ELSE 'agent' END
            ) IN ('agent', 'admin')
                THEN CASE WHEN c.public THEN 'agent_reply' ELSE 'internal_note' END
            ELSE 'customer_message'
        END AS kind,
        c.user_id AS author,
        COALESCE(c.public, TRUE) AS public,
        c.body,
        CAST(NULL AS VARCHAR) AS status,
        c.id AS event_id,
        c._source_file,
        c._source_row
    FROM source_ticket_comment AS c
    LEFT JOIN source_ticket AS t ON t.id = c.ticket_id
    LEFT JOIN roles AS r ON r.id = c.user_id
),
changes AS (
    SELECT
        h.ticket_id,
        COALESCE(t.vendor, $vendor) AS vendor,
        h.updated AS ts,
        CASE h.field_name WHEN 'status' THEN 'status_change' ELSE 'priority_change' END AS kind,
        h.user_id AS author,
        FALSE AS public,
        -- Events have no priority column: the new priority travels in the body.
        CASE WHEN h.field_name = 'priority' THEN p.target END AS body,
        CASE WHEN h.field_name = 'status' THEN s.target END AS status,
        -- The table has no id: ticket, field and instant identify a change across syncs.
        'field_history:' || h.ticket_id || ':' || h.field_name || ':'
            || CAST(epoch_us(h.updated) AS VARCHAR) AS event_id,
        h._source_file,
        h._source_row
    FROM source_ticket_field_history AS h
    LEFT JOIN source_ticket AS t ON t.id = h.ticket_id
    LEFT JOIN status_map AS s ON h.field_name = 'status' AND s.source = lower(h.value)
    LEFT JOIN priority_map AS p ON h.field_name = 'priority' AND p.source = lower(h.value)
    WHERE h.field_name IN ('status', 'priority') AND COALESCE(h.value, '') <> ''
)
SELECT * FROM comments
UNION ALL BY NAME
SELECT * FROM changes
ORDER BY ticket_id, ts, _source_file, _source_row
"""
