"""The optional tables: vendors' claims, customers' ratings and vendors' proactive work."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pyarrow as pa

from supportgauge.canonical import DIMENSIONS, PROACTIVE_KINDS, SCENARIOS
from supportgauge.synthetic.customer_regions import REGIONS, end_date
from supportgauge.synthetic.events import UTC_MICROS
from supportgauge.synthetic.issue_catalogue import CATEGORIES, SCENARIO_CATEGORY_WEIGHTS
from supportgauge.synthetic.profiles import VENDOR_PROFILES
from supportgauge.synthetic.tickets import Accounts, Tickets

RATERS = ("ops_lead", "cto", "qa_team")
# Comments raters leave, per dimension: (praise, complaint).
_COMMENTS = {
    "response_speed": ("Answers within minutes, even at night", "夜间和周末只回复“收到”"),
    "technical_expertise": ("定位专业，能给出具体指标", "Only says switch network / restart"),
    "resolution_quality": ("Fixed for good, no repeats", "同样的问题反复出现"),
    "communication": ("ETA and updates on time", "No updates for hours"),
    "proactive_service": ("活动前主动巡检，事后有复盘", "Never heard from them before an incident"),
}
_PROACTIVE_TITLES = {
    "post_event_review": (
        "Post-event review: {category} in {region}",
        "复盘报告：{region} {category}",
    ),
    "preventive_check": ("Preventive check of {region} edge nodes", "{region}节点巡检报告"),
    "risk_notice": (
        "Risk notice: peak load expected in {region}",
        "风险提醒：{region}晚高峰流量预警",
    ),
    "capacity_plan": ("Capacity plan for {region} before Ramadan", "{region}斋月前容量规划"),
}
_PROACTIVE_BODIES = {
    "post_event_review": "Timeline, root cause, impact and preventive actions. "
    "时间线、根因、影响与改进项。",
    "preventive_check": "Health check of nodes, bandwidth and SDK config. "
    "巡检节点、带宽与SDK配置。",
    "risk_notice": "Expected traffic surge; routing pre-warmed, on-call doubled. "
    "预计流量激增，已预热调度。",
    "capacity_plan": "Bandwidth and node capacity for the coming peak. "
    "针对高峰的带宽与节点容量规划。",
}
_MUSLIM_REGIONS = np.array([r.muslim_majority for r in REGIONS])
_RISK_NOTICE = PROACTIVE_KINDS.index("risk_notice")
# Per scenario, the categories its accounts run into: what a risk notice warns of.
_SCENARIO_CATEGORIES = [
    np.array([CATEGORIES.index(c) for c in CATEGORIES if SCENARIO_CATEGORY_WEIGHTS[name].get(c)])
    for name in SCENARIOS
]
# The big event the demo's settings declare ([[events]]): a live gala for Eid al-Fitr in
# the Muslim-majority markets; good desks send a post-event review in the days after it.
DEMO_EVENT_NAME = "Eid al-Fitr live gala"
DEMO_EVENT_START = dt.datetime(2026, 3, 20, 17, 0, tzinfo=dt.UTC)
DEMO_EVENT_END = dt.datetime(2026, 3, 20, 23, 0, tzinfo=dt.UTC)


def big_event_toml() -> str:
    """The `[[events]]` entry declaring the demo's big event."""
    return (
        f'[[events]]\nname = "{DEMO_EVENT_NAME}"\n'
        f"start = {DEMO_EVENT_START.isoformat().replace('+00:00', 'Z')}\n"
        f"end = {DEMO_EVENT_END.isoformat().replace('+00:00', 'Z')}\n"
    )


