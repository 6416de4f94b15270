"""Why a vendor scored what it did: the figures, the thresholds they crossed, and the worst
and best tickets behind each dimension, with their replies quoted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import ibis
import numpy as np

from supportgauge.errors import InputError
from supportgauge.scoring.dimensions import DIMENSION_SHORT, DIMENSIONS
from supportgauge.scoring.periods import in_period
from supportgauge.scoring.records import DimensionScore, VendorScore
from supportgauge.scoring.scorecard import StoreEvidence, load_evidence, scorecard
from supportgauge.scoring.specs import badness, ranked_examples
from supportgauge.settings import Settings
from supportgauge.store.interface import Store

QUOTE_CHARS = 160


@dataclass(frozen=True)
class Example:
    """One ticket behind a score, with the reply that shows it."""

    ticket_id: str
    figure: float
    reply: str | None
    probe_id: str | None = None
    probe_coverage: float | None = None

    def to_dict(self) -> dict[str, Any]:
        """The example as JSON."""
        return {
            "ticket_id": self.ticket_id,
            "figure": None if not np.isfinite(self.figure) else round(self.figure, 2),
            "reply": self.reply,
            "probe_id": self.probe_id,
            "probe_coverage": self.probe_coverage,
        }


@dataclass(frozen=True)
class ProbeResult:
    """One stress-test probe the vendor answered: key points covered, time to a real
    answer, and what its replies did (diagnoses, expert terms, generic advice)."""

    probe_id: str
    ticket_id: str
    coverage: float | None
    real_answer_min: float | None
    diagnosis_replies: int
    expert_replies: int
    generic_advice_replies: int
    reply: str | None

    def to_dict(self) -> dict[str, Any]:
        """The probe result as JSON."""
        return {
            "probe_id": self.probe_id,
            "ticket_id": self.ticket_id,
            "coverage": self.coverage,
            "real_answer_min": self.real_answer_min,
            "diagnosis_replies": self.diagnosis_replies,
            "expert_replies": self.expert_replies,
            "generic_advice_replies": self.generic_advice_replies,
            "reply": self.reply,
        }


@dataclass(frozen=True)
class DimensionExplanation:
    """One dimension's score and the tickets that show it at its worst and best."""

    score: DimensionScore
    worst: tuple[Example, ...]
    best: tuple[Example, ...]

    def to_dict(self) -> dict[str, Any]:
        """The explanation as JSON."""
        return {
            **self.score.to_dict(),
            "dimension": self.score.dimension,
            "worst": [example.to_dict() for example in self.worst],
            "best": [example.to_dict() for example in self.best],
        }


@dataclass(frozen=True)
class Explanation:
    """A vendor's scorecard entry, explained dimension by dimension."""

    vendor: VendorScore
    scenario: str
    dimensions: tuple[DimensionExplanation, ...]
    probes: tuple[ProbeResult, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """The explanation as JSON."""
        shape = self.vendor.to_dict()
        shape["scenario"] = self.scenario
        shape["dimensions"] = {d.score.dimension: d.to_dict() for d in self.dimensions}
        shape["probes"] = [probe.to_dict() for probe in self.probes]
        return shape


def _replies(store: Store, vendor: str, ticket_ids: list[str]) -> dict[str, str]:
    """The first public agent reply of each ticket, shortened."""
    if not ticket_ids:
        return {}
    events = store.table("events")
    replies = events.filter(
        (events.vendor == vendor)
        & events.ticket_id.isin(ticket_ids)
        & (events.kind == "agent_reply")
        & events.public
        & events.body.notnull()
    )
    ranked = replies.mutate(
        position=ibis.row_number().over(group_by="ticket_id", order_by=["ts", "seq"])
    )
    first = store.to_arrow(ranked.filter(ranked.position == 0).select("ticket_id", "body"))
    quotes = {}
    for row in first.to_pylist():
        text = " ".join(str(row["body"]).split())
        quotes[row["ticket_id"]] = (
            text if len(text) <= QUOTE_CHARS else text[: QUOTE_CHARS - 1] + "…"
        )
    return quotes


def explain(
    store: Store,
    settings: Settings,
    vendor: str,
    dimension: str | None = None,
    *,
    scenario: str | None = None,
    period: str | None = None,
    seed: int = 0,
    evidence: StoreEvidence | None = None,
) -> Explanation:
    """The figures, thresholds and example tickets behind one vendor's scores."""
    # The short headings the scorecard table shows ("speed") name dimensions too.
    by_heading = {heading: name for name, heading in DIMENSION_SHORT.items()}
    dimension = by_heading.get(dimension, dimension) if dimension is not None else None
    if dimension is not None and dimension not in DIMENSIONS:
        raise InputError(
            f"no dimension '{dimension}'; use one of {', '.join(DIMENSIONS)}.",
            parameter="dimension",
        )
    data = evidence or load_evidence(store, settings)
    card = scorecard(store, settings, scenario=scenario, period=period, vendors=[vendor],
                     seed=seed, evidence=data)  # fmt: skip
    entry = card.vendors[0]
    tickets = data.tickets
    rows = tickets["vendor"] == vendor
    if period is not None:
        rows &= in_period(tickets["period_month"].astype(str), period)
    group = tickets.subset(rows)
    count = settings.scoring.examples
    chosen = [dimension] if dimension else list(DIMENSIONS)
    picks: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}
    for name in chosen:
        bad = badness(group, name)
        worst, best = ranked_examples(bad, count)
        picks[name] = (worst, best, bad)
    probed = np.flatnonzero(group["probe_id"] != None)  # noqa: E711 (object array)
    if dimension not in (None, "technical_expertise"):
        probed = probed[:0]
    wanted = sorted(
        {str(group["ticket_id"][i]) for w, b, _ in picks.values() for i in (*w, *b)}
        | {str(group["ticket_id"][i]) for i in probed}
    )
    quotes = _replies(store, vendor, wanted)

    def example(index: int, bad: np.ndarray) -> Example:
        ticket_id = str(group["ticket_id"][index])
        coverage = group["probe_coverage"][index]
        return Example(ticket_id, float(bad[index]), quotes.get(ticket_id),
                       group["probe_id"][index],
                       None if np.isnan(coverage) else round(float(coverage), 2))  # fmt: skip

    explained = tuple(
        DimensionExplanation(
            entry.dimensions[name],
            tuple(example(i, bad) for i in worst),
            tuple(example(i, bad) for i in best),
        )
        for name, (worst, best, bad) in picks.items()
    )

    def number(name: str, index: int) -> float | None:
        value = float(group[name][index])
        return None if np.isnan(value) else round(value, 2)

    probes = tuple(
        ProbeResult(
            probe_id=str(group["probe_id"][i]),
            ticket_id=str(group["ticket_id"][i]),
            coverage=number("probe_coverage", i),
            real_answer_min=number("real_answer_min", i),
            diagnosis_replies=int(np.nan_to_num(group["diagnosis_replies"][i])),
            expert_replies=int(np.nan_to_num(group["expert_replies"][i])),
            generic_advice_replies=int(np.nan_to_num(group["generic_advice_replies"][i])),
            reply=quotes.get(str(group["ticket_id"][i])),
        )
        for i in probed.tolist()
    )
    return Explanation(entry, card.scenario, explained, probes)
