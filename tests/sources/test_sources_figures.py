"""supportgauge's figures against those a help desk computed itself."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pytest

from supportgauge.sources.source_figures import FigureComparison, compare_source_figures
from supportgauge.sources.zendesk import read_zendesk

EXPORTS = Path(__file__).parents[1] / "data" / "exports"


def ours_table(**figures: list) -> pa.Table:
    count = len(next(iter(figures.values())))
    return pa.table(
        {
            "vendor": ["VendorA"] * count,
            "ticket_id": [str(101 + i) for i in range(count)],
            **figures,
        }
    )


def test_zendesk_first_reply_counting_automations_is_explained():
    theirs = read_zendesk([EXPORTS / "zendesk" / "api"], vendor="VendorA").source_figures[
        "zendesk_ticket_metrics"
    ]
    # Zendesk's 1 minute is a comment supportgauge counts as an auto reply; here the first
    # agent reply came an hour later.
    ours = ours_table(first_response_min=[61.0, None], reopens=[1, 0])
    first, reopens = compare_source_figures(ours, theirs)
    assert first == FigureComparison(
        figure="first_response_min",
        unit="min",
        n_matched=1,
        median_abs_diff=60.0,
        p90_abs_diff=60.0,
        share_within_1=0.0,
        explanation=(
            "Zendesk counts the first public comment by any agent, including trigger and "
            "automation comments that supportgauge treats as auto replies."
        ),
    )
    assert reopens.figure == "reopens" and reopens.unit == "count"
    assert reopens.n_matched == 2
    assert reopens.explanation == "The definitions agree on these tickets."


def test_differences_summarised_by_median_p90_and_share_within_a_minute():
    ours = ours_table(
        full_resolution_min=[10.0, 20.0, 30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0, 100.0]
    )
    theirs = ours_table(
        full_resolution_min=[10.5, 20.0, 31.0, 40.0, 50.0, 60.0, 75.0, 80.0, 90.0, 200.0]
    )
    (comparison,) = compare_source_figures(ours, theirs)
    assert comparison.n_matched == 10
    assert comparison.median_abs_diff == pytest.approx(0.0)
    assert comparison.p90_abs_diff == pytest.approx(14.5)
    assert comparison.share_within_1 == pytest.approx(0.8)
    assert comparison.explanation.startswith("Differences come from which comments count")


def test_freshdesk_stats_compare_by_vendor_and_ticket():
    from supportgauge.sources.freshdesk import read_freshdesk

    theirs = read_freshdesk([EXPORTS / "freshdesk"], vendor="VendorB").source_figures[
        "freshdesk_stats"
    ]
    ours = pa.table(
        {
            "vendor": ["VendorB", "VendorB", "VendorA"],
            "ticket_id": ["385450", "385701", "385660"],  # 385660 belongs to another vendor here
            "first_response_min": [15.2, 45.0, 0.2],
        }
    )
    comparisons = compare_source_figures(ours, theirs)
    assert [c.figure for c in comparisons] == ["first_response_min"]
    assert comparisons[0].n_matched == 2
    assert comparisons[0].explanation.startswith(
        "Freshdesk's first_responded_at is the first agent reply"
    )


def test_no_matched_tickets_is_reported_not_divided():
    ours = ours_table(on_hold_min=[None])
    theirs = ours_table(on_hold_min=[3.0])
    (comparison,) = compare_source_figures(ours, theirs)
    assert comparison.n_matched == 0
    assert comparison.median_abs_diff is None
    assert comparison.explanation == "No ticket has both figures."
