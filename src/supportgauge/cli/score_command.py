"""`supportgauge score`: the five-dimension scorecard, and `--explain` for one vendor."""

from __future__ import annotations

import json
import sys
from typing import Annotated

import pyarrow as pa
import typer
from rich.table import Table

from supportgauge.cli.app import (
    ConfigOption,
    DbOption,
    app,
    console,
    reports_errors,
)
from supportgauge.cli.cells import figure_value
from supportgauge.cli.progress import working
from supportgauge.cli.render import write_csv
from supportgauge.cli.reread_command import warn_about_readings
from supportgauge.cli.store_access import open_gauge
from supportgauge.errors import InputError, NotFoundError
from supportgauge.plurals import count_of
from supportgauge.scoring.dimensions import DIMENSION_SHORT, DIMENSION_TITLES, DIMENSIONS
from supportgauge.scoring.explain import Example, Explanation
from supportgauge.scoring.glossary import FIGURE_MEANINGS, claims_line, legend
from supportgauge.scoring.records import Scorecard, VendorScore

SCORE_FORMATS = ("table", "json", "csv")


def _value(score: float | None) -> str:
    return "no ev." if score is None else f"{score:.1f}"


def _share(share: float | None, n: int) -> str:
    return "-" if share is None else f"{share:.0%} of {n}"


def _interval(score: float | None, low: float | None, high: float | None) -> str:
    if score is None or low is None or high is None:
        return "no evidence"
    return f"{score:.2f} {low:.1f}-{high:.1f}"


def _tie_groups(card: Scorecard, period: str | None, dimension: str = "overall") -> dict[str, int]:
    """Each vendor tied on a dimension (or overall) in the period, with its group's number."""
    groups = {}
    ties = [t for t in card.ties if t.dimension == dimension and t.period == period]
    for index, tie in enumerate(ties):
        groups.update(dict.fromkeys(tie.vendors, index))
    return groups


# Below this width the table becomes two lines per vendor.
TABLE_WIDTH = 78
_TIE_LETTERS = "abcdefghij"


def _ranked(card: Scorecard, period: str | None) -> list[tuple[str, VendorScore]]:
    """The period's vendors best first, each with its place ('=3' when tied overall)."""
    shown = [v for v in card.vendors if (v.period or None) == period]
    shown.sort(key=lambda v: -1.0 if v.overall is None else v.overall, reverse=True)
    groups = _tie_groups(card, period)
    ranks: list[int] = []
    ranked = []
    for index, vendor in enumerate(shown):
        group = groups.get(vendor.vendor)
        same = index > 0 and group is not None and groups.get(shown[index - 1].vendor) == group
        ranks.append(ranks[-1] if same else index + 1)
        place = "-" if vendor.overall is None else f"{'=' if group is not None else ''}{ranks[-1]}"
        ranked.append((place, vendor))
    return ranked


def _dimension_cells(card: Scorecard, period: str | None, vendor: VendorScore) -> list[str]:
    """A vendor's dimension scores, each with a letter its tied vendors share ('3.9a')."""
    cells = []
    for name in DIMENSIONS:
        group = _tie_groups(card, period, name).get(vendor.vendor)
        letter = "" if group is None else _TIE_LETTERS[group % len(_TIE_LETTERS)]
        cells.append(_value(vendor.dimensions[name].score) + letter)
    return cells


def scorecard_table(card: Scorecard, period: str | None) -> Table:
    """One period's scorecard as a table that fits 80 columns."""
    title = f"Scorecard, scenario {card.scenario}" + (f", {period}" if period else "")
    view = Table(title=title, header_style="bold", box=None, pad_edge=False)
    view.add_column("#", justify="right", no_wrap=True, min_width=2)
    view.add_column("vendor", no_wrap=True, max_width=12)
    view.add_column("overall", justify="right", no_wrap=True, min_width=12)
    for name in DIMENSIONS:
        view.add_column(DIMENSION_SHORT[name], justify="right", no_wrap=True)
    view.add_column("n", justify="right", no_wrap=True)
    for place, vendor in _ranked(card, period):
        view.add_row(
            place,
            vendor.vendor,
            _interval(vendor.overall, vendor.overall_low, vendor.overall_high),
            *_dimension_cells(card, period, vendor),
            f"{vendor.n:,}",
        )
    return view


