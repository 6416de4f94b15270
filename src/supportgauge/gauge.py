"""`Gauge`: the one entry point every face calls — a store and the settings in force."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Concatenate, ParamSpec, TypeVar

import pyarrow as pa

from supportgauge import api_arguments as check
from supportgauge.errors import ConflictError, InputError, NotFoundError, SettingsError, StoreError
from supportgauge.importing import ImportOutcome, import_paths
from supportgauge.metrics.store_metrics import (
    per_ticket_figures,
    settings_warnings,
    store_hours_comparison,
    store_ticket_metrics,
)
from supportgauge.metrics.summary import parse_group_keys, summary
from supportgauge.metrics.ticket_metrics import TICKET_FIELDS, parse_fields
from supportgauge.scoring.explain import Explanation, explain
from supportgauge.scoring.probes import LANGUAGES, library_probes
from supportgauge.scoring.records import Scorecard
from supportgauge.scoring.scorecard import scorecard
from supportgauge.settings import Settings, load_settings
from supportgauge.store.busy import BusyWait, WaitCallback
from supportgauge.store.duckdb import import_target, open_store
from supportgauge.store.forget import count_selected, engine_store, forget_selected, selection_of
from supportgauge.store.import_log import import_log
from supportgauge.store.importer import ProgressCallback
from supportgauge.store.interface import Store
from supportgauge.text import Classification, classify_table, classify_texts
from supportgauge.text.store_readings import ReadingCounts, reread_store, stale_readings

P = ParamSpec("P")
R = TypeVar("R")


def _in_engine(method: Callable[Concatenate[Gauge, P], R]) -> Callable[Concatenate[Gauge, P], R]:
    """Run a method with the store held (a reader opens its file for the call) and the
    engine's failures (out of memory, I/O) as the error tree's."""

    @functools.wraps(method)
    def guarded(self: Gauge, *args: P.args, **kwargs: P.kwargs) -> R:
        with self.store.held(), self.store.errors():
            return method(self, *args, **kwargs)

    return guarded


class Gauge:
    """A store and its settings, with the product's use cases as methods.

    `Gauge.open()` reads settings as the command line does (`./supportgauge.toml` when
    present, or `config`), so Python and the CLI give the same figures. Results are Arrow
    tables; `figures()` gives the unexecuted Ibis expression for further work in the engine.
    A Gauge holds the store's file only during each call (or a `hold()` block), so that an
    idle one never locks out an import or a reader in another process.
    """

    def __init__(self, store: Store, settings: Settings) -> None:
        self.store = store
        self.settings = settings
        self._holds = 0

    @classmethod
    def open(
        cls,
        db: str | Path | None = None,
        config: str | Path | None = None,
        *,
        read_only: bool = False,
        wait_seconds: float | None = None,
        on_wait: WaitCallback | None = None,
    ) -> Gauge:
        """Open the store (`db`, `$SUPPORTGAUGE_DB` or ./supportgauge.duckdb) with the
        settings of `config` (default ./supportgauge.toml when present). While another
        process uses the store, wait up to `wait_seconds` (default: [store] wait_seconds)
        for it, calling `on_wait(seconds)` once when the wait begins."""
        for value, name in ((db, "db"), (config, "config")):
            if value is not None and not isinstance(value, str | Path):
                raise InputError(f"{value!r}: give a path.", parameter=name)
        settings = load_settings(Path(config) if config is not None else None)
        if wait_seconds is None:
            wait_seconds = settings.get("store", "wait_seconds")
        elif isinstance(wait_seconds, bool) or not isinstance(wait_seconds, int | float):
            raise InputError(
                f"{wait_seconds!r}: give seconds as a number.", parameter="wait_seconds"
            )
        elif not wait_seconds >= 0:
            raise InputError(
                f"{wait_seconds}: must be 0 (no wait) or more.", parameter="wait_seconds"
            )
        store = open_store(
            db, read_only=read_only, wait=BusyWait(wait_seconds, on_wait), release_when_idle=True
        )
        if store.created:
            # A store this Gauge made and nothing filled (an import that failed, or was
            # stopped at any point, even before it began) is not left behind.
            store.discard_if_unused()
        try:
            _limit_engine(store, settings)
        except BaseException:
            store.close()
            raise
        return cls(store, settings)

    def close(self) -> None:
        """Close the store."""
        self.store.close()

    @contextmanager
    def hold(self) -> Iterator[None]:
        """Keep the store open for a block: the calls in it share one opening (and see one
        state of the data), and `figures()` expressions can be run in it. Another process
        waits while a hold lasts (an import always; a reader too while this Gauge may
        write)."""
        with self.store.held():
            self._holds += 1
            try:
                yield
            finally:
                self._holds -= 1

    def __enter__(self) -> Gauge:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def location(self) -> str:
        """Where the store is (a file path), as messages name it."""
        return self.store.location.describe()

    @_in_engine
    def import_paths(
        self,
        paths: Iterable[str | Path],
        *,
        source_format: str = "canonical",
        mapping: str | Path | None = None,
        vendor: str | None = None,
        timezone: str | None = None,
        skip_invalid: bool = False,
        rejects_dir: str | Path | None = None,
        early_events: str | None = None,
        progress: ProgressCallback | None = None,
    ) -> ImportOutcome:
        """Import files or folders of one format, all or nothing.

        `early_events`: "clamp" or "reject" for events before their ticket's creation
        (default: the settings' `[import] early_events`, itself "clamp").
        """
        files = check.paths(paths, "paths")
        source_format = check.text(source_format, "source_format")
        mapping_file = check.optional_path(mapping, "mapping")
        vendor = check.optional_text(vendor, "vendor")
        timezone = check.optional_text(timezone, "timezone")
        skip_invalid = check.flag(skip_invalid, "skip_invalid")
        rejects_folder = check.optional_path(rejects_dir, "rejects_dir")
        early_events = check.optional_text(early_events, "early_events")
        progress = check.callback(progress, "progress")
        target = import_target(self.store)
        try:
            return import_paths(
                target,
                files,
                source_format=source_format,
                mapping=mapping_file,
                vendor=vendor,
                timezone=timezone,
                skip_invalid=skip_invalid,
                rejects_dir=rejects_folder,
                early_events=early_events,
                settings=self.settings,
                progress=progress,
            )
        except BaseException:
            target.discard_if_unused()
            raise

    @_in_engine
    def forget(
        self,
        *,
        vendor: str | None = None,
        import_ids: Sequence[int] = (),
        source: str | Path | None = None,
        dry_run: bool = False,
    ) -> dict[str, int]:
        """Remove one vendor's rows, or what the imports `import_ids` (or those that read
        `source`) brought, in one transaction; returns the rows per table removed (with
        `dry_run`, that would be removed: a store opened read-only can answer that).
        Nothing to remove raises NotFoundError, dry run or not."""
        selection = selection_of(
            self.store,
            vendor=check.optional_text(vendor, "vendor"),
            import_ids=check.whole_numbers(import_ids, "import_ids"),
            source=check.optional_path(source, "source"),
        )
        if check.flag(dry_run, "dry_run"):
            return count_selected(engine_store(self.store), selection)
        return forget_selected(import_target(self.store), selection)

    @_in_engine
    def imports(self) -> pa.Table:
        """The store's imports, oldest first: id, start, format, the files each was given
        (as typed, and resolved) and its counts."""
        return import_log(self.store)

    @_in_engine
    def reread(self, *, progress: ProgressCallback | None = None) -> ReadingCounts:
        """Read every reply text again with this version's lexicon, all or nothing."""
        progress = check.callback(progress, "progress")
        target = import_target(self.store)
        if target.created:
            # Opening made this store: there is nothing to read, and no store is left behind.
            target.discard_if_unused()
            raise NotFoundError(
                f"No store at {self.location}: there are no replies to read again; import "
                "data first, or name an existing store.",
                parameter="db",
                next_step="import",
            )
        return reread_store(target, progress=progress)

    @_in_engine
    def readings_warning(self) -> str | None:
        """Why the store's reply readings do not match this version's lexicon, if they
        do not (figures built on reply labels would be off); None when they do."""
        return stale_readings(self.store)

    @_in_engine
    def settings_warnings(self) -> list[str]:
        """What in the settings does not match the store (undefined calendars, vendors
        without tickets), one sentence each; empty when all match."""
        return settings_warnings(self.store, self.settings)

    @_in_engine
    def figures(self, fields: Sequence[str] | str | None = None) -> Any:
        """The per-ticket figures as an unexecuted Ibis expression (every field by default),
        to build and run inside `with gauge.hold():`."""
        chosen = _fields(fields)
        if self.store.releases_when_idle and not self._holds:
            raise ConflictError(
                "figures() gives an expression over the open store, and the store is open "
                "only during a call: call figures() and run what you build from it inside "
                "`with gauge.hold():`."
            )
        return per_ticket_figures(self.store, self.settings, chosen)

    @_in_engine
    def tickets(
        self, *, fields: Sequence[str] | str | None = None, limit: int | None = None
    ) -> pa.Table:
        """One row per ticket (by vendor and creation) with its figures, every field or only
        `fields`; with `limit`, only the first so many tickets are computed."""
        if limit is not None:
            check.whole_number(limit, "limit", least=1)
        expression = store_ticket_metrics(self.store, self.settings, _fields(fields), first=limit)
        return self.store.to_arrow(expression)

    @_in_engine
    def ticket_count(self) -> int:
        """How many tickets the store holds."""
        return self.store.count("tickets")

    @_in_engine
    def summary(self, *, by: Sequence[str] | str = ("vendor",)) -> pa.Table:
        """n, mean, p50 and p90 of every figure, and rates, per group of `by`."""
        keys = parse_group_keys(",".join(check.names(by, "by")))
        expression = summary(per_ticket_figures(self.store, self.settings), by=keys)
        return self.store.to_arrow(expression)

    @_in_engine
    def hours(self) -> pa.Table:
        """Per vendor: first response in its own hours, off hours and at the customer's
        peak (Kaplan–Meier percentiles over every ticket, the share answered beside each),
        beside the hours it claims."""
        return self.store.to_arrow(store_hours_comparison(self.store, self.settings))

    @_in_engine
    def overview(self) -> dict[str, pa.Table]:
        """The vendor comparison the demo shows: by vendor, by vendor and priority, and
        claims against the clock, from figures computed once."""
        figures = per_ticket_figures(self.store, self.settings).cache()
        try:
            return {
                "by_vendor": self.store.to_arrow(summary(figures, by=["vendor"])),
                "by_vendor_priority": self.store.to_arrow(
                    summary(figures, by=["vendor", "priority"])
                ),
                "hours": self.store.to_arrow(
                    store_hours_comparison(self.store, self.settings, per_ticket=figures)
                ),
            }
        finally:
            figures.release()

    @_in_engine
    def score(
        self,
        *,
        scenario: str | None = None,
        period: str | None = None,
        by_period: str | None = None,
        vendors: Sequence[str] | None = None,
        seed: int = 0,
    ) -> Scorecard:
        """Every vendor scored 1-5 on the five dimensions under `scenario` (the settings'
        default when None), with intervals, ties, flags and claims (docs/scoring.md):
        for all data, one `period` (YYYY-MM or YYYY-Qn), or each month or quarter."""
        return scorecard(
            self.store,
            self.settings,
            scenario=check.optional_text(scenario, "scenario"),
            period=check.optional_text(period, "period"),
            by_period=check.optional_text(by_period, "by_period"),
            vendors=check.names(vendors, "vendors") if vendors is not None else None,
            seed=check.whole_number(seed, "seed", least=0),
        )

    @_in_engine
    def explain(
        self,
        vendor: str,
        dimension: str | None = None,
        *,
        scenario: str | None = None,
        period: str | None = None,
        seed: int = 0,
    ) -> Explanation:
        """The figures and thresholds crossed behind one vendor's scores (one dimension, or
        all), and per figure the tickets that cost and earned it most."""
        try:
            return explain(
                self.store,
                self.settings,
                check.text(vendor, "vendor"),
                check.optional_text(dimension, "dimension"),
                scenario=check.optional_text(scenario, "scenario"),
                period=check.optional_text(period, "period"),
                seed=check.whole_number(seed, "seed", least=0),
            )
        except NotFoundError as error:
            # The scorecard names its list of vendors; here one vendor is asked about.
            if error.parameter == "vendors":
                error.parameter = "vendor"
            raise

    @staticmethod
    def probes(*, scenario: str | None = None, language: str = "en") -> pa.Table:
        """The shipped stress-test probes (of one scenario, or all), one row each: probe_id,
        scenario, category, the question and the key points of a good answer, in
        `language` (en or zh)."""
        scenario = check.optional_text(scenario, "scenario")
        if language not in LANGUAGES:
            raise InputError(f"{language!r}: use zh or en.", parameter="language")
        chosen = library_probes(scenario=scenario)
        return pa.table(
            {
                "probe_id": [probe.probe_id for probe in chosen],
                "scenario": [probe.scenario for probe in chosen],
                "category": [probe.category for probe in chosen],
                "question": [probe.question(language) for probe in chosen],
                "key_points": [
                    [p.text_zh if language == "zh" else p.text_en for p in probe.key_points]
                    for probe in chosen
                ],
            },
            schema=_PROBE_SCHEMA,
        )

    @staticmethod
    def classify(
        texts: Sequence[str | None], *, category_hints: Sequence[str | None] | None = None
    ) -> list[Classification]:
        """Labels, technical terms, likely category and evidence for each reply text."""
        checked = check.texts_or_none(texts, "texts")
        hints = None
        if category_hints is not None:
            hints = check.texts_or_none(category_hints, "category_hints")
        return classify_texts(checked, category_hints=hints)

    @staticmethod
    def classify_table(texts: Sequence[str | None]) -> pa.Table:
        """Labels, technical terms and likely category of each reply text as an Arrow
        table (columns labels, terms, category): the fast form for many replies, without
        the evidence `classify` gives."""
        return classify_table(check.texts_or_none(texts, "texts"))


_PROBE_SCHEMA = pa.schema(
    [
        ("probe_id", pa.string()),
        ("scenario", pa.string()),
        ("category", pa.string()),
        ("question", pa.string()),
        ("key_points", pa.list_(pa.string())),
    ]
)


def _fields(fields: Sequence[str] | str | None) -> list[str]:
    if fields is None:
        return list(TICKET_FIELDS)
    return parse_fields(",".join(check.names(fields, "fields")))


def _limit_engine(store: Store, settings: Settings) -> None:
    """Apply the [engine] settings; a value the engine refuses is named with its setting."""
    try:
        store.limit(
            memory=settings.get("engine", "memory_limit"),
            threads=settings.get("engine", "threads"),
        )
    except StoreError as error:
        label = settings.source.name if settings.source else "settings"
        raise SettingsError(f"{label}, [engine] {error}") from None