def vendors_table() -> pa.Table:
    """What each vendor promises: 7x24 for all, fast first response, high FCR."""
    claimed = np.array([p.claimed_first_response_min for p in VENDOR_PROFILES], dtype=float)
    columns: dict[str, list[object]] = {
        "vendor": [p.name for p in VENDOR_PROFILES],
        "claimed_hours": ["7x24" for _ in VENDOR_PROFILES],
        "calendar": [p.calendar for p in VENDOR_PROFILES],
    }
    for index, priority in enumerate(("p1", "p2", "p3", "p4")):
        columns[f"claimed_first_response_{priority}_min"] = list(claimed[:, index])
    columns["claimed_fcr_rate"] = [p.claimed_fcr_rate for p in VENDOR_PROFILES]
    columns["claimed_repeat_rate"] = [p.claimed_repeat_rate for p in VENDOR_PROFILES]
    return pa.table(columns)


def ratings_table(rng: np.random.Generator, start: dt.date, months: int) -> pa.Table:
    """Monthly 1-5 ratings per vendor, rater and dimension, around each vendor's true quality."""
    periods = [
        f"{(start.year * 12 + start.month - 1 + m) // 12}-{(start.month - 1 + m) % 12 + 1:02d}"
        for m in range(months)
    ]
    rows = [
        (period, vendor, rater, dim, VENDOR_PROFILES[vendor].rating_bias[dim])
        for period in periods
        for vendor in range(len(VENDOR_PROFILES))
        for rater in range(len(RATERS))
        for dim in range(len(DIMENSIONS))
    ]
    bias = np.array([row[4] for row in rows])
    scores = np.clip(np.round(bias + rng.normal(0, 0.6, len(rows))), 1, 5)
    comments = [
        _COMMENTS[DIMENSIONS[row[3]]][0 if score >= 4 else 1] if score >= 4 or score <= 2 else None
        for row, score in zip(rows, scores, strict=True)
    ]
    return pa.table(
        {
            "period": [row[0] for row in rows],
            "vendor": [VENDOR_PROFILES[row[1]].name for row in rows],
            "rater": [RATERS[row[2]] for row in rows],
            "dimension": [DIMENSIONS[row[3]] for row in rows],
            "score": pa.array(scores, type=pa.float64()),
            "comment": pa.array(comments, type=pa.string()),
        }
    )


def proactive_table(
    rng: np.random.Generator,
    accounts: Accounts,
    tickets: Tickets,
    p1_solved_at: np.ndarray,
    start: dt.date,
    months: int,
) -> pa.Table:
    """Reviews after P1 incidents plus checks, notices and plans; good vendors do far more."""
    review_share = np.array([p.review_share_p1 for p in VENDOR_PROFILES])[tickets.vendor]
    reviewed = (p1_solved_at >= 0) & (rng.random(len(p1_solved_at)) < review_share)
    vendor = [tickets.vendor[reviewed]]
    account = [tickets.account[reviewed]]
    kind = [np.zeros(int(reviewed.sum()), dtype=np.int64)]
    ts = [p1_solved_at[reviewed] + rng.integers(86_400, 3 * 86_400, int(reviewed.sum()))]
    category = [tickets.category[reviewed]]
    first = int(dt.datetime.combine(start, dt.time(), dt.UTC).timestamp())
    last = int(dt.datetime.combine(end_date(start, months), dt.time(), dt.UTC).timestamp())
    ramadan_eve = int(dt.datetime(2026, 2, 8, tzinfo=dt.UTC).timestamp())
    for index, profile in enumerate(VENDOR_PROFILES):
        customers = np.flatnonzero(accounts.vendor_weights[:, index] > 0)
        count = rng.poisson(profile.proactive_per_account_month * len(customers) * months)
        if count == 0 or len(customers) == 0:
            continue
        chosen = rng.choice(customers, size=count)
        kinds = rng.integers(1, len(PROACTIVE_KINDS), count)
        when = rng.integers(first, last, count)
        # Good desks warn Muslim-majority markets in the week before Ramadan.
        before_ramadan = _MUSLIM_REGIONS[accounts.region[chosen]] & (kinds >= 2)
        before_ramadan &= rng.random(count) < 0.5
        when = np.where(before_ramadan, ramadan_eve + rng.integers(0, 9 * 86_400, count), when)
        vendor.append(np.full(count, index))
        account.append(chosen)
        kind.append(kinds)
        ts.append(when)
        category.append(_issue_of(accounts, chosen, rng.integers(0, len(CATEGORIES), count)))
    for part, rows in zip((vendor, account, kind, ts, category),
                          _event_reviews(rng, accounts, first, last), strict=True):  # fmt: skip
        part.append(rows)
    return _proactive_rows(
        rng, accounts, *(np.concatenate(c) for c in (vendor, account, kind, ts, category))
    )


