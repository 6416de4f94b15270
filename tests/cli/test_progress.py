"""Progress bars count one thing each, and show no numbers before they know the total."""

from __future__ import annotations

from rich.progress import Progress

from supportgauge.cli.progress import CountBars

Shown = list[tuple[str, float, float | None, str]]


def _shown_after_each(description: str, reports: list[tuple[str, int, int]]) -> list[Shown]:
    progress = Progress(disable=True)
    bars = CountBars(progress, description)
    shown = []
    for report in reports:
        bars(*report)
        shown.append(
            [(t.description, t.completed, t.total, t.fields["count"]) for t in progress.tasks]
        )
    return shown


def test_a_count_within_a_step_has_a_bar_of_its_own_until_the_steps_move_on() -> None:
    shown = _shown_after_each(
        "Rereading",
        [
            ("reading replies", 0, 3),
            ("reading replies", 0, 20017),
            ("reading replies", 10000, 20017),
            ("guessing categories", 1, 3),
            ("readings written", 3, 3),
        ],
    )
    assert shown == [
        [("Rereading: reading replies", 0, 3, "0/3")],
        [
            ("Rereading: reading replies", 0, 3, "0/3"),
            ("Rereading: reading replies", 0, 20017, "0/20,017"),
        ],
        [
            ("Rereading: reading replies", 0, 3, "0/3"),
            ("Rereading: reading replies", 10000, 20017, "10,000/20,017"),
        ],
        [("Rereading: guessing categories", 1, 3, "1/3")],
        [("Rereading: readings written", 3, 3, "3/3")],
    ]


def test_a_bar_shows_no_numbers_until_its_total_is_known() -> None:
    shown = _shown_after_each(
        "Importing", [("reading files", 0, 0), ("checking every value", 0, 5)]
    )
    assert shown == [
        [("Importing: reading files", 0, None, "")],
        [("Importing: checking every value", 0, 5, "0/5")],
    ]
