"""Turn exported timestamp values into UTC Arrow timestamps, naming the record of a bad one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import pandas as pd
import pyarrow as pa

from supportgauge.errors import SourceError
from supportgauge.plurals import count_of

UTC_MICROSECONDS = pa.timestamp("us", tz="UTC")
ISO_FORMAT = "iso8601"
EPOCH_SECONDS = "epoch_seconds"
EPOCH_MILLISECONDS = "epoch_milliseconds"
# An offset at the end of an ISO 8601 value: Z, +03, +0300 or +03:00.
_OFFSET_PATTERN = r"(?:[Zz]|[+-]\d{2}(?::?\d{2})?)$"


def check_zone(zone: str, hint: str, *, where: str = "") -> ZoneInfo:
    """The IANA zone by name, or a SourceError saying where it came from and how to name one."""
    try:
        return ZoneInfo(zone)
    except (ZoneInfoNotFoundError, ValueError):
        raise SourceError(
            f"{where}'{zone}' is not an IANA time zone (e.g. Asia/Riyadh, Europe/Berlin). {hint}"
        ) from None


def parse_timestamps(
    values: Sequence[object] | pa.Array | pa.ChunkedArray,
    *,
    label: Callable[[int], str],
    timezone: str | None,
    value_format: str = ISO_FORMAT,
    dst_notes: list[str] | None = None,
    on_bad: Callable[[int, str], None] | None = None,
) -> pa.Array:
    """UTC timestamps for the values; naive ones are read in `timezone`.

    Naive times that a daylight-saving change skips or repeats are read by the documented
    rule; `dst_notes` gets one line saying how many and where.

    `label(position)` names a value's file, record and field for an error message
    (``tickets.json, tickets[3].created_at``). A value that is not a timestamp raises, or,
    with `on_bad`, is told to it (position, reason) and read as missing.
    """
    if isinstance(values, pa.Array | pa.ChunkedArray):
        raw = values.to_pandas().astype("object")
    else:
        raw = pd.Series(list(values), dtype="object")
    present = raw.notna() & (raw.astype("string").str.strip() != "")
    if value_format in (EPOCH_SECONDS, EPOCH_MILLISECONDS):
        parsed = _parse_epoch(raw, present, value_format)
    else:
        parsed = _parse_text(raw, present, label, timezone, value_format, dst_notes)
    bad = present & parsed.isna()
    for position in bad.to_numpy().nonzero()[0][: None if on_bad else 1]:
        reason = (
            f"'{raw.iloc[position]}' is not a timestamp in the expected format "
            f"({_describe(value_format)}). Fix the value or re-export it."
        )
        if on_bad is None:
            raise SourceError(f"{label(int(position))}: {reason}")
        on_bad(int(position), reason)
    return pa.array(parsed.astype("datetime64[us, UTC]"), type=UTC_MICROSECONDS)


def _parse_epoch(raw: pd.Series, present: pd.Series, value_format: str) -> pd.Series:
    numbers = pd.to_numeric(raw.where(present), errors="coerce")
    milliseconds = numbers if value_format == EPOCH_MILLISECONDS else numbers * 1000
    return pd.to_datetime(pd.Series(milliseconds), unit="ms", utc=True, errors="coerce")


def _parse_text(
    raw: pd.Series,
    present: pd.Series,
    label: Callable[[int], str],
    timezone: str | None,
    value_format: str,
    dst_notes: list[str] | None,
) -> pd.Series:
    text = raw.where(present).astype("string").str.strip()
    parsed = pd.Series(pd.NaT, index=raw.index, dtype="datetime64[us, UTC]")
    if value_format == ISO_FORMAT:
        naive = present & ~text.str.contains(_OFFSET_PATTERN, regex=True).fillna(False)
        aware = present & ~naive
        parsed[aware] = pd.to_datetime(text[aware], format="ISO8601", utc=True, errors="coerce")
        local = pd.to_datetime(text[naive], format="ISO8601", errors="coerce")
    else:
        with_offset = "%z" in value_format
        converted = pd.to_datetime(
            text[present], format=value_format, errors="coerce", utc=with_offset
        )
        if with_offset:
            parsed[present] = converted
            return parsed
        local = converted
    # Only values that read as a naive timestamp need a zone; others are simply bad.
    readable = local[local.notna()].index
    if len(readable):
        if timezone is None:
            position = int(readable[0])
            raise SourceError(
                f"{label(position)}: '{raw.iloc[position]}' has no UTC offset. "
                "Name the timezone of the import (the IANA zone the export's clock shows, e.g. "
                "Asia/Shanghai) or re-export with offsets."
            )
        check_zone(timezone, "Name the timezone of the import by its IANA name.")
        localized = local[readable].dt.tz_localize(timezone, ambiguous="NaT", nonexistent="NaT")
        changes = localized[localized.isna()].index
        if len(changes):
            # Skipped or repeated at a daylight-saving change: read as RFC 5545 and Python's
            # fold=0 do (a skipped time moves forward by the gap, a repeated one is the earlier).
            zone = ZoneInfo(timezone)
            instants = [
                local[position].to_pydatetime().replace(tzinfo=zone) for position in changes
            ]
            localized[changes] = pd.Series(pd.to_datetime(instants, utc=True), index=changes)
            if dst_notes is not None:
                dst_notes.append(
                    f"{count_of(len(changes), 'local time')} fell in a daylight-saving change of "
                    f"{timezone} (first: {label(int(changes[0]))}, '{raw.iloc[int(changes[0])]}'): "
                    "a skipped time was moved forward by the gap, a repeated one read as the "
                    "earlier instant."
                )
        parsed[readable] = localized.dt.tz_convert("UTC")
    return parsed


def _describe(value_format: str) -> str:
    if value_format == ISO_FORMAT:
        return "ISO 8601, e.g. 2026-03-14T21:05:00+03:00"
    if value_format == EPOCH_SECONDS:
        return "seconds since 1970-01-01 UTC"
    if value_format == EPOCH_MILLISECONDS:
        return "milliseconds since 1970-01-01 UTC"
    return f"strptime format '{value_format}'"
