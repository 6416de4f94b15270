"""How each canonical column is parsed in the engine, and how a bad value is reported.

Every rule turns a raw staging column (text, or a typed Arrow timestamp or boolean) into
SQL for the parsed value and SQL for the reason a non-empty value is bad (NULL when good).
The importer runs them all in one set-wise pass; nothing here touches rows in Python.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pyarrow as pa

from supportgauge.canonical import (
    DIMENSIONS,
    PRIORITIES,
    PRIORITY_ALIASES,
    PROACTIVE_KINDS,
    SCENARIOS,
    STATUS_ALIASES,
    STATUSES,
    TICKET_KINDS,
)
from supportgauge.sources.value_names import categories, category_names, scenario_names

# Matches a trailing UTC offset: Z, +03, +0300 or +03:00.
_OFFSET_PATTERN = r"(?i)(z|[+-]\d{2}(:?\d{2})?)$"


def quote_identifier(name: str) -> str:
    """A column name quoted for DuckDB."""
    return '"' + name.replace('"', '""') + '"'


def sql_literal(value: str) -> str:
    """A string literal for DuckDB."""
    return "'" + value.replace("'", "''") + "'"


def _raw_text(column: str) -> str:
    return f"NULLIF(trim(CAST({quote_identifier(column)} AS VARCHAR)), '')"


@dataclass(frozen=True)
class ParsedColumn:
    """SQL for one column: its parsed value and the reason it is bad (NULL when good)."""

    value_sql: str
    error_sql: str = "NULL"
    extra: Mapping[str, str] = field(default_factory=dict)  # further derived columns


@dataclass(frozen=True)
class TextRule:
    """Free text, kept exactly as given (empty means absent)."""

    trim: bool = False

    def parse(self, column: str, arrow_type: pa.DataType, timezone: str | None) -> ParsedColumn:
        quoted = quote_identifier(column)
        if self.trim:
            return ParsedColumn(_raw_text(column))
        return ParsedColumn(f"NULLIF(CAST({quoted} AS VARCHAR), '')")


@dataclass(frozen=True)
class ChoiceRule:
    """One of a fixed set of values, case-insensitive, with aliases.

    With `suggest`, a bad value's reason names the nearest choices (by their names).
    """

    choices: Sequence[str]
    aliases: Mapping[str, str] = field(default_factory=dict)
    hint: str = ""
    suggest: bool = False

    def parse(self, column: str, arrow_type: pa.DataType, timezone: str | None) -> ParsedColumn:
        raw = _raw_text(column)
        mapping = {choice.lower(): choice for choice in self.choices}
        mapping.update({alias.lower(): target for alias, target in self.aliases.items()})
        sources = ", ".join(sql_literal(source) for source in mapping)
        targets = ", ".join(sql_literal(target) for target in mapping.values())
        quoted = quote_identifier(column)
        canonical = ", ".join(sql_literal(choice) for choice in self.choices)
        # Most files already hold the canonical spelling: only others are cleaned and mapped
        # (a list lookup: a CASE of many names costs the engine more to plan than to run).
        slow_value = f"([{targets}][list_position([{sources}], lower({raw}))])"
        value = f"(CASE WHEN {quoted} IN ({canonical}) THEN {quoted} ELSE {slow_value} END)"
        if self.suggest:
            advice = f"'; nearest: ' || {_nearest_sql(raw, mapping)} || '.'"
        else:
            advice = sql_literal(f"; use one of {self.hint or ', '.join(self.choices)}.")
        error = (
            f"CASE WHEN {quoted} IS NULL OR {quoted} IN ({canonical}) THEN NULL "
            f"WHEN {raw} IS NOT NULL AND {slow_value} IS NULL THEN "
            f"'''' || {raw} || ''' is not a known {column}' || {advice} END"
        )
        return ParsedColumn(value, error)


def _nearest_sql(raw: str, names: Mapping[str, str], count: int = 3) -> str:
    """SQL listing the `count` values whose names are most like the text (Jaro-Winkler)."""
    by_value: dict[str, list[str]] = {}
    for name, target in names.items():
        by_value.setdefault(target, []).append(name)
    candidates = ", ".join(
        f"{{'value': {sql_literal(target)}, "
        f"'names': [{', '.join(sql_literal(name) for name in value_names)}]}}"
        for target, value_names in by_value.items()
    )
    scored = (
        f"list_transform([{candidates}], lambda c: {{'score': list_max(list_transform("
        f"c.names, lambda n: jaro_winkler_similarity(lower({raw}), n))), 'value': c.value}})"
    )
    closest = f"list_slice(list_sort({scored}, 'DESC'), 1, {count})"
    return f"array_to_string(list_transform({closest}, lambda c: c.value), ', ')"


def local_instant(zone: str, local_sql: str) -> str:
    """SQL for the instant a local wall-clock time names in the zone, by the DST rule.

    As RFC 5545 and Python's fold=0: a time skipped by a change to summer time is moved
    forward by the gap (02:30 -> 03:30), which is what the engine does; a time that happens
    twice is the earlier of the two, where the engine would take the later.
    """
    zone_sql = sql_literal(zone)
    instant = f"timezone({zone_sql}, {local_sql})"
    earlier = f"({instant} - INTERVAL 1 HOUR)"
    repeated = f"timezone({zone_sql}, {earlier}) = {local_sql}"
    return f"(CASE WHEN {repeated} THEN {earlier} ELSE {instant} END)"


@dataclass(frozen=True)
class TimestampRule:
    """An instant: ISO 8601 text with an offset (or a zone from --timezone), or a typed value."""

    def parse(self, column: str, arrow_type: pa.DataType, timezone: str | None) -> ParsedColumn:
        quoted = quote_identifier(column)
        offset_name = f"{column}__offset_min"
        if pa.types.is_timestamp(arrow_type):
            if arrow_type.tz is not None:
                return ParsedColumn(f"CAST({quoted} AS TIMESTAMPTZ)", extra={offset_name: "NULL"})
            if timezone:
                value = local_instant(timezone, f"CAST({quoted} AS TIMESTAMP)")
                return ParsedColumn(value, extra={offset_name: "NULL"})
            error = (
                f"CASE WHEN {quoted} IS NOT NULL THEN 'holds timestamps without a time zone; "
                "store them with a zone or name the timezone of the import (e.g. Asia/Riyadh).' END"
            )
            return ParsedColumn("CAST(NULL AS TIMESTAMPTZ)", error, {offset_name: "NULL"})
        raw = _raw_text(column)
        has_offset = f"regexp_matches({raw}, {sql_literal(_OFFSET_PATTERN)})"
        with_offset = f"TRY_CAST({raw} AS TIMESTAMPTZ)"
        if timezone:
            naive = local_instant(timezone, f"TRY_CAST({raw} AS TIMESTAMP)")
            value = f"(CASE WHEN {has_offset} THEN {with_offset} ELSE {naive} END)"
            error = (
                f"CASE WHEN {raw} IS NOT NULL AND {value} IS NULL THEN "
                f"'''' || {raw} || ''' is not an ISO 8601 timestamp "
                "(e.g. 2026-03-14T21:05:00+03:00).' END"
            )
        else:
            value = f"(CASE WHEN {has_offset} THEN {with_offset} END)"
            error = (
                f"CASE WHEN {raw} IS NULL THEN NULL "
                f"WHEN TRY_CAST({raw} AS TIMESTAMP) IS NULL AND {with_offset} IS NULL THEN "
                f"'''' || {raw} || ''' is not an ISO 8601 timestamp "
                "(e.g. 2026-03-14T21:05:00+03:00).' "
                f"WHEN NOT {has_offset} THEN '''' || {raw} || ''' has no UTC offset; "
                "write it with one (e.g. 2026-03-14T21:05:00+03:00) or name the timezone of "
                "the import (e.g. Asia/Riyadh).' "
                f"WHEN {with_offset} IS NULL THEN '''' || {raw} || ''' is not an ISO 8601 "
                "timestamp (e.g. 2026-03-14T21:05:00+03:00).' END"
            )
        offset = (
            f"(CASE WHEN NOT {has_offset} THEN NULL "
            f"WHEN upper(right({raw}, 1)) = 'Z' THEN 0 ELSE "
            f"(CASE WHEN regexp_extract({raw}, '([+-])\\d{{2}}(:?\\d{{2}})?$', 1) = '-' "
            "THEN -1 ELSE 1 END) * ("
            f"CAST(regexp_extract({raw}, '[+-](\\d{{2}})(:?\\d{{2}})?$', 1) AS INTEGER) * 60 + "
            f"coalesce(TRY_CAST(regexp_extract({raw}, '[+-]\\d{{2}}:?(\\d{{2}})$', 1) "
            "AS INTEGER), 0)) END)"
        )
        return ParsedColumn(value, error, {offset_name: offset})


@dataclass(frozen=True)
class BooleanRule:
    """true/false, yes/no, 1/0."""

    def parse(self, column: str, arrow_type: pa.DataType, timezone: str | None) -> ParsedColumn:
        quoted = quote_identifier(column)
        if pa.types.is_boolean(arrow_type):
            return ParsedColumn(quoted)
        raw = _raw_text(column)
        value = (
            f"(CASE WHEN lower({raw}) IN ('true', 't', 'yes', 'y', '1') THEN true "
            f"WHEN lower({raw}) IN ('false', 'f', 'no', 'n', '0') THEN false END)"
        )
        error = (
            f"CASE WHEN {raw} IS NOT NULL AND {value} IS NULL THEN "
            f"'''' || {raw} || ''' is not true or false.' END"
        )
        return ParsedColumn(value, error)


@dataclass(frozen=True)
class NumberRule:
    """A number, optionally within [low, high]."""

    low: float | None = None
    high: float | None = None

    def parse(self, column: str, arrow_type: pa.DataType, timezone: str | None) -> ParsedColumn:
        raw = _raw_text(column)
        value = f"TRY_CAST({raw} AS DOUBLE)"
        conditions = [f"WHEN {value} IS NULL THEN '''' || {raw} || ''' is not a number.'"]
        if self.low is not None and self.high is not None:
            conditions.append(
                f"WHEN {value} < {self.low} OR {value} > {self.high} THEN "
                f"'''' || {raw} || ''' is outside {self.low:g}..{self.high:g}.'"
            )
        error = f"CASE WHEN {raw} IS NULL THEN NULL {' '.join(conditions)} END"
        return ParsedColumn(value, error)


@dataclass(frozen=True)
class PatternRule:
    """Text that must match a regular expression (normalised to upper or lower case)."""

    pattern: str
    description: str
    case: str = "upper"

    def parse(self, column: str, arrow_type: pa.DataType, timezone: str | None) -> ParsedColumn:
        raw = _raw_text(column)
        value = f"{self.case}({raw})"
        error = (
            f"CASE WHEN {raw} IS NOT NULL AND NOT regexp_full_match({value}, "
            f"{sql_literal(self.pattern)}) THEN '''' || {raw} || ''' is not "
            f"{self.description}.' END"
        )
        return ParsedColumn(value, error)


@dataclass(frozen=True)
class ListedRule:
    """Text that must be one of a long list (country codes, time zones) held in a table."""

    table: str  # temp table with one column `value`, created by the importer
    description: str
    case: str = "upper"

    def parse(self, column: str, arrow_type: pa.DataType, timezone: str | None) -> ParsedColumn:
        raw = _raw_text(column)
        value = f"{self.case}({raw})" if self.case else raw
        error = (
            f"CASE WHEN {raw} IS NOT NULL AND {value} NOT IN (SELECT value FROM {self.table}) "
            f"THEN '''' || {raw} || ''' is not {self.description}.' END"
        )
        return ParsedColumn(value, error)


Rule = TextRule | ChoiceRule | TimestampRule | BooleanRule | NumberRule | PatternRule | ListedRule

PRIORITY_HINT = "P1, P2, P3, P4 (or urgent, high, normal, low)"


def category_rule(custom: Sequence[str] = ()) -> ChoiceRule:
    """The taxonomy's categories (by key or English or Chinese name), plus custom ones."""
    return ChoiceRule((*categories(), *custom), category_names(), suggest=True)


