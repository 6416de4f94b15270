"""`supportgauge reread`: read every reply text in a store again with this lexicon."""

from __future__ import annotations

from supportgauge.cli.app import (
    ConfigOption,
    DbOption,
    app,
    console,
    error_console,
    reports_errors,
)
from supportgauge.cli.progress import progress_bar
from supportgauge.cli.store_access import open_gauge
from supportgauge.gauge import Gauge
from supportgauge.plurals import count_of
from supportgauge.text.lexicon import lexicon_version


@app.command("reread")
@reports_errors
def reread_command(db: DbOption = None, config: ConfigOption = None) -> None:
    """Read every reply again with this version's lexicon (after an upgrade, or a repair)."""
    with open_gauge(db, config) as gauge, progress_bar("Rereading") as progress:
        counts = gauge.reread(progress=progress)
        location = gauge.location
    console.print(
        f"Read {count_of(counts.texts_read, 'reply text')} of {location} with lexicon "
        f"{lexicon_version()}; guessed the category of "
        f"{count_of(counts.categories_inferred, 'ticket')}."
    )


def warn_about_readings(gauge: Gauge) -> None:
    """One `Warning:` line when the store's readings are stale or missing, and one for
    each way the settings do not match the store."""
    for line in filter(None, [gauge.readings_warning(), *gauge.settings_warnings()]):
        error_console.print(f"Warning: {line}", markup=False, highlight=False)
