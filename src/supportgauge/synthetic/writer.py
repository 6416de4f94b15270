"""Write a synthetic data set as canonical files: Parquet, CSV or JSON Lines."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from supportgauge.errors import ConflictError, InputError
from supportgauge.store.scratch_engine import write_json_lines
from supportgauge.synthetic.customer_regions import utc_offsets
from supportgauge.synthetic.dataset import SyntheticDataset
from supportgauge.synthetic.profiles import calendars_toml
from supportgauge.synthetic.side_tables import big_event_toml

FILE_FORMATS = ("parquet", "csv", "jsonl")
# The settings a generated data set needs, written beside its files.
SETTINGS_FILE = "supportgauge.toml"
# The tables `generate_dataset` makes.
GENERATED_TABLES = ("tickets", "events", "vendors", "ratings", "proactive", "probes")


def write_dataset(
    dataset: SyntheticDataset,
    out_dir: Path,
    *,
    file_format: str = "parquet",
    replace: bool = False,
) -> list[Path]:
    """Write each table to `out_dir/<table>.<ext>` and, beside them, the settings defining
    the calendars the vendors table names and the big event it covers (`supportgauge.toml`);
    returns the paths written. A file already there is refused unless `replace`."""
    if file_format not in FILE_FORMATS:
        raise InputError(
            f"Unknown file format '{file_format}'. Use one of: {', '.join(FILE_FORMATS)}.",
            parameter="file_format",
        )
    targets = {name: out_dir / f"{name}.{file_format}" for name in dataset.tables}
    settings = out_dir / SETTINGS_FILE
    if not replace:
        check_out_folder(out_dir, [*targets.values(), settings])
    written = []
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        for name, table in dataset.tables.items():
            path = targets[name]
            if file_format == "parquet":
                pq.write_table(table, path)
            elif file_format == "csv":
                pacsv.write_csv(with_iso_timestamps(table), path)
            else:
                write_json_lines(with_iso_timestamps(table), path)
            written.append(path)
        settings.write_text(f"{calendars_toml()}\n{big_event_toml()}", encoding="utf-8")
    except OSError as error:
        raise InputError(
            f"Cannot write the data set to {out_dir}: {error.strerror or error}. "
            "Choose a folder you can write to.",
            parameter="out",
        ) from error
    return [*written, settings]


def planned_files(out_dir: Path, *, file_format: str = "parquet") -> list[Path]:
    """The files `write_dataset` writes into `out_dir` for a generated data set."""
    return [out_dir / f"{name}.{file_format}" for name in GENERATED_TABLES] + [
        out_dir / SETTINGS_FILE
    ]


def check_out_folder(out_dir: Path, paths: list[Path]) -> None:
    """Refuse a file where the folder should be, and files the data set would overwrite."""
    if out_dir.exists() and not out_dir.is_dir():
        raise InputError(
            f"{out_dir} is a file; name a folder to write the data set into.", parameter="out"
        )
    existing = [path.name for path in paths if path.exists()]
    if existing:
        raise ConflictError(
            f"{out_dir} already holds {', '.join(existing)}, and generating never overwrites "
            "files. Name a new or empty folder, or remove those files.",
            parameter="out",
        )


def with_iso_timestamps(table: pa.Table) -> pa.Table:
    """Timestamps as ISO 8601 text with an offset: customer-local for tickets, else UTC 'Z'."""
    for index, field in enumerate(table.schema):
        if not pa.types.is_timestamp(field.type):
            continue
        column = table.column(index)
        if field.name == "created_at" and "timezone" in table.column_names:
            text = _iso_local(column, table.column("timezone"))
        else:
            text = _iso_utc(column)
        table = table.set_column(index, field.name, text)
    return table


def _wall_text(seconds: np.ndarray, valid: np.ndarray) -> pa.Array:
    wall = pa.array(seconds * 1_000_000, type=pa.timestamp("us"), mask=~valid)
    return pc.strftime(pc.cast(wall, pa.timestamp("s"), safe=False), format="%Y-%m-%dT%H:%M:%S")


def _utc_seconds(column: pa.ChunkedArray) -> tuple[np.ndarray, np.ndarray]:
    micros = pc.cast(column, pa.timestamp("us", tz="UTC")).cast(pa.int64())
    valid = pc.is_valid(micros).to_numpy(zero_copy_only=False)
    return micros.fill_null(0).to_numpy() // 1_000_000, valid


def _iso_utc(column: pa.ChunkedArray) -> pa.Array:
    seconds, valid = _utc_seconds(column)
    return pc.binary_join_element_wise(_wall_text(seconds, valid), "Z", "")


def _iso_local(column: pa.ChunkedArray, zones: pa.ChunkedArray) -> pa.Array:
    seconds, valid = _utc_seconds(column)
    zone_names = zones.fill_null("UTC").to_numpy(zero_copy_only=False)
    offsets = np.zeros(len(seconds), dtype=np.int64)
    for zone in np.unique(zone_names):
        rows = zone_names == zone
        offsets[rows] = utc_offsets(seconds[rows], str(zone))
    unique_offsets, offset_code = np.unique(offsets, return_inverse=True)
    suffixes = pa.array([_offset_text(int(o)) for o in unique_offsets], type=pa.string())
    suffix = suffixes.take(pa.array(offset_code))
    return pc.binary_join_element_wise(_wall_text(seconds + offsets, valid), suffix, "")


def _offset_text(offset_seconds: int) -> str:
    sign = "+" if offset_seconds >= 0 else "-"
    hours, minutes = divmod(abs(offset_seconds) // 60, 60)
    return f"{sign}{hours:02d}:{minutes:02d}"
