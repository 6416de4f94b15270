"""Events before their ticket's creation: one rule, `clamp` or `reject`, for every format."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from supportgauge.errors import InputError, SettingsError, SourceError
from supportgauge.importing import import_paths
from supportgauge.settings import settings_from_document
from supportgauge.store.duckdb import DuckDBStore
from supportgauge.store.importer import import_batch
from tests.builders import at, batch_of, event_row, ticket_row

CLAMPED_ONE = (
    "1 ticket had events before its creation time (by up to 150 min, 150 min at the median); "
    "its creation was moved to its earliest event (ticket '{ticket}', {where})."
)
MAPPING = (
    'timezone = "UTC"\ntimestamp_format = "%Y-%m-%d %H:%M"\nvendor = "V"\n'
    "[events]\nkind = 'customer_message'\n"
    "[events.columns]\nticket_id = 't'\nts = 'at'\ncreated_at = 'created'\npriority = 'p'\n"
)


def created_at(store: DuckDBStore) -> list[tuple[str, str]]:
    return store.connection.sql(
        "SELECT ticket_id, strftime(created_at AT TIME ZONE 'UTC', '%H:%M') FROM tickets "
        "ORDER BY ticket_id"
    ).fetchall()


def early_batch():
    return batch_of(
        tickets=[ticket_row("T1"), ticket_row("T2")],
        events=[
            event_row(-150, "customer_message", "T1"),
            event_row(-20, "agent_reply", "T1"),
            event_row(5, "customer_message", "T2"),
        ],
    )


def test_by_default_an_early_event_moves_its_ticket_creation_and_says_so(store):
    result = import_batch(store, early_batch())
    assert created_at(store) == [("T1", "07:30"), ("T2", "10:00")]
    assert result.warnings == (CLAMPED_ONE.format(ticket="T1", where="tickets, row 1"),)
    assert result.tables["events"].added == 3


def test_the_reject_rule_lists_every_early_event_by_file_row_and_column(store):
    with pytest.raises(SourceError) as raised:
        import_batch(store, early_batch(), early_events="reject")
    assert str(raised.value).splitlines() == [
        "Nothing was imported: 2 problems.",
        "events, row 1, column 'ts': 2026-03-02T07:30:00Z is before its ticket's creation "
        "(2026-03-02T10:00:00Z); events before their ticket's creation are refused by this "
        "import's rule (the other rule moves the ticket's creation to its earliest event).",
        "events, row 2, column 'ts': 2026-03-02T09:40:00Z is before its ticket's creation "
        "(2026-03-02T10:00:00Z); events before their ticket's creation are refused by this "
        "import's rule (the other rule moves the ticket's creation to its earliest event).",
        "Fix them, or skip the invalid rows to import the good ones and write the rest to a "
        "reject file.",
    ]
    assert store.count("tickets") == 0


def test_rejected_early_events_are_counted_and_their_ticket_keeps_its_creation(store, tmp_path):
    result = import_batch(
        store, early_batch(), early_events="reject", skip_invalid=True, rejects_dir=tmp_path
    )
    assert created_at(store) == [("T1", "10:00"), ("T2", "10:00")]
    events = result.tables["events"]
    assert (events.read, events.added, events.rejected) == (3, 1, 2)
    assert result.warnings == ()


def test_an_event_before_the_creation_of_a_ticket_only_in_the_store_is_a_problem(store):
    import_batch(store, batch_of(tickets=[ticket_row("T1")]))
    with pytest.raises(SourceError) as raised:
        import_batch(store, batch_of(events=[event_row(-30, "customer_message", "T1")]))
    assert str(raised.value).splitlines()[1] == (
        "events, row 1, column 'ts': 2026-03-02T09:30:00Z is before its ticket's creation "
        "(2026-03-02T10:00:00Z), and that ticket is in the store, not this import; import the "
        "ticket with its events to move its creation."
    )


def test_a_clamped_ticket_imported_again_is_unchanged(store):
    import_batch(store, early_batch())
    again = import_batch(store, early_batch())
    assert (again.tickets_unchanged, again.tickets_updated, again.events_added) == (2, 0, 0)


def write_mapped(tmp_path: Path) -> list[Path]:
    (tmp_path / "map.toml").write_text(MAPPING, encoding="utf-8")
    (tmp_path / "m.csv").write_text(
        "t,at,created,p\n"
        "1,2026-03-02 08:00,2026-03-02 10:30,P1\n"
        "1,2026-03-02 11:00,2026-03-02 10:30,P1\n"
        "2,2026-03-02 12:00,2026-03-02 11:00,P1\n",
        encoding="utf-8",
    )
    return [tmp_path / "m.csv"]


def write_zendesk(tmp_path: Path) -> list[Path]:
    ticket = {
        "id": 1,
        "created_at": "2026-03-02T10:30:00Z",
        "requester_id": 1,
        "comments": [
            {"id": 11, "author_id": 1, "body": "help", "created_at": "2026-03-02T08:00:00Z"},
            {"id": 12, "author_id": 2, "body": "on it", "created_at": "2026-03-02T11:00:00Z"},
        ],
    }
    (tmp_path / "tickets.jsonl").write_text(json.dumps(ticket) + "\n", encoding="utf-8")
    return [tmp_path / "tickets.jsonl"]


FORMATS = {
    # Problems name the column as the export does: the mapping's 'at' holds the events' ts.
    "csv": (write_mapped, {"mapping": "map.toml"}, "m.csv, row 1", "m.csv, row 1, column 'at'"),
    "zendesk": (
        write_zendesk,
        {"vendor": "V"},
        "tickets.jsonl, row 1",
        "tickets.jsonl, row 1, column 'ts'",
    ),
}


@pytest.mark.parametrize("source_format", sorted(FORMATS))
def test_every_format_clamps_by_default_and_rejects_on_request(store, tmp_path, source_format):
    write, options, ticket_where, event_where = FORMATS[source_format]
    paths = write(tmp_path)
    if "mapping" in options:
        options = {**options, "mapping": tmp_path / options["mapping"]}
    outcome = import_paths(store, paths, source_format=source_format, **options)
    assert created_at(store)[0] == ("1", "08:00")
    assert CLAMPED_ONE.format(ticket="1", where=ticket_where) in outcome.warnings
    with pytest.raises(SourceError) as raised:
        import_paths(store, paths, source_format=source_format, early_events="reject", **options)
    assert (
        str(raised.value)
        .splitlines()[1]
        .startswith(
            f"{event_where}: 2026-03-02T08:00:00Z is before its ticket's creation "
            "(2026-03-02T10:30:00Z)"
        )
    )


def test_the_rule_comes_from_the_settings_when_the_import_names_none(store, tmp_path):
    settings = settings_from_document({"import": {"early_events": "reject"}})
    with pytest.raises(SourceError):
        import_paths(
            store,
            write_mapped(tmp_path),
            source_format="csv",
            mapping=tmp_path / "map.toml",
            settings=settings,
        )


def test_an_unknown_rule_is_refused_naming_both(store, tmp_path):
    with pytest.raises(InputError) as raised:
        import_paths(store, [tmp_path], early_events="drop")
    assert raised.value.parameter == "early_events"
    assert str(raised.value) == (
        "'drop' is not a rule for events before their ticket's creation; use clamp (move the "
        "ticket's creation to its earliest event) or reject (refuse those events)."
    )
    with pytest.raises(SettingsError) as refused:
        settings_from_document({"import": {"early_events": "drop"}})
    assert str(refused.value) == "settings, [import] early_events: use clamp or reject, not 'drop'."


def test_events_at_the_creation_time_are_not_early(store):
    result = import_batch(
        store,
        batch_of(tickets=[ticket_row()], events=[event_row(0, "customer_message", ts=at(0))]),
        early_events="reject",
    )
    assert result.events_added == 1
