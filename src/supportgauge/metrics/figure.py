"""How a per-ticket figure is declared (`Figure`), and its row in docs/metrics.md."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from supportgauge.metrics.figure_parts import FigureParts

# What a figure may join besides its facts, by name (see `ticket_metrics`).
JOINS = ("region_zones", "repeats", "sla_targets")


@dataclass(frozen=True)
class Figure:
    """One per-ticket figure: its name, unit, definition, what it reads, how it is built."""

    name: str
    unit: str  # "minutes", "count", "true/false", "text", ...
    definition: str  # the text of docs/metrics.md's field list
    # How it is built from the parts; None for a stored ticket column of the same name.
    build: Callable[[FigureParts], Any] | None = None
    facts: tuple[str, ...] = ()  # the ticket facts (`metrics.facts`) it reads
    columns: tuple[str, ...] = ()  # ticket columns it reads besides the key and creation
    figures: tuple[str, ...] = ()  # other figures it reads
    joins: tuple[str, ...] = ()  # any of JOINS
    public: bool = True  # a field of `metrics tickets`; False for figures others read

    def markdown_row(self) -> str:
        """This figure as a row of the docs' field table."""
        return f"| `{self.name}` | {self.unit} | {self.definition} |"


def markdown_table(figures: tuple[Figure, ...]) -> str:
    """The docs' field table of the public `figures`, in their order."""
    rows = [figure.markdown_row() for figure in figures if figure.public]
    return "\n".join(["| field | unit | definition |", "|---|---|---|", *rows]) + "\n"
