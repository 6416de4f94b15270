"""Checks of the arguments the public API takes: a wrong type or value is an `InputError`
naming its parameter, before any work starts, so every face reports it alike."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from supportgauge.errors import InputError


def names(value: Sequence[str] | str, parameter: str) -> list[str]:
    """Names given as one comma-separated string or as a list of strings."""
    if isinstance(value, str):
        return [part.strip() for part in value.split(",")]
    if isinstance(value, Iterable) and all(isinstance(item, str) for item in value):
        return list(value)
    raise InputError(
        f"{value!r}: give names as a list of strings or one comma-separated string.",
        parameter=parameter,
    )


def paths(value: Iterable[str | Path] | str | Path, parameter: str) -> list[Path]:
    """Paths given as one path or a list of them."""
    if isinstance(value, str | Path):
        return [Path(value)]
    if isinstance(value, Iterable):
        items = list(value)
        if all(isinstance(item, str | Path) for item in items):
            return [Path(item) for item in items]
    raise InputError(f"{value!r}: give a path or a list of paths.", parameter=parameter)


def optional_path(value: str | Path | None, parameter: str) -> Path | None:
    """One path, or None."""
    if value is None:
        return None
    if not isinstance(value, str | Path):
        raise InputError(f"{value!r}: give a path.", parameter=parameter)
    return Path(value)


def optional_text(value: str | None, parameter: str) -> str | None:
    """One piece of text (a name, a period, a rule), or None."""
    if value is not None and not isinstance(value, str):
        raise InputError(f"{value!r}: give text.", parameter=parameter)
    return value


def text(value: str, parameter: str) -> str:
    """One piece of text that must be given."""
    if not isinstance(value, str):
        raise InputError(f"{value!r}: give text.", parameter=parameter)
    return value


def flag(value: bool, parameter: str) -> bool:
    """True or False."""
    if not isinstance(value, bool):
        raise InputError(f"{value!r}: give True or False.", parameter=parameter)
    return value


def whole_number(value: int, parameter: str, *, least: int) -> int:
    """A whole number (not a flag) of at least `least`."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InputError(f"{value!r}: must be a whole number.", parameter=parameter)
    if value < least:
        raise InputError(f"{value}: must be {least} or more.", parameter=parameter)
    return value


def whole_numbers(value: Sequence[int], parameter: str) -> tuple[int, ...]:
    """A list of whole numbers (import ids)."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InputError(f"{value!r}: give a list of whole numbers.", parameter=parameter)
    items = list(value)
    if not all(isinstance(item, int) and not isinstance(item, bool) for item in items):
        raise InputError(f"{value!r}: give a list of whole numbers.", parameter=parameter)
    return tuple(items)


def callback(value: Callable[..., Any] | None, parameter: str) -> Callable[..., Any] | None:
    """A function to call, or None."""
    if value is not None and not callable(value):
        raise InputError(f"{value!r}: give a function, or None.", parameter=parameter)
    return value


def texts_or_none(value: Sequence[str | None], parameter: str) -> list[str | None]:
    """A list whose items are each text or None (reply texts, category hints)."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InputError(
            f"{_short(value)}: give a list, one item (text or None) per reply.",
            parameter=parameter,
        )
    items = list(value)
    if not all(item is None or isinstance(item, str) for item in items):
        raise InputError(
            "give a list whose items are each text or None.",
            parameter=parameter,
        )
    return items


def _short(value: Any) -> str:
    shown = repr(value)
    return shown if len(shown) <= 40 else shown[:37] + "..."
