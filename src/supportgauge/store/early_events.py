"""Events timestamped before their ticket's creation: one rule for every format.

`clamp` (the default) moves a ticket of the import to its earliest event and says so;
`reject` makes each such event a problem naming its row. Help desks stamp a ticket's
creation and its events from different clocks or steps (audit logs run up to hours ahead
of the ticket's "created" field), so the event is the help desk's, not the user's, to fix.
"""

from __future__ import annotations

import duckdb

from supportgauge.errors import InputError
from supportgauge.plurals import count_of
from supportgauge.store.problems import (
    CLAMPED_TABLE,
    PROBLEMS_TABLE,
    WHERE_COLUMNS,
    insert_problems,
)

CLAMP = "clamp"
REJECT = "reject"
EARLY_EVENTS = (CLAMP, REJECT)
DEFAULT_EARLY_EVENTS = CLAMP
_UTC = "'%Y-%m-%dT%H:%M:%SZ'"


def check_early_events_policy(policy: str) -> str:
    """The policy, or an InputError naming the two there are."""
    if policy not in EARLY_EVENTS:
        raise InputError(
            f"'{policy}' is not a rule for events before their ticket's creation; use "
            f"{CLAMP} (move the ticket's creation to its earliest event) or {REJECT} "
            "(refuse those events).",
            parameter="early_events",
        )
    return policy


def collect_early_events(
    connection: duckdb.DuckDBPyConnection, *, policy: str, has_tickets: bool
) -> None:
    """Clamp tickets of this import or record problems, per the policy.

    Reads `event_tickets` (each event with its ticket's creation, from this import or the
    store). A ticket only in the store is not rewritten by an import of its events alone:
    such an early event is a problem under either rule.
    """
    reason = (
        f"strftime(ts, {_UTC}) || ' is before its ticket''s creation (' "
        f"|| strftime(created_at, {_UTC}) || ')"
    )
    if policy == REJECT:
        insert_problems(
            connection,
            "events",
            f"""SELECT {WHERE_COLUMNS}, 'ts', {reason}; events before their ticket''s creation '
                   || 'are refused by this import''s rule (the other rule moves the ticket''s '
                   || 'creation to its earliest event).'
                FROM event_tickets WHERE ts < created_at""",
        )
        return
    insert_problems(
        connection,
        "events",
        f"""SELECT {WHERE_COLUMNS}, 'ts', {reason}, and that ticket is in the store, not this '
               || 'import; import the ticket with its events to move its creation.'
            FROM event_tickets WHERE ts < created_at AND NOT in_import""",
    )
    if not has_tickets:
        return
    connection.execute(
        f"""INSERT INTO {CLAMPED_TABLE}
            SELECT t._stage_row, t._source_file, t._source_row, t.ticket_id, t.created_at,
                   f.first_ts
            FROM stage_tickets t JOIN (
                SELECT vendor, ticket_id, min(ts) AS first_ts FROM event_tickets
                WHERE in_import AND _stage_row NOT IN (
                    SELECT stage_row FROM {PROBLEMS_TABLE} WHERE table_name = 'events')
                GROUP BY ALL) f USING (vendor, ticket_id)
            WHERE f.first_ts < t.created_at"""
    )


def clamped_note(connection: duckdb.DuckDBPyConnection) -> str | None:
    """The warning for the written tickets whose creation moved, or None when none did."""
    written = f"""SELECT *, epoch(recorded - created_at) / 60 AS gap_minutes FROM {CLAMPED_TABLE}
                  WHERE stage_row NOT IN (
                      SELECT stage_row FROM {PROBLEMS_TABLE} WHERE table_name = 'tickets')"""
    figures = connection.execute(
        f"SELECT count(*), max(gap_minutes), median(gap_minutes) FROM ({written})"
    ).fetchone()
    if figures is None or not figures[0]:
        return None
    count, largest, median = figures
    example = connection.execute(
        f"""SELECT ticket_id, source_file, source_row FROM ({written})
            ORDER BY source_file, source_row LIMIT 1"""
    ).fetchone()
    assert example is not None
    ticket_id, source_file, source_row = example
    one = count == 1
    their, whose, for_example = ("its", "its", "") if one else ("their", "each ticket's", "e.g. ")
    return (
        f"{count_of(count, 'ticket')} had events before {their} creation time (by up to "
        f"{largest:.0f} min, {median:.0f} min at the median); {whose} creation was moved to its "
        f"earliest event ({for_example}ticket '{ticket_id}', {source_file}, row {source_row})."
    )
