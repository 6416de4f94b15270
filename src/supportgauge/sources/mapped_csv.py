"""Read any flat export (CSV or Parquet) into canonical tables, as a TOML mapping describes."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from fnmatch import fnmatch
from pathlib import Path

import pandas as pd
import pyarrow as pa

from supportgauge.canonical import TICKET_KINDS
from supportgauge.errors import SourceError
from supportgauge.sources.csv_mapping import CsvMapping, load_mapping
from supportgauge.sources.export_files import list_export_files
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN, ImportBatch
from supportgauge.sources.mapped_layouts import (
    event_ids,
    join_sentences,
    state_change_rows,
)
from supportgauge.sources.mapped_tickets import (
    fill_vendor,
    gather_tickets,
    ticket_table,
    with_source,
)
from supportgauge.sources.mapped_values import (
    ProblemList,
    map_column,
    parse_column,
    priority_values,
    row_label,
    status_values,
    translate_column,
)
from supportgauge.sources.readers import no_rows_warning
from supportgauge.sources.tabular_files import read_table
from supportgauge.sources.timestamps import UTC_MICROSECONDS

# Folders are searched for these; other files (e.g. .txt) can be named one by one.
_SUFFIXES = (".csv", ".tsv", ".parquet")
_SILENT_KINDS = ("internal_note", "status_change", "priority_change")
_TRUE = ("true", "1", "yes", "y", "t")
_FALSE = ("false", "0", "no", "n", "f")
_EVENT_OUT = ("ticket_id", "vendor", "ts", "kind", "author", "public", "body", "status", "event_id")


def read_mapped_csv(
    paths: Sequence[Path],
    *,
    mapping: Path,
    vendor: str | None = None,
    timezone: str | None = None,
) -> ImportBatch:
    """Canonical tickets and events of a flat export read through a TOML mapping."""
    spec = load_mapping(mapping)
    files = list_export_files(paths, _SUFFIXES)
    ticket_files = [path for path in files if _matches(path, spec.ticket_files)]
    event_files = [
        path for path in files if path not in ticket_files and _matches_events(path, spec)
    ]
    if not event_files:
        raise SourceError(
            f"{', '.join(path.name for path in files)}: no file matches "
            f"{spec.key('events.files')} ({', '.join(spec.event_files)}). "
            "Fix the pattern or pass the message files."
        )
    zone = timezone or spec.timezone
    default_vendor = vendor or spec.vendor
    notes: list[str] = []
    rows = _read_frames(event_files, spec, spec.event_columns, "events.columns", notes)
    problems = ProblemList()
    rows["ts"] = parse_column(
        rows, "ts", spec, spec.event_columns, zone, notes, table="events", problems=problems
    )
    events, fates = _events(rows, spec, problems)
    if spec.ticket_columns:
        ticket_rows = _read_frames(
            ticket_files, spec, spec.ticket_columns, "tickets.columns", notes
        )
        columns = spec.ticket_columns
    else:
        ticket_rows, columns = rows, spec.event_columns
    tickets = gather_tickets(ticket_rows, events, spec, columns, zone, notes, problems)
    fill_vendor(tickets, default_vendor)
    vendor_of = dict(zip(tickets["ticket_id"], tickets["vendor"], strict=True))
    events["vendor"] = events["vendor"].fillna(events["ticket_id"].map(vendor_of))
    fill_vendor(events, default_vendor)
    # Rows that share an event id are all handed on: the importer merges or names them.
    return ImportBatch(
        tables={"tickets": ticket_table(tickets), "events": _event_table(events)},
        event_per_row=spec.layout != "sentences",
        warnings=tuple(notes),
        problems=tuple(problems.problems),
        merged={"events": fates.merged} if fates.merged else {},
        skipped={"events": fates.skipped} if fates.skipped else {},
        source_columns={
            "tickets": dict(columns),
            "events": _event_source_columns(spec.event_columns),
        },
    )


def _event_source_columns(columns: Mapping[str, str]) -> dict[str, str]:
    """The export column behind each canonical event column (the role column gives kinds)."""
    named = dict(columns)
    if "role" in named:
        named["kind"] = named.pop("role")
    return named


def _matches(path: Path, patterns: tuple[str, ...]) -> bool:
    return any(fnmatch(path.name, pattern) for pattern in patterns)


def _matches_events(path: Path, spec: CsvMapping) -> bool:
    return not spec.event_files or _matches(path, spec.event_files)


def _read_frames(
    files: Sequence[Path],
    spec: CsvMapping,
    columns: Mapping[str, str],
    key: str,
    notes: list[str],
) -> pd.DataFrame:
    frames = []
    for path in files:
        table = read_table(path, delimiter=spec.delimiter, encoding=spec.encoding, as_text=True)
        for field, column in columns.items():
            if column not in table.column_names:
                # All of them: the one the mapping meant may be anywhere in a wide export.
                found = ", ".join(table.column_names)
                raise SourceError(
                    f"{path.name}: no column '{column}' (named by {spec.key(f'{key}.{field}')}). "
                    f"The file's columns are: {found}. Fix the mapping or the export."
                )
        if table.num_rows == 0:
            notes.append(no_rows_warning(path))
        frame = pd.DataFrame(
            {field: table[column].to_pandas().astype("object") for field, column in columns.items()}
        )
        frame[SOURCE_FILE_COLUMN] = path.name
        frame[SOURCE_ROW_COLUMN] = range(1, len(frame) + 1)
        frames.append(frame)
    if not frames:
        return pd.DataFrame(columns=[*columns, SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN])
    frame = pd.concat(frames, ignore_index=True)
    # Empty cells are missing values; text keeps its surrounding spaces out.
    for field in columns:
        text = frame[field].astype("string").str.strip()
        frame[field] = text.where(text != "", None).astype("object")
    return frame


@dataclasses.dataclass
class _RowFates:
    """Export rows that became no event of their own, by rule: each is still counted."""

    merged: dict[str, int] = dataclasses.field(default_factory=dict)
    skipped: dict[str, int] = dataclasses.field(default_factory=dict)


def _events(
    rows: pd.DataFrame, spec: CsvMapping, problems: ProblemList
) -> tuple[pd.DataFrame, _RowFates]:
    columns = spec.event_columns
    fates = _RowFates()
    if spec.layout == "state_changes":
        events = state_change_rows(rows, spec, status_values(spec), priority_values(spec), problems)
        if len(rows) > len(events):
            rule = (
                f"changes of fields other than {spec.status_field} and {spec.priority_field}, "
                "which no figure reads"
            )
            fates.skipped[rule] = len(rows) - len(events)
    else:
        events = rows.copy()
        if "role" in columns:
            kinds = {kind: kind for kind in TICKET_KINDS} | dict(spec.roles)
            # A value the mapping does not know stays as written: the import names its row
            # with every other problem (and --skip-invalid sets it aside).
            events["kind"] = translate_column(events["role"], kinds)
            if spec.kind is not None:
                events["kind"] = events["kind"].fillna(spec.kind)
            elif events["kind"].isna().any():
                position = int(events["kind"].isna().to_numpy().nonzero()[0][0])
                raise SourceError(
                    f"{row_label(events, columns['role'])(position)}: empty, so who wrote the row "
                    f"is unknown. Fill the column or set events.kind in {spec.path.name}."
                )
        else:
            events["kind"] = spec.kind
        if "status" in columns:
            events["status"] = translate_column(events["status"], status_values(spec))
        if spec.layout == "sentences":
            sentences = len(events)
            events = join_sentences(events, spec)
            if sentences > len(events):
                fates.merged["sentences of one message, joined"] = sentences - len(events)
    if "public" in columns:
        values = (
            {key: True for key in _TRUE} | {key: False for key in _FALSE} | dict(spec.public_values)
        )
        events["public"] = map_column(events, "public", values, spec, columns, "public", problems)
    else:
        events["public"] = None
    events["public"] = events["public"].where(
        events["public"].notna(), ~events["kind"].isin(_SILENT_KINDS)
    )
    if "event_id" not in events or events["event_id"].isna().any():
        fallback = event_ids(events)
        events["event_id"] = (
            events["event_id"].fillna(fallback) if "event_id" in events else fallback
        )
    for name in _EVENT_OUT:
        if name not in events:
            events[name] = None
    return events[[*_EVENT_OUT, SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN]], fates


def _event_table(events: pd.DataFrame) -> pa.Table:
    types = {name: pa.string() for name in _EVENT_OUT} | {
        "ts": UTC_MICROSECONDS,
        "public": pa.bool_(),
    }
    columns = {
        name: pa.array(
            events[name].astype("object") if name != "ts" else events[name],
            type=types[name],
            from_pandas=True,
        )
        for name in _EVENT_OUT
    }
    return with_source(columns, events)
