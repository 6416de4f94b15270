"""Generate a whole synthetic multi-vendor data set in canonical tables."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from supportgauge.canonical import PRIORITIES, SCENARIOS
from supportgauge.errors import InputError
from supportgauge.synthetic.customer_regions import REGIONS, end_date
from supportgauge.synthetic.events import UTC_MICROS, EventBuffer, events_table
from supportgauge.synthetic.issue_catalogue import CATEGORIES
from supportgauge.synthetic.lifecycle import simulate
from supportgauge.synthetic.probe_questions import (
    PROBES,
    assign_probes,
    probe_answer_texts,
    probe_answers,
    probe_texts,
    probes_table,
)
from supportgauge.synthetic.profiles import VENDOR_PROFILES
from supportgauge.synthetic.side_tables import proactive_table, ratings_table, vendors_table
from supportgauge.synthetic.simulation import Authors, Simulation
from supportgauge.synthetic.staffing import StaffedIntervals, staffed_intervals
from supportgauge.synthetic.templates import Text
from supportgauge.synthetic.text_pool import text_pool
from supportgauge.synthetic.tickets import (
    CHANNELS,
    Accounts,
    Tickets,
    default_account_count,
    sample_accounts,
    sample_tickets,
)
from supportgauge.synthetic.truth import VendorTruth, vendor_truth

ProgressCallback = Callable[[int, int], None]
STEPS = 5
_AGENT_NAMES = (
    "Li Wei",
    "Chen Jing",
    "Wang Fang",
    "Zhang Lei",
    "Liu Yang",
    "Zhao Min",
    "Ahmed Saleh",
    "Maria Santos",
    "Dewi Lestari",
    "Omar Haddad",
    "Sofia Reyes",
    "Nguyen An",
)
_AGENTS_PER_VENDOR = 6
# Priority-change bodies, by the ticket's (final) priority: it was raised to it, or P4 lowered.
_PRIORITY_CHANGES = ("P2 -> P1", "P3 -> P2", "P4 -> P3", "P3 -> P4")


@dataclass(frozen=True)
class SyntheticDataset:
    """Canonical tables by name and, per vendor, the behaviour that generated them."""

    tables: dict[str, pa.Table]
    truth: dict[str, VendorTruth]


def generate_dataset(
    n_tickets: int,
    *,
    seed: int = 0,
    start: dt.date = dt.date(2026, 1, 1),
    months: int = 6,
    progress: ProgressCallback | None = None,
    n_accounts: int | None = None,
) -> SyntheticDataset:
    """A seeded, realistic multi-vendor data set of `n_tickets` tickets over `months` months.

    `n_accounts` defaults to one customer account per eight tickets (50 to 300), and past
    6,000 tickets to one per twenty tickets, so chance alone does not repeat every fault.
    `progress(done, total)` is called after each of the `STEPS` generation steps.
    """
    if n_tickets < 1:
        raise InputError(f"must be at least 1, got {n_tickets}.", parameter="tickets")
    if not 1 <= months <= 24:
        raise InputError(f"must be between 1 and 24, got {months}.", parameter="months")
    if n_accounts is not None and n_accounts < 1:
        raise InputError(f"must be at least 1, got {n_accounts}.", parameter="n_accounts")

    def report(step: int) -> None:
        if progress is not None:
            progress(step, STEPS)

    rng = np.random.default_rng(seed)
    accounts = sample_accounts(rng, n_accounts or default_account_count(n_tickets))
    tickets = sample_tickets(rng, accounts, n_tickets, start, months)
    probe_of = assign_probes(rng, tickets.vendor, len(VENDOR_PROFILES))
    _apply_probes(tickets, probe_of)
    report(1)

    pool = text_pool()
    extra = list(_PRIORITY_CHANGES) + probe_texts() + probe_answer_texts()
    texts = pa.concat_arrays([pool.texts, pa.array(extra, type=pa.string())])
    probe_base = len(pool.texts) + len(_PRIORITY_CHANGES)
    language_code = np.where(tickets.language == 0, 0, 1)
    # Probe tickets are answered as well as the vendor's skill lets it cover the key points.
    skill = np.array([p.expertise for p in VENDOR_PROFILES])[tickets.vendor]
    # A stream of its own: the rest of the data set is drawn as before.
    answer = probe_answers(np.random.default_rng([seed, 1]), probe_of, language_code, skill)
    answer = np.where(answer >= 0, probe_base + 2 * len(PROBES) + answer, -1)

    def pick_text(kind: Text | np.ndarray) -> np.ndarray:
        return pool.pick(rng, kind, tickets.language, tickets.category, tickets.region)

    description = pick_text(Text.DESCRIPTION)
    is_probe = probe_of >= 0
    description[is_probe] = probe_base + probe_of[is_probe] * 2 + language_code[is_probe]
    subject = pick_text(Text.SUBJECT)
    subject[is_probe] = description[is_probe]
    priority_change = len(pool.texts) + tickets.priority

    buffer = EventBuffer()
    authors = _authors(rng, tickets, accounts)
    sim = Simulation(rng, tickets, _calendars(start, months), authors, pick_text, buffer)
    timeline = simulate(sim, description, priority_change, probe_answer=answer)
    report(2)

    ticket_ids = _ticket_ids(tickets.vendor)
    vendor_names = pa.array([p.name for p in VENDOR_PROFILES], type=pa.string())
    events = events_table(
        buffer, ticket_ids, vendor_names, tickets.vendor, _author_names(accounts), texts
    )
    report(3)
    tables = {
        "tickets": _tickets_table(
            tickets, accounts, ticket_ids, texts, subject, description, probe_of
        ),
        "events": events,
        "vendors": vendors_table(),
        "ratings": ratings_table(rng, start, months),
        "proactive": proactive_table(rng, accounts, tickets, timeline.p1_solved_at, start, months),
        "probes": probes_table(),
    }
    report(4)
    truth = vendor_truth(tickets, timeline)
    report(5)
    return SyntheticDataset(tables=tables, truth=truth)


def _apply_probes(tickets: Tickets, probe_of: np.ndarray) -> None:
    """Probe tickets ask the probe's question, in its scenario and category."""
    rows = np.flatnonzero(probe_of >= 0)
    tickets.scenario[rows] = [SCENARIOS.index(PROBES[p].scenario) for p in probe_of[rows]]
    tickets.category[rows] = [CATEGORIES.index(PROBES[p].category) for p in probe_of[rows]]
    tickets.category_shown[rows] = True


