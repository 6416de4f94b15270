"""Built-in names of scenarios, issue categories and countries, from value_names.yaml."""

from __future__ import annotations

import difflib
import gettext
import importlib.resources
from collections.abc import Iterable, Mapping
from functools import cache
from typing import Any

import pycountry
import yaml

from supportgauge.canonical import SCENARIOS


@cache
def _document() -> dict[str, Any]:
    text = importlib.resources.files("supportgauge.sources").joinpath("value_names.yaml")
    document: dict[str, Any] = yaml.safe_load(text.read_text("utf-8"))
    return document


def categories() -> tuple[str, ...]:
    """The taxonomy's category keys, in its order."""
    return tuple(_document()["categories"])


def _unambiguous(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """name (trimmed, lower case) -> value, without names that stand for two values."""
    found: dict[str, set[str]] = {}
    for name, value in pairs:
        found.setdefault(name.strip().lower(), set()).add(value)
    return {name: next(iter(values)) for name, values in found.items() if len(values) == 1}


def _spellings_of_key(key: str) -> list[tuple[str, str]]:
    """A key as written, and with spaces or hyphens for its underscores ("video freeze")."""
    return [(key, key), (key.replace("_", " "), key), (key.replace("_", "-"), key)]


@cache
def category_names() -> dict[str, str]:
    """Every built-in name of a category (key, English and Chinese names) -> its key."""
    pairs = []
    for key, names in _document()["categories"].items():
        pairs.extend(_spellings_of_key(key))
        for language in ("en", "zh"):
            pairs.extend((part, key) for part in str(names[language]).split(" / "))
    return _unambiguous(pairs)


@cache
def scenario_names() -> dict[str, str]:
    """Every built-in name of a scenario (key, English and Chinese names) -> its key."""
    pairs = [pair for key in SCENARIOS for pair in _spellings_of_key(key)]
    for key, names in _document()["scenarios"].items():
        pairs.extend((str(name), key) for name in names)
    return _unambiguous(pairs)


@cache
def country_names() -> dict[str, str]:
    """Country names in English and Chinese (and the codes themselves) -> ISO 3166-1 alpha-2."""
    translations = [
        gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        for language in ("zh_CN", "zh_TW")
    ]
    pairs: list[tuple[str, str]] = []
    for country in pycountry.countries:
        code = country.alpha_2
        names = {code, country.alpha_3, country.name}
        names.update(
            getattr(country, attribute, None) or country.name
            for attribute in ("common_name", "official_name")
        )
        names.update(translation.gettext(country.name) for translation in translations)
        pairs.extend((name, code) for name in names)
    for code, names in _document()["countries"].items():
        pairs.extend((str(name), code) for name in names)
    return _unambiguous(pairs)


def nearest(value: str, names: Mapping[str, str], *, count: int = 3) -> list[str]:
    """The values whose names are closest to `value`, closest first (difflib's ratio)."""
    close = difflib.get_close_matches(value.strip().lower(), list(names), n=count * 4, cutoff=0)
    return list(dict.fromkeys(names[name] for name in close))[:count]
