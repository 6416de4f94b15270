"""Every key the scorecard shows is explained in docs/scoring.md, in the code's own words."""

from __future__ import annotations

import re
from pathlib import Path

from supportgauge.canonical import PRIORITIES
from supportgauge.scoring.evidence_figures import FIGURE_NAMES
from supportgauge.scoring.glossary import EVIDENCE_KEYS, claims_line, legend

DOC = (Path(__file__).parents[2] / "docs" / "scoring.md").read_text(encoding="utf-8")


def _documented_keys() -> dict[str, str]:
    section = DOC.split("### Every evidence key", 1)[1].split("\n\n", 2)[1]
    rows = re.findall(r"^\| `([^`]+)` \| [^|]+ \| (.+) \|$", section, flags=re.MULTILINE)
    return dict(rows)


def test_the_docs_explain_every_evidence_key_and_no_other() -> None:
    documented = _documented_keys()
    assert list(documented) == list(EVIDENCE_KEYS)
    assert [key for key, meaning in EVIDENCE_KEYS.items() if meaning not in documented[key]] == []


def test_every_figure_and_claim_key_has_a_meaning() -> None:
    claims = ["support_hours", *(f"first_response_{p}" for p in PRIORITIES), "fcr_rate",
              "repeat_rate"]  # fmt: skip
    assert list(EVIDENCE_KEYS) == [*FIGURE_NAMES, *claims]


def test_the_legend_names_every_column_heading() -> None:
    assert legend() == (
        "Columns: overall = the scenario-weighted score with its interval; speed = response "
        "speed, expert = technical expertise, resolv = resolution quality, comms = "
        "communication, proact = proactive service; n = tickets scored."
    )


def test_broken_claims_read_by_name_with_first_responses_grouped() -> None:
    keys = ["support_hours", "first_response_P1", "first_response_P3", "fcr_rate", "repeat_rate"]
    assert claims_line(keys) == (
        "support hours, first response P1, P3, first-contact resolution rate, repeat-failure rate"
    )
