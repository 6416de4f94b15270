"""The registry of figures: one declaration per field, the docs' field table made from it."""

from __future__ import annotations

from pathlib import Path

from supportgauge.metrics.facts import FACTS, FACTS_BY_NAME
from supportgauge.metrics.figure import JOINS, markdown_table
from supportgauge.metrics.figures import FIGURES, FIGURES_BY_NAME, TICKET_FIELDS

DOCS = Path(__file__).resolve().parents[2] / "docs" / "metrics.md"
START = "<!-- fields: generated, do not edit by hand -->\n"
END = "<!-- fields: end -->"


def test_the_docs_field_table_is_the_registry() -> None:
    text = DOCS.read_text(encoding="utf-8")
    documented = text[text.index(START) + len(START) : text.index(END)]
    assert documented == markdown_table(FIGURES), (
        "docs/metrics.md's field table differs from src/supportgauge/metrics/figures.py: "
        "paste the output of `python -m supportgauge.metrics.field_table` between its markers."
    )


def test_each_figure_and_fact_is_declared_once() -> None:
    assert len(FIGURES_BY_NAME) == len(FIGURES)
    assert len(FACTS_BY_NAME) == len(FACTS)


def test_everything_a_figure_reads_is_declared() -> None:
    for figure in FIGURES:
        assert set(figure.facts) <= FACTS_BY_NAME.keys(), figure.name
        assert set(figure.figures) <= FIGURES_BY_NAME.keys(), figure.name
        assert set(figure.joins) <= set(JOINS), figure.name
        if figure.build is None:
            assert figure.columns == (figure.name,), figure.name


def test_every_fact_is_read_by_some_figure_or_is_a_twin() -> None:
    read = {fact for figure in FIGURES for fact in figure.facts}
    twins = {fact.on_24x7 for fact in FACTS if isinstance(fact.on_24x7, str)}
    assert {fact.name for fact in FACTS} - read - twins == set()


def test_a_business_fact_names_what_it_is_on_24x7() -> None:
    for fact in FACTS:
        assert (fact.on_24x7 is not None) == fact.business, fact.name
        if isinstance(fact.on_24x7, str):
            assert not FACTS_BY_NAME[fact.on_24x7].business, fact.name


def test_only_figures_that_others_read_are_hidden() -> None:
    hidden = {figure.name for figure in FIGURES if not figure.public}
    read = {name for figure in FIGURES for name in figure.figures}
    assert hidden <= read
    assert set(TICKET_FIELDS) == FIGURES_BY_NAME.keys() - hidden
