"""Import files of any supported format into a store: read, then validate and write."""

from __future__ import annotations

import zoneinfo
from collections.abc import Sequence
from pathlib import Path

from supportgauge.errors import SourceError
from supportgauge.sources.batch import ImportBatch
from supportgauge.sources.canonical import read_canonical
from supportgauge.store.duckdb import Store
from supportgauge.store.importer import ImportResult, ProgressCallback, import_batch

SOURCE_FORMATS = ("canonical",)


def check_timezone(name: str) -> None:
    """Raise unless name is an IANA time zone."""
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise SourceError(
            f"--timezone '{name}' is not an IANA time zone (e.g. Asia/Riyadh, America/Sao_Paulo)."
        ) from None


def read_source(
    paths: Sequence[Path],
    *,
    source_format: str = "canonical",
    mapping: Path | None = None,
    vendor: str | None = None,
    timezone: str | None = None,
) -> tuple[ImportBatch, list[Path]]:
    """Read files of one format into canonical tables; also returns skipped files."""
    if timezone is not None:
        check_timezone(timezone)
    if source_format not in SOURCE_FORMATS:
        raise SourceError(
            f"--format {source_format}: unknown format; use one of {', '.join(SOURCE_FORMATS)}."
        )
    if mapping is not None:
        raise SourceError("--mapping is only used with --format csv.")
    if vendor is not None:
        raise SourceError("--vendor is only used with help-desk formats; canonical files name it.")
    return read_canonical(paths)


def import_paths(
    store: Store,
    paths: Sequence[Path],
    *,
    source_format: str = "canonical",
    mapping: Path | None = None,
    vendor: str | None = None,
    timezone: str | None = None,
    skip_invalid: bool = False,
    rejects_dir: Path | None = None,
    progress: ProgressCallback | None = None,
) -> tuple[ImportResult, list[Path]]:
    """Import files into the store, all or nothing; returns the result and skipped files."""
    if progress:
        progress("reading files", 0, 1)
    batch, skipped = read_source(
        paths, source_format=source_format, mapping=mapping, vendor=vendor, timezone=timezone
    )
    result = import_batch(
        store,
        batch,
        source_format=source_format,
        files=paths,
        timezone=timezone,
        skip_invalid=skip_invalid,
        rejects_dir=rejects_dir,
        progress=progress,
    )
    return result, skipped
