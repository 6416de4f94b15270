"""Which vendors failed to supply ticket data for a period, judged against what the store
holds: a period the data does not reach flags nobody, and says so."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime

import numpy as np

from supportgauge.scoring.evidence import Evidence
from supportgauge.scoring.periods import period_bounds
from supportgauge.scoring.records import Flag

# A vendor is flagged when, at its share of the store's tickets, it would have supplied at
# least this many tickets beside the other vendors' in the period: P(none by chance) < 5%.
MIN_EXPECTED_TICKETS = 3.0


def data_span(tickets: Evidence) -> tuple[float, float] | None:
    """When the store's first and last tickets were created (epoch seconds): the span in
    which vendors supplied tickets (later events only follow tickets already there)."""
    if not len(tickets):
        return None
    created = tickets["created_sec"]
    return float(np.nanmin(created)), float(np.nanmax(created))


def _day(seconds: float) -> str:
    return datetime.fromtimestamp(seconds, UTC).strftime("%Y-%m-%d %H:%M UTC")


def missing_data_flags(
    tickets: Evidence, chosen: Sequence[str], period: str, in_key: np.ndarray
) -> list[Flag]:
    """Flags of one period ('' = all data): a vendor with no tickets in it that the data
    says should have had some, or one note that the store holds no data for the period.

    The other vendors' tickets are the clock: a vendor that supplied a fifth of the store's
    tickets is expected to supply a quarter as many as the others did in the period. With
    no other vendor in the store, the time the data covers in the period is the clock."""
    span = data_span(tickets)
    vendors = tickets["vendor"]
    supplied = set(np.unique(vendors[in_key]).tolist())
    if not period:
        covered, length = 1.0, 1.0
    else:
        start, end = period_bounds(period)
        covered = 0.0 if span is None else max(0.0, min(end, span[1]) - max(start, span[0]))
        length = span[1] - span[0] if span is not None else 0.0
    if period and not supplied:
        reach = f"; tickets were created from {_day(span[0])} to {_day(span[1])}" if span else ""
        return [Flag("no_data", "", period, f"no vendor has ticket data in {period}{reach}: "
                     "nothing to score, and no vendor is faulted for it")]  # fmt: skip
    flags = []
    for vendor in chosen:
        if vendor in supplied:
            continue
        own = int((vendors == vendor).sum())
        others = len(vendors) - own
        if others > 0:
            expected = own * int((in_key & (vendors != vendor)).sum()) / others
        else:
            expected = own * covered / length if length > 0 else float(own)
        if own and expected < MIN_EXPECTED_TICKETS:
            continue
        where = f"in {period}" if period else "at all"
        reason = (
            f"about {expected:.0f} expected beside the other vendors'"
            if own
            else "none in the store while other vendors supplied theirs"
        )
        flags.append(Flag("missing_data", vendor, period or None,
                          f"{vendor} supplied no ticket data {where} ({reason}): data "
                          "transparency is part of service quality"))  # fmt: skip
    return flags
