"""Writing the data set as Parquet, CSV and JSON Lines, and reading it back."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from supportgauge.errors import ConflictError, InputError, SupportGaugeError
from supportgauge.settings import load_settings
from supportgauge.synthetic import SyntheticDataset, generate_dataset, write_dataset

ISO_WITH_OFFSET = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})"


@pytest.fixture(scope="module")
def dataset() -> SyntheticDataset:
    return generate_dataset(300, seed=5)


def _read_text_table(path: Path) -> pd.DataFrame:
    if path.suffix == ".csv":
        return pd.read_csv(path, dtype=str)
    lines = path.read_text("utf-8").splitlines()
    return pd.DataFrame([json.loads(line) for line in lines])


def test_parquet_round_trip_is_exact(dataset: SyntheticDataset, tmp_path: Path) -> None:
    paths = write_dataset(dataset, tmp_path)
    expected = [f"{name}.parquet" for name in dataset.tables] + ["supportgauge.toml"]
    assert sorted(p.name for p in paths) == sorted(expected)
    for name, table in dataset.tables.items():
        assert pq.read_table(tmp_path / f"{name}.parquet").equals(table), name


@pytest.mark.parametrize("file_format", ["csv", "jsonl"])
def test_text_formats_keep_rows_and_instants(
    dataset: SyntheticDataset, tmp_path: Path, file_format: str
) -> None:
    write_dataset(dataset, tmp_path, file_format=file_format)
    for name, table in dataset.tables.items():
        read = _read_text_table(tmp_path / f"{name}.{file_format}")
        assert list(read.columns) == table.column_names, name
        assert len(read) == table.num_rows, name
    tickets = _read_text_table(tmp_path / f"tickets.{file_format}")
    events = _read_text_table(tmp_path / f"events.{file_format}")
    assert tickets["created_at"].str.fullmatch(ISO_WITH_OFFSET).all()
    assert events["ts"].str.fullmatch(ISO_WITH_OFFSET).all()
    original = dataset.tables["tickets"].column("created_at").to_pandas()
    assert (pd.to_datetime(tickets["created_at"], utc=True, format="ISO8601") == original).all()


def test_csv_writes_created_at_in_the_customers_offset(
    dataset: SyntheticDataset, tmp_path: Path
) -> None:
    write_dataset(dataset, tmp_path, file_format="csv")
    tickets = _read_text_table(tmp_path / "tickets.csv")
    riyadh = tickets[tickets["timezone"] == "Asia/Riyadh"]["created_at"]
    jakarta = tickets[tickets["timezone"] == "Asia/Jakarta"]["created_at"]
    assert riyadh.str.endswith("+03:00").all() and len(riyadh) > 0
    assert jakarta.str.endswith("+07:00").all() and len(jakarta) > 0
    events = _read_text_table(tmp_path / "events.csv")
    assert events["ts"].str.endswith("Z").all()


def test_jsonl_keeps_booleans_and_nulls(dataset: SyntheticDataset, tmp_path: Path) -> None:
    write_dataset(dataset, tmp_path, file_format="jsonl")
    first = json.loads((tmp_path / "events.jsonl").read_text("utf-8").splitlines()[0])
    assert first["public"] is True
    assert first["status"] is None


def test_unknown_format_is_refused(dataset: SyntheticDataset, tmp_path: Path) -> None:
    with pytest.raises(
        InputError, match=r"Unknown file format 'xlsx'\. Use one of: parquet, csv, jsonl\."
    ):
        write_dataset(dataset, tmp_path, file_format="xlsx")


def test_unwritable_folder_is_reported(dataset: SyntheticDataset, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SupportGaugeError, match="Choose a folder you can write to"):
        write_dataset(dataset, blocker / "out")


def test_settings_beside_the_data_define_every_calendar_it_names(
    dataset: SyntheticDataset, tmp_path: Path
) -> None:
    write_dataset(dataset, tmp_path)
    settings = load_settings(tmp_path / "supportgauge.toml")
    named = set(dataset.tables["vendors"].column("calendar").to_pylist())
    assert named <= set(settings.calendars)
    assert [event.name for event in settings.big_events] == ["Eid al-Fitr live gala"]


def test_existing_files_are_never_overwritten(dataset: SyntheticDataset, tmp_path: Path) -> None:
    (tmp_path / "tickets.parquet").write_text("mine")
    with pytest.raises(ConflictError, match=r"already holds tickets\.parquet"):
        write_dataset(dataset, tmp_path)
    assert (tmp_path / "tickets.parquet").read_text() == "mine"
    assert not (tmp_path / "events.parquet").exists()


def test_a_file_where_the_folder_should_be_is_refused(
    dataset: SyntheticDataset, tmp_path: Path
) -> None:
    target = tmp_path / "data"
    target.write_text("mine")
    with pytest.raises(InputError, match="is a file; name a folder"):
        write_dataset(dataset, target)
    assert target.read_text() == "mine"
