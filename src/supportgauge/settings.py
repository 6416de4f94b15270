"""supportgauge.toml: documented defaults, overridden by the user's file."""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from supportgauge.clocks.calendar_config import CalendarSpec, parse_calendars
from supportgauge.clocks.customer_clock import RegionClock, parse_region_clocks
from supportgauge.clocks.vendor_clocks import VendorClock, parse_vendor_clocks
from supportgauge.errors import InputError, NotFoundError, SettingsError
from supportgauge.scoring.big_events import BigEvent, parse_big_events
from supportgauge.scoring.config import ScoringConfig, parse_scoring
from supportgauge.scoring.evidence_figures import FIGURE_NAMES
from supportgauge.scoring.scenarios import BUILT_IN_SCENARIOS
from supportgauge.store.column_rules import Vocabulary
from supportgauge.store.early_events import DEFAULT_EARLY_EVENTS, EARLY_EVENTS

DEFAULT_CONFIG_FILE = "supportgauge.toml"


@dataclass(frozen=True)
class Setting:
    """One scalar setting: its section, key, default and meaning."""

    section: str
    key: str
    default: Any
    description: str


SETTINGS = (
    Setting(
        "categories",
        "custom",
        [],
        "Issue categories of your own, accepted in tickets' `category` beside the built-in "
        'taxonomy (docs/importing.md), e.g. ["billing", "sdk_license"]. A category that is '
        "in neither is refused at import, naming the nearest known ones.",
    ),
    Setting(
        "import",
        "early_events",
        DEFAULT_EARLY_EVENTS,
        "Events timestamped before their ticket's creation: `clamp` moves the ticket's "
        "creation to its earliest event and warns (count and largest shift), `reject` refuses "
        "each such event, naming its row (docs/importing.md). Every format follows it.",
    ),
    Setting(
        "metrics",
        "repeat_window_days",
        7,
        "A ticket is a repeat failure when the same account raises the same category "
        "with the same vendor again within this many days.",
    ),
    Setting(
        "engine",
        "memory_limit",
        "",
        'Most memory the engine may use, e.g. "4GB"; beyond it, work spills to disk. '
        "Empty: the engine's default (DuckDB: 80% of the machine's memory).",
    ),
    Setting(
        "engine",
        "threads",
        0,
        "Threads the engine may use; 0: one per core.",
    ),
    Setting(
        "store",
        "wait_seconds",
        120,
        "How long a command waits for the store while another process uses it (an "
        "import, or a command or a Python `hold()` block at work) before it gives up; "
        "0: give up at once.",
    ),
)
# Tables of named entries; each is checked by the stage that uses it.
NAMED_SECTIONS = ("calendars", "vendors", "regions", "scenarios", "scoring")
# Arrays of tables ([[events]]): the big events a post-event review may follow.
LIST_SECTIONS = ("events",)


@dataclass(frozen=True)
class Settings:
    """Every setting in force, and where they came from."""

    values: Mapping[tuple[str, str], Any]
    sections: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    source: Path | None = None
    calendars: Mapping[str, CalendarSpec] = field(default_factory=lambda: parse_calendars({}))
    vendors: Mapping[str, VendorClock] = field(default_factory=dict)
    regions: Mapping[str, RegionClock] = field(default_factory=lambda: parse_region_clocks({}))
    scoring: ScoringConfig = field(default_factory=ScoringConfig)
    big_events: tuple[BigEvent, ...] = ()

    def get(self, section: str, key: str) -> Any:
        """The value of a scalar setting."""
        return self.values[(section, key)]

    @property
    def vocabulary(self) -> Vocabulary:
        """The categories and scenarios these settings add to the built-in ones: custom
        categories, and scenario profiles defined in [scenarios.NAME]."""
        built_in = set(BUILT_IN_SCENARIOS)
        return Vocabulary(
            categories=tuple(self.get("categories", "custom")),
            scenarios=tuple(name for name in self.scoring.scenarios if name not in built_in),
        )


def default_settings() -> Settings:
    """The built-in defaults."""
    return Settings({(s.section, s.key): s.default for s in SETTINGS})


