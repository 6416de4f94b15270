"""What Ibis cannot say portably, said for DuckDB."""

from __future__ import annotations

from typing import Any

import ibis
import ibis.expr.datatypes as dt


@ibis.udf.scalar.builtin(name="timezone")
def _timezone(zone: str, ts: dt.Timestamp(timezone="UTC")) -> dt.Timestamp():  # type: ignore[valid-type]
    """DuckDB's timezone(zone, timestamptz): the wall-clock time in that zone."""


def local_wall_time(ts: Any, zone: Any) -> Any:
    """The wall-clock time of an instant in an IANA zone (a column or a literal)."""
    # Ibis' own timezone cast raises on DuckDB (STACK-NOTES); call the builtin instead.
    return _timezone(zone, ts)


@ibis.udf.scalar.builtin(name="epoch")
def _epoch(ts: dt.Timestamp(timezone="UTC")) -> dt.float64:  # type: ignore[valid-type]
    """DuckDB's epoch(timestamptz): seconds since 1970-01-01 UTC, with fractions."""


def epoch_seconds(ts: Any) -> Any:
    """Seconds since the Unix epoch of a UTC timestamp, with fractions of a second."""
    # Ibis casts to a naive TIMESTAMP first, a zone conversion per row: ten times slower.
    return _epoch(ts)
