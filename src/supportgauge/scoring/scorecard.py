"""The scorecard: every vendor scored 1-5 on five dimensions under a scenario, with
intervals, ties, flags between periods, and claims against the evidence."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise
from typing import Any

import ibis
import numpy as np
import pyarrow as pa

from supportgauge.canonical import PRIORITIES
from supportgauge.errors import NotFoundError
from supportgauge.metrics.store_metrics import claimed_hours
from supportgauge.scoring.bootstrap import (
    Estimate,
    RatioSpec,
    estimate_group,
    estimate_interval,
    group_rng,
)
from supportgauge.scoring.claims import vendor_claims
from supportgauge.scoring.combine import (
    Rating,
    Scored,
    dimension_score,
    evidence_score,
    overall_score,
)
from supportgauge.scoring.config import check_scenario
from supportgauge.scoring.dimensions import DIMENSIONS
from supportgauge.scoring.evidence import (
    Evidence,
    evidence_arrays,
    response_targets,
    ticket_evidence,
)
from supportgauge.scoring.missing_data import missing_data_flags
from supportgauge.scoring.periods import check_period, check_period_kind, in_period, period_keys
from supportgauge.scoring.proactive import proactive_by_account, review_flags
from supportgauge.scoring.probes import probe_coverage
from supportgauge.scoring.records import (
    DimensionScore,
    Flag,
    PrioritySla,
    Scorecard,
    Tie,
    VendorScore,
)
from supportgauge.scoring.scenarios import Scenario
from supportgauge.scoring.specs import (
    badness,
    figure_specs,
    ranked_examples,
    resolution_met_key,
    response_met_key,
)
from supportgauge.settings import Settings
from supportgauge.store.interface import Store

PROACTIVE_FIGURE = "proactive_per_account_month"


@dataclass(frozen=True)
class StoreEvidence:
    """Everything a scorecard reads from the store, fetched once."""

    tickets: Evidence
    proactive: Evidence  # per vendor, account and month: weight of proactive records
    ratings: list[dict[str, Any]]
    vendors: tuple[str, ...]  # every vendor the store knows (tickets or vendors table)
    claimed: Mapping[str, Mapping[str, object]]
    targets: Mapping[str, Mapping[str, float]]


_IN_ORDER = [
    (key, "ascending") for key in ("vendor", "ticket_id", "account", "created_sec", "priority")
]


def load_evidence(store: Store, settings: Settings) -> StoreEvidence:
    """Fetch the per-ticket evidence, proactive units, ratings and claims of a store."""
    # Fetched once; the review and probe joins read its keys back from Arrow (the engine
    # writes a temporary table far slower than it returns the rows) and give back only the
    # few rows they concern.
    # The engine returns rows in no fixed order; the resampling weights are drawn per row,
    # so the rows are put in one order first: the same seed gives the same intervals.
    fetched = store.to_arrow(ticket_evidence(store, settings)).sort_by(_IN_ORDER)
    fetched = fetched.append_column("row", pa.array(np.arange(fetched.num_rows)))
    keys = ibis.memtable(
        fetched.select(["row", "vendor", "ticket_id", "account", "priority", "resolved",
                        "resolution_min", "created_sec"])
    )  # fmt: skip
    tickets = evidence_arrays(fetched)
    reviews = store.to_arrow(review_flags(keys, store))
    coverage = probe_coverage(store)
    covered = keys.inner_join(
        coverage, [keys.vendor == coverage.c_vendor, keys.ticket_id == coverage.c_ticket]
    ).select("row", "probe_coverage")
    for name, found in (("p1_reviewed", reviews), ("probe_coverage", store.to_arrow(covered))):
        values = np.full(len(tickets), np.nan)
        rows = found.column("row").to_numpy()
        values[rows] = found.column(name).cast(pa.float64()).to_numpy(zero_copy_only=False)
        tickets.columns[name] = values
    units = proactive_by_account(store, store.table("tickets"), big_events=settings.big_events)
    proactive = evidence_arrays(
        store.to_arrow(units).sort_by([("vendor", "ascending"), ("account", "ascending"),
                                       ("period_month", "ascending")])
    )  # fmt: skip
    ratings = store.to_arrow(store.table("ratings")).to_pylist()
    imported = {row["vendor"]: row for row in store.to_arrow(store.table("vendors")).to_pylist()}
    hours = claimed_hours(store, settings)
    claimed = {
        vendor: {**imported.get(vendor, {}), "claimed_hours": hours.get(vendor)
                 or imported.get(vendor, {}).get("claimed_hours")}
        for vendor in set(imported) | set(hours)
    }  # fmt: skip
    targets: dict[str, dict[str, float]] = {}
    for row in response_targets(store, settings).to_pylist():
        targets.setdefault(row["t_vendor"], {})[row["t_priority"]] = row["target"]
    known = sorted(set(np.unique(tickets["vendor"]).tolist()) | set(imported))
    return StoreEvidence(tickets, proactive, ratings, tuple(known), claimed, targets)


def _relevance(tickets: Evidence, scenario: Scenario) -> np.ndarray:
    feared = np.isin(tickets["category"].astype(str), list(scenario.feared_categories))
    return np.where(feared, 1.0, scenario.other_weight)


def _proactive_estimate(units: Evidence, *, resamples: int, rng: np.random.Generator) -> Estimate:
    spec = {PROACTIVE_FIGURE: RatioSpec(units["weight"], np.ones(len(units)))}
    return estimate_group(spec, {}, np.ones(len(units)), resamples=resamples, rng=rng)[
        PROACTIVE_FIGURE
    ]


def _ratings(rows: list[dict[str, Any]], vendor: str, months: set[str]) -> dict[str, Rating]:
    chosen: dict[str, list[tuple[str, float]]] = {}
    for row in rows:
        if row["vendor"] == vendor and row["period"] in months:
            chosen.setdefault(row["dimension"], []).append((row["rater"], row["score"]))
    ratings = {}
    for dimension, scored in chosen.items():
        values = np.array([score for _, score in scored])
        spread = float(values.std(ddof=1)) if len(values) > 1 else 0.0
        ratings[dimension] = Rating(float(values.mean()), spread, len({r for r, _ in scored}))
    return ratings


def _examples(group: Evidence, dimension: str, count: int) -> list[str]:
    if not len(group) or count < 1:
        return []
    worst, _ = ranked_examples(badness(group, dimension), count)
    return [str(ticket_id) for ticket_id in group["ticket_id"][worst]]


def _ties(period: str | None, scores: Sequence[VendorScore]) -> list[Tie]:
    ties = []
    for dimension in ("overall", *DIMENSIONS):
        ranked = []
        for vendor in scores:
            if dimension == "overall":
                value, low, high = vendor.overall, vendor.overall_low, vendor.overall_high
            else:
                record = vendor.dimensions[dimension]
                value, low, high = record.score, record.low, record.high
            if value is not None and low is not None and high is not None:
                ranked.append((value, low, high, vendor.vendor))
        ranked.sort(reverse=True)
        used: set[str] = set()
        for index, (_, low, high, name) in enumerate(ranked):
            if name in used:
                continue
            group = [(low, high, name)]
            for _, other_low, other_high, other in ranked[index + 1 :]:
                if other not in used and all(
                    other_low <= top and bottom <= other_high for bottom, top, _ in group
                ):
                    group.append((other_low, other_high, other))
            if len(group) > 1:
                used.update(member for _, _, member in group)
                ties.append(Tie(period, dimension, tuple(member for _, _, member in group)))
    return ties


def _change_flags(by_vendor: Mapping[str, list[VendorScore]]) -> list[Flag]:
    flags = []
    for vendor, periods in by_vendor.items():
        for before, after in pairwise(periods):
            for dimension in ("overall", *DIMENSIONS):
                if dimension == "overall":
                    old = (before.overall, before.overall_low, before.overall_high)
                    new = (after.overall, after.overall_low, after.overall_high)
                else:
                    a, b = before.dimensions[dimension], after.dimensions[dimension]
                    old, new = (a.score, a.low, a.high), (b.score, b.low, b.high)
                if None in old or None in new:
                    continue
                if new[2] < old[1]:  # type: ignore[operator]
                    kind = "deteriorated"
                elif new[1] > old[2]:  # type: ignore[operator]
                    kind = "improved"
                else:
                    continue
                flags.append(Flag(kind, vendor, after.period,
                                  f"{vendor} {kind} on {dimension}: {old[0]:.2f} in "
                                  f"{before.period} -> {new[0]:.2f} in {after.period}; the "
                                  "intervals do not overlap", dimension, before.period,
                                  old[0], new[0]))  # fmt: skip
    return flags


def _missing(vendor: str, period: str | None) -> VendorScore:
    empty = {name: DimensionScore(name, None, None, None, 0) for name in DIMENSIONS}
    return VendorScore(vendor, period, 0, None, None, None, empty)


def sla_by_priority(
    estimates: Mapping[str, Estimate], confidence: float
) -> tuple[PrioritySla, ...]:
    """Per priority with a verdict: the shares answered and resolved within target."""
    found = []
    for priority in PRIORITIES:
        response = estimates.get(response_met_key(priority))
        resolution = estimates.get(resolution_met_key(priority))
        if not (response and response.n) and not (resolution and resolution.n):
            continue
        parts: list[Any] = []
        for estimate in (response, resolution):
            low, high = estimate_interval(estimate, confidence)
            parts += [estimate.value if estimate else None, low, high,
                      estimate.n if estimate else 0]  # fmt: skip
        found.append(PrioritySla(priority, *parts))
    return tuple(found)


def _score_group(
    data: StoreEvidence,
    rows: np.ndarray,
    units: np.ndarray,
    *,
    vendor: str,
    period: str,
    population: Mapping[str, tuple[float | None, int]],
    relevance: np.ndarray,
    scenario: Scenario,
    months: set[str],
    settings: Settings,
    seed: int,
) -> tuple[VendorScore, dict[str, Estimate]]:
    config = settings.scoring
    group = data.tickets.subset(rows)
    rng = group_rng(seed, f"{vendor}|{period}")
    estimates = estimate_group(*figure_specs(group), relevance[rows],
                               resamples=config.resamples, rng=rng)  # fmt: skip
    estimates[PROACTIVE_FIGURE] = _proactive_estimate(
        data.proactive.subset(units), resamples=config.resamples, rng=rng
    )
    ratings = _ratings(data.ratings, vendor, months)
    dimensions: dict[str, Scored] = {
        name: dimension_score(name, estimates, config, population=population[name][0],
                              population_n=population[name][1], rating=ratings.get(name),
                              tickets=_examples(group, name, config.examples))
        for name in DIMENSIONS
    }  # fmt: skip
    overall, low, high = overall_score(dimensions, scenario.weights, config.confidence)
    speed = dimensions["response_speed"].record
    by_priority = sla_by_priority(estimates, config.confidence)
    if speed.score is not None and by_priority:
        dimensions["response_speed"] = replace(
            dimensions["response_speed"], record=replace(speed, sla_by_priority=by_priority)
        )
    record = VendorScore(
        vendor=vendor,
        period=period or None,
        n=int(rows.sum()),
        overall=overall,
        overall_low=low,
        overall_high=high,
        dimensions={name: scored.record for name, scored in dimensions.items()},
    )
    return record, estimates


def _population(
    data: StoreEvidence,
    rows: np.ndarray,
    units: np.ndarray,
    relevance: np.ndarray,
    settings: Settings,
) -> dict[str, tuple[float | None, int]]:
    """Each dimension's score from every vendor's tickets pooled, and the tickets behind it:
    where a vendor's small sample shrinks (toward the middle of the scale when few)."""
    group = data.tickets.subset(rows)
    rng = np.random.default_rng(0)
    estimates = estimate_group(*figure_specs(group), relevance[rows],
                               resamples=0, rng=rng)  # fmt: skip
    estimates[PROACTIVE_FIGURE] = _proactive_estimate(data.proactive.subset(units), resamples=0,
                                                      rng=rng)  # fmt: skip
    return {name: evidence_score(name, estimates, settings.scoring) for name in DIMENSIONS}