def _issue_of(accounts: Accounts, chosen: np.ndarray, draw: np.ndarray) -> np.ndarray:
    """A category each chosen account's scenario runs into, picked by a uniform draw."""
    picked = np.empty(len(chosen), dtype=np.int64)
    for scenario, categories in enumerate(_SCENARIO_CATEGORIES):
        rows = accounts.scenario[chosen] == scenario
        picked[rows] = categories[draw[rows] % len(categories)]
    return picked


def _event_reviews(
    rng: np.random.Generator, accounts: Accounts, first: int, last: int
) -> tuple[np.ndarray, ...]:
    """Post-event reviews of the demo's big event (when the data covers it): each vendor
    writes one for the Muslim-majority accounts it serves, as often as it reviews a P1."""
    start, end = int(DEMO_EVENT_START.timestamp()), int(DEMO_EVENT_END.timestamp())
    columns: list[list[np.ndarray]] = [[np.zeros(0, np.int64)] for _ in range(5)]
    if not first <= start < last:
        return tuple(np.concatenate(c) for c in columns)
    for index, profile in enumerate(VENDOR_PROFILES):
        served = (accounts.vendor_weights[:, index] > 0) & _MUSLIM_REGIONS[accounts.region]
        customers = np.flatnonzero(served)
        chosen = customers[rng.random(len(customers)) < profile.review_share_p1]
        for column, values in zip(columns, (
            np.full(len(chosen), index), chosen, np.zeros(len(chosen), dtype=np.int64),
            end + rng.integers(86_400, 3 * 86_400, len(chosen)),
            _issue_of(accounts, chosen, rng.integers(0, len(CATEGORIES), len(chosen))),
        ), strict=True):  # fmt: skip
            column.append(values)
    return tuple(np.concatenate(c) for c in columns)


def _proactive_rows(
    rng: np.random.Generator,
    accounts: Accounts,
    vendor: np.ndarray,
    account: np.ndarray,
    kind: np.ndarray,
    ts: np.ndarray,
    category: np.ndarray,
) -> pa.Table:
    order = np.argsort(ts, kind="stable")
    vendor, account, kind, ts, category = (a[order] for a in (vendor, account, kind, ts, category))
    chinese = (rng.random(len(ts)) < 0.5).astype(np.int64)
    region = accounts.region[account]
    # Every (kind, language, category, region) title once; rows pick theirs by index.
    titles = pa.array(
        [
            _PROACTIVE_TITLES[k][zh].format(category=c, region=r.code)
            for k in PROACTIVE_KINDS
            for zh in (0, 1)
            for c in CATEGORIES
            for r in REGIONS
        ],
        type=pa.string(),
    )
    title_index = ((kind * 2 + chinese) * len(CATEGORIES) + category) * len(REGIONS) + region
    names = pa.array([p.name for p in VENDOR_PROFILES], type=pa.string())
    return pa.table(
        {
            "vendor": names.take(pa.array(vendor)),
            "ts": pa.array(ts.astype(np.int64) * 1_000_000, type=UTC_MICROS),
            "kind": pa.array(PROACTIVE_KINDS, type=pa.string()).take(pa.array(kind)),
            "title": titles.take(pa.array(title_index)),
            "body": pa.array(
                [_PROACTIVE_BODIES[k] for k in PROACTIVE_KINDS], type=pa.string()
            ).take(pa.array(kind)),
            "account": pa.array(list(accounts.names), type=pa.string()).take(pa.array(account)),
            # Risk notices name the issue they warn of; the rest concern no one category.
            "category": pa.array(
                np.where(kind == _RISK_NOTICE, np.array(CATEGORIES, dtype=object)[category], None),
                type=pa.string(),
            ),
        }
    )
