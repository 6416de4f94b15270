"""What every reader hands to the importer: canonical tables plus where each row came from."""

from __future__ import annotations

from dataclasses import dataclass, field

import pyarrow as pa

# Every table in a batch may carry these two columns; the importer uses them to
# name the file and row of a bad value. Readers of nested exports (JSON of a help
# desk) set the row to the record's position in its file, counted from 1.
SOURCE_FILE_COLUMN = "_source_file"
SOURCE_ROW_COLUMN = "_source_row"


@dataclass(frozen=True)
class ReadProblem:
    """A value a reader could not read: its row is judged with every other bad value."""

    table: str  # the canonical table the value would have gone to
    field: str  # the canonical column it would have filled (missing in the batch instead)
    source_file: str
    source_row: int
    column: str  # the column as the export names it
    reason: str
    ticket_id: str | None  # the ticket the row belongs to, when the row is not a table's own


@dataclass(frozen=True)
class ImportBatch:
    """Canonical tables (by their documented names) read from one import's files."""

    tables: dict[str, pa.Table] = field(default_factory=dict)
    # Figures the source system computed itself (e.g. Zendesk ticket_metrics),
    # kept to compare with ours; keyed by a short name of the figure set.
    source_figures: dict[str, pa.Table] = field(default_factory=dict)
    # What the reader changed by a documented rule (e.g. a daylight-saving time), to report.
    warnings: tuple[str, ...] = ()
    # Every export row is one event: rows sharing an id with a different kind (a status
    # change recorded under its reply's id) are distinct events, not a clash.
    event_per_row: bool = False
    # Rows the reader merged before handing the tables on (a record an export repeats),
    # per table and rule: the importer counts them as read and merged.
    merged: dict[str, dict[str, int]] = field(default_factory=dict)
    # Rows the reader read but set aside as no record of a table, per table and rule: the
    # importer counts them as read and skipped.
    skipped: dict[str, dict[str, int]] = field(default_factory=dict)
    # Values the reader could not read, left missing in the tables: the importer lists them
    # with every other problem (and skipping invalid rows sets their rows aside).
    problems: tuple[ReadProblem, ...] = ()
    # The export's own name of a canonical column, per table, where the reader renamed
    # columns (a mapping): problems name the column the user sees in the file.
    source_columns: dict[str, dict[str, str]] = field(default_factory=dict)

    def table_names(self) -> list[str]:
        """Names of the canonical tables present in this batch."""
        return sorted(self.tables)
