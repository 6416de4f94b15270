"""Customer accounts and their tickets: who raised what, when, with which vendor."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from supportgauge.canonical import SCENARIOS
from supportgauge.synthetic.customer_regions import REGIONS, end_date, sample_created_seconds
from supportgauge.synthetic.issue_catalogue import CATEGORIES, SCENARIO_CATEGORY_WEIGHTS
from supportgauge.synthetic.profiles import VENDOR_PROFILES

PRIORITY_SHARES = (0.04, 0.18, 0.55, 0.23)
SCENARIO_SHARES = (0.3, 0.3, 0.25, 0.15)  # of accounts' main business, without "other"
LANGUAGE_SHARES = (0.35, 0.5, 0.15)  # en, zh, mixed
CHANNELS = ("portal", "email", "slack", "wechat", "phone")
# Channels per vendor desk (weights over CHANNELS).
_VENDOR_CHANNELS = (
    (0.45, 0.15, 0.35, 0.0, 0.05),
    (0.2, 0.1, 0.0, 0.65, 0.05),
    (0.6, 0.35, 0.0, 0.0, 0.05),
    (0.5, 0.45, 0.0, 0.0, 0.05),
    (0.4, 0.4, 0.0, 0.0, 0.2),
)
_MIDDLE_EAST = ("SA", "AE", "EG")
_NAME_STEMS = ("Hala", "Luna", "Vibe", "Kopi", "Samba", "Nova", "Yalla", "Mabrook", "Chatly",
               "Pesta", "Tala", "Zing", "Sahar", "Ritmo", "Lumi", "Duo")  # fmt: skip
_NAME_SUFFIXES = ("Live", "Chat", "Voice", "Party", "Meet", "Play")


@dataclass(frozen=True)
class Accounts:
    """Customer accounts: one row each."""

    names: np.ndarray  # object array of str
    region: np.ndarray
    scenario: np.ndarray
    language: np.ndarray
    activity: np.ndarray
    vendor_weights: np.ndarray  # (accounts, vendors)


@dataclass(frozen=True)
class Tickets:
    """Sampled tickets, sorted by creation time (codes index the module's tuples)."""

    account: np.ndarray
    vendor: np.ndarray
    region: np.ndarray
    created_seconds: np.ndarray
    priority: np.ndarray
    scenario: np.ndarray
    category: np.ndarray  # the true category; the text always reflects it
    category_shown: np.ndarray  # False where the table leaves it empty
    language: np.ndarray
    channel: np.ndarray


def _choose(
    rng: np.random.Generator, weights: np.ndarray | tuple[float, ...], size: int
) -> np.ndarray:
    shares = np.asarray(weights, dtype=float)
    return rng.choice(len(shares), size=size, p=shares / shares.sum())


def default_account_count(n_tickets: int) -> int:
    """One account per eight tickets, 50 to 300; past 6k tickets, one per twenty."""
    # A customer raising hundreds of tickets a week would repeat every fault by chance alone.
    return max(int(np.clip(n_tickets // 8, 50, 300)), n_tickets // 20)


def sample_accounts(rng: np.random.Generator, count: int) -> Accounts:
    """`count` customer accounts with uneven ticket volumes."""
    region = _choose(rng, np.array([r.account_weight for r in REGIONS]), count)
    scenario = _choose(rng, SCENARIO_SHARES, count)
    language = _choose(rng, LANGUAGE_SHARES, count)
    # Some customers are much bigger than others, but none dwarfs the rest.
    activity = rng.lognormal(0.0, 0.5, count)
    shares = np.array([p.ticket_share for p in VENDOR_PROFILES])
    # Each account buys from one to three vendors; the small Riyadh desk serves the Middle East.
    uses = rng.random((count, len(shares))) < np.clip(shares * 2.2, 0, 0.9)
    middle_east = np.isin([REGIONS[r].code for r in region], _MIDDLE_EAST)
    dune = [p.name for p in VENDOR_PROFILES].index("Dune")
    uses[:, dune] &= middle_east
    uses[middle_east, dune] |= rng.random(middle_east.sum()) < 0.5
    shares = np.where(np.arange(len(shares)) == dune, shares * 4, shares)
    fallback = _choose(rng, shares[:dune], count)
    uses[np.arange(count), fallback] |= ~uses.any(axis=1)
    stems = rng.integers(0, len(_NAME_STEMS), count)
    suffixes = rng.integers(0, len(_NAME_SUFFIXES), count)
    names = np.array(
        [
            f"{_NAME_STEMS[s]}{_NAME_SUFFIXES[x]}-{REGIONS[r].code}{i:03d}"
            for i, (s, x, r) in enumerate(zip(stems, suffixes, region, strict=True))
        ],
        dtype=object,
    )
    return Accounts(names, region, scenario, language, activity, uses * shares)


def _pick_rows(rng: np.random.Generator, weights: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """One column per row of a weight matrix, drawn in proportion to the row's weights."""
    cumulative = np.cumsum(weights[rows], axis=1)
    draw = rng.random(len(rows)) * cumulative[:, -1]
    return np.minimum((draw[:, None] >= cumulative).sum(axis=1), weights.shape[1] - 1)


def sample_tickets(
    rng: np.random.Generator, accounts: Accounts, n_tickets: int, start: dt.date, months: int
) -> Tickets:
    """`n_tickets` tickets over the period, repeat failures included, in creation order."""
    account = _choose(rng, accounts.activity, n_tickets)
    vendor = _pick_rows(rng, accounts.vendor_weights, account)
    region = accounts.region[account]
    created = sample_created_seconds(rng, region, start, months)
    scenario = accounts.scenario[account].copy()
    drift = rng.random(n_tickets)
    scenario[drift < 0.12] = rng.integers(0, 4, int((drift < 0.12).sum()))
    scenario[drift > 0.97] = SCENARIOS.index("other")
    category = np.zeros(n_tickets, dtype=np.int64)
    for index, name in enumerate(SCENARIOS):
        rows = np.flatnonzero(scenario == index)
        weights = SCENARIO_CATEGORY_WEIGHTS[name]
        shares = np.array([weights.get(c, 0.0) for c in CATEGORIES])
        category[rows] = _choose(rng, shares, len(rows))
    language = np.where(
        rng.random(n_tickets) < 0.85,
        accounts.language[account],
        _choose(rng, LANGUAGE_SHARES, n_tickets),
    )
    priority = _choose(rng, PRIORITY_SHARES, n_tickets)
    repeat_of = _repeat_failures(rng, vendor, n_tickets)
    later = repeat_of >= 0
    parent = repeat_of[later]
    for column in (account, vendor, region, scenario, category, language):
        column[later] = column[parent]
    # The same fault comes back days later, at about the same local hour.
    days = rng.integers(1, 6, int(later.sum()))
    shift = days * 86_400 + rng.normal(0, 3600, len(parent)).astype(np.int64)
    # Near the end of the period the fault came first and the held ticket repeats it.
    period_end = int(dt.datetime.combine(end_date(start, months), dt.time(), dt.UTC).timestamp())
    repeated_at = created[parent] + shift
    created[later] = np.where(repeated_at < period_end, repeated_at, created[parent] - shift)
    channel = _pick_rows(rng, np.array(_VENDOR_CHANNELS), vendor)
    order = np.argsort(created, kind="stable")
    return Tickets(
        account=account[order],
        vendor=vendor[order],
        region=region[order],
        created_seconds=created[order],
        priority=priority[order],
        scenario=scenario[order],
        category=category[order],
        category_shown=(rng.random(n_tickets) >= 0.15),
        language=language[order],
        channel=channel[order],
    )


def _repeat_failures(rng: np.random.Generator, vendor: np.ndarray, n_tickets: int) -> np.ndarray:
    """For some tickets, the earlier ticket (same vendor) whose fault they repeat."""
    rates = np.array([p.repeat_failure_rate for p in VENDOR_PROFILES])
    is_repeat = rng.random(n_tickets) < rates[vendor] / (1 + rates[vendor])
    repeat_of = np.full(n_tickets, -1, dtype=np.int64)
    for index in range(len(VENDOR_PROFILES)):
        originals = np.flatnonzero((vendor == index) & ~is_repeat)
        repeats = np.flatnonzero((vendor == index) & is_repeat)
        if len(originals) and len(repeats):
            repeat_of[repeats] = rng.choice(originals, size=len(repeats))
    return repeat_of
