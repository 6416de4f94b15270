"""Canonical input: files named after the canonical tables, read into one ImportBatch."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pyarrow as pa

from supportgauge.canonical import TABLES, missing_columns_message, missing_required_columns
from supportgauge.errors import SourceError
from supportgauge.sources.import_batch import ImportBatch
from supportgauge.sources.readers import file_format_of, no_rows_warning, read_tabular_file


def table_name_of(path: Path) -> str | None:
    """The canonical table a file holds, from its name (`events.csv`, `tickets-2026-03.parquet`)."""
    stem = path.name.split(".", 1)[0].lower()
    for name in TABLES:
        if stem == name or stem.startswith((f"{name}-", f"{name}_")):
            return name
    return None


# The settings file that may sit beside a data set.
SETTINGS_FILE_NAME = "supportgauge.toml"


def discover_canonical_files(paths: Sequence[Path]) -> tuple[dict[str, list[Path]], list[Path]]:
    """Files per canonical table, and the files in folders that were not recognised."""
    by_table: dict[str, list[Path]] = {}
    ignored: list[Path] = []
    for path in paths:
        if not path.exists():
            raise SourceError(f"{path}: no such file or folder.")
        if path.is_dir():
            for child in sorted(p for p in path.iterdir() if p.is_file()):
                if child.name == SETTINGS_FILE_NAME:
                    continue  # settings beside the data (as `generate` writes them), not data
                name = table_name_of(child)
                if name is None or file_format_of(child) is None:
                    ignored.append(child)
                else:
                    by_table.setdefault(name, []).append(child)
            continue
        name = table_name_of(path)
        if name is None:
            known = ", ".join(TABLES)
            raise SourceError(
                f"{path.name}: cannot tell which table this file holds. Name it after one of "
                f"{known} (for example tickets.csv or events-2026-03.parquet)."
            )
        by_table.setdefault(name, []).append(path)
    if not by_table:
        where = ", ".join(str(p) for p in paths)
        raise SourceError(
            f"No tickets, events or other canonical tables found in {where}. Expected files "
            "such as tickets.csv and events.csv (CSV, JSON Lines or Parquet)."
        )
    return by_table, ignored


def read_canonical(paths: Sequence[Path]) -> tuple[ImportBatch, list[Path]]:
    """Read canonical files into a batch; also returns files in folders that were skipped."""
    by_table, ignored = discover_canonical_files(paths)
    tables: dict[str, pa.Table] = {}
    warnings: list[str] = []
    for name, files in by_table.items():
        parts = [read_tabular_file(path) for path in files]
        for path, part in zip(files, parts, strict=True):
            # Each file on its own: filled in from another file, a column would only be empty.
            missing = missing_required_columns(name, part.column_names)
            if missing:
                raise SourceError(missing_columns_message(path.name, name, missing))
            if part.num_rows == 0:
                warnings.append(no_rows_warning(path))
        tables[name] = (
            pa.concat_tables(parts, promote_options="permissive") if len(parts) > 1 else parts[0]
        )
    return ImportBatch(tables=tables, warnings=tuple(warnings)), ignored
