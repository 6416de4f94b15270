"""Import files of any supported format into a store: read, then validate and write."""

from __future__ import annotations

import itertools
import os
import signal
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import ibis
import pyarrow as pa

from supportgauge.errors import InputError, Interrupted, SourceError, SupportGaugeError
from supportgauge.metrics.store_metrics import per_ticket_figures
from supportgauge.settings import Settings, default_settings
from supportgauge.sources.canonical_files import read_canonical
from supportgauge.sources.freshdesk import read_freshdesk
from supportgauge.sources.import_batch import ImportBatch
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
from supportgauge.store.duckdb import import_target
from supportgauge.store.early_events import check_early_events_policy
from supportgauge.store.import_counts import NOTHING_WRITTEN, ImportResult, committed_message
from supportgauge.store.importer import ProgressCallback, import_batch
from supportgauge.store.interface import Store
from supportgauge.text.store_readings import read_texts_in_transaction

# Names a progress step at which an import signals itself (fault-injection tests only).
FAULT_HOOK_VARIABLE = "SUPPORTGAUGE_TEST_SIGNAL_AT"
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
        try:
            check_zone(timezone, "Name the zone the timestamps were written in.")
        except SourceError as error:
            raise InputError(error.message, parameter="timezone") from None
    if source_format not in SOURCE_FORMATS:
        raise InputError(
            f"'{source_format}' is not a format; use one of {', '.join(SOURCE_FORMATS)}.",
            parameter="source_format",
        )
    if source_format == "csv":
        if mapping is None:
            raise InputError(
                "format csv needs a mapping: a TOML file that maps your columns and values "
                "to supportgauge's (see docs/formats.md).",
                parameter="mapping",
            )
        return read_mapped_csv(paths, mapping=mapping, vendor=vendor, timezone=timezone), []
    if mapping is not None:
        raise InputError("a mapping is only used with format csv.", parameter="mapping")
    if source_format in _HELP_DESK_READERS:
        return _HELP_DESK_READERS[source_format](paths, vendor=vendor, timezone=timezone), []
    if vendor is not None:
        raise InputError(
            "a vendor is only given for help-desk formats; canonical files name it.",
            parameter="vendor",
        )
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
    store: Store,
    paths: Sequence[Path],
    *,
    source_format: str = "canonical",
    mapping: Path | None = None,
    vendor: str | None = None,
    timezone: str | None = None,
    skip_invalid: bool = False,
    rejects_dir: Path | None = None,
    early_events: str | None = None,
    settings: Settings | None = None,
    progress: ProgressCallback | None = None,
) -> ImportOutcome:
    """Import files into the store, all or nothing; compare with the source's own figures.

    `early_events` (clamp or reject; default: the settings' `[import] early_events`) says
    what becomes of events timestamped before their ticket's creation.
    """
    target = import_target(store)
    settings = settings or default_settings()
    early_events = check_early_events_policy(
        settings.get("import", "early_events") if early_events is None else early_events
    )
    progress = with_fault_hook(progress)
    try:
        if progress:
            progress("reading files", 0, 0)  # how long is not known
        batch, skipped = read_source(
            paths, source_format=source_format, mapping=mapping, vendor=vendor, timezone=timezone
        )
    except (KeyboardInterrupt, Interrupted):
        raise Interrupted(NOTHING_WRITTEN) from None
    result = import_batch(
        target,
        batch,
        source_format=source_format,
        files=paths,
        timezone=timezone,
        skip_invalid=skip_invalid,
        rejects_dir=rejects_dir,
        # Reply readings and guessed categories commit with the data, or not at all.
        derive=lambda: read_texts_in_transaction(target, progress=progress),
        vocabulary=settings.vocabulary,
        early_events=early_events,
        progress=progress,
    )
    comparisons: dict[str, list[FigureComparison]] = {}
    warnings: list[str] = [*batch.warnings, *result.warnings]
    for name, theirs in batch.source_figures.items():
        try:
            ours = _figures_to_compare(store, settings, theirs)
            comparisons[name] = compare_source_figures(ours, theirs)
        # The engine's own word for an interrupt ("nothing was changed") is not true here.
        except (KeyboardInterrupt, Interrupted):
            kept = committed_message(result.tickets_added, result.events_added).removesuffix(".")
            raise Interrupted(
                f"{kept}; the comparison with the export's own figures was skipped."
            ) from None
        # The data is committed: whatever fails here is a warning, never a failed import.
        except Exception as error:
            reason = error if isinstance(error, SupportGaugeError) else repr(error)
            warnings.append(
                f"the import is complete, but comparing with the export's own figures "
                f"({name}) failed: {reason}"
            )
    return ImportOutcome(result, skipped, comparisons, tuple(warnings))


def with_fault_hook(progress: ProgressCallback | None) -> ProgressCallback | None:
    """The progress callback, sending this process a signal at one step when testing.

    `SUPPORTGAUGE_TEST_SIGNAL_AT=7:INT` sends SIGINT at the 7th progress report (KILL for
    SIGKILL): the fault-injection tests stop imports at every step this way.
    """
    hook = os.environ.get(FAULT_HOOK_VARIABLE)
    if not hook:
        return progress
    step_text, signal_name = hook.split(":")
    at_step, number = int(step_text), getattr(signal, f"SIG{signal_name}")
    calls = itertools.count(1)

    def report(step: str, done: int, total: int) -> None:
        if next(calls) == at_step:
            os.kill(os.getpid(), number)
        if progress is not None:
            progress(step, done, total)

    return report


def _figures_to_compare(store: Store, settings: Settings, theirs: pa.Table) -> pa.Table:
    """Our figures that the source also computed, for the source's tickets only."""
    compared = [figure for figure in FIGURES if figure in theirs.column_names]
    keys = ibis.memtable(theirs.select(["vendor", "ticket_id"]))
    tickets = store.table("tickets").semi_join(keys, ["vendor", "ticket_id"])
    figures = per_ticket_figures(
        store, settings, fields=["ticket_id", "vendor", *compared], tickets=tickets
    )
    return store.to_arrow(figures)
