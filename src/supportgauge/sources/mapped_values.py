"""Column values of a flat export through its mapping: timestamps, statuses, roles, labels."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import pandas as pd

from supportgauge.canonical import PRIORITIES, PRIORITY_ALIASES, STATUS_ALIASES, STATUSES
from supportgauge.errors import SourceError
from supportgauge.sources.csv_mapping import CsvMapping
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN
from supportgauge.sources.timestamps import parse_timestamps


def row_label(frame: pd.DataFrame, column: str) -> Callable[[int], str]:
    files = frame[SOURCE_FILE_COLUMN].to_numpy()
    rows = frame[SOURCE_ROW_COLUMN].to_numpy()

    def label(position: int) -> str:
        return f"{files[position]}, row {rows[position]}, column '{column}'"

    return label


def parse_column(
    frame: pd.DataFrame,
    field: str,
    spec: CsvMapping,
    columns: Mapping[str, str],
    zone: str | None,
    notes: list[str],
) -> pd.Series:
    """The field's values as UTC timestamps, read in the mapping's timestamp format."""
    parsed = parse_timestamps(
        frame[field].to_numpy(),
        label=row_label(frame, columns[field]),
        timezone=zone,
        value_format=spec.timestamp_format,
        dst_notes=notes,
    )
    return pd.Series(parsed.to_pandas(), index=frame.index)


def map_column(
    frame: pd.DataFrame,
    field: str,
    mapping: Mapping[str, object],
    spec: CsvMapping,
    columns: Mapping[str, str],
    what: str,
) -> pd.Series:
    """The column's values through the mapping (case-insensitive); unmapped values are errors."""
    keys = frame[field].astype("string").str.strip().str.lower()
    mapped = keys.map(mapping).astype("object")
    unknown = keys.notna() & mapped.isna()
    if unknown.any():
        position = int(unknown.to_numpy().nonzero()[0][0])
        label = row_label(frame, columns[field])(position)
        raise SourceError(
            f"{label}: unknown {what} '{frame[field].iloc[position]}'. Add it under "
            f'[values.{what}] in {spec.path.name} (e.g. "{frame[field].iloc[position]}" = ...).'
        )
    return mapped.where(keys.notna(), None)


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
