"""The TOML mapping that says how to read a flat export: columns, values, timestamps, layout."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from supportgauge.canonical import PRIORITIES, STATUSES, TICKET_COLUMNS, TICKET_KINDS
from supportgauge.errors import InputError, NotFoundError, SettingsError
from supportgauge.regions import country_names
from supportgauge.sources.timestamps import EPOCH_MILLISECONDS, EPOCH_SECONDS, ISO_FORMAT

LAYOUTS = ("messages", "sentences", "state_changes")
TICKET_FIELDS = tuple(column.name for column in TICKET_COLUMNS)
EVENT_FIELDS = (
    "ticket_id",
    "vendor",
    "ts",
    "author",
    "role",
    "body",
    "status",
    "public",
    "event_id",
    "message_id",
    "sentence_order",
    "field",
    "priority",
)
_TOP_KEYS = (
    "vendor",
    "timezone",
    "timestamp_format",
    "delimiter",
    "encoding",
    "events",
    "tickets",
    "values",
)
_EVENT_KEYS = (
    "files",
    "layout",
    "kind",
    "sentence_separator",
    "status_field",
    "priority_field",
    "columns",
)
_TICKET_KEYS = ("files", "columns")
_VALUE_KEYS = ("role", "status", "priority", "public", "scenario", "category", "region")
# Rows of messages may also carry their ticket's fields.
_EVENT_MAPPABLE = tuple(dict.fromkeys(EVENT_FIELDS + TICKET_FIELDS))
# Builds the SettingsError for a key of the mapping file and a reason.
_Fail = Callable[[str, str], SettingsError]


@dataclass(frozen=True)
class CsvMapping:
    """A validated mapping file."""

    path: Path
    layout: str = "messages"
    event_columns: Mapping[str, str] = field(default_factory=dict)  # canonical -> export column
    ticket_columns: Mapping[str, str] = field(default_factory=dict)
    event_files: tuple[str, ...] = ()  # glob patterns of file names; empty: every other file
    ticket_files: tuple[str, ...] = ()
    kind: str | None = None  # constant kind when there is no role column
    sentence_separator: str = " "
    status_field: str = "status"
    priority_field: str = "priority"
    roles: Mapping[str, str] = field(default_factory=dict)  # export value -> kind
    statuses: Mapping[str, str] = field(default_factory=dict)
    priorities: Mapping[str, str] = field(default_factory=dict)
    public_values: Mapping[str, bool] = field(default_factory=dict)
    # Ticket values: export value -> scenario, category or ISO country code.
    scenarios: Mapping[str, str] = field(default_factory=dict)
    categories: Mapping[str, str] = field(default_factory=dict)
    regions: Mapping[str, str] = field(default_factory=dict)
    vendor: str | None = None
    timezone: str | None = None
    timestamp_format: str = ISO_FORMAT
    delimiter: str = ","
    encoding: str = "utf-8"

    def key(self, name: str) -> str:
        """How a message names a key of this file: ``map.toml, key 'events.columns.ts'``."""
        return f"{self.path.name}, key '{name}'"


def load_mapping(path: Path) -> CsvMapping:
    """The mapping in a TOML file, validated; SettingsError names the file, key and reason."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise NotFoundError(
            f"{path}: no such mapping file. Name an existing mapping file (TOML).",
            parameter="mapping",
        ) from None
    except UnicodeDecodeError as error:
        raise SettingsError(
            f"{path.name}: not UTF-8 text (byte {error.start + 1} cannot be read). "
            "Save the mapping file as UTF-8."
        ) from None
    except IsADirectoryError:
        raise InputError(f"{path} is a folder; name a mapping file.", parameter="mapping") from None
    except OSError as error:
        raise InputError(
            f"{path}: cannot be read ({error.strerror or error}).", parameter="mapping"
        ) from None
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"{path.name}: not valid TOML ({error}).") from None
    return _parse(path, document)


