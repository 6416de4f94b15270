"""Column values of a flat export through its mapping: timestamps, statuses, roles, labels."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from supportgauge.canonical import PRIORITIES, PRIORITY_ALIASES, STATUS_ALIASES, STATUSES
from supportgauge.sources.csv_mapping import CsvMapping
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN, ReadProblem
from supportgauge.sources.timestamps import parse_timestamps


def row_label(frame: pd.DataFrame, column: str) -> Callable[[int], str]:
    files = frame[SOURCE_FILE_COLUMN].to_numpy()
    rows = frame[SOURCE_ROW_COLUMN].to_numpy()

    def label(position: int) -> str:
        return f"{files[position]}, row {rows[position]}, column '{column}'"

    return label


class ProblemList:
    """Values of a flat export that could not be read, each named with its row.

    The reader leaves such a value missing and goes on, so that the import lists every
    problem of the export at once (and skipping invalid rows sets these rows aside too).
    """

    def __init__(self) -> None:
        self.problems: list[ReadProblem] = []

    def recorder(
        self, frame: pd.DataFrame, field: str, column: str, *, table: str
    ) -> Callable[[int, str], None]:
        """A callback taking (position in `frame`, reason) for one field of one table.

        Problems of ticket fields name the row's ticket: the ticket is the row they reject.
        """
        files = frame[SOURCE_FILE_COLUMN].to_numpy()
        rows = frame[SOURCE_ROW_COLUMN].to_numpy()
        tickets = frame["ticket_id"].to_numpy() if "ticket_id" in frame else None

        def record(position: int, reason: str) -> None:
            ticket = tickets[position] if tickets is not None else None
            self.problems.append(
                ReadProblem(
                    table=table,
                    field=field,
                    source_file=str(files[position]),
                    source_row=int(rows[position]),
                    column=column,
                    reason=reason,
                    ticket_id=None if ticket is None or pd.isna(ticket) else str(ticket),
                )
            )

        return record


def parse_column(
    frame: pd.DataFrame,
    field: str,
    spec: CsvMapping,
    columns: Mapping[str, str],
    zone: str | None,
    notes: list[str],
    *,
    table: str,
    problems: ProblemList,
) -> pd.Series:
    """The field's values as UTC timestamps, read in the mapping's timestamp format.

    A value that is not a timestamp is recorded in `problems` and read as missing.
    """
    parsed = parse_timestamps(
        frame[field].to_numpy(),
        label=row_label(frame, columns[field]),
        timezone=zone,
        value_format=spec.timestamp_format,
        dst_notes=notes,
        on_bad=problems.recorder(frame, field, columns[field], table=table),
    )
    return pd.Series(parsed.to_pandas(), index=frame.index)


def map_column(
    frame: pd.DataFrame,
    field: str,
    mapping: Mapping[str, object],
    spec: CsvMapping,
    columns: Mapping[str, str],
    what: str,
    problems: ProblemList,
) -> pd.Series:
    """The column's values through the mapping (case-insensitive).

    An unmapped value is recorded in `problems` (as a problem of an event's row) and read as
    missing.
    """
    keys = frame[field].astype("string").str.strip().str.lower()
    mapped = keys.map(mapping).astype("object")
    unknown = keys.notna() & mapped.isna()
    record = problems.recorder(frame, field, columns[field], table="events")
    for position in unknown.to_numpy().nonzero()[0]:
        value = frame[field].iloc[position]
        record(
            int(position),
            f"unknown {what} '{value}'. Add it under [values.{what}] in {spec.path.name} "
            f'(e.g. "{value}" = ...).',
        )
    return mapped.where(keys.notna() & ~unknown, None)


def status_values(spec: CsvMapping) -> dict[str, str]:
    """The canonical statuses and their aliases, plus the mapping's own statuses."""
    return {status: status for status in STATUSES} | dict(STATUS_ALIASES) | dict(spec.statuses)


def priority_values(spec: CsvMapping) -> dict[str, str]:
    """P1..P4 and their aliases, plus the mapping's own priorities."""
    canonical = {priority.lower(): priority for priority in PRIORITIES}
    return canonical | dict(PRIORITY_ALIASES) | dict(spec.priorities)


def translate_column(values: pd.Series, names: Mapping[str, str]) -> pd.Series:
    """Values whose trimmed, lower-case text is a name, replaced by what it names; others kept."""
    keys = values.astype("string").str.strip().str.lower()
    return keys.map(names).astype("object").fillna(values).where(values.notna(), None)
