"""Row layouts of flat exports: one row per state change, per sentence; stable event ids."""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from supportgauge.errors import SourceError
from supportgauge.sources.csv_mapping import CsvMapping
from supportgauge.sources.import_batch import SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN
from supportgauge.sources.mapped_values import ProblemList, map_column, translate_column
from supportgauge.store.scratch_engine import md5_ids

# Fields whose values identify an event when the export has no id for it.
_IDENTITY = ("ticket_id", "ts", "kind", "author", "body", "status")


def state_change_rows(
    rows: pd.DataFrame,
    spec: CsvMapping,
    statuses: Mapping[str, str],
    priorities: Mapping[str, str],
    problems: ProblemList,
) -> pd.DataFrame:
    """Status (and priority) changes of an audit log: one row per change, new value in `status`.

    With a `field` column, only rows whose field is `status_field` or `priority_field` count.
    """
    columns = spec.event_columns
    events = rows.copy()
    if "field" in columns:
        field = events["field"].astype("string").str.strip().str.lower()
        is_status = (field == spec.status_field.lower()).fillna(False).astype(bool)
        is_priority = (field == spec.priority_field.lower()).fillna(False).astype(bool)
        events = events[is_status | is_priority].copy()
        is_priority = is_priority[events.index]
    else:
        is_priority = pd.Series(False, index=events.index)
    changes = events[~is_priority].copy()
    changes["kind"] = "status_change"
    changes["status"] = translate_column(changes["status"], statuses)
    priority_changes = events[is_priority].copy()
    priority_changes["kind"] = "priority_change"
    # Events have no priority column: the new priority travels in the body.
    priority_changes["body"] = map_column(
        priority_changes, "status", priorities, spec, columns, "priority", problems
    )
    priority_changes["status"] = None
    return pd.concat([changes, priority_changes]).sort_index()


def join_sentences(events: pd.DataFrame, spec: CsvMapping) -> pd.DataFrame:
    """One row per message from rows of one sentence each, joined in sentence order."""
    order_column = spec.event_columns.get("sentence_order")
    if order_column is not None:
        order = pd.to_numeric(events["sentence_order"], errors="coerce")
        bad = events["sentence_order"].notna() & order.isna()
        if bad.any():
            position = int(bad.to_numpy().nonzero()[0][0])
            raise SourceError(
                f"{events[SOURCE_FILE_COLUMN].iloc[position]}, row "
                f"{events[SOURCE_ROW_COLUMN].iloc[position]}, column '{order_column}': "
                f"'{events['sentence_order'].iloc[position]}' is not a number. "
                "Sentence order must be 1, 2, 3, ..."
            )
    else:
        order = pd.Series(0, index=events.index)
    ordered = events.assign(_order=order).sort_values(
        ["_order", SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN], kind="stable"
    )
    if "body" not in ordered:
        ordered["body"] = None
    groups = ordered.groupby(["ticket_id", "message_id"], sort=False, dropna=False)
    messages = groups.first()
    messages["ts"] = groups["ts"].min()
    separator = spec.sentence_separator

    def joined(sentences: pd.Series) -> str:
        return separator.join(sentences.dropna().astype(str))

    body = groups["body"].agg(joined)
    messages["body"] = body.where(body != "", None)
    messages = messages.reset_index()
    if "event_id" not in messages:
        messages["event_id"] = None
    messages["event_id"] = messages["event_id"].fillna(messages["message_id"])
    return messages.drop(columns=["_order"]).sort_values([SOURCE_FILE_COLUMN, SOURCE_ROW_COLUMN])


def event_ids(events: pd.DataFrame) -> pd.Series:
    """Ids from an event's content, the same in every export of the same event."""
    parts = []
    for name in _IDENTITY:
        if name not in events:
            parts.append(pa.nulls(len(events), type=pa.string()))
        elif name == "ts":
            # Microseconds since 1970: the same instant whatever the export's format.
            micros = pa.array(events[name], type=pa.timestamp("us", tz="UTC"))
            parts.append(pc.cast(pc.cast(micros, pa.int64()), pa.string()))
        else:
            parts.append(pa.array(events[name].astype("object"), type=pa.string()))
    filled = [pc.fill_null(part, "\\N") for part in parts]
    keys = pa.table({"identity": pc.binary_join_element_wise(*filled, "\x1f")})
    # MD5 is the same in every library version (unlike pandas' hashes): stored ids depend
    # on these staying as they are.
    column = md5_ids(keys["identity"], prefix="row:", length=16)
    return pd.Series(column.to_pandas().to_numpy(dtype=object), index=events.index)