def _parse(path: Path, document: Mapping[str, Any]) -> CsvMapping:
    def fail(key: str, reason: str) -> SettingsError:
        return SettingsError(f"{path.name}, key '{key}': {reason}")

    _known_keys(document, _TOP_KEYS, "", fail)
    events = _table(document, "events", fail, required=True)
    tickets = _table(document, "tickets", fail)
    values = _table(document, "values", fail)
    _known_keys(events, _EVENT_KEYS, "events.", fail)
    _known_keys(tickets, _TICKET_KEYS, "tickets.", fail)
    _known_keys(values, _VALUE_KEYS, "values.", fail)
    event_columns = _columns(events, "events.columns", _EVENT_MAPPABLE, fail)
    ticket_columns = _columns(tickets, "tickets.columns", TICKET_FIELDS, fail)
    layout = _choice(events, "layout", "events.layout", LAYOUTS, "messages", fail)
    kind = events.get("kind")
    if kind is not None and kind not in TICKET_KINDS:
        raise fail("events.kind", f"'{kind}' is not one of {', '.join(TICKET_KINDS)}.")
    for needed in ("ticket_id", "ts"):
        if needed not in event_columns:
            raise fail(f"events.columns.{needed}", "missing: name the export's column for it.")
    if tickets and "ticket_id" not in ticket_columns:
        raise fail("tickets.columns.ticket_id", "missing: name the tickets file's ticket column.")
    if layout == "sentences" and "message_id" not in event_columns:
        raise fail(
            "events.columns.message_id",
            "missing: the sentences layout joins sentences into messages by this column.",
        )
    if layout == "state_changes" and "status" not in event_columns:
        raise fail(
            "events.columns.status",
            "missing: the state_changes layout reads each row's new status from this column.",
        )
    if layout != "state_changes" and "role" not in event_columns and kind is None:
        raise fail(
            "events.columns.role",
            "missing: name the column that tells who wrote each "
            "row (mapped under [values.role]), or set events.kind for a file of one kind.",
        )
    return CsvMapping(
        path=path,
        layout=layout,
        event_columns=event_columns,
        ticket_columns=ticket_columns,
        event_files=_patterns(events, "events.files", fail),
        ticket_files=_patterns(tickets, "tickets.files", fail),
        kind=kind,
        sentence_separator=_text(
            events, "sentence_separator", "events.sentence_separator", " ", fail
        ),
        status_field=_text(events, "status_field", "events.status_field", "status", fail),
        priority_field=_text(events, "priority_field", "events.priority_field", "priority", fail),
        roles=_value_map(values, "role", TICKET_KINDS, fail),
        statuses=_value_map(values, "status", STATUSES, fail),
        priorities=_value_map(values, "priority", PRIORITIES, fail),
        public_values=_public_map(values, fail),
        # Scenarios and categories are checked on import, where custom ones are known.
        scenarios=_value_map(values, "scenario", None, fail),
        categories=_value_map(values, "category", None, fail),
        regions={
            source: target.upper()
            for source, target in _value_map(values, "region", _region_codes(), fail).items()
        },
        vendor=_optional_text(document, "vendor", fail),
        timezone=_zone(document, fail),
        timestamp_format=_timestamp_format(document, fail),
        delimiter=_delimiter(document, fail),
        encoding=_text(document, "encoding", "encoding", "utf-8", fail),
    )


def _known_keys(table: Mapping[str, Any], known: tuple[str, ...], prefix: str, fail: _Fail) -> None:
    for key in table:
        if key not in known:
            raise fail(f"{prefix}{key}", f"unknown key (known: {', '.join(known)}).")


def _table(
    document: Mapping[str, Any], key: str, fail: _Fail, required: bool = False
) -> dict[str, Any]:
    value = document.get(key)
    if value is None:
        if required:
            raise fail(key, f"missing: add an [{key}] table with at least [{key}.columns].")
        return {}
    if not isinstance(value, dict):
        raise fail(key, "must be a table ([" + key + "]).")
    return value


