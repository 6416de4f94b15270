"""Progress on stderr while a long command works: bars that count one thing each."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from rich.progress import BarColumn, Progress, TaskID, TextColumn, TimeElapsedColumn

from supportgauge.cli.app import error_console


class CountBars:
    """(step, done, total) reports shown on bars that count one thing each.

    A report's total says what `done` counts, so each total gets a bar of its own: a step
    that counts something else (the reply texts of the step 'reading replies', one of 3)
    shows it on a bar under the steps' bar until the steps move on. A total of 0 is not
    known yet: the bar runs back and forth, without numbers, until a count replaces it.
    """

    def __init__(self, progress: Progress, description: str) -> None:
        self.progress = progress
        self.description = description
        # The bars shown, outermost first, each with the total it counts to.
        self.bars: list[tuple[int, TaskID]] = []

    def __call__(self, step: str, done: int, total: int) -> None:
        totals = [bar_total for bar_total, _ in self.bars]
        if total in totals:
            # Back to this count: the counts within its previous step are over.
            kept = totals.index(total) + 1
        else:
            # A new count; a bar whose total was not known yet gives way to it.
            kept = len(totals) - 1 if totals and totals[-1] == 0 else len(totals)
        for _, task in self.bars[kept:]:
            self.progress.remove_task(task)
        del self.bars[kept:]
        described = f"{self.description}: {step}"
        count = f"{done:,}/{total:,}" if total else ""
        if total in totals:
            task = self.bars[-1][1]
            self.progress.update(
                task, description=described, completed=done, total=total or None, count=count
            )
        else:
            task = self.progress.add_task(
                described, completed=done, total=total or None, count=count
            )
            self.bars.append((total, task))


@contextmanager
def progress_bar(description: str) -> Iterator[CountBars]:
    """Progress on stderr while the block runs, fed by (step, done, total) reports."""
    progress = Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        TextColumn("{task.fields[count]}"),
        TimeElapsedColumn(),
        console=error_console,
        transient=True,
        disable=not error_console.is_terminal,
    )
    with progress:
        yield CountBars(progress, description)


@contextmanager
def working(description: str) -> Iterator[None]:
    """A spinner on stderr while a long step without countable parts runs."""
    if not error_console.is_terminal:
        yield
        return
    with error_console.status(f"{description}..."):
        yield
