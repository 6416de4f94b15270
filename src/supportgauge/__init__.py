"""supportgauge: judge vendors' after-sales support by ticket data, not promises.

    from supportgauge import Gauge

    with Gauge.open("supportgauge.duckdb") as gauge:
        gauge.import_paths(["export/"])
        by_vendor = gauge.summary(by=["vendor", "priority"])
        card = gauge.score(scenario="show_live")

Every face (command line, report, web) calls this API; docs/python-api.md lists it.
"""

from importlib.metadata import PackageNotFoundError, version

from supportgauge.canonical import DIMENSIONS
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
from supportgauge.gauge import Gauge
from supportgauge.importing import SOURCE_FORMATS, ImportOutcome
from supportgauge.metrics.summary import GROUP_KEYS
from supportgauge.metrics.ticket_metrics import TICKET_FIELDS
from supportgauge.scoring.explain import Explanation
from supportgauge.scoring.records import Scorecard
from supportgauge.settings import Settings, default_settings, load_settings
from supportgauge.text import LABELS, Classification

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
    "Gauge",
    "ImportOutcome",
    "InputError",
    "Interrupted",
    "MissingExtraError",
    "NotFoundError",
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
