"""What every fuzzed import must end in: a complete import, or one error naming file and place."""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from supportgauge.errors import InputError, SourceError
from supportgauge.importing import ImportOutcome, import_paths
from supportgauge.store.duckdb import open_store

# `make fuzz` sets it to "explore": new random examples instead of the pinned ones.
FUZZ_PROFILE_VARIABLE = "SUPPORTGAUGE_FUZZ_PROFILE"
# A place in a file: a row, line, record, key or column, or the file as a whole being empty.
_LOCATION = re.compile(
    r"(row \d+|line \d+|\[\d+\]|column '|key '|no column|no '|has no|is empty|"
    r"empty|expected|no export files|no file matches|cannot tell|not a readable|not utf-8|"
    r"not UTF-8|not valid JSON|cannot be read|unknown file type|top level)",
    re.IGNORECASE,
)


def import_or_refuse(paths: list[Path], *, skip_invalid: bool = False, **options: Any) -> str:
    """Import into a fresh store; return "imported" or the error, after checking either is sound.

    A complete import accounts for every row it read and stored exactly what it added; a
    refusal is a SourceError or InputError that names one of the files and a place in it.
    Anything else (another exception, a lost row) fails the test.
    """
    rejects = paths[0].parent / "rejects"
    with open_store(":memory:") as store:
        try:
            outcome = import_paths(
                store, paths, skip_invalid=skip_invalid, rejects_dir=rejects, **options
            )
        except (SourceError, InputError) as error:
            _check_refusal(str(error), paths)
            for name in ("tickets", "events"):
                count = store.connection.execute(f"SELECT count(*) FROM {name}").fetchone()
                assert count == (0,), f"a refused import left {name} rows: {error}"
            return str(error)
        _check_outcome(store, outcome)
    return "imported"


def _check_refusal(message: str, paths: list[Path]) -> None:
    names = {path.name for path in paths} | {str(path) for path in paths}
    files = {child.name for path in paths if path.is_dir() for child in path.rglob("*")}
    assert any(name in message for name in names | files), f"no file named: {message}"
    assert _LOCATION.search(message), f"no place named: {message}"
    assert "Traceback" not in message


def _check_outcome(store: Any, outcome: ImportOutcome) -> None:
    for name, counts in outcome.result.tables.items():
        assert counts.read == counts.accounted, f"{name}: rows not accounted for: {counts}"
    for name in ("tickets", "events"):
        counts = outcome.result.tables.get(name)
        stored = store.connection.execute(f"SELECT count(*) FROM {name}").fetchone()[0]
        added = counts.added if counts else 0
        assert stored == added, f"{name}: {stored} stored, {added} added"
    for warning in outcome.warnings:
        # A comparison that failed on something outside the error tree is a bug too.
        assert "Error(" not in warning, warning


@st.composite
def mutated_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """The bytes with a few random edits: cut short, bytes or lines changed, dropped, doubled."""
    for _ in range(draw(st.integers(1, 3))):
        if not data:
            return draw(st.binary(max_size=64))
        position = draw(st.integers(0, len(data)))
        edit = draw(st.sampled_from(["cut", "insert", "replace", "drop_line", "double_line"]))
        if edit == "cut":
            data = data[:position]
        elif edit == "insert":
            noise = draw(
                st.sampled_from([b",", b'"', b"\n", b"\r\n", b"\x00", b"\xff", b"{", b"}"])
            )
            data = data[:position] + noise * draw(st.integers(1, 3)) + data[position:]
        elif edit == "replace":
            data = data[:position] + draw(st.binary(min_size=1, max_size=8)) + data[position + 1 :]
        else:
            lines = data.split(b"\n")
            index = draw(st.integers(0, len(lines) - 1))
            if edit == "drop_line":
                del lines[index]
            else:
                lines.insert(index, lines[index])
            data = b"\n".join(lines)
    return data


def json_paths(document: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in a JSON document, as a path of keys and indexes."""
    places = [prefix]
    if isinstance(document, dict):
        for key, value in document.items():
            places.extend(json_paths(value, (*prefix, key)))
    elif isinstance(document, list):
        for index, value in enumerate(document):
            places.extend(json_paths(value, (*prefix, index)))
    return places


ODD_VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**63), 2**63),
    st.floats(allow_nan=False),
    st.text(max_size=20),
    st.sampled_from(
        ["", " ", "2026-13-45T99:99:99Z", "2026-03-08T02:30:00", "1e400", "NaN", "推流断开", "P9"]
    ),
    st.just([]),
    st.just({}),
    st.lists(st.text(max_size=5), max_size=3),
)


@st.composite
def mutated_json(draw: st.DrawFn, document: Any) -> Any:
    """The document with a few values replaced by odd ones, or keys or items removed."""
    document = json.loads(json.dumps(document))
    for _ in range(draw(st.integers(1, 4))):
        places = [place for place in json_paths(document) if place]
        if not places:
            break
        place = draw(st.sampled_from(places))
        parent = document
        for step in place[:-1]:
            parent = parent[step]
        if draw(st.booleans()) and isinstance(parent, dict | list):
            del parent[place[-1]]
        else:
            parent[place[-1]] = draw(ODD_VALUES)
    return document


def quick_and_long(
    body: Callable[..., None],
    *,
    parametrize: tuple[str, list[Any]] | None = None,
    **strategies: Any,
) -> tuple[Callable[..., None], Callable[..., None]]:
    """The fuzz test under the profile in force (few examples) and under "slow" (or the
    profile named by $SUPPORTGAUGE_FUZZ_PROFILE), marked slow."""
    quick = given(**strategies)(body)
    profile = settings.get_profile(os.environ.get(FUZZ_PROFILE_VARIABLE, "slow"))
    long = pytest.mark.slow(settings(profile)(given(**strategies)(body)))
    if parametrize is not None:
        quick = pytest.mark.parametrize(*parametrize)(quick)
        long = pytest.mark.parametrize(*parametrize)(long)
    return quick, long
