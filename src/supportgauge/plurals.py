"""Counts in words: `1 ticket`, `2 tickets`, `1,234 events`."""

from __future__ import annotations


def count_of(count: int, noun: str, plural: str | None = None) -> str:
    """The count with thousands separators and the noun in the form the count takes."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
