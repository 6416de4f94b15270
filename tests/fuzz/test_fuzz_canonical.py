"""Canonical CSV, JSON Lines and Parquet files with random and mutated values."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
from hypothesis import strategies as st

from tests.fuzz.harness import import_or_refuse, mutated_bytes, quick_and_long

TEXT = st.text(alphabet=st.characters(codec="utf-8"), max_size=12)
TIMES = st.one_of(
    st.datetimes().map(lambda moment: moment.isoformat() + "Z"),
    st.sampled_from(
        [
            "2026-03-14T21:05:00+03:00",
            "2026-03-14T21:05:00Z",
            "2026-03-14 21:05",
            "2026-03-29T02:30:00",
            "2026-10-25T02:30:00",
            "1773511500",
            "",
        ]
    ),
    TEXT,
)
TICKET = st.fixed_dictionaries(
    {
        "ticket_id": st.sampled_from(["T1", "T2", "T3", " T1 ", ""]),
        "vendor": st.sampled_from(["VendorA", "VendorB", ""]),
        "created_at": TIMES,
        "priority": st.sampled_from(["P1", "p2", "urgent", "P9", "", "高"]),
    },
    optional={
        "scenario": st.sampled_from(["show_live", "秀场直播", "voice rom", ""]),
        "category": st.sampled_from(["push_failure", "推流失败", "推流断开", ""]),
        "region": st.sampled_from(["SA", "sa", "XX", "沙特", ""]),
        "timezone": st.sampled_from(["Asia/Riyadh", "Mars/Base", ""]),
        "subject": TEXT,
        "account": TEXT,
    },
)
EVENT = st.fixed_dictionaries(
    {
        "ticket_id": st.sampled_from(["T1", "T2", "T4"]),
        "vendor": st.sampled_from(["VendorA", "VendorB"]),
        "ts": TIMES,
        "kind": st.sampled_from(["customer_message", "agent_reply", "status_change", "reply", ""]),
    },
    optional={
        "status": st.sampled_from(["open", "solved", "hold", "done", ""]),
        "body": TEXT,
        "public": st.sampled_from(["true", "no", "maybe", ""]),
        "event_id": st.sampled_from(["e1", "e2", "e3", ""]),
        "author": TEXT,
    },
)


def _csv_bytes(rows: list[dict[str, Any]]) -> bytes:
    columns = list(dict.fromkeys(key for row in rows for key in row)) or ["ticket_id"]
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def _jsonl_bytes(rows: list[dict[str, Any]]) -> bytes:
    return "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows).encode("utf-8")


def _write(folder: Path, name: str, file_format: str, rows: list[dict[str, Any]]) -> Path:
    path = folder / f"{name}.{file_format}"
    if file_format == "parquet":
        columns = list(dict.fromkeys(key for row in rows for key in row)) or ["ticket_id"]
        table = pa.table({c: pa.array([row.get(c) for row in rows], pa.string()) for c in columns})
        pq.write_table(table, path)
    else:
        path.write_bytes((_csv_bytes if file_format == "csv" else _jsonl_bytes)(rows))
    return path


def canonical_files_of_random_values(tickets, events, file_format, timezone, skip_invalid):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        _write(root, "tickets", file_format, tickets)
        _write(root, "events", file_format, events)
        import_or_refuse([root], timezone=timezone, skip_invalid=skip_invalid)


test_canonical_files_of_random_values, test_canonical_files_of_random_values_long = quick_and_long(
    canonical_files_of_random_values,
    tickets=st.lists(TICKET, max_size=6),
    events=st.lists(EVENT, max_size=8),
    file_format=st.sampled_from(["csv", "jsonl", "parquet"]),
    timezone=st.sampled_from([None, "Europe/Berlin"]),
    skip_invalid=st.booleans(),
)


VALID_TICKETS = [
    {"ticket_id": "T1", "vendor": "VendorA", "created_at": "2026-03-14T21:05:00+03:00",
     "priority": "P1", "category": "push_failure", "region": "SA"},
    {"ticket_id": "T2", "vendor": "VendorA", "created_at": "2026-03-14T22:00:00Z",
     "priority": "normal", "scenario": "show_live"},
]  # fmt: skip
VALID_EVENTS = [
    {"ticket_id": "T1", "vendor": "VendorA", "ts": "2026-03-14T21:06:00+03:00",
     "kind": "customer_message", "body": "推流卡顿"},
    {"ticket_id": "T1", "vendor": "VendorA", "ts": "2026-03-14T21:20:00+03:00",
     "kind": "agent_reply", "body": "We checked the CDN node.", "event_id": "r1"},
    {"ticket_id": "T2", "vendor": "VendorA", "ts": "2026-03-14T23:00:00Z",
     "kind": "status_change", "status": "solved"},
]  # fmt: skip


def canonical_files_with_mutated_bytes(data, file_format, which):
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        paths = {
            "tickets": _write(root, "tickets", file_format, VALID_TICKETS),
            "events": _write(root, "events", file_format, VALID_EVENTS),
        }
        path = paths[which]
        path.write_bytes(data.draw(mutated_bytes(path.read_bytes())))
        import_or_refuse([root])


test_canonical_files_with_mutated_bytes, test_canonical_files_with_mutated_bytes_long = (
    quick_and_long(
        canonical_files_with_mutated_bytes,
        data=st.data(),
        file_format=st.sampled_from(["csv", "jsonl"]),
        which=st.sampled_from(["tickets", "events"]),
    )
)


def test_the_valid_files_import_completely():
    for file_format in ("csv", "jsonl", "parquet"):
        with tempfile.TemporaryDirectory() as folder:
            root = Path(folder)
            _write(root, "tickets", file_format, VALID_TICKETS)
            _write(root, "events", file_format, VALID_EVENTS)
            assert import_or_refuse([root]) == "imported"
