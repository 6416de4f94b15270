"""Find the files of a help-desk export and load them, with errors that name the file."""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from supportgauge.errors import SourceError


def list_export_files(paths: Sequence[Path], suffixes: Iterable[str]) -> list[Path]:
    """The files to read: given files as they are, folders searched for the given suffixes."""
    wanted = tuple(suffix.lower() for suffix in suffixes)
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    child
                    for child in path.rglob("*")
                    if child.is_file()
                    and child.name.lower().endswith(wanted)
                    and not child.name.startswith(".")
                )
            )
        elif path.is_file():
            found.append(path)
        else:
            raise SourceError(f"{path}: no such file or folder. Check the path and try again.")
    if not found:
        names = ", ".join(str(path) for path in paths) or "(no paths)"
        raise SourceError(
            f"{names}: no export files found (looked for {', '.join(wanted)}). "
            "Point the import at the exported files or the folder that holds them."
        )
    return found


def load_json(path: Path) -> Any:
    """The parsed JSON document of one export file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(
            f"{path.name}: not UTF-8 text (byte {error.start}). Re-export the file as UTF-8 JSON."
        ) from None
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise SourceError(
            f"{path.name}, line {error.lineno} column {error.colno}: not valid JSON "
            f"({error.msg}). Re-export the file, or check it was not cut short."
        ) from None


def load_json_records(path: Path) -> list[tuple[int, Any]]:
    """(line number, document) for every non-empty line of a JSON Lines file."""
    records: list[tuple[int, Any]] = []
    with path.open("rb") as raw_lines:
        for line_number, raw_line in enumerate(raw_lines, start=1):
            try:
                line = raw_line.decode("utf-8-sig" if line_number == 1 else "utf-8")
            except UnicodeDecodeError as error:
                raise SourceError(
                    f"{path.name}, line {line_number}: not UTF-8 text (byte {error.start + 1} "
                    "of the line). Re-export the file as UTF-8 JSON Lines."
                ) from None
            if not line.strip():
                continue
            try:
                records.append((line_number, json.loads(line)))
            except json.JSONDecodeError as error:
                raise SourceError(
                    f"{path.name}, line {line_number}, column {error.pos + 1}: truncated or "
                    f"invalid JSON ({error.msg}). Each line of a .jsonl file must hold one "
                    "complete JSON object; re-export the file, or check it was not cut short."
                ) from None
    return records


def require_list(value: Any, path: Path, where: str) -> list[Any]:
    """The value when it is a JSON list, else a SourceError naming where it was expected."""
    if not isinstance(value, list):
        raise SourceError(
            f"{path.name}, {where}: expected a list of records, found "
            f"{type(value).__name__}. Re-export the file as the help desk's API returns it."
        )
    return value


def require_object(value: Any, path: Path, where: str) -> dict[str, Any]:
    """The value when it is a JSON object, else a SourceError naming the record."""
    if not isinstance(value, dict):
        raise SourceError(
            f"{path.name}, {where}: expected a JSON object, found {type(value).__name__}. "
            "Re-export the file as the help desk's API returns it."
        )
    return value


def object_at(value: Any, file_name: str, where: str) -> Mapping[str, Any]:
    """The JSON object at `where`: {} when it is null or missing, else a SourceError if not one."""
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise SourceError(
            f"{file_name}, {where}: expected a JSON object, found {type(value).__name__}. "
            "Re-export the file as the help desk's API returns it."
        )
    return value


def list_at(value: Any, file_name: str, where: str) -> list[Any]:
    """The JSON list at `where`: [] when it is null or missing, else a SourceError if not one."""
    if value is None:
        return []
    if not isinstance(value, list):
        raise SourceError(
            f"{file_name}, {where}: expected a list, found {type(value).__name__}. "
            "Re-export the file as the help desk's API returns it."
        )
    return value
