"""Plain names for what the scorecard shows: its column headings, its claim keys and every
evidence key, so a support manager can read `score` without the docs at hand."""

from __future__ import annotations

from supportgauge.canonical import PRIORITIES
from supportgauge.scoring.dimensions import DIMENSION_SHORT, DIMENSION_TITLES, DIMENSIONS
from supportgauge.scoring.evidence_figures import FIGURES

# What each claim key of `claims` means, and when it is broken.
CLAIM_MEANINGS = {
    "support_hours": "the support hours the vendor claims (e.g. 7x24); broken when its first "
    "real answer off hours is more than 2x slower than in hours",
    **{
        f"first_response_{priority}": f"the first-response time the vendor promises for "
        f"{priority} tickets; broken when fewer than claim_met_share are answered within it"
        for priority in PRIORITIES
    },
    "fcr_rate": "the first-contact resolution rate the vendor claims; broken when the measured "
    "first_contact_resolution_share is below it across its whole interval",
    "repeat_rate": "the repeat-failure rate the vendor claims; broken when the measured "
    "repeat_failure_rate is above it across its whole interval",
}
# Short names of claims for one-line lists.
CLAIM_TITLES = {
    "support_hours": "support hours",
    **{f"first_response_{priority}": f"first response {priority}" for priority in PRIORITIES},
    "fcr_rate": "first-contact resolution rate",
    "repeat_rate": "repeat-failure rate",
}
# Every key a scorecard's evidence carries: the figures, then the claims.
FIGURE_MEANINGS = {rule.name: rule.description for rule in FIGURES}
EVIDENCE_KEYS = {**FIGURE_MEANINGS, **CLAIM_MEANINGS}


def legend() -> str:
    """The line that says what the scorecard table's columns are."""
    # The English half of each dimension's title: "response speed (响应速度与时效性)".
    columns = ", ".join(
        f"{DIMENSION_SHORT[key]} = {DIMENSION_TITLES[key].split(' (')[0]}" for key in DIMENSIONS
    )
    return (
        "Columns: overall = the scenario-weighted score with its interval; "
        f"{columns}; n = tickets scored."
    )


def claims_line(keys: list[str]) -> str:
    """Broken claims by their plain names, the first responses grouped by priority."""
    names: list[str] = []
    prefix = "first_response_"
    responses = [key.removeprefix(prefix) for key in keys if key.startswith(prefix)]
    for key in keys:
        if key == f"{prefix}{responses[0] if responses else ''}":
            names.append("first response " + ", ".join(responses))
        elif not key.startswith(prefix):
            names.append(CLAIM_TITLES.get(key, key))
    return ", ".join(names)