def scenario_rule(custom: Sequence[str] = ()) -> ChoiceRule:
    """The built-in scenarios (by key or English or Chinese name), plus custom ones."""
    return ChoiceRule((*SCENARIOS, *custom), scenario_names(), suggest=True)


RULES: dict[str, dict[str, Rule]] = {
    "tickets": {
        "ticket_id": TextRule(trim=True),
        "vendor": TextRule(trim=True),
        "created_at": TimestampRule(),
        "priority": ChoiceRule(PRIORITIES, PRIORITY_ALIASES, PRIORITY_HINT),
        "account": TextRule(trim=True),
        "scenario": scenario_rule(),
        "region": ListedRule("valid_regions", "an ISO 3166-1 alpha-2 country code (e.g. SA)"),
        "timezone": ListedRule("valid_timezones", "an IANA time zone (e.g. Asia/Riyadh)", ""),
        "category": category_rule(),
        "channel": TextRule(trim=True),
        "subject": TextRule(),
        "description": TextRule(),
        "probe_id": TextRule(trim=True),
    },
    "events": {
        "ticket_id": TextRule(trim=True),
        "vendor": TextRule(trim=True),
        "ts": TimestampRule(),
        "kind": ChoiceRule(TICKET_KINDS),
        "author": TextRule(trim=True),
        "public": BooleanRule(),
        "body": TextRule(),
        "status": ChoiceRule(STATUSES, STATUS_ALIASES),
        "event_id": TextRule(trim=True),
    },
    "vendors": {
        "vendor": TextRule(trim=True),
        "claimed_hours": TextRule(trim=True),
        "calendar": TextRule(trim=True),
        "claimed_first_response_p1_min": NumberRule(0, 1e7),
        "claimed_first_response_p2_min": NumberRule(0, 1e7),
        "claimed_first_response_p3_min": NumberRule(0, 1e7),
        "claimed_first_response_p4_min": NumberRule(0, 1e7),
        "claimed_fcr_rate": NumberRule(0, 1),
        "claimed_repeat_rate": NumberRule(0, 1),
    },
    "ratings": {
        "period": PatternRule(r"\d{4}-(0[1-9]|1[0-2])", "a month written YYYY-MM"),
        "vendor": TextRule(trim=True),
        "rater": TextRule(trim=True),
        "dimension": ChoiceRule(DIMENSIONS),
        "score": NumberRule(1, 5),
        "comment": TextRule(),
    },
    "proactive": {
        "vendor": TextRule(trim=True),
        "ts": TimestampRule(),
        "kind": ChoiceRule(PROACTIVE_KINDS),
        "title": TextRule(),
        "body": TextRule(),
        "account": TextRule(trim=True),
        "category": category_rule(),
    },
    "probes": {
        "probe_id": TextRule(trim=True),
        "scenario": scenario_rule(),
        "question": TextRule(),
        "key_points": TextRule(),
    },
}


@dataclass(frozen=True)
class Vocabulary:
    """Categories and scenarios a user's settings add to the built-in ones."""

    categories: tuple[str, ...] = ()
    scenarios: tuple[str, ...] = ()


# No categories or scenarios beyond the built-in ones.
BUILT_IN_VOCABULARY = Vocabulary()


def rules_for(
    table: str, *, custom_categories: Sequence[str] = (), custom_scenarios: Sequence[str] = ()
) -> dict[str, Rule]:
    """The rules of a table, accepting the categories and scenarios the settings declare."""
    rules = dict(RULES[table])
    if "category" in rules:
        rules["category"] = category_rule(custom_categories)
    if "scenario" in rules:
        rules["scenario"] = scenario_rule(custom_scenarios)
    return rules
