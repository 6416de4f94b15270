"""Periods a scorecard covers: one month (YYYY-MM) or quarter (YYYY-Qn), or each of them."""

from __future__ import annotations

import re

import numpy as np

from supportgauge.errors import InputError

PERIOD_KINDS = ("month", "quarter")
_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")


def check_period(period: str) -> str:
    """A period as given (YYYY-MM or YYYY-Qn), checked."""
    if _MONTH.match(period) or _QUARTER.match(period):
        return period
    raise InputError(
        f"'{period}' is not a period; write a month as YYYY-MM or a quarter as YYYY-Qn "
        "(e.g. 2026-03 or 2026-Q1).",
        parameter="period",
    )


def check_period_kind(kind: str) -> str:
    """month or quarter, checked."""
    if kind not in PERIOD_KINDS:
        raise InputError(f"'{kind}': use month or quarter.", parameter="by_period")
    return kind


def quarter_of(months: np.ndarray) -> np.ndarray:
    """YYYY-Qn of each YYYY-MM (called on distinct months: a few values)."""
    return np.array([f"{m[:4]}-Q{(int(m[5:7]) - 1) // 3 + 1}" for m in months], dtype=object)


def period_keys(months: np.ndarray, kind: str | None) -> np.ndarray:
    """Each row's period under `kind` (None: every row in one period, '')."""
    if kind is None:
        return np.full(len(months), "", dtype=object)
    if kind == "month":
        return months.astype(object)
    # Quarters from the few distinct months, not row by row.
    distinct, inverse = np.unique(months.astype(str), return_inverse=True)
    return quarter_of(distinct)[inverse]


def in_period(months: np.ndarray, period: str) -> np.ndarray:
    """Which rows' months fall in the period."""
    if _MONTH.match(period):
        return months == period
    return period_keys(months, "quarter") == period


def months_in(period: str | None, months: np.ndarray) -> int:
    """Months a period spans: 1, 3, or the distinct months of the data when None."""
    if period is None or period == "":
        return max(1, len(np.unique(months.astype(str))))
    return 1 if _MONTH.match(period) else 3


def period_bounds(period: str) -> tuple[float, float]:
    """The UTC epoch seconds at which a month or quarter starts and ends."""
    month = _MONTH.match(period)
    if month:
        year, first, count = int(month.group(1)), int(month.group(2)), 1
    else:
        quarter = _QUARTER.match(check_period(period))
        assert quarter is not None
        year, first, count = int(quarter.group(1)), 3 * int(quarter.group(2)) - 2, 3
    start = np.datetime64(f"{year:04d}-{first:02d}", "M")
    end = start + np.timedelta64(count, "M")
    seconds = np.array([start, end]).astype("datetime64[s]").astype(np.int64)
    return float(seconds[0]), float(seconds[1])
