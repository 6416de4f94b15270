"""Messages: one line each for a program reading them, wrapped for a person at a terminal."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.console import Console

# How much further than its first row a wrapped line's other rows are indented.
HANGING_INDENT = 2


class MessageConsole(Console):
    """A console whose plain-text messages never wrap for a program (a script reads one
    line per message), and on a terminal wrap to its width with a hanging indent.

    Rich renderables (tables, styled text) and text printed with `soft_wrap=False` are laid
    out by Rich as usual.
    """

    def print(self, *objects: Any, **options: Any) -> None:
        """Print as Console.print does, wrapping plain-text messages on a terminal."""
        is_message = bool(objects) and all(isinstance(item, str) for item in objects)
        if is_message and self.is_terminal and options.get("soft_wrap") is not False:
            objects = tuple(wrapped(item, self.width) for item in objects)
            options["soft_wrap"] = True
        super().print(*objects, **options)


def wrapped(message: str, width: int) -> str:
    """Each line of `message` broken at spaces into rows of at most `width` cells, the rows
    after a line's first indented by HANGING_INDENT more than it (a longer word stays whole)."""
    return "\n".join(row for line in message.split("\n") for row in _rows(line, width))


def _rows(line: str, width: int) -> list[str]:
    text = line.lstrip(" ")
    lead = line[: len(line) - len(text)]
    indent = lead + " " * HANGING_INDENT
    rows: list[str] = []
    row = lead
    for number, word in enumerate(text.split(" ")):
        if number == 0:
            row += word
        elif word and row.strip() and cell_len(f"{row} {word}") > width:
            rows.append(row.rstrip(" "))
            row = indent + word
        else:
            row += " " + word
    rows.append(row)
    return rows


# The command line's two consoles: results on stdout; errors, warnings and progress on stderr.
console = MessageConsole(soft_wrap=True)
error_console = MessageConsole(stderr=True, soft_wrap=True)