def scorecard_lines(card: Scorecard, period: str | None, *, width: int) -> list[str]:
    """One period's scorecard for a narrow terminal: a line per vendor, then its dimensions
    on as many lines of `width` as they need."""
    lines = [f"Scorecard, scenario {card.scenario}" + (f", {period}" if period else "")]
    for place, vendor in _ranked(card, period):
        overall = _interval(vendor.overall, vendor.overall_low, vendor.overall_high)
        lines.append(f"{place:>3} {vendor.vendor}: {overall}, n={vendor.n:,}")
        cells = _dimension_cells(card, period, vendor)
        line = "   "
        for name, cell in zip(DIMENSIONS, cells, strict=True):
            part = f" {DIMENSION_SHORT[name]} {cell}"
            if len(line) + len(part) > width and line.strip():
                lines.append(line)
                line = "   "
            line += part
        lines.append(line)
    return lines


def _footer(card: Scorecard) -> list[str]:
    lines = [
        "Scores 1-5 (5 best), intervals at "
        f"{card.confidence:.0%} from {count_of(card.resamples, 'resample')}; '=' marks overlapping "
        "intervals (tied); a letter after a dimension's score marks the vendors tied on it "
        "('3.9a' and '3.7a'); 'no ev.' = no evidence.",
        legend(),
        "Weights: " + ", ".join(f"{DIMENSION_SHORT[k]} {v:.0%}" for k, v in card.weights.items()),
    ]
    for flag in card.flags:
        lines.append(f"Flag ({flag.kind}): {flag.message}")
    broken: dict[str, list[str]] = {}
    for claim in card.claims:
        if claim.verdict == "broken":
            broken.setdefault(claim.vendor, []).append(claim.claim)
    for vendor, names in broken.items():
        lines.append(f"Claims broken by {vendor}: {claims_line(names)}")
    return lines


def scorecard_rows(card: Scorecard) -> pa.Table:
    """One row per vendor and period: overall and every dimension's score, low, high, n."""
    rows = []
    for vendor in card.vendors:
        row: dict[str, object] = {
            "vendor": vendor.vendor,
            "period": vendor.period,
            "scenario": card.scenario,
            "n": vendor.n,
            "overall": vendor.overall,
            "overall_low": vendor.overall_low,
            "overall_high": vendor.overall_high,
        }
        for name, record in vendor.dimensions.items():
            row.update({name: record.score, f"{name}_low": record.low,
                        f"{name}_high": record.high, f"{name}_n": record.n})  # fmt: skip
        rows.append(row)
    return pa.Table.from_pylist(rows)


def _line(text: str) -> None:
    console.print(text, highlight=False, markup=False, soft_wrap=False)


def print_scorecard(card: Scorecard) -> None:
    """The scorecard as tables, one per period, with its flags and broken claims."""
    if not card.vendors:
        console.print(
            "Nothing to score: the store has no tickets yet. Import data with "
            "'supportgauge import PATH', or point --db at another store."
        )
        return
    periods = sorted({v.period for v in card.vendors}, key=lambda p: p or "")
    for period in periods:
        if console.width < TABLE_WIDTH:
            for line in scorecard_lines(card, period, width=console.width):
                _line(line)
        else:
            console.print(scorecard_table(card, period))
    for line in _footer(card):
        _line(line)


# Examples printed per figure and side; JSON carries every one ([scoring] examples).
EXAMPLES_SHOWN = 2


def _example_text(example: Example) -> str:
    probe = (
        f" [probe {example.probe_id}: {example.probe_coverage:.0%} of key points]"
        if example.probe_id and example.probe_coverage is not None
        else ""
    )
    if example.reply:
        quote = f' "{example.reply}"'
    else:
        quote = " (no reply of that kind)" if example.public_replies else " (no public reply)"
    return f"{example.ticket_id}{probe}{quote}"


