"""Reply texts to classify: JSON Lines of {"id": ..., "text": ...}, from a file or stdin."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from supportgauge.errors import SourceError


@dataclass(frozen=True)
class ReplyText:
    """One reply to classify: its id as given, and its text."""

    id: object
    text: str | None
    category_hint: str | None = None


def parse_reply_lines(lines: Iterable[str], *, source: str) -> list[ReplyText]:
    """Every non-blank line as a reply; a bad line names the source and line number."""
    replies = []
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise SourceError(
                f"{source}, line {number}: not JSON ({error.msg}). Write one object a line, "
                'e.g. {"id": 1, "text": "..."}.'
            ) from None
        if not isinstance(record, dict) or "text" not in record:
            raise SourceError(f"{source}, line {number}: no 'text' field; each line needs one.")
        text = record["text"]
        if text is not None and not isinstance(text, str):
            raise SourceError(f"{source}, line {number}, field 'text': not a string.")
        hint = record.get("category")
        replies.append(
            ReplyText(record.get("id", number), text, hint if isinstance(hint, str) else None)
        )
    return replies


def read_utf8_lines(path: Path) -> list[str]:
    """The lines of a UTF-8 text file; another encoding is a SourceError naming the file."""
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise SourceError(
            f"{path.name}: not UTF-8 text (byte {error.start} cannot be read as UTF-8). "
            "Convert it first, e.g. from GBK: iconv -f GBK -t UTF-8."
        ) from None
    except OSError as error:
        raise SourceError(f"{path}: cannot be read ({error.strerror}).") from None
