"""supportgauge: judge vendors' after-sales support by ticket data, not promises.

    from supportgauge import Gauge

    with Gauge.open("supportgauge.duckdb") as gauge:
        gauge.import_paths(["export/"])
        by_vendor = gauge.summary(by=["vendor", "priority"])
        card = gauge.score(scenario="show_live")

Every face (command line, report, web) calls this API; docs/python-api.md lists it.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

from supportgauge.errors import (
    ConflictError,
    EngineLimitError,
    InputError,
    Interrupted,
    MissingExtraError,
    NotFoundError,
    SettingsError,
    SourceError,
    StoreError,
    SupportGaugeError,
)

if TYPE_CHECKING:
    from supportgauge.canonical import DIMENSIONS
    from supportgauge.gauge import Gauge
    from supportgauge.importing import SOURCE_FORMATS, ImportOutcome
    from supportgauge.metrics.summary import GROUP_KEYS
    from supportgauge.metrics.ticket_metrics import TICKET_FIELDS
    from supportgauge.scoring.explain import Explanation
    from supportgauge.scoring.records import Scorecard
    from supportgauge.settings import Settings, default_settings, load_settings
    from supportgauge.sources.source_figures import FigureComparison
    from supportgauge.store.import_counts import ImportResult
    from supportgauge.text import LABELS, Classification
    from supportgauge.text.store_readings import ReadingCounts

# Public names loaded on first use, so `import supportgauge` (and the command line's start,
# where an early Ctrl-C must stop quietly) does not load the engine and the reader.
_LAZY = {
    "DIMENSIONS": "supportgauge.canonical",
    "Gauge": "supportgauge.gauge",
    "SOURCE_FORMATS": "supportgauge.importing",
    "ImportOutcome": "supportgauge.importing",
    "GROUP_KEYS": "supportgauge.metrics.summary",
    "TICKET_FIELDS": "supportgauge.metrics.ticket_metrics",
    "Explanation": "supportgauge.scoring.explain",
    "Scorecard": "supportgauge.scoring.records",
    "Settings": "supportgauge.settings",
    "default_settings": "supportgauge.settings",
    "load_settings": "supportgauge.settings",
    "LABELS": "supportgauge.text",
    "Classification": "supportgauge.text",
    "FigureComparison": "supportgauge.sources.source_figures",
    "ImportResult": "supportgauge.store.import_counts",
    "ReadingCounts": "supportgauge.text.store_readings",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'supportgauge' has no attribute '{name}'")
    value = getattr(importlib.import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


try:
    __version__ = version("supportgauge")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "DIMENSIONS",
    "GROUP_KEYS",
    "LABELS",
    "SOURCE_FORMATS",
    "TICKET_FIELDS",
    "Classification",
    "ConflictError",
    "EngineLimitError",
    "Explanation",
    "FigureComparison",
    "Gauge",
    "ImportOutcome",
    "ImportResult",
    "InputError",
    "Interrupted",
    "MissingExtraError",
    "NotFoundError",
    "ReadingCounts",
    "Scorecard",
    "Settings",
    "SettingsError",
    "SourceError",
    "StoreError",
    "SupportGaugeError",
    "__version__",
    "default_settings",
    "load_settings",
]
