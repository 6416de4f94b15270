"""Zendesk's own ticket metrics, kept as figures to compare with supportgauge's."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow as pa

from supportgauge.errors import SourceError
from supportgauge.sources.assembly import VENDOR_HINT, keep_last, location, number_or_none
from supportgauge.sources.source_figures import SYSTEM_METADATA_KEY
from supportgauge.sources.zendesk_events import Record

# Zendesk field (calendar minutes) -> supportgauge figure.
_MINUTE_FIELDS = {
    "reply_time_in_minutes": "first_response_min",
    "full_resolution_time_in_minutes": "full_resolution_min",
    "requester_wait_time_in_minutes": "requester_wait_min",
    "on_hold_time_in_minutes": "on_hold_min",
}
_COUNT_FIELDS = {"reopens": "reopens", "replies": "agent_replies"}
FIGURE_COLUMNS = ("vendor", "ticket_id", *_MINUTE_FIELDS.values(), *_COUNT_FIELDS.values())


def metrics_table(
    records: Sequence[Record], *, ticket_vendors: Mapping[str, str], vendor: str | None
) -> pa.Table:
    """One row per ticket_metrics record: vendor, ticket_id and Zendesk's calendar figures."""
    columns: dict[str, list[Any]] = {name: [] for name in FIGURE_COLUMNS}
    for record in records:
        ticket_id = str(record.data.get("ticket_id"))
        ticket_vendor = ticket_vendors.get(ticket_id, vendor)
        if ticket_vendor is None:
            raise SourceError(f"{record.file_name}: the export has no vendor field. {VENDOR_HINT}")
        columns["vendor"].append(ticket_vendor)
        columns["ticket_id"].append(ticket_id)
        for field, figure in _MINUTE_FIELDS.items():
            value = record.data.get(field)
            minutes = value.get("calendar") if isinstance(value, Mapping) else value
            label = location(record.file_name, f"{record.where}.{field}")
            columns[figure].append(number_or_none(minutes, label=label))
        for field, figure in _COUNT_FIELDS.items():
            label = location(record.file_name, f"{record.where}.{field}")
            columns[figure].append(
                number_or_none(record.data.get(field), label=label, integer=True)
            )
    types = {name: pa.float64() for name in _MINUTE_FIELDS.values()}
    types |= {name: pa.int64() for name in _COUNT_FIELDS.values()}
    types |= {"vendor": pa.string(), "ticket_id": pa.string()}
    table = pa.table({name: pa.array(columns[name], type=types[name]) for name in FIGURE_COLUMNS})
    table = keep_last(table, ["vendor", "ticket_id"])
    return table.replace_schema_metadata({SYSTEM_METADATA_KEY: b"zendesk"})
