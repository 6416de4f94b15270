"""The errors supportgauge raises for problems a user can act on.

SupportGaugeError
 ├── SourceError    bad or unreadable input data (names file, row, column, reason)
 ├── StoreError     the store cannot be opened, migrated or written
 ├── SettingsError  supportgauge.toml is invalid (names section, key, reason)
 └── MissingExtraError  an optional dependency is not installed
"""

from __future__ import annotations


class SupportGaugeError(Exception):
    """Base of every expected failure; the CLI prints it as one line."""


class SourceError(SupportGaugeError):
    """Input data that cannot be imported as it is."""


class StoreError(SupportGaugeError):
    """The store cannot be opened, migrated or written."""


class SettingsError(SupportGaugeError):
    """A configuration file or value is invalid."""


class MissingExtraError(SupportGaugeError):
    """An optional extra is needed for this feature."""

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(
            f"{feature} needs the optional extra '{extra}': pip install 'supportgauge[{extra}]'"
        )
