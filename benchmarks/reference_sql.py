"""Per-ticket figures and a vendor/priority summary as hand-written DuckDB SQL.

A reference for the benchmark and for tests: it reads the stored `tickets` and `events`
tables and computes the figures of docs/metrics.md the way a person would write fast
DuckDB SQL: one ordered window pass over each ticket's timeline, then two group-bys.
"""

from __future__ import annotations

import duckdb
import pyarrow as pa

# The per-ticket figures the references compute, in output order after the ticket's key.
FIGURES = (
    "first_response_min",
    "first_resolution_min",
    "full_resolution_min",
    "requester_wait_min",
    "on_hold_min",
    "reopens",
    "agent_replies",
    "one_touch",
    "max_update_gap_min",
)
SUMMARY_FIGURES = (
    "tickets",
    "first_response_min_p50",
    "first_response_min_p90",
    "full_resolution_min_p50",
    "full_resolution_min_p90",
    "reopened_rate",
)

# The timeline: creation (status new, before any event of the same second), then events by
# ts and import order. Tickets are numbered once so windows and groups key on an integer,
# not two strings. Every window shares one partition and order, so DuckDB sorts once.
# `status_before` is the status in effect just before a row; a status row changes it.
TIMELINE_SQL = """
WITH numbered AS MATERIALIZED (
    SELECT row_number() OVER () AS ticket_number, vendor, ticket_id, created_at, priority
    FROM tickets
),
rows AS (
    SELECT ticket_number, created_at AS ts, -1::BIGINT AS seq,
           'created' AS kind, false AS public, 'new' AS status
    FROM numbered
    UNION ALL
    SELECT n.ticket_number, e.ts, e.seq, e.kind, e.public,
           CASE WHEN e.kind = 'status_change' THEN e.status END
    FROM events e JOIN numbered n USING (vendor, ticket_id)
),
timeline AS (
    SELECT *,
        kind = 'agent_reply' AND public AS is_reply,
        kind = 'customer_message' AND public AS is_customer,
        epoch(lead(ts) OVER whole) - epoch(ts) AS segment_seconds,
        last_value(status IGNORE NULLS) OVER upto AS status_now,
        last_value(status IGNORE NULLS) OVER before AS status_before,
        count(*) FILTER (WHERE kind = 'agent_reply' AND public) OVER upto AS reply_group,
        count(*) FILTER (WHERE kind = 'customer_message' AND public) OVER upto AS customer_seen,
        row_number() OVER whole AS position
    FROM rows
    WINDOW whole AS (PARTITION BY ticket_number ORDER BY ts, seq),
           upto AS (whole ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW),
           before AS (whole ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
),
marked AS (
    SELECT *,
        status IN ('solved', 'closed')
            AND coalesce(status_before NOT IN ('solved', 'closed'), true) AS enters_resolved,
        status NOT IN ('solved', 'closed')
            AND coalesce(status_before IN ('solved', 'closed'), false) AS is_reopen,
        status_now IN ('new', 'open', 'on_hold') AS customer_waits
    FROM timeline
)
"""