def print_explanation(explanation: Explanation) -> None:
    """The figures, thresholds and example tickets behind a vendor's scores."""
    vendor = explanation.vendor
    _line(
        f"{vendor.vendor}, scenario {explanation.scenario}: overall "
        f"{_interval(vendor.overall, vendor.overall_low, vendor.overall_high)} from "
        f"{count_of(vendor.n, 'ticket')}"
    )
    for item in explanation.dimensions:
        score = item.score
        interval = _interval(score.score, score.low, score.high)
        _line(
            f"\n{DIMENSION_TITLES[score.dimension]}: {interval}"
            f" (n={score.n}; figures {_value(score.evidence_score)}, ratings "
            f"{_value(score.rating)}, all vendors {_value(score.population_score)})"
        )
        if score.sla_by_priority:
            _line("  SLA by priority (within target: answered, resolved): " + "; ".join(
                f"{sla.priority} {_share(sla.first_response_met, sla.first_response_n)}, "
                f"{_share(sla.resolution_met, sla.resolution_n)}"
                for sla in score.sla_by_priority
            ))  # fmt: skip
        for examples in item.figures:
            figure = examples.figure
            if figure.value is None:
                value = "-"
            elif figure.value == float("inf"):
                value = "not reached"
            else:
                value = f"{figure_value(figure.value)} {figure.unit}"
            observed = (
                f", {figure.observed_share:.0%} stopped"
                if figure.observed_share is not None
                else ""
            )
            _line(
                f"  {figure.name} ({FIGURE_MEANINGS[figure.name]}) = {value} -> "
                f"{figure.score:.1f} (crossed {figure.crossed}; weight {figure.weight:g}; "
                f"n={figure.n}{observed})"
            )
            for label, shown in (("cost it", examples.cost), ("earned it", examples.earned)):
                for example in shown[:EXAMPLES_SHOWN]:
                    _line(f"    {label}: {_example_text(example)}")
    if explanation.probes:
        console.print("\nStress-test probes (key points covered, first real answer, replies):")
    for result in explanation.probes:
        covered = "-" if result.coverage is None else f"{result.coverage:.0%}"
        answer = "never" if result.real_answer_min is None else f"{result.real_answer_min:,.0f} min"
        _line(
            f"  {result.probe_id} {result.ticket_id}: {covered} of key points, real answer "
            f"{answer}; {result.diagnosis_replies} diagnosis, {result.expert_replies} expert, "
            f"{result.generic_advice_replies} generic-advice replies"
        )


@app.command("score")
@reports_errors
def score_command(
    dimension: Annotated[
        str | None,
        typer.Argument(help="With --explain: only this dimension.", show_default=False),
    ] = None,
    scenario: Annotated[
        str | None,
        typer.Option("--scenario", help="Scenario profile (default: \\[scoring] scenario)."),
    ] = None,
    period: Annotated[
        str | None, typer.Option("--period", help="Only YYYY-MM or YYYY-Qn (default: all data).")
    ] = None,
    by: Annotated[
        str | None,
        typer.Option("--by", help="A scorecard per month or quarter, with changes flagged."),
    ] = None,
    vendor: Annotated[
        list[str] | None, typer.Option("--vendor", help="Only this vendor (repeatable).")
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help=f"Output: {', '.join(SCORE_FORMATS)}.")
    ] = "table",
    explain_vendor: Annotated[
        str | None,
        typer.Option("--explain", help="Explain one vendor's scores: figures and example tickets."),
    ] = None,
    seed: Annotated[int, typer.Option("--seed", help="Seed of the bootstrap.")] = 0,
    db: DbOption = None,
    config: ConfigOption = None,
) -> None:
    """The five-dimension scorecard (1-5 per vendor, weighted by scenario, with intervals)."""
    if output_format not in SCORE_FORMATS:
        raise InputError(f"'{output_format}': use one of {', '.join(SCORE_FORMATS)}.",
                         parameter="format")  # fmt: skip
    if dimension is not None and explain_vendor is None:
        raise InputError(f"'{dimension}' names a dimension: it goes with --explain VENDOR.",
                         parameter="explain")  # fmt: skip
    with open_gauge(db, config, read_only=True) as gauge, working("Scoring"):
        warn_about_readings(gauge)
        if explain_vendor is not None:
            try:
                explanation = gauge.explain(explain_vendor, dimension, scenario=scenario,
                                            period=period, seed=seed)  # fmt: skip
            except NotFoundError as error:
                # The vendor to explain is given with --explain here.
                if error.parameter in ("vendor", "vendors"):
                    error.parameter = "explain"
                raise
        else:
            card = gauge.score(scenario=scenario, period=period, by_period=by, vendors=vendor,
                               seed=seed)  # fmt: skip
    if explain_vendor is not None:
        if output_format == "json":
            print(json.dumps(explanation.to_dict(), ensure_ascii=False, indent=2))
        else:
            print_explanation(explanation)
        return
    if output_format == "json":
        print(json.dumps(card.to_dict(), ensure_ascii=False, indent=2))
    elif output_format == "csv":
        write_csv(scorecard_rows(card), sys.stdout)
    else:
        print_scorecard(card)
