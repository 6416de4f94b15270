"""The customer's clock: each region's evening peak, later at night in Ramadan.

`[regions.XX]` tables of supportgauge.toml (and `[regions.default]`) override the
built-in peaks: `peak = ["19:00-23:00"]`, `ramadan_peak = ["21:00-03:00"]`,
`ramadan = true|false` (whether the region's traffic follows Ramadan) and
`ramadan_dates = [["2026-02-19", "2026-03-20"]]` to override the Umm al-Qura dates.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from supportgauge.clocks.calendar_config import parse_ramadan_dates
from supportgauge.clocks.day_plan import DateRange, ramadans_between
from supportgauge.clocks.hours import Shift, parse_shift
from supportgauge.errors import SettingsError
from supportgauge.regions import country_names

DEFAULT_REGION = "default"
DEFAULT_PEAK = ("19:00-23:00",)
# After iftar and before dawn (suhoor) traffic peaks late.
DEFAULT_RAMADAN_PEAK = ("21:00-03:00",)
# Countries whose live-streaming traffic follows Ramadan by default.
RAMADAN_REGIONS = frozenset(
    {
        "AE",
        "AF",
        "BD",
        "BH",
        "DZ",
        "EG",
        "ID",
        "IQ",
        "IR",
        "JO",
        "KW",
        "LB",
        "LY",
        "MA",
        "MY",
        "OM",
        "PK",
        "PS",
        "QA",
        "SA",
        "SD",
        "SN",
        "SO",
        "SY",
        "TN",
        "TR",
        "YE",
    }
)
REGION_KEYS = ("peak", "ramadan_peak", "ramadan", "ramadan_dates")


@dataclass(frozen=True)
class RegionClock:
    """A region's customer-local peak windows, and whether Ramadan moves them."""

    region: str
    peak: tuple[Shift, ...]
    ramadan_peak: tuple[Shift, ...]
    # None on the default clock: each region follows the built-in RAMADAN_REGIONS.
    observes_ramadan: bool | None
    ramadan_dates: tuple[DateRange, ...] = ()

    def ramadans(self, first: date, last: date) -> list[DateRange]:
        """The Ramadan date ranges between first and last (Umm al-Qura unless overridden)."""
        return ramadans_between(first, last, overrides=self.ramadan_dates)


def _windows(region: str, key: str, value: Any) -> tuple[Shift, ...]:
    if not isinstance(value, list) or not value:
        raise SettingsError(
            f"region '{region}', key '{key}': {value!r} is not a list of time ranges, "
            'e.g. ["19:00-23:00"].'
        )
    try:
        return tuple(parse_shift(region, key, text) for text in value)
    except SettingsError as error:
        message = str(error).replace(f"calendar '{region}'", f"region '{region}'", 1)
        raise SettingsError(message) from None


def region_clock(region: str, table: Mapping[str, Any], base: RegionClock | None) -> RegionClock:
    """One region's clock from its settings table, on top of `base` (the default)."""
    unknown = sorted(set(table) - set(REGION_KEYS))
    if unknown:
        raise SettingsError(
            f"region '{region}', key '{unknown[0]}': unknown key; known keys: "
            f"{', '.join(REGION_KEYS)}."
        )
    observes = table.get("ramadan", None if base is None else region in RAMADAN_REGIONS)
    if observes is not None and not isinstance(observes, bool):
        raise SettingsError(f"region '{region}', key 'ramadan': {observes!r} is not true or false.")
    peak = base.peak if base else tuple(parse_shift("default", "peak", p) for p in DEFAULT_PEAK)
    ramadan_peak = (
        base.ramadan_peak
        if base
        else tuple(parse_shift("default", "ramadan_peak", p) for p in DEFAULT_RAMADAN_PEAK)
    )
    dates: tuple[DateRange, ...] = ()
    if "ramadan_dates" in table:
        try:
            dates = parse_ramadan_dates(region, "ramadan_dates", table["ramadan_dates"])
        except SettingsError as error:
            message = str(error).replace(f"calendar '{region}'", f"region '{region}'", 1)
            raise SettingsError(message) from None
    return RegionClock(
        region=region,
        peak=_windows(region, "peak", table["peak"]) if "peak" in table else peak,
        ramadan_peak=(
            _windows(region, "ramadan_peak", table["ramadan_peak"])
            if "ramadan_peak" in table
            else ramadan_peak
        ),
        observes_ramadan=observes,
        ramadan_dates=dates,
    )


def parse_region_clocks(section: Mapping[str, Any] | None) -> dict[str, RegionClock]:
    """Region clocks by ISO code, plus "default" for every region not named."""
    section = section or {}
    default_table = section.get(DEFAULT_REGION, {})
    if not isinstance(default_table, Mapping):
        raise SettingsError("region 'default': must be a table, e.g. [regions.default].")
    default = region_clock(DEFAULT_REGION, default_table, None)
    clocks = {DEFAULT_REGION: default}
    known = country_names()
    for name, table in section.items():
        if name == DEFAULT_REGION:
            continue
        code = name.upper()
        if code not in known:
            raise SettingsError(f"region '{name}': not an ISO 3166-1 alpha-2 country code.")
        if not isinstance(table, Mapping):
            raise SettingsError(f"region '{name}': must be a table, e.g. [regions.{code}].")
        clocks[code] = region_clock(code, table, default)
    return clocks
