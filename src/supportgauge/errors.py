"""The errors supportgauge raises for problems a user can act on.

Every expected failure is a `SupportGaugeError` with a stable `kind` (what a script or an
HTTP API branches on) and a message that says what, where, and what to do next. Messages
name no command-line flag: an error about one argument names it in `parameter`, and each
face (CLI, web) spells that its own way; so too `next_step`, the step a message
advises in words (import data, read the replies again).

SupportGaugeError                      kind            HTTP
 ├── InputError                        bad_input       400  an argument the caller gave
 │    ├── SourceError                  bad_input       400  input data (file, row, column)
 │    └── SettingsError                bad_settings    400  supportgauge.toml (section, key)
 ├── NotFoundError                     not_found       404  a store, file or vendor absent
 ├── ConflictError                     conflict        409  the store is busy, read-only or newer
 ├── StoreError                        store           500  the store cannot be read or written
 │    └── EngineLimitError             engine_limit    507  the engine ran out of memory
 ├── Interrupted                       interrupted     499  the user stopped the work
 └── MissingExtraError                 missing_extra   501  an optional extra is not installed
"""

from __future__ import annotations

from typing import Any, ClassVar

# The steps an error may point to: import data, read the stored replies again.
NEXT_STEPS = ("import", "reread")


class SupportGaugeError(Exception):
    """Base of every expected failure; faces print it as one line."""

    kind: ClassVar[str] = "error"
    status: ClassVar[int] = 500

    def __init__(
        self, message: str, *, parameter: str | None = None, next_step: str | None = None
    ) -> None:
        super().__init__(message)
        self.message = message
        # The argument at fault, as the Python API names it (e.g. "fields").
        self.parameter = parameter
        # What to do next when the message says it in words, as one of NEXT_STEPS: each
        # face adds its own way to do it (the CLI its command, the web a link).
        self.next_step = next_step

    def to_dict(self) -> dict[str, Any]:
        """The one JSON shape every API answer with an error takes."""
        shape: dict[str, Any] = {
            "ok": False,
            "error": self.message,
            "kind": self.kind,
            "status": self.status,
        }
        if self.parameter:
            shape["parameter"] = self.parameter
        if self.next_step:
            shape["next_step"] = self.next_step
        return shape


class InputError(SupportGaugeError):
    """An argument or value the caller gave cannot be used."""

    kind = "bad_input"
    status = 400


class SourceError(InputError):
    """Input data that cannot be imported as it is."""


class SettingsError(InputError):
    """A configuration file or value is invalid."""

    kind = "bad_settings"


class NotFoundError(SupportGaugeError):
    """Something named does not exist: a store, a file, a vendor, a field."""

    kind = "not_found"
    status = 404


class ConflictError(SupportGaugeError):
    """The store is in a state that refuses the work now: busy, or newer than this code."""

    kind = "conflict"
    status = 409


class StoreError(SupportGaugeError):
    """The store cannot be opened, migrated, read or written."""

    kind = "store"
    status = 500


class EngineLimitError(StoreError):
    """The engine ran out of a resource it is bounded by (memory, disk)."""

    kind = "engine_limit"
    status = 507


class Interrupted(SupportGaugeError):
    """The user stopped the work (Ctrl-C); the message says what was kept."""

    kind = "interrupted"
    status = 499


class MissingExtraError(SupportGaugeError):
    """An optional extra is needed for this feature."""

    kind = "missing_extra"
    status = 501

    def __init__(self, feature: str, extra: str) -> None:
        super().__init__(
            f"{feature} needs the optional extra '{extra}': pip install 'supportgauge[{extra}]'"
        )
