"""One value as a terminal shows it: numbers grouped, rates as percentages, instants in UTC."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

import pyarrow as pa


def json_value(value: Any) -> Any:
    """A value as JSON expects it: ISO 8601 instants in UTC, null for missing numbers."""
    if isinstance(value, datetime):
        if value.tzinfo is not None:
            value = value.astimezone(UTC)
        return value.strftime("%Y-%m-%dT%H:%M:%SZ")
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


def cell(value: Any, column: str) -> str:
    """A value as shown in a terminal table."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return f"{value:,}"
    if isinstance(value, float):
        if column.endswith("_rate"):
            return f"{value * 100:.1f}%"
        return f"{value:,.1f}"
    if isinstance(value, datetime):
        return str(json_value(value))
    if isinstance(value, list | tuple):
        return ", ".join(cell(item, column) for item in value) or "-"
    return str(value)


def figure_value(value: float) -> str:
    """A figure's value in a sentence: whole above 100 (`5,010`), else three digits."""
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}"


def minutes(value: float | None) -> str:
    """A duration in minutes, short: `9m` under two hours, else hours (`14.3h`)."""
    if value is None or math.isnan(value):
        return "-"
    return f"{value:,.0f}m" if round(value) < 120 else f"{value / 60:,.1f}h"


def is_numeric(table: pa.Table, name: str) -> bool:
    """Whether a column holds numbers (shown right-aligned)."""
    kind = table.schema.field(name).type
    return bool(pa.types.is_integer(kind) or pa.types.is_floating(kind))


def units_caption(columns: Iterable[str]) -> str:
    """What the numbers of these columns are in, for a line under a table."""
    names = list(columns)
    parts = []
    if any("_min" in name for name in names):
        parts.append("*_min* in minutes")
    if any("_response_p" in name for name in names):
        parts.append("*_response_p50/p90 in minutes")
    if any(name.endswith("_rate") for name in names):
        parts.append("*_rate as a percentage (docs/metrics.md says of what)")
    if any(name.endswith("_n") for name in names):
        parts.append("*_n = tickets with a value")
    if any(name.endswith("_ratio") for name in names):
        parts.append("*_ratio = times the in-hours figure")
    return "Units: " + "; ".join(parts) + "." if parts else ""
