"""Per-ticket evidence: the figures a score reads, one row per ticket, as an Ibis expression
over the per-ticket figures, plus each ticket's open-clock horizon and SLA target."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ibis
import numpy as np
import pyarrow as pa

from supportgauge.canonical import PRIORITIES
from supportgauge.metrics.censoring import store_data_end
from supportgauge.metrics.sla import claims_round_the_clock
from supportgauge.metrics.store_metrics import claimed_hours, per_ticket_figures
from supportgauge.scoring.ticket_facts import scoring_facts
from supportgauge.settings import Settings
from supportgauge.store.backends import engine_functions
from supportgauge.store.interface import Store

# The first real answer: one line to switch when the metric lands in metrics/.
REAL_ANSWER_FIELD = "first_real_answer_min"
# The per-ticket figures the evidence reads.
EVIDENCE_FIELDS = (
    "ticket_id",
    "vendor",
    "priority",
    "account",
    "category",
    "category_inferred",
    "created_at",
    "first_response_min",
    "first_response_business_min",
    "first_response_hollow",
    REAL_ANSWER_FIELD,
    "first_real_answer_business_min",
    "time_to_locate_min",
    "first_resolution_min",
    "full_resolution_min",
    "full_resolution_business_min",
    "reopens",
    "agent_replies",
    "customer_follow_ups",
    "hollow_replies",
    "diagnosis_replies",
    "expert_replies",
    "generic_advice_replies",
    "eta_replies",
    "next_update_replies",
    "one_touch",
    "repeat",
    "max_update_gap_min",
    "max_update_gap_business_min",
    "created_off_hours",
    "created_peak_hours",
)


def response_targets(store: Store, settings: Settings) -> pa.Table:
    """Per vendor and priority: the first-response target (settings' SLA, else the imported
    claim), the resolution target (settings' SLA) and whether they run on the wall clock (a
    7x24 claim, or sla_clock = calendar)."""
    imported = store.to_arrow(store.table("vendors")).to_pylist()
    claims = {row["vendor"]: row for row in imported}
    hours = claimed_hours(store, settings)
    rows: dict[str, list[Any]] = {
        "t_vendor": [], "t_priority": [], "target": [], "resolution_target": [],
        "update_target": [], "wall": [],
    }  # fmt: skip
    for vendor in sorted(set(hours) | set(claims)):
        configured = settings.vendors.get(vendor)
        wall = claims_round_the_clock(hours.get(vendor)) or bool(
            configured and configured.sla_clock == "calendar"
        )
        for priority in PRIORITIES:
            sla = configured.sla.get(priority) if configured else None
            target = sla.first_response if sla else None
            if target is None:
                target = claims.get(vendor, {}).get(
                    f"claimed_first_response_{priority.lower()}_min"
                )
            resolution = sla.resolution if sla else None
            update = sla.update_every if sla else None
            if target is None and resolution is None and update is None:
                continue
            rows["t_vendor"].append(vendor)
            rows["t_priority"].append(priority)
            rows["target"].append(None if target is None else float(target))
            rows["resolution_target"].append(resolution)
            rows["update_target"].append(update)
            rows["wall"].append(wall)
    schema = pa.schema(
        [("t_vendor", pa.string()), ("t_priority", pa.string()), ("target", pa.float64()),
         ("resolution_target", pa.float64()), ("update_target", pa.float64()),
         ("wall", pa.bool_())]
    )  # fmt: skip
    return pa.table(rows, schema=schema)


def _met(figure: Any, running: Any, target: Any) -> Any:
    """Whether a clock stopped within its target; a clock still running past it missed it;
    no target, or a business clock still running, is undecided (NULL)."""
    return ibis.cases(
        (target.isnull(), ibis.null("boolean")),
        (figure.notnull(), figure <= target),
        (running > target, False),
        else_=ibis.null("boolean"),
    )


def ticket_evidence(store: Store, settings: Settings, *, tickets: Any = None) -> Any:
    """One row per ticket with what the scores read (minutes; NULL where nothing happened)."""
    figures = per_ticket_figures(store, settings, EVIDENCE_FIELDS, tickets=tickets)
    stored = store.table("tickets").select(
        p_vendor="vendor", p_ticket="ticket_id", probe_id="probe_id"
    )
    facts = scoring_facts(store)
    targets = ibis.memtable(response_targets(store, settings))
    joined = (
        figures.left_join(
            stored, [figures.vendor == stored.p_vendor, figures.ticket_id == stored.p_ticket]
        )
        .left_join(facts, [figures.vendor == facts.f_vendor, figures.ticket_id == facts.f_ticket])
        .left_join(
            targets, [figures.vendor == targets.t_vendor, figures.priority == targets.t_priority]
        )
    )
    epoch = engine_functions(store.engine).epoch_seconds
    created_sec = epoch(joined.created_at)
    open_min = (ibis.literal(store_data_end(store).seconds) - created_sec) / 60.0
    # A clock still running stops at the ticket's close, else at the end of the data.
    censor_min = ibis.greatest(ibis.coalesce(joined.full_resolution_min, open_min), 0.0)
    wall = joined.wall.fill_null(False)
    open_on_clock = ibis.cases((wall, censor_min), else_=ibis.null("float64"))
    response_met = _met(
        ibis.cases((wall, joined.first_response_min), else_=joined.first_response_business_min),
        open_on_clock,
        joined.target,
    )
    resolution_met = _met(
        ibis.cases((wall, joined.full_resolution_min), else_=joined.full_resolution_business_min),
        ibis.cases((wall, ibis.greatest(open_min, 0.0)), else_=ibis.null("float64")),
        joined.resolution_target,
    )
    return joined.select(
        "vendor",
        "ticket_id",
        "priority",
        "account",
        "probe_id",
        category=ibis.coalesce(joined.category, joined.category_inferred),
        period_month=joined.created_at.strftime("%Y-%m"),
        created_sec=created_sec,
        censor_min=censor_min,
        open_min=ibis.greatest(open_min, 0.0),
        real_answer_min=joined[REAL_ANSWER_FIELD],
        first_response_min=joined.first_response_min,
        first_response_business_min=joined.first_response_business_min,
        real_answer_business_min=joined.first_real_answer_business_min,
        first_response_hollow=joined.first_response_hollow,
        locate_min=joined.time_to_locate_min,
        resolution_min=joined.first_resolution_min,
        resolved=joined.full_resolution_min.notnull(),
        marked_solved=joined.marked_solved.fill_null(False),
        action_replies=joined.action_replies.fill_null(0),
        reopens=joined.reopens,
        agent_replies=joined.agent_replies,
        customer_follow_ups=joined.customer_follow_ups,
        hollow_replies=joined.hollow_replies,
        diagnosis_replies=joined.diagnosis_replies,
        expert_replies=joined.expert_replies,
        generic_advice_replies=joined.generic_advice_replies,
        eta_replies=joined.eta_replies,
        next_update_replies=joined.next_update_replies,
        one_touch=joined.one_touch,
        repeat=joined.repeat,
        max_update_gap_min=joined.max_update_gap_min,
        off_hours=joined.created_off_hours,
        peak=joined.created_peak_hours,
        update_met=ibis.cases(
            (joined.update_target.isnull(), ibis.null("boolean")),
            else_=ibis.cases(
                (wall, joined.max_update_gap_min), else_=joined.max_update_gap_business_min
            )
            <= joined.update_target,
        ),
        response_met=response_met,
        resolution_met=resolution_met,
    )


@dataclass(frozen=True)
class Evidence:
    """Per-ticket evidence as numpy columns (floats with NaN for missing; text as objects)."""

    columns: dict[str, np.ndarray]

    def __len__(self) -> int:
        return len(self.columns["vendor"])

    def __getitem__(self, name: str) -> np.ndarray:
        return self.columns[name]

    def subset(self, rows: np.ndarray) -> Evidence:
        """The evidence of some rows only."""
        return Evidence({name: values[rows] for name, values in self.columns.items()})


_TEXT_COLUMNS = ("vendor", "ticket_id", "priority", "account", "probe_id", "category",
                 "period_month")  # fmt: skip


def evidence_arrays(table: pa.Table) -> Evidence:
    """Arrow evidence rows as numpy columns."""
    columns: dict[str, np.ndarray] = {}
    for name in table.column_names:
        column = table.column(name)
        if name in _TEXT_COLUMNS:
            columns[name] = column.to_numpy(zero_copy_only=False).astype(object)
        else:
            columns[name] = column.cast(pa.float64()).to_numpy(zero_copy_only=False)
    return Evidence(columns)
