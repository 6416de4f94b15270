"""The `[scoring]`, `[scoring.thresholds]`, `[scoring.weights]` and `[scenarios.NAME]`
settings, checked: every number a score depends on, with documented defaults."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from itertools import pairwise
from typing import Any

from supportgauge.errors import InputError, SettingsError
from supportgauge.scoring.dimensions import DIMENSIONS
from supportgauge.scoring.evidence_figures import FIGURE_NAMES, FIGURES
from supportgauge.scoring.scenarios import BUILT_IN_SCENARIOS, DEFAULT_SCENARIO, Scenario

# [scoring] keys: default and meaning (docs/scoring.md lists them).
SCORING_DEFAULTS: dict[str, Any] = {
    "scenario": DEFAULT_SCENARIO,
    "resamples": 200,
    "confidence": 0.95,
    "prior_tickets": 20.0,
    "rating_weight": 0.2,
    "claim_met_share": 0.9,
    "examples": 5,
}
_SCORING_TABLES = ("thresholds", "weights")
_SCENARIO_KEYS = (*DIMENSIONS, "categories", "other_weight")


@dataclass(frozen=True)
class ScoringConfig:
    """Everything that turns figures into scores."""

    scenario: str = DEFAULT_SCENARIO
    resamples: int = 200
    confidence: float = 0.95
    prior_tickets: float = 20.0
    rating_weight: float = 0.2
    claim_met_share: float = 0.9
    examples: int = 5
    anchors: Mapping[str, tuple[float, ...]] = field(
        default_factory=lambda: {rule.name: rule.anchors for rule in FIGURES}
    )
    weights: Mapping[str, float] = field(
        default_factory=lambda: {rule.name: rule.weight for rule in FIGURES}
    )
    scenarios: Mapping[str, Scenario] = field(default_factory=lambda: dict(BUILT_IN_SCENARIOS))


def _number(where: str, value: Any, *, minimum: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise SettingsError(f"{where}: {value!r} is not a number.")
    if value < minimum:
        raise SettingsError(f"{where}: {value!r} must be at least {minimum:g}.")
    return float(value)


def _anchors(name: str, value: Any) -> tuple[float, ...]:
    where = f"[scoring.thresholds] {name}"
    if not isinstance(value, list) or len(value) != 5:
        raise SettingsError(f"{where}: give five values, those scoring 5, 4, 3, 2 and 1.")
    anchors = tuple(_number(where, v) for v in value)
    rising = all(a < b for a, b in pairwise(anchors))
    falling = all(a > b for a, b in pairwise(anchors))
    if not (rising or falling):
        raise SettingsError(f"{where}: the five values must rise or fall throughout.")
    return anchors


def _checked_table(where: str, table: Any, known: tuple[str, ...], hint: str) -> Mapping[str, Any]:
    """A TOML table whose keys are all known; else a settings error naming the key."""
    if not isinstance(table, Mapping):
        raise SettingsError(f"{where} must be a table.")
    for key in table:
        if key not in known:
            raise SettingsError(f"{where} {key}: {hint}")
    return table


def _named_numbers(table_name: str, table: Any) -> Mapping[str, Any]:
    hint = "unknown figure; figures are listed in docs/scoring.md."
    return _checked_table(f"[scoring.{table_name}]", table, FIGURE_NAMES, hint)


def _scenario(name: str, table: Any, base: Scenario | None) -> Scenario:
    hint = f"unknown key; use the dimensions ({', '.join(DIMENSIONS)}), categories or other_weight."
    table = _checked_table(f"[scenarios.{name}]", table, _SCENARIO_KEYS, hint)
    weights = dict(base.weights) if base else dict.fromkeys(DIMENSIONS, 0.0)
    for key in DIMENSIONS:
        if key in table:
            weights[key] = _number(f"[scenarios.{name}] {key}", table[key])
    total = sum(weights.values())
    if total <= 0:
        raise SettingsError(f"[scenarios.{name}]: give at least one dimension a weight above 0.")
    feared = base.feared_categories if base else ()
    if "categories" in table:
        categories = table["categories"]
        if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
            raise SettingsError(f"[scenarios.{name}] categories: give a list of category names.")
        feared = tuple(categories)
    other = base.other_weight if base else 0.5
    if "other_weight" in table:
        other = _number(f"[scenarios.{name}] other_weight", table["other_weight"])
        if other > 1:
            raise SettingsError(f"[scenarios.{name}] other_weight: {other:g} must be at most 1.")
    normalised = {key: value / total for key, value in weights.items()}
    return Scenario(name, normalised, feared, other)


def parse_scoring(
    scoring: Mapping[str, Any] | None, scenarios: Mapping[str, Any] | None
) -> ScoringConfig:
    """The scoring settings from the [scoring] and [scenarios] sections, checked."""
    scoring = scoring or {}
    config = ScoringConfig()
    values: dict[str, Any] = {}
    for key, value in scoring.items():
        if key in _SCORING_TABLES:
            continue
        if key not in SCORING_DEFAULTS:
            known = ", ".join([*SCORING_DEFAULTS, *_SCORING_TABLES])
            raise SettingsError(f"[scoring] {key}: unknown key; known: {known}.")
        default = SCORING_DEFAULTS[key]
        if isinstance(default, str):
            if not isinstance(value, str):
                raise SettingsError(f"[scoring] {key}: {value!r} is not text.")
            values[key] = value
        elif isinstance(default, int):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise SettingsError(f"[scoring] {key}: {value!r} is not a whole number >= 1.")
            values[key] = value
        else:
            values[key] = _number(f"[scoring] {key}", value)
    for key in ("confidence", "rating_weight", "claim_met_share"):
        if key in values and values[key] > 1:
            raise SettingsError(f"[scoring] {key}: {values[key]:g} must be at most 1.")
    if values.get("confidence", 0.95) <= 0:
        raise SettingsError("[scoring] confidence: must be above 0.")
    anchors = dict(config.anchors)
    for name, value in _named_numbers("thresholds", scoring.get("thresholds", {})).items():
        anchors[name] = _anchors(name, value)
    weights = dict(config.weights)
    for name, value in _named_numbers("weights", scoring.get("weights", {})).items():
        weights[name] = _number(f"[scoring.weights] {name}", value)
    profiles = dict(config.scenarios)
    for name, table in (scenarios or {}).items():
        profiles[name] = _scenario(name, table, BUILT_IN_SCENARIOS.get(name))
    config = replace(config, **values, anchors=anchors, weights=weights, scenarios=profiles)
    check_scenario(config, config.scenario, parameter=None)
    return config


def check_scenario(config: ScoringConfig, name: str, *, parameter: str | None) -> Scenario:
    """The named scenario profile, or a settings error listing the known ones."""
    if name in config.scenarios:
        return config.scenarios[name]
    known = ", ".join(sorted(config.scenarios))
    message = f"no scenario '{name}'; known: {known}. Add [scenarios.{name}] to define one."
    if parameter is None:
        raise SettingsError(f"[scoring] scenario: {message}")
    raise InputError(message, parameter=parameter)