def _calendars(start: dt.date, months: int) -> list[StaffedIntervals | None]:
    # Slow desks keep working tickets long after the period ends: compile hours well past it.
    first = start - dt.timedelta(days=7)
    last = end_date(start, months) + dt.timedelta(days=400)
    return [
        staffed_intervals(p.staffing, first, last) if p.staffing else None for p in VENDOR_PROFILES
    ]


def _authors(rng: np.random.Generator, tickets: Tickets, accounts: Accounts) -> Authors:
    """Author indexes: per vendor its agents then its bot; then 'system'; then accounts' ops."""
    per_vendor = _AGENTS_PER_VENDOR + 1
    n = len(tickets.vendor)
    system = len(VENDOR_PROFILES) * per_vendor
    return Authors(
        customer=system + 1 + tickets.account,
        agent=tickets.vendor * per_vendor + rng.integers(0, _AGENTS_PER_VENDOR, n),
        engineer=tickets.vendor * per_vendor + rng.integers(0, _AGENTS_PER_VENDOR, n),
        system=np.full(n, system),
        bot=tickets.vendor * per_vendor + _AGENTS_PER_VENDOR,
    )


def _author_names(accounts: Accounts) -> pa.Array:
    names = []
    for index, profile in enumerate(VENDOR_PROFILES):
        for agent in range(_AGENTS_PER_VENDOR):
            names.append(f"{profile.name}/{_AGENT_NAMES[(index * 5 + agent) % len(_AGENT_NAMES)]}")
        names.append(f"{profile.name}/autoreply")
    names.append("system")
    names.extend(f"{name}/ops" for name in accounts.names)
    return pa.array(names, type=pa.string())


def _ticket_ids(vendor: np.ndarray) -> pa.Array:
    """'A-000001', numbered per vendor in creation order."""
    number = np.zeros(len(vendor), dtype=np.int64)
    for index in range(len(VENDOR_PROFILES)):
        rows = np.flatnonzero(vendor == index)
        number[rows] = np.arange(1, len(rows) + 1)
    prefixes = pa.array([p.prefix for p in VENDOR_PROFILES], type=pa.string())
    digits = pc.utf8_lpad(pc.cast(pa.array(number), pa.string()), 6, "0")
    return pc.binary_join_element_wise(prefixes.take(pa.array(vendor)), digits, "-")


def _tickets_table(
    tickets: Tickets,
    accounts: Accounts,
    ticket_ids: pa.Array,
    texts: pa.Array,
    subject: np.ndarray,
    description: np.ndarray,
    probe_of: np.ndarray,
) -> pa.Table:
    def named(
        values: tuple[str, ...] | list[str], codes: np.ndarray, hidden: np.ndarray | None = None
    ) -> pa.Array:
        return pa.array(values, type=pa.string()).take(pa.array(codes, mask=hidden))

    return pa.table(
        {
            "ticket_id": ticket_ids,
            "vendor": named([p.name for p in VENDOR_PROFILES], tickets.vendor),
            "created_at": pa.array(tickets.created_seconds * 1_000_000, type=UTC_MICROS),
            "priority": named(PRIORITIES, tickets.priority),
            "account": named(list(accounts.names), tickets.account),
            "scenario": named(SCENARIOS, tickets.scenario),
            "region": named([r.code for r in REGIONS], tickets.region),
            "timezone": named([r.timezone for r in REGIONS], tickets.region),
            "category": named(CATEGORIES, tickets.category, ~tickets.category_shown),
            "channel": named(CHANNELS, tickets.channel),
            "subject": texts.take(pa.array(subject)),
            "description": texts.take(pa.array(description)),
            "probe_id": named([p.probe_id for p in PROBES], probe_of, probe_of < 0),
        }
    )