def load_settings(path: Path | None = None) -> Settings:
    """Settings from `path`, else ./supportgauge.toml when present, else the defaults."""
    if path is None:
        candidate = Path(DEFAULT_CONFIG_FILE)
        if not candidate.exists():
            return default_settings()
        path = candidate
    if not path.exists():
        raise NotFoundError(f"{path}: no such settings file.", parameter="config")
    if path.is_dir():
        raise InputError(f"{path} is a folder; name a settings file.", parameter="config")
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as error:
        raise SettingsError(
            f"{path.name}: not UTF-8 text (byte {error.start + 1} cannot be read). "
            "Save the settings file as UTF-8."
        ) from None
    except OSError as error:
        raise InputError(
            f"{path}: cannot be read ({error.strerror or error}).", parameter="config"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path.name}: not valid TOML: {error}.") from error
    return settings_from_document(document, source=path)


def settings_from_document(document: Mapping[str, Any], *, source: Path | None = None) -> Settings:
    """Check a parsed TOML document against the known settings."""
    label = source.name if source else "settings"
    scalar_sections = {s.section for s in SETTINGS}
    values = dict(default_settings().values)
    sections: dict[str, Mapping[str, Any]] = {}
    for section, content in document.items():
        if section in LIST_SECTIONS:
            continue
        if not isinstance(content, Mapping):
            raise SettingsError(f"{label}: '{section}' must be a table ([{section}]).")
        if section in NAMED_SECTIONS:
            sections[section] = content
            continue
        if section not in scalar_sections:
            known = ", ".join(sorted(scalar_sections | {*NAMED_SECTIONS, *LIST_SECTIONS}))
            raise SettingsError(f"{label}: unknown section [{section}]; known sections: {known}.")
        for key, value in content.items():
            setting = _find_setting(section, key)
            if setting is None:
                keys = ", ".join(s.key for s in SETTINGS if s.section == section)
                raise SettingsError(f"{label}, [{section}]: unknown key '{key}'; known: {keys}.")
            if type(value) is not type(setting.default):
                raise SettingsError(
                    f"{label}, [{section}] {key}: expected {_KIND_NAMES[type(setting.default)]}, "
                    f"got {value!r}."
                )
            values[(section, key)] = value
    custom = values[("categories", "custom")]
    if not all(isinstance(name, str) and name.strip() for name in custom):
        raise SettingsError(f"{label}, [categories] custom: give a list of category names.")
    if values[("import", "early_events")] not in EARLY_EVENTS:
        raise SettingsError(
            f"{label}, [import] early_events: use {' or '.join(EARLY_EVENTS)}, "
            f"not {values[('import', 'early_events')]!r}."
        )
    if values[("metrics", "repeat_window_days")] < 1:
        raise SettingsError(f"{label}, [metrics] repeat_window_days: must be at least 1.")
    if values[("engine", "threads")] < 0:
        raise SettingsError(f"{label}, [engine] threads: must be 0 (one per core) or more.")
    if values[("store", "wait_seconds")] < 0:
        raise SettingsError(f"{label}, [store] wait_seconds: must be 0 (no wait) or more.")
    try:
        calendars = parse_calendars(sections.get("calendars"))
        vendors = parse_vendor_clocks(sections.get("vendors"), calendars)
        regions = parse_region_clocks(sections.get("regions"))
        _check_figure_tables(sections.get("scoring"))
        scoring = parse_scoring(sections.get("scoring"), sections.get("scenarios"))
        big_events = parse_big_events(document.get("events"))
    except SettingsError as error:
        raise SettingsError(f"{label}: {error}") from None
    return Settings(values, sections, source, calendars, vendors, regions, scoring, big_events)


# How a setting's expected type reads in a message.
_KIND_NAMES = {int: "a whole number", float: "a number", str: "text", bool: "true or false"}


def _check_figure_tables(scoring: Mapping[str, Any] | None) -> None:
    """[scoring.thresholds] and [scoring.weights] name figures: an unknown one is refused
    with the nearest names and every figure the scorecard knows."""
    for table_name in ("thresholds", "weights"):
        table = (scoring or {}).get(table_name)
        if not isinstance(table, Mapping):
            continue
        for key in table:
            if key in FIGURE_NAMES:
                continue
            near = difflib.get_close_matches(str(key), FIGURE_NAMES, n=2)
            guess = f" Did you mean {' or '.join(near)}?" if near else ""
            raise SettingsError(
                f"[scoring.{table_name}] {key}: unknown figure.{guess} Known: "
                f"{', '.join(FIGURE_NAMES)} (docs/scoring.md)."
            )


def _find_setting(section: str, key: str) -> Setting | None:
    return next((s for s in SETTINGS if s.section == section and s.key == key), None)
