"""Why a vendor scored what it did: the figures, the thresholds they crossed, and for each
figure the tickets that cost and earned it, with the reply that shows it quoted."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from supportgauge.errors import InputError
from supportgauge.scoring.dimensions import DIMENSION_SHORT, DIMENSIONS
from supportgauge.scoring.evidence import Evidence
from supportgauge.scoring.evidence_figures import FIGURES_BY_NAME
from supportgauge.scoring.example_replies import Reply, example_replies, quoted, shortened
from supportgauge.scoring.figure_examples import FIRST_REPLY, Quote, top
from supportgauge.scoring.periods import in_period
from supportgauge.scoring.probes import covering_replies
from supportgauge.scoring.records import DimensionScore, FigureScore, VendorScore
from supportgauge.scoring.scorecard import StoreEvidence, load_evidence, scorecard
from supportgauge.settings import Settings
from supportgauge.store.interface import Store


@dataclass(frozen=True)
class Example:
    """One ticket behind a figure, its value on it, and the reply that shows it."""

    ticket_id: str
    figure: float
    reply: str | None
    probe_id: str | None = None
    probe_coverage: float | None = None
    public_replies: int = 0  # the ticket's public agent replies with text

    def to_dict(self) -> dict[str, Any]:
        """The example as JSON."""
        return {
            "ticket_id": self.ticket_id,
            "figure": None if not np.isfinite(self.figure) else round(self.figure, 2),
            "reply": self.reply,
            "public_replies": self.public_replies,
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
class FigureExamples:
    """One figure with the tickets that cost it most and those that earned it most."""

    figure: FigureScore
    cost: tuple[Example, ...]
    earned: tuple[Example, ...]

    def to_dict(self) -> dict[str, Any]:
        """The examples as JSON."""
        return {
            "figure": self.figure.name,
            "cost": [example.to_dict() for example in self.cost],
            "earned": [example.to_dict() for example in self.earned],
        }


@dataclass(frozen=True)
class DimensionExplanation:
    """One dimension's score and, per figure, the tickets that cost and earned it."""

    score: DimensionScore
    figures: tuple[FigureExamples, ...]

    def to_dict(self) -> dict[str, Any]:
        """The explanation as JSON."""
        return {
            **self.score.to_dict(),
            "dimension": self.score.dimension,
            "examples": [figure.to_dict() for figure in self.figures],
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


PROBE_FIGURE = "probe_key_point_coverage"
Picks = dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]]


def _picks(group: Evidence, figures: tuple[FigureScore, ...], count: int) -> Picks:
    """Per figure: the positions of the tickets that cost and earned it most, and each
    ticket's value on it."""
    picks = {}
    for figure in figures:
        sides = FIGURES_BY_NAME[figure.name].examples.sides(group)
        picks[figure.name] = (top(sides.cost, count), top(sides.earned, count), sides.value)
    return picks


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
    """The figures, thresholds and, per figure, the tickets that cost and earned it most."""
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
    picks = {name: _picks(group, entry.dimensions[name].figures, count) for name in chosen}
    probed = np.flatnonzero(group["probe_id"] != None)  # noqa: E711 (object array)
    if dimension not in (None, "technical_expertise"):
        probed = probed[:0]
    shown = {int(i) for figures in picks.values() for c, e, _ in figures.values() for i in (*c, *e)}
    wanted = sorted({str(group["ticket_id"][i]) for i in shown | set(probed.tolist())})
    replies = example_replies(store, vendor, wanted)
    # A probe ticket earns its coverage by the reply that covered the key points.
    probe_ids = [str(group["ticket_id"][i]) for i in probed.tolist()]
    if "technical_expertise" in chosen:
        probe_ids += [str(group["ticket_id"][i]) for i in
                      picks["technical_expertise"].get(PROBE_FIGURE, ((), (), ()))[1]]  # fmt: skip
    covering = {ticket: shortened(body) for ticket, body in
                covering_replies(store, vendor, sorted(set(probe_ids))).items()}  # fmt: skip

    def example(index: int, value: np.ndarray, quote: Quote) -> Example:
        ticket_id = str(group["ticket_id"][index])
        coverage = group["probe_coverage"][index]
        ticket_replies = replies.get(ticket_id, [])
        return Example(ticket_id, float(value[index]), quoted(ticket_replies, quote),
                       group["probe_id"][index],
                       None if np.isnan(coverage) else round(float(coverage), 2),
                       len(ticket_replies))  # fmt: skip

    def figure_examples(figure: FigureScore, figures: Picks) -> FigureExamples:
        cost, earned, value = figures[figure.name]
        rule = FIGURES_BY_NAME[figure.name].examples
        earned_examples = tuple(example(i, value, rule.earned_quote) for i in earned)
        if figure.name == PROBE_FIGURE:
            earned_examples = tuple(
                replace(e, reply=covering.get(e.ticket_id, e.reply)) for e in earned_examples
            )
        return FigureExamples(
            figure, tuple(example(i, value, rule.cost_quote) for i in cost), earned_examples
        )

    explained = tuple(
        DimensionExplanation(
            entry.dimensions[name],
            tuple(figure_examples(f, picks[name]) for f in entry.dimensions[name].figures),
        )
        for name in chosen
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
            reply=covering.get(str(group["ticket_id"][i]))
            or _probe_answer(replies.get(str(group["ticket_id"][i]), [])),
        )
        for i in probed.tolist()
    )
    return Explanation(entry, card.scenario, explained, probes)


def _probe_answer(replies: list[Reply]) -> str | None:
    """A probe's real answer when it got one, else its first reply."""
    return quoted(replies, ("is_real_answer", True)) or quoted(replies, FIRST_REPLY)