# Aggregated twice: per stretch of vendor silence (from creation or a public agent reply to
# the next), then per ticket. The customer's waiting time within a stretch is that
# stretch's silence; the longest one is the update gap, their sum the requester wait.
TICKET_FIGURES_SQL = (
    TIMELINE_SQL
    + """,
stretches AS (
    SELECT ticket_number,
        max(position) AS last_position,
        arg_max(status_now, position) AS last_status,
        min(position) FILTER (WHERE is_reply OR is_customer) AS first_message_position,
        arg_min(kind, position) FILTER (WHERE is_reply OR is_customer) AS first_message_kind,
        min(ts) FILTER (WHERE is_reply OR is_customer) AS first_message_at,
        min(ts) FILTER (WHERE is_customer) AS first_customer_at,
        min(ts) FILTER (WHERE is_reply) AS first_reply_at,
        min(ts) FILTER (WHERE is_reply AND customer_seen > 0) AS first_answer_at,
        min(ts) FILTER (WHERE enters_resolved) AS first_resolution_at,
        max(ts) FILTER (WHERE enters_resolved) AS last_resolution_at,
        count(*) FILTER (WHERE is_reopen) AS reopens,
        count(*) FILTER (WHERE is_reply) AS agent_replies,
        sum(segment_seconds) FILTER (WHERE customer_waits) AS silence_seconds,
        sum(segment_seconds) FILTER (WHERE status_now = 'on_hold') AS hold_seconds
    FROM marked
    GROUP BY ticket_number, reply_group
),
facts AS (
    SELECT ticket_number,
        arg_max(last_status, last_position) IN ('solved', 'closed') AS resolved,
        arg_min(first_message_kind, first_message_position) AS first_message_kind,
        min(first_message_at) AS first_message_at,
        min(first_customer_at) AS first_customer_at,
        min(first_reply_at) AS first_reply_at,
        min(first_answer_at) AS first_answer_at,
        min(first_resolution_at) AS first_resolution_at,
        max(last_resolution_at) AS last_resolution_at,
        sum(reopens) AS reopens,
        sum(agent_replies) AS agent_replies,
        coalesce(sum(silence_seconds), 0) AS wait_seconds,
        coalesce(sum(hold_seconds), 0) AS hold_seconds,
        max(silence_seconds) AS max_gap_seconds
    FROM stretches
    GROUP BY ticket_number
),
figures AS (
    SELECT n.vendor, n.ticket_id, n.created_at, n.priority,
        -- Opened by the vendor: the first public message is a reply in the creation second.
        CASE WHEN f.first_message_kind = 'agent_reply'
                  AND date_trunc('second', f.first_message_at)
                      = date_trunc('second', n.created_at)
             THEN (epoch(f.first_answer_at) - epoch(f.first_customer_at)) / 60.0
             ELSE (epoch(f.first_reply_at) - epoch(n.created_at)) / 60.0
        END AS first_response_min,
        (epoch(f.first_resolution_at) - epoch(n.created_at)) / 60.0 AS first_resolution_min,
        CASE WHEN f.resolved
             THEN (epoch(f.last_resolution_at) - epoch(n.created_at)) / 60.0 END
            AS full_resolution_min,
        CASE WHEN f.resolved THEN f.wait_seconds / 60.0 END AS requester_wait_min,
        CASE WHEN f.resolved THEN f.hold_seconds / 60.0 END AS on_hold_min,
        f.reopens::BIGINT AS reopens,
        f.agent_replies::BIGINT AS agent_replies,
        CASE WHEN f.resolved THEN f.agent_replies = 1 AND f.reopens = 0 END AS one_touch,
        f.max_gap_seconds / 60.0 AS max_update_gap_min
    FROM facts f JOIN numbered n USING (ticket_number)
)
"""
)

# Ordered as `metrics tickets` lists them, so both queries deliver the same result.
TICKETS_QUERY = TICKET_FIGURES_SQL + "SELECT * FROM figures ORDER BY vendor, created_at, ticket_id"

SUMMARY_QUERY = (
    TICKET_FIGURES_SQL
    + """
SELECT f.vendor, f.priority,
    count(*) AS tickets,
    quantile_cont(f.first_response_min, 0.5) AS first_response_min_p50,
    quantile_cont(f.first_response_min, 0.9) AS first_response_min_p90,
    quantile_cont(f.full_resolution_min, 0.5) AS full_resolution_min_p50,
    quantile_cont(f.full_resolution_min, 0.9) AS full_resolution_min_p90,
    avg((f.reopens > 0)::DOUBLE) AS reopened_rate
FROM figures f
GROUP BY f.vendor, f.priority
ORDER BY f.vendor, f.priority
"""
)


def sql_ticket_figures(connection: duckdb.DuckDBPyConnection) -> pa.Table:
    """vendor, ticket_id, created_at, priority and the FIGURES of every stored ticket."""
    return connection.sql(TICKETS_QUERY).to_arrow_table()


def sql_summary(connection: duckdb.DuckDBPyConnection) -> pa.Table:
    """Per vendor and priority: tickets, p50/p90 of first response and full resolution,
    and the share of tickets reopened at least once."""
    return connection.sql(SUMMARY_QUERY).to_arrow_table()
