"""Import files of any supported format into a store: read, then validate and write."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ibis
import pyarrow as pa

from supportgauge.errors import SourceError, SupportGaugeError
from supportgauge.metrics.store_metrics import per_ticket_figures
from supportgauge.settings import Settings, default_settings
from supportgauge.sources.batch import ImportBatch
from supportgauge.sources.canonical import read_canonical
from supportgauge.sources.freshdesk import read_freshdesk
from supportgauge.sources.jira import read_jira
from supportgauge.sources.mapped_csv import read_mapped_csv
from supportgauge.sources.source_figures import (
    FIGURES,
    FigureComparison,
    compare_source_figures,
)
from supportgauge.sources.timestamps import check_zone
from supportgauge.sources.zammad import read_zammad
from supportgauge.sources.zendesk import read_zendesk
from supportgauge.store.duckdb import DuckDBStore
from supportgauge.store.importer import ImportResult, ProgressCallback, import_batch
from supportgauge.text.store_readings import read_store_texts

SOURCE_FORMATS = ("canonical", "zendesk", "freshdesk", "jira", "zammad", "csv")
_HELP_DESK_READERS: dict[str, Callable[..., ImportBatch]] = {
    "zendesk": read_zendesk,
    "freshdesk": read_freshdesk,
    "jira": read_jira,
    "zammad": read_zammad,
}


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
        check_zone(timezone, "Name the zone the timestamps were written in.", where="--timezone ")
    if source_format not in SOURCE_FORMATS:
        raise SourceError(
            f"--format {source_format}: unknown format; use one of {', '.join(SOURCE_FORMATS)}."
        )
    if source_format == "csv":
        if mapping is None:
            raise SourceError(
                "--format csv needs --mapping FILE: a TOML file that maps your columns and "
                "values to supportgauge's (see docs/formats.md)."
            )
        return read_mapped_csv(paths, mapping=mapping, vendor=vendor, timezone=timezone), []
    if mapping is not None:
        raise SourceError("--mapping is only used with --format csv.")
    if source_format in _HELP_DESK_READERS:
        return _HELP_DESK_READERS[source_format](paths, vendor=vendor, timezone=timezone), []
    if vendor is not None:
        raise SourceError("--vendor is only used with help-desk formats; canonical files name it.")
    return read_canonical(paths)


@dataclass(frozen=True)
class ImportOutcome:
    """What an import did, files it skipped, and how our figures compare with the source's."""

    result: ImportResult
    skipped: list[Path] = field(default_factory=list)
    # Per figure set the export carried (e.g. "zendesk_ticket_metrics").
    comparisons: dict[str, list[FigureComparison]] = field(default_factory=dict)
    # Problems after the import committed: reported, never a failed import.
    warnings: tuple[str, ...] = ()


def import_paths(
    store: DuckDBStore,
    paths: Sequence[Path],
    *,
    source_format: str = "canonical",
    mapping: Path | None = None,
    vendor: str | None = None,
    timezone: str | None = None,
    skip_invalid: bool = False,
    rejects_dir: Path | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
) -> ImportOutcome:
    """Import files into the store, all or nothing; compare with the source's own figures."""
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
    if result.changed:
        # Read the new reply texts once, so every figure built on them is ready.
        read_store_texts(store, progress=progress)
    comparisons: dict[str, list[FigureComparison]] = {}
    warnings: list[str] = []
    for name, theirs in batch.source_figures.items():
        try:
            ours = _figures_to_compare(store, settings or default_settings(), theirs)
            comparisons[name] = compare_source_figures(ours, theirs)
        # The data is committed: whatever fails here is a warning, never a failed import.
        except Exception as error:
            reason = error if isinstance(error, SupportGaugeError) else repr(error)
            warnings.append(
                f"the import is complete, but comparing with the export's own figures "
                f"({name}) failed: {reason}"
            )
    return ImportOutcome(result, skipped, comparisons, tuple(warnings))


def _figures_to_compare(store: DuckDBStore, settings: Settings, theirs: pa.Table) -> pa.Table:
    """Our figures that the source also computed, for the source's tickets only."""
    compared = [figure for figure in FIGURES if figure in theirs.column_names]
    keys = ibis.memtable(theirs.select(["vendor", "ticket_id"]))
    tickets = store.table("tickets").semi_join(keys, ["vendor", "ticket_id"])
    figures = per_ticket_figures(
        store, settings, fields=["ticket_id", "vendor", *compared], tickets=tickets
    )
    return figures.to_pyarrow()
