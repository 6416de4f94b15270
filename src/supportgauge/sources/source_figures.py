"""Compare supportgauge's per-ticket figures with those the help desk computed itself."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
import pyarrow as pa

FIGURES = (
    "first_response_min",
    "full_resolution_min",
    "requester_wait_min",
    "on_hold_min",
    "reopens",
    "agent_replies",
)
COUNT_FIGURES = ("reopens", "agent_replies")
# Figure tables carry the system that computed them in their schema metadata.
SYSTEM_METADATA_KEY = b"supportgauge.system"
_KEYS = ["vendor", "ticket_id"]
_AGREE_SHARE = 0.95

# (system, figure, whose figure is larger) -> which definition explains a difference.
_EXPLANATIONS: dict[tuple[str | None, str, str | None], str] = {
    ("zendesk", "first_response_min", "theirs_lower"): (
        "Zendesk counts the first public comment by any agent, including trigger and automation "
        "comments that supportgauge treats as auto replies."
    ),
    ("zendesk", "first_response_min", "theirs_higher"): (
        "Zendesk's first reply time counts business hours of the SLA schedule when one is set, "
        "and starts at the first end-user comment on tickets an agent opened."
    ),
    ("zendesk", "full_resolution_min", None): (
        "Zendesk measures creation to the latest solve; tickets reopened after export, merged "
        "or solved by automation end elsewhere in supportgauge's events."
    ),
    ("zendesk", "requester_wait_min", None): (
        "Zendesk counts New + Open + On-hold time (business hours when its SLA schedule is "
        "set); audits missing from the export change supportgauge's status intervals."
    ),
    ("zendesk", "on_hold_min", None): (
        "Zendesk counts time in On-hold only, in business hours when its schedule is set; "
        "custom statuses mapped to hold differ."
    ),
    ("zendesk", "reopens", None): (
        "Zendesk counts each change from Solved back to an open status; follow-ups to closed "
        "tickets are new tickets there."
    ),
    ("zendesk", "agent_replies", "theirs_higher"): (
        "Zendesk's replies count public comments by agents including automations; "
        "supportgauge does not count auto replies."
    ),
    ("zendesk", "agent_replies", "theirs_lower"): (
        "Zendesk counts replies made in its agent interface only; comments added by API or "
        "email from agents count in supportgauge."
    ),
    ("freshdesk", "first_response_min", None): (
        "Freshdesk's first_responded_at is the first agent reply, counting replies sent by "
        "automations; for outbound (agent-created) tickets it is the creation time."
    ),
    ("freshdesk", "full_resolution_min", None): (
        "Freshdesk keeps only the latest resolved_at, so a reopened ticket measures to its last "
        "resolution; business hours apply when its SLA calendar is set."
    ),
}
_GENERIC = (
    "Differences come from which comments count as replies (auto replies, notes, agent-made "
    "tickets) and which status intervals each side counts."
)


@dataclass(frozen=True)
class FigureComparison:
    """How one figure of supportgauge matches the help desk's own, over matched tickets."""

    figure: str
    unit: str  # "min" for durations, "count" for reopens and replies
    n_matched: int  # tickets where both sides have a value
    median_abs_diff: float | None
    p90_abs_diff: float | None
    share_within_1: float | None  # share of tickets within 1 minute (or 1 count)
    explanation: str


def compare_source_figures(ours: pa.Table, theirs: pa.Table) -> list[FigureComparison]:
    """One comparison per figure both tables hold, matched on vendor and ticket_id."""
    system = _system_of(theirs)
    ours_frame = _frame(ours)
    theirs_frame = _frame(theirs)
    joined = ours_frame.merge(theirs_frame, on=_KEYS, suffixes=("_ours", "_theirs"))
    comparisons = []
    for figure in FIGURES:
        if figure not in ours_frame or figure not in theirs_frame:
            continue
        mine = pd.to_numeric(joined[f"{figure}_ours"], errors="coerce").to_numpy(dtype=float)
        other = pd.to_numeric(joined[f"{figure}_theirs"], errors="coerce").to_numpy(dtype=float)
        both = ~np.isnan(mine) & ~np.isnan(other)
        differences = other[both] - mine[both]
        comparisons.append(_compare(figure, differences, system))
    return comparisons


def _frame(table: pa.Table) -> pd.DataFrame:
    frame = table.to_pandas()
    for key in _KEYS:
        frame[key] = frame[key].astype("string")
    return frame


def _system_of(table: pa.Table) -> str | None:
    metadata = table.schema.metadata or {}
    value = metadata.get(SYSTEM_METADATA_KEY)
    return value.decode() if value else None


def _compare(figure: str, differences: np.ndarray, system: str | None) -> FigureComparison:
    unit = "count" if figure in COUNT_FIGURES else "min"
    if differences.size == 0:
        return FigureComparison(figure, unit, 0, None, None, None, "No ticket has both figures.")
    absolute = np.abs(differences)
    within = float(np.mean(absolute <= 1.0))
    return FigureComparison(
        figure=figure,
        unit=unit,
        n_matched=int(differences.size),
        median_abs_diff=float(np.median(absolute)),
        p90_abs_diff=float(np.quantile(absolute, 0.9)),
        share_within_1=within,
        explanation=_explain(figure, differences, within, system),
    )


def _explain(figure: str, differences: np.ndarray, within: float, system: str | None) -> str:
    if within >= _AGREE_SHARE:
        return "The definitions agree on these tickets."
    apart = differences[np.abs(differences) > 1.0]
    direction = "theirs_higher" if np.median(apart) > 0 else "theirs_lower"
    for key in ((system, figure, direction), (system, figure, None)):
        if key in _EXPLANATIONS:
            return _EXPLANATIONS[key]
    return _GENERIC