def _columns(
    table: Mapping[str, Any], key: str, allowed: tuple[str, ...], fail: _Fail
) -> dict[str, str]:
    columns = table.get("columns", {})
    if not isinstance(columns, dict):
        raise fail(key, 'must be a table of canonical field = "export column".')
    for name, column in columns.items():
        if name not in allowed:
            raise fail(
                f"{key}.{name}", f"not a field that can be mapped (known: {', '.join(allowed)})."
            )
        if not isinstance(column, str) or not column:
            raise fail(f"{key}.{name}", "must be the name of a column of the export, as text.")
    return dict(columns)


def _choice(
    table: Mapping[str, Any],
    name: str,
    key: str,
    choices: tuple[str, ...],
    default: str,
    fail: _Fail,
) -> str:
    value = table.get(name, default)
    if value not in choices:
        raise fail(key, f"'{value}' is not one of {', '.join(choices)}.")
    return str(value)


def _text(table: Mapping[str, Any], name: str, key: str, default: str, fail: _Fail) -> str:
    value = table.get(name, default)
    if not isinstance(value, str):
        raise fail(key, "must be text.")
    return value


def _optional_text(table: Mapping[str, Any], name: str, fail: _Fail) -> str | None:
    value = table.get(name)
    if value is not None and (not isinstance(value, str) or not value.strip()):
        raise fail(name, "must be non-empty text.")
    return value


def _patterns(table: Mapping[str, Any], key: str, fail: _Fail) -> tuple[str, ...]:
    value = table.get("files", [])
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise fail(key, 'must be a file name pattern or a list of them (e.g. "tickets*.csv").')
    return tuple(value)


def _value_map(
    values: Mapping[str, Any], name: str, allowed: tuple[str, ...] | None, fail: _Fail
) -> dict[str, str]:
    table = values.get(name, {})
    if not isinstance(table, dict):
        raise fail(f"values.{name}", 'must be a table of "export value" = "canonical value".')
    for source, target in table.items():
        if not isinstance(target, str) or not target.strip():
            raise fail(f"values.{name}.{source}", "must be the value to import, as text.")
        if allowed is not None and target not in allowed:
            choices = "an ISO 3166-1 alpha-2 country code (e.g. SA)" if name == "region" else None
            raise fail(
                f"values.{name}.{source}",
                f"'{target}' is not {choices or 'one of ' + ', '.join(allowed)}.",
            )
    return {str(source).strip().lower(): str(target) for source, target in table.items()}


def _region_codes() -> tuple[str, ...]:
    codes = tuple(country_names())
    return codes + tuple(code.lower() for code in codes)


def _public_map(values: Mapping[str, Any], fail: _Fail) -> dict[str, bool]:
    table = values.get("public", {})
    if not isinstance(table, dict):
        raise fail("values.public", 'must be a table of "export value" = true or false.')
    for source, target in table.items():
        if not isinstance(target, bool):
            raise fail(f"values.public.{source}", "must be true or false.")
    return {str(source).strip().lower(): bool(target) for source, target in table.items()}


def _zone(document: Mapping[str, Any], fail: _Fail) -> str | None:
    zone = _optional_text(document, "timezone", fail)
    if zone is not None:
        try:
            ZoneInfo(zone)
        except (ZoneInfoNotFoundError, ValueError):
            raise fail(
                "timezone", f"'{zone}' is not an IANA time zone (e.g. Asia/Shanghai)."
            ) from None
    return zone


def _timestamp_format(document: Mapping[str, Any], fail: _Fail) -> str:
    value = _text(document, "timestamp_format", "timestamp_format", ISO_FORMAT, fail)
    if value not in (ISO_FORMAT, EPOCH_SECONDS, EPOCH_MILLISECONDS) and "%" not in value:
        raise fail(
            "timestamp_format",
            f"'{value}' is neither iso8601, epoch_seconds, "
            'epoch_milliseconds nor a strptime format such as "%Y/%m/%d %H:%M".',
        )
    return value


def _delimiter(document: Mapping[str, Any], fail: _Fail) -> str:
    value = _text(document, "delimiter", "delimiter", ",", fail)
    if value == "\\t":
        value = "\t"
    if len(value) != 1:
        raise fail("delimiter", f"'{value}' must be a single character (use \"\\t\" for tabs).")
    return value
