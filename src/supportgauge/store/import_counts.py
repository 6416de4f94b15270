"""What an import did: per table, where every row it read went."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from supportgauge.plurals import count_of

NOTHING_WRITTEN = "Import interrupted: nothing was written."
# Tables in the order they must be written: events need their tickets.
WRITE_ORDER = ("tickets", "events", "vendors", "ratings", "proactive", "probes")


def committed_message(tickets_added: int, events_added: int) -> str:
    """What an import interrupted after its commit says it kept."""
    return (
        f"Import interrupted after it committed: {count_of(tickets_added, 'ticket')} and "
        f"{count_of(events_added, 'event')} were added."
    )


@dataclass(frozen=True)
class RowProblem:
    """One bad value: where it is and why."""

    source_file: str
    source_row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"{self.source_file}, row {self.source_row}, column '{self.column}': {self.reason}"


@dataclass(frozen=True)
class TableCounts:
    """What became of one table's rows: each row read is counted exactly once."""

    read: int = 0
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    # Rows written as one with an earlier row, by the rule that merged them.
    merged: dict[str, int] = field(default_factory=dict)
    # Rows that are no record of this table (e.g. an audit log's change of a field no
    # figure reads), by the rule that set them aside.
    skipped: dict[str, int] = field(default_factory=dict)

    @property
    def accounted(self) -> int:
        """Rows added, updated, unchanged, merged, skipped or rejected: equals `read`."""
        merged = sum(self.merged.values()) + sum(self.skipped.values())
        return self.added + self.updated + self.unchanged + merged + self.rejected


@dataclass(frozen=True)
class ImportResult:
    """What an import did, table by table."""

    import_id: int | None
    tables: dict[str, TableCounts] = field(default_factory=dict)
    ignored_columns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    reject_files: tuple[Path, ...] = ()
    # What the import changed by a documented rule (e.g. a ticket's creation), to report.
    warnings: tuple[str, ...] = ()

    def _of(self, name: str) -> TableCounts:
        return self.tables.get(name, TableCounts())

    @property
    def tickets_added(self) -> int:
        """Tickets the store did not have."""
        return self._of("tickets").added

    @property
    def tickets_updated(self) -> int:
        """Tickets whose values changed (the old version is kept)."""
        return self._of("tickets").updated

    @property
    def tickets_unchanged(self) -> int:
        """Tickets the store already had as they are."""
        return self._of("tickets").unchanged

    @property
    def events_added(self) -> int:
        """Events the store did not have."""
        return self._of("events").added

    @property
    def events_updated(self) -> int:
        """Events known by id whose values changed (the old version is kept)."""
        return self._of("events").updated

    @property
    def events_unchanged(self) -> int:
        """Events the store already had."""
        return self._of("events").unchanged

    @property
    def rows_rejected(self) -> int:
        """Rows of every table written to reject files."""
        return sum(counts.rejected for counts in self.tables.values())

    @property
    def other_rows(self) -> dict[str, int]:
        """Rows added or updated in each optional table."""
        return {
            name: counts.added + counts.updated
            for name, counts in self.tables.items()
            if name not in WRITE_ORDER[:2]
        }

    @property
    def changed(self) -> bool:
        """Whether the import wrote anything."""
        return any(counts.added or counts.updated for counts in self.tables.values())
