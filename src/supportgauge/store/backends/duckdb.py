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
