"""The tickets of a flat export: from a tickets file, or gathered from its message rows."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import pyarrow as pa

from supportgauge.canonical import TICKET_COLUMNS
from supportgauge.errors import SourceError
from supportgauge.plurals import count_of
from supportgauge.sources.assembly import DEFAULT_PRIORITY, VENDOR_HINT
from supportgauge.sources.csv_mapping import CsvMapping
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN
from supportgauge.sources.mapped_values import (
    ProblemList,
    parse_column,
    priority_values,
    row_label,
    translate_column,
)
from supportgauge.sources.timestamps import UTC_MICROSECONDS
from supportgauge.sources.value_names import country_names

_SOURCE = (SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN)
# The optional ticket columns, all text: what a mapping may fill besides the required ones.
TICKET_TEXT = tuple(column.name for column in TICKET_COLUMNS if not column.required)


def gather_tickets(
    rows: pd.DataFrame,
    events: pd.DataFrame,
    spec: CsvMapping,
    columns: Mapping[str, str],
    zone: str | None,
    notes: list[str],
    problems: ProblemList,
) -> pd.DataFrame:
    """One row per ticket: the first non-empty value of each of its fields.

    A ticket without a creation time in the export is created at its first event (one whose
    events start before its creation time is the importer's to judge). Fields whose rows
    disagree are reported in `notes`.
    """
    key = "tickets.columns" if spec.ticket_columns else "events.columns"
    present = [name for name in ("vendor", "priority", *TICKET_TEXT) if name in columns]
    frame = rows[["ticket_id", *present, SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN]].copy()
    if "created_at" in columns:
        frame["created_at"] = parse_column(
            rows, "created_at", spec, columns, zone, notes, table="tickets", problems=problems
        )
    if "priority" in columns:
        frame["priority"] = translate_column(frame["priority"], priority_values(spec))
    missing_id = frame["ticket_id"].isna()
    if missing_id.any():
        position = int(missing_id.to_numpy().nonzero()[0][0])
        raise SourceError(
            f"{row_label(frame, columns['ticket_id'])(position)}: empty ticket id "
            f"({spec.key(key + '.ticket_id')}). Every row must name its ticket."
        )
    _note_conflicts(frame, notes)
    # One ticket from its rows: the first non-empty value of each field.
    tickets = frame.groupby("ticket_id", sort=False, as_index=False).first()
    first_event = events.groupby("ticket_id")["ts"].min()
    created = (
        tickets["created_at"]
        if "created_at" in tickets
        else pd.Series(pd.NaT, index=tickets.index, dtype="datetime64[us, UTC]")
    )
    # A header-only export has no tickets: keep the column a timestamp all the same.
    fallback = pd.Series(
        first_event.reindex(tickets["ticket_id"].to_numpy()).to_numpy(), index=tickets.index
    )
    # A creation time that could not be read is already a problem of its ticket: it stays
    # missing rather than taking the first event's time.
    unreadable = tickets["ticket_id"].isin(
        {p.ticket_id for p in problems.problems if p.field == "created_at"}
    )
    tickets["created_at"] = created.fillna(fallback.where(~unreadable))
    undated = tickets["created_at"].isna() & ~unreadable
    if undated.any():
        position = int(undated.to_numpy().nonzero()[0][0])
        raise SourceError(
            f"{tickets[SOURCE_FILE_COLUMN].iloc[position]}, "
            f"row {tickets[SOURCE_ROW_COLUMN].iloc[position]}: ticket "
            f"'{tickets['ticket_id'].iloc[position]}' has no creation time and no events. "
            f"Map {spec.key(key + '.created_at')} or import its messages too."
        )
    for name, names in (
        ("scenario", spec.scenarios),
        ("category", spec.categories),
        ("region", {**country_names(), **spec.regions}),
    ):
        if name in tickets:
            # Values neither mapped nor built in stay as they are, for the import to judge.
            tickets[name] = translate_column(tickets[name], names)
    if "priority" not in tickets:
        tickets["priority"] = None
    tickets["priority"] = tickets["priority"].fillna(DEFAULT_PRIORITY)
    if "vendor" not in tickets:
        tickets["vendor"] = None
    return tickets


def _note_conflicts(frame: pd.DataFrame, notes: list[str]) -> None:
    """A note when rows of one ticket give a field different values (the first row wins)."""
    fields = [name for name in frame.columns if name not in ("ticket_id", *_SOURCE)]
    if not fields or frame.empty:
        return
    distinct = frame.groupby("ticket_id", sort=False)[fields].nunique()
    conflicting = distinct[(distinct > 1).any(axis=1)]
    if conflicting.empty:
        return
    ticket = conflicting.index[0]
    field = str(conflicting.columns[(conflicting.iloc[0] > 1).to_numpy()][0])
    rows = frame[(frame["ticket_id"] == ticket) & frame[field].notna()]
    first, other = rows.iloc[0], rows[rows[field] != rows[field].iloc[0]].iloc[0]
    notes.append(
        f"{count_of(len(conflicting), 'ticket')} {'has' if len(conflicting) == 1 else 'have'} "
        "rows that disagree on a ticket field; the first row's "
        f"value is kept (e.g. ticket '{ticket}', {field}: {first[field]!s} in "
        f"{first[SOURCE_FILE_COLUMN]}, row {first[SOURCE_ROW_COLUMN]}, but {other[field]!s} "
        f"in row {other[SOURCE_ROW_COLUMN]})."
    )


def fill_vendor(frame: pd.DataFrame, vendor: str | None) -> None:
    """Fill missing vendors with the given one, or raise asking for --vendor."""
    if vendor is not None:
        frame["vendor"] = frame["vendor"].fillna(vendor)
    missing = frame["vendor"].isna()
    if missing.any():
        position = int(missing.to_numpy().nonzero()[0][0])
        raise SourceError(
            f"{frame[SOURCE_FILE_COLUMN].iloc[position]}: the export has no vendor field. "
            f"{VENDOR_HINT} (or set vendor in the mapping file)"
        )


def ticket_table(tickets: pd.DataFrame) -> pa.Table:
    """The canonical tickets table of the gathered tickets."""
    columns: dict[str, pa.Array] = {
        "ticket_id": pa.array(tickets["ticket_id"], type=pa.string()),
        "vendor": pa.array(tickets["vendor"], type=pa.string()),
        "created_at": pa.array(tickets["created_at"], type=UTC_MICROSECONDS),
        "priority": pa.array(tickets["priority"], type=pa.string()),
    }
    for name in TICKET_TEXT:
        if name in tickets:
            columns[name] = pa.array(tickets[name].astype("object"), type=pa.string())
    return with_source(columns, tickets)


def with_source(columns: dict[str, pa.Array], frame: pd.DataFrame) -> pa.Table:
    """The columns as a table, with each row's file and row number."""
    columns[SOURCE_FILE_COLUMN] = pa.array(frame[SOURCE_FILE_COLUMN], type=pa.string())
    columns[SOURCE_ROW_COLUMN] = pa.array(frame[SOURCE_ROW_COLUMN], type=pa.int64())
    return pa.table(columns)
