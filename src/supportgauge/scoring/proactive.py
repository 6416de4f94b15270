"""Proactive service from the `proactive` table: records weighted by what they followed or
foretold, per account served, and P1 incidents followed by a post-event review.

A post-event review that follows a P1 ticket of the same account, or a big event the
settings declare (`[[events]]`), within 7 days counts double; a risk notice that came before
the same account's own ticket on the same category (within 14 days) counts triple, since it
warned before the customer had to ask. A notice that names no category is matched by
vendor and account alone.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import ibis

from supportgauge.scoring.big_events import BigEvent, event_spans
from supportgauge.store.backends import engine_functions
from supportgauge.store.interface import Store

REVIEW_WINDOW_DAYS = 7
NOTICE_WINDOW_DAYS = 14
REVIEW_AFTER_P1_WEIGHT = 2.0
NOTICE_BEFORE_TICKET_WEIGHT = 3.0
NO_ACCOUNT = "(no account)"


def review_flags(evidence: Any, store: Store) -> Any:
    """For each resolved P1 ticket of the evidence (by its `row`): `p1_reviewed`, whether a
    post-event review for the same account followed the resolution within 7 days."""
    epoch = engine_functions(store.engine).epoch_seconds
    proactive = store.table("proactive")
    reviews = proactive.filter(proactive.kind == "post_event_review").select(
        r_vendor="vendor", r_account="account", r_sec=epoch(proactive.ts)
    )
    incidents = evidence.filter(
        (evidence.priority == "P1") & evidence.resolution_min.notnull() & evidence.resolved
    )
    solved_sec = incidents.created_sec + incidents.resolution_min * 60.0
    incidents = incidents.select("row", i_vendor="vendor", solved_sec=solved_sec,
                                 i_account="account")  # fmt: skip
    matched = incidents.inner_join(
        reviews,
        [
            incidents.i_vendor == reviews.r_vendor,
            incidents.i_account == reviews.r_account,
            reviews.r_sec >= incidents.solved_sec,
            reviews.r_sec <= incidents.solved_sec + REVIEW_WINDOW_DAYS * 86_400,
        ],
    )
    reviewed = matched.select(reviewed_row="row").distinct()
    joined = incidents.left_join(reviewed, incidents.row == reviewed.reviewed_row)
    return joined.select("row", p1_reviewed=joined.reviewed_row.notnull())


def _after_big_event(records: Any, events: Sequence[BigEvent]) -> Any:
    """The `record` of each post-event review delivered from a big event's start to 7 days
    after its end, for an account the event concerns."""
    spans = ibis.memtable(event_spans(events))
    reviews = records.filter(records.kind == "post_event_review")
    matched = reviews.inner_join(
        spans,
        [
            reviews.sec >= spans.e_start_sec,
            reviews.sec <= spans.e_end_sec + REVIEW_WINDOW_DAYS * 86_400,
            spans.e_account.isnull() | (spans.e_account == reviews.account),
        ],
    )
    return matched.select(m_record="record")


def proactive_records(store: Store, tickets: Any, *, big_events: Sequence[BigEvent] = ()) -> Any:
    """Each proactive record with its month and weight (see the module's docstring);
    `tickets` gives vendor, account, priority, category and created_at of the tickets it
    may follow or foretell."""
    epoch = engine_functions(store.engine).epoch_seconds
    table = store.table("proactive")
    records = table.select(
        "vendor",
        "kind",
        "title",
        "category",
        account=table.account.fill_null(NO_ACCOUNT),
        period_month=table.ts.strftime("%Y-%m"),
        sec=epoch(table.ts),
    ).mutate(record=ibis.row_number())
    raised = tickets.select(
        t_vendor="vendor",
        t_account="account",
        t_priority="priority",
        t_category=ibis.coalesce(tickets.category, tickets.category_inferred),
        t_sec=epoch(tickets.created_at),
    )
    day = 86_400
    after_p1 = (
        (records.kind == "post_event_review")
        & (raised.t_priority == "P1")
        & (raised.t_sec <= records.sec)
        & (raised.t_sec >= records.sec - REVIEW_WINDOW_DAYS * day)
    )
    before_ticket = (
        (records.kind == "risk_notice")
        & (raised.t_sec > records.sec)
        & (raised.t_sec <= records.sec + NOTICE_WINDOW_DAYS * day)
        & (records.category.isnull() | (records.category == raised.t_category))
    )
    matched = records.inner_join(
        raised,
        [records.vendor == raised.t_vendor, records.account == raised.t_account,
         after_p1 | before_ticket],
    )  # fmt: skip
    followed = matched.select(m_record="record")
    if big_events:
        followed = followed.union(_after_big_event(records, big_events))
    followed = followed.distinct()
    weighted = records.left_join(followed, records.record == followed.m_record)
    weight = ibis.cases(
        (weighted.m_record.isnull(), 1.0),
        (weighted.kind == "risk_notice", NOTICE_BEFORE_TICKET_WEIGHT),
        else_=REVIEW_AFTER_P1_WEIGHT,
    )
    return weighted.select("vendor", "account", "kind", "title", "period_month", weight=weight)


def proactive_by_account(store: Store, tickets: Any, *, big_events: Sequence[BigEvent] = ()) -> Any:
    """Per vendor, account and month: weighted proactive records and tickets raised; an
    account served (with tickets) and sent nothing has weight 0, evidence of nothing."""
    records = proactive_records(store, tickets, big_events=big_events)
    sent = records.group_by(["vendor", "account", "period_month"]).aggregate(
        weight=records.weight.sum(), records=records.count()
    )
    served = (
        tickets.mutate(account=tickets.account.fill_null(NO_ACCOUNT),
                       period_month=tickets.created_at.strftime("%Y-%m"))
        .group_by(["vendor", "account", "period_month"])
        .aggregate(tickets=ibis._.count())
    )  # fmt: skip
    keys = ["vendor", "account", "period_month"]
    joined = served.outer_join(sent, keys)
    return joined.select(
        vendor=ibis.coalesce(joined.vendor, joined.vendor_right),
        account=ibis.coalesce(joined.account, joined.account_right),
        period_month=ibis.coalesce(joined.period_month, joined.period_month_right),
        weight=joined.weight.fill_null(0.0),
        records=joined.records.fill_null(0),
        tickets=joined.tickets.fill_null(0),
    )
