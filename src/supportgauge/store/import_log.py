"""The `imports` log: which files each import was given, and the list of imports."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from supportgauge.store.interface import Store


@dataclass(frozen=True)
class LoggedFile:
    """A file or folder an import was given: as typed, and resolved to an absolute path
    when it was logged (None in entries older stores logged, which kept only the first)."""

    given: str
    resolved: str | None = None

    def path(self) -> Path:
        """Where it is: the resolved path, or an old entry's as typed, from this folder."""
        return Path(self.resolved) if self.resolved is not None else Path(self.given).resolve()


def files_entry(paths: Sequence[Path]) -> str:
    """The `files` value of an import's log row (JSON): each path as typed and resolved,
    so that the files are found again from any folder."""
    return json.dumps([{"given": str(path), "resolved": str(path.resolve())} for path in paths])


def logged_files(entry: str) -> list[LoggedFile]:
    """The files of an import's log row, in this version's form or the older one (a list
    of the paths as typed)."""
    return [
        LoggedFile(item) if isinstance(item, str) else LoggedFile(item["given"], item["resolved"])
        for item in json.loads(entry)
    ]


_IMPORTS_SCHEMA = pa.schema(
    [
        ("import_id", pa.int64()),
        ("started_at", pa.timestamp("us", tz="UTC")),
        ("source_format", pa.string()),
        ("files", pa.list_(pa.string())),
        ("paths", pa.list_(pa.string())),
        ("tickets_added", pa.int64()),
        ("tickets_updated", pa.int64()),
        ("tickets_unchanged", pa.int64()),
        ("events_added", pa.int64()),
        ("events_updated", pa.int64()),
        ("events_unchanged", pa.int64()),
        ("rows_rejected", pa.int64()),
    ]
)
IMPORT_LOG_COLUMNS = tuple(_IMPORTS_SCHEMA.names)


def import_log(store: Store) -> pa.Table:
    """Every logged import, oldest first: its id, when it started, its format, the files
    it was given (`files` as typed, `paths` resolved; None where an old store did not
    log them) and its counts."""
    columns = [name for name in IMPORT_LOG_COLUMNS if name != "paths"]
    logged = store.to_arrow(store.table("imports").select(columns).order_by("import_id"))
    rows = []
    for row in logged.to_pylist():
        files = logged_files(row["files"])
        row["files"] = [file.given for file in files]
        row["paths"] = [file.resolved for file in files]
        rows.append(row)
    return pa.Table.from_pylist(rows, schema=_IMPORTS_SCHEMA)
