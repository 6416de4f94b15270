"""Countries (ISO 3166-1 alpha-2) and the main IANA time zone of each, from tzdata."""

from __future__ import annotations

import importlib.resources
from functools import cache

# Countries spanning several zones: the zone where most of their people live.
_MAIN_ZONE_OVERRIDES = {
    "AR": "America/Argentina/Buenos_Aires",
    "AU": "Australia/Sydney",
    "BR": "America/Sao_Paulo",
    "CA": "America/Toronto",
    "CD": "Africa/Kinshasa",
    "CL": "America/Santiago",
    "CN": "Asia/Shanghai",
    "DE": "Europe/Berlin",
    "EC": "America/Guayaquil",
    "ES": "Europe/Madrid",
    "ID": "Asia/Jakarta",
    "KZ": "Asia/Almaty",
    "MN": "Asia/Ulaanbaatar",
    "MX": "America/Mexico_City",
    "MY": "Asia/Kuala_Lumpur",
    "NZ": "Pacific/Auckland",
    "PT": "Europe/Lisbon",
    "RU": "Europe/Moscow",
    "UA": "Europe/Kyiv",
    "US": "America/New_York",
}


def _tzdata_lines(name: str) -> list[list[str]]:
    text = importlib.resources.files("tzdata").joinpath("zoneinfo", name).read_text("utf-8")
    return [line.split("\t") for line in text.splitlines() if line and not line.startswith("#")]


@cache
def country_names() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> country name."""
    return {fields[0]: fields[1] for fields in _tzdata_lines("iso3166.tab")}


@cache
def main_zones() -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> the IANA zone supportgauge reads that country's clock in."""
    zones: dict[str, str] = {}
    for fields in _tzdata_lines("zone.tab"):
        zones.setdefault(fields[0], fields[2])
    zones.update(_MAIN_ZONE_OVERRIDES)
    return zones


def main_zone_of(region: str) -> str | None:
    """The main zone of a country code, or None when unknown."""
    return main_zones().get(region.upper())
