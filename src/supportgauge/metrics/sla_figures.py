"""The SLA figures: targets per priority on each vendor's SLA clock, minutes over them and
breaches, and the ticket history they are judged against. Part of the registry in
`metrics.figures`; the SLA arithmetic itself is in `metrics.sla`."""

from __future__ import annotations

from typing import Any

from supportgauge.metrics import sla
from supportgauge.metrics.figure import Figure
from supportgauge.metrics.figure_builders import BUSINESS_MINUTES, FLAG, MINUTES, fact, on_calendar
from supportgauge.metrics.figure_parts import (
    CLOCK_START_BUSINESS_FACTS,
    CLOCK_START_FACTS,
    FigureParts,
    minutes_between,
)

_SLA_RESPONSE = ("first_response_min", "first_response_business_min")
_SLA_RESOLUTION = ("full_resolution_min", "full_resolution_business_min")
_SLA_UPDATE = ("max_update_gap_min", "max_update_gap_business_min")
_SLA_HISTORY = ("history_min", "history_business_min")


def _sla_over(figures: tuple[str, str], target: str) -> Any:
    """Minutes over `target` of a figure (wall-clock, business) on the SLA clock."""
    return lambda parts: sla.over_target(sla.on_sla_clock(parts, *figures), parts.table[target])


def _sla_breached(figures: tuple[str, str], target: str) -> Any:
    """Whether a figure (wall-clock, business) on the SLA clock ran past `target`."""

    def build(parts: FigureParts) -> Any:
        figure = sla.on_sla_clock(parts, *figures)
        history = sla.on_sla_clock(parts, *_SLA_HISTORY)
        return sla.breached(figure, history, parts.table[target])

    return build


def _sla_update_breached(parts: FigureParts) -> Any:
    gap = sla.on_sla_clock(parts, *_SLA_UPDATE)
    return sla.update_breached(gap, parts.table.update_every_target)


def _sla(name: str, definition: str, build: Any, figures: tuple[str, ...] = ()) -> Figure:
    unit = FLAG if name.endswith("_breached") else MINUTES
    return Figure(
        name,
        unit,
        definition,
        build,
        columns=("priority",),
        figures=figures,
        joins=("sla_targets",),
    )


# In the public field order, after every other figure.
SLA_FIGURES: tuple[Figure, ...] = (
    _sla(
        "sla_first_response_target_min",
        "the vendor's first-response target for the ticket's priority, on its SLA clock; "
        "`null` when none is set",
        fact("first_response_target"),
    ),
    _sla(
        "sla_first_response_over_min",
        "first response minus target (negative: within target)",
        _sla_over(_SLA_RESPONSE, "first_response_target"),
        _SLA_RESPONSE,
    ),
    _sla(
        "sla_first_response_breached",
        "first response after the target; with no response, true once the ticket's "
        "recorded history already ran past the target, `null` before that; `null` without "
        "a target",
        _sla_breached(_SLA_RESPONSE, "first_response_target"),
        (*_SLA_RESPONSE, *_SLA_HISTORY),
    ),
    _sla(
        "sla_resolution_target_min",
        "the vendor's resolution target for the ticket's priority; `null` when none is set",
        fact("resolution_target"),
    ),
    _sla(
        "sla_resolution_over_min",
        "full resolution minus target (negative: within target)",
        _sla_over(_SLA_RESOLUTION, "resolution_target"),
        _SLA_RESOLUTION,
    ),
    _sla(
        "sla_resolution_breached",
        "full resolution after the target, decided like `sla_first_response_breached`",
        _sla_breached(_SLA_RESOLUTION, "resolution_target"),
        (*_SLA_RESOLUTION, *_SLA_HISTORY),
    ),
    _sla(
        "sla_update_target_min",
        "the vendor's `update_every` target for the ticket's priority; `null` when none is set",
        fact("update_every_target"),
    ),
    _sla(
        "sla_update_over_min",
        "the longest vendor silence while the customer waited (`max_update_gap`) minus the target",
        _sla_over(_SLA_UPDATE, "update_every_target"),
        _SLA_UPDATE,
    ),
    _sla(
        "sla_update_breached",
        "the longest vendor silence ran past the target; `null` without a target or a gap",
        _sla_update_breached,
        _SLA_UPDATE,
    ),
    # Read by the SLA figures: the response clock's start to the last recorded row.
    Figure(
        "history_min",
        MINUTES,
        "from the response clock's start to the ticket's last recorded row",
        lambda parts: minutes_between(parts.clock_start_sec, parts.table.last_row_sec),
        facts=(*CLOCK_START_FACTS, "last_row_sec"),
        public=False,
    ),
    Figure(
        "history_business_min",
        BUSINESS_MINUTES,
        on_calendar("history_min"),
        lambda parts: minutes_between(
            parts.clock_start_business_position, parts.table.last_row_business_position
        ),
        facts=(*CLOCK_START_BUSINESS_FACTS, "last_row_business_position"),
        public=False,
    ),
)
