"""The generator's customers: where they are, when their users are online, and when they
raise tickets (`supportgauge.regions` holds the real country list)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd


@dataclass(frozen=True)
class Region:
    """A country of end users and the zone its customer team works in."""

    code: str
    timezone: str
    weekend: tuple[int, int]  # Monday = 0
    muslim_majority: bool
    account_weight: float
    name_en: str
    name_zh: str
    node: str  # the edge node prefix a vendor would name in a diagnosis


REGIONS: tuple[Region, ...] = (
    Region("SA", "Asia/Riyadh", (4, 5), True, 0.12, "Saudi Arabia", "沙特", "ruh"),
    Region("AE", "Asia/Dubai", (5, 6), True, 0.07, "UAE", "阿联酋", "dxb"),
    Region("EG", "Africa/Cairo", (4, 5), True, 0.07, "Egypt", "埃及", "cai"),
    Region("ID", "Asia/Jakarta", (5, 6), True, 0.12, "Indonesia", "印尼", "jkt"),
    Region("PH", "Asia/Manila", (5, 6), False, 0.07, "Philippines", "菲律宾", "mnl"),
    Region("MY", "Asia/Kuala_Lumpur", (5, 6), True, 0.05, "Malaysia", "马来西亚", "kul"),
    Region("VN", "Asia/Ho_Chi_Minh", (5, 6), False, 0.06, "Vietnam", "越南", "sgn"),
    Region("TH", "Asia/Bangkok", (5, 6), False, 0.05, "Thailand", "泰国", "bkk"),
    Region("BR", "America/Sao_Paulo", (5, 6), False, 0.09, "Brazil", "巴西", "gru"),
    Region("MX", "America/Mexico_City", (5, 6), False, 0.05, "Mexico", "墨西哥", "mex"),
    Region("TR", "Europe/Istanbul", (5, 6), True, 0.06, "Turkey", "土耳其", "ist"),
    Region("IN", "Asia/Kolkata", (5, 6), False, 0.06, "India", "印度", "bom"),
    Region("US", "America/New_York", (5, 6), False, 0.08, "United States", "美国", "iad"),
    Region("DE", "Europe/Berlin", (5, 6), False, 0.05, "Germany", "德国", "fra"),
)

RAMADAN_2026 = (dt.date(2026, 2, 18), dt.date(2026, 3, 19))
EVENING_PEAK_HOURS = (19, 23)  # customer-local, [19:00, 23:00)
RAMADAN_PEAK_HOURS = ((21, 24), (0, 4))  # after iftar, and before dawn

# Relative ticket volume per local hour: users are online (and things break) in the evening.
_WEEKDAY_BY_HOUR = np.array(
    [3, 2, 1.5, 1, 0.8, 0.8, 1, 1.5, 2.5, 3.5, 4, 4, 4, 4, 4, 4, 4.5, 5, 6, 9, 10, 10, 9.5, 6]
)
_WEEKEND_BY_HOUR = np.array(
    [4, 3, 2, 1.5, 1, 0.8, 1, 1.5, 2.5, 3.5, 4.5, 5, 5.5, 5.5, 5.5, 5.5, 6, 6.5, 7, 9.5, 10.5,
     10.5, 9.5, 7]
)  # fmt: skip
# Ramadan: quiet while fasting, busy after iftar and again at suhoor before dawn.
_RAMADAN_BY_HOUR = np.array(
    [9, 8, 7, 7.5, 5, 2, 1, 1, 1.5, 2, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 2.5, 3, 3.5, 5, 7.5, 10,
     11, 10]
)  # fmt: skip


def end_date(start: dt.date, months: int) -> dt.date:
    """First day after `months` calendar months from `start`."""
    month_index = start.month - 1 + months
    return dt.date(start.year + month_index // 12, month_index % 12 + 1, 1)


def local_hour_weights(region: Region, days: pd.DatetimeIndex) -> np.ndarray:
    """Relative ticket volume per (local day, local hour) for one region."""
    weekday = days.day_of_week.to_numpy()
    is_weekend = (weekday == region.weekend[0]) | (weekday == region.weekend[1])
    dates = days.date
    in_ramadan = np.array([RAMADAN_2026[0] <= d <= RAMADAN_2026[1] for d in dates], dtype=bool)
    in_ramadan &= region.muslim_majority
    weights = np.where(is_weekend[:, None], _WEEKEND_BY_HOUR, _WEEKDAY_BY_HOUR)
    weights = np.where(in_ramadan[:, None], _RAMADAN_BY_HOUR * 1.2, weights)
    return weights * np.where(is_weekend, 1.1, 1.0)[:, None]


def sample_created_seconds(
    rng: np.random.Generator, region_index: np.ndarray, start: dt.date, months: int
) -> np.ndarray:
    """UTC epoch seconds of ticket creation, following each region's local rhythm."""
    days = pd.date_range(start, end_date(start, months) - dt.timedelta(days=1), freq="D")
    day_seconds = days.as_unit("s").asi8
    created = np.zeros(len(region_index), dtype=np.int64)
    for index, region in enumerate(REGIONS):
        rows = np.flatnonzero(region_index == index)
        if len(rows) == 0:
            continue
        weights = local_hour_weights(region, days).ravel()
        cumulative = np.cumsum(weights) / weights.sum()
        cells = np.searchsorted(cumulative, rng.random(len(rows)), side="right")
        cells = np.minimum(cells, len(cumulative) - 1)
        local_naive = (
            day_seconds[cells // 24] + (cells % 24) * 3600 + rng.integers(0, 3600, len(rows))
        )
        created[rows] = local_to_utc(local_naive, region.timezone)
    return created


def local_to_utc(local_naive_seconds: np.ndarray, timezone: str) -> np.ndarray:
    """UTC epoch seconds of wall-clock times in one zone."""
    wall = pd.DatetimeIndex(local_naive_seconds.astype("datetime64[s]"))
    # Wall times a DST jump skips move forward; repeated ones take the first pass.
    aware = wall.tz_localize(
        timezone, ambiguous=np.ones(len(wall), dtype=bool), nonexistent="shift_forward"
    )
    utc_seconds: np.ndarray = aware.tz_convert("UTC").tz_localize(None).as_unit("s").asi8
    return utc_seconds


def utc_offsets(utc_seconds: np.ndarray, timezone: str) -> np.ndarray:
    """UTC offset in seconds of a zone at each instant."""
    instants = pd.DatetimeIndex(utc_seconds.astype("datetime64[s]")).tz_localize("UTC")
    local = instants.tz_convert(timezone).tz_localize(None).as_unit("s").asi8
    return local - utc_seconds