def scorecard(
    store: Store,
    settings: Settings,
    *,
    scenario: str | None = None,
    period: str | None = None,
    by_period: str | None = None,
    vendors: Sequence[str] | None = None,
    seed: int = 0,
    evidence: StoreEvidence | None = None,
) -> Scorecard:
    """Every vendor's scorecard under `scenario` (settings' default when None), for one
    `period` (YYYY-MM or YYYY-Qn; all data when None) or each month or quarter (`by_period`)."""
    config = settings.scoring
    profile = check_scenario(config, scenario or config.scenario, parameter="scenario")
    if period is not None:
        check_period(period)
    if by_period is not None:
        check_period_kind(by_period)
    data = evidence or load_evidence(store, settings)
    tickets = data.tickets
    chosen = list(vendors) if vendors else list(data.vendors)
    for name in chosen:
        if name not in data.vendors:
            known = ", ".join(data.vendors) or "none: the store is empty"
            raise NotFoundError(f"no vendor '{name}'; known: {known}.", parameter="vendors")
    months = tickets["period_month"].astype(str)
    selected = in_period(months, period) if period else np.ones(len(tickets), dtype=bool)
    unit_months = data.proactive["period_month"].astype(str)
    units_selected = (
        in_period(unit_months, period) if period else np.ones(len(unit_months), dtype=bool)
    )
    keys = (
        period_keys(months, by_period)
        if by_period
        else np.full(len(months), period or "", dtype=object)
    )
    unit_keys = (
        period_keys(unit_months, by_period) if by_period
        else np.full(len(unit_months), period or "", dtype=object)
    )  # fmt: skip
    periods = sorted(set(keys[selected].tolist())) if by_period else [period or ""]
    relevance = _relevance(tickets, profile)
    scores: list[VendorScore] = []
    ties: list[Tie] = []
    flags: list[Flag] = []
    by_vendor: dict[str, list[VendorScore]] = {}
    whole: dict[str, dict[str, Estimate]] = {}
    for key in periods:
        in_key = selected & (keys == key)
        units_in_key = units_selected & (unit_keys == key)
        flags.extend(missing_data_flags(tickets, chosen, key, in_key))
        pooled = _population(data, in_key, units_in_key, relevance, settings)
        period_months = set(months[in_key].tolist())
        period_scores = []
        for vendor in chosen:
            rows = in_key & (tickets["vendor"] == vendor)
            if not rows.any():
                period_scores.append(_missing(vendor, key or None))
                continue
            mine = data.proactive["vendor"] == vendor
            units = units_in_key & mine
            # The prior counts only the other vendors' tickets: a vendor alone in its
            # period shrinks toward the middle of the scale, not toward itself.
            others = int((in_key & (tickets["vendor"] != vendor)).sum())
            population = {name: (score, others) for name, (score, _) in pooled.items()}
            record, estimates = _score_group(
                data, rows, units, vendor=vendor, period=key, population=population,
                relevance=relevance, scenario=profile, months=period_months,
                settings=settings, seed=seed,
            )  # fmt: skip
            period_scores.append(record)
            by_vendor.setdefault(vendor, []).append(record)
            if not by_period:
                whole[vendor] = estimates
        scores.extend(period_scores)
        ties.extend(_ties(key or None, period_scores))
    flags.extend(_change_flags(by_vendor))
    if by_period:
        # Claims are judged over the whole selection, not period by period.
        for vendor in chosen:
            rows = selected & (tickets["vendor"] == vendor)
            if rows.any():
                group = tickets.subset(rows)
                whole[vendor] = estimate_group(
                    *figure_specs(group), relevance[rows],
                    resamples=config.resamples, rng=group_rng(seed, f"{vendor}|claims"),
                )  # fmt: skip
    claims = [
        claim
        for vendor in chosen
        if vendor in whole
        for claim in vendor_claims(
            vendor, whole[vendor], data.claimed.get(vendor, {}), data.targets.get(vendor, {}),
            confidence=config.confidence, met_share=config.claim_met_share,
        )
    ]  # fmt: skip
    return Scorecard(
        scenario=profile.name,
        weights=dict(profile.weights),
        period=period,
        by_period=by_period,
        resamples=config.resamples,
        confidence=config.confidence,
        seed=seed,
        vendors=tuple(scores),
        ties=tuple(ties),
        flags=tuple(flags),
        claims=tuple(claims),
    )
