"""Claims against evidence: what each vendor promised beside what its tickets show."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from supportgauge.canonical import PRIORITIES
from supportgauge.metrics.sla import claims_round_the_clock
from supportgauge.plurals import count_of
from supportgauge.scoring.bootstrap import Estimate, estimate_interval
from supportgauge.scoring.records import Claim
from supportgauge.scoring.specs import IN_HOURS_REAL_ANSWER, response_met_key

# Off-hours answers slower than this many times the in-hours ones break a 7x24 claim.
ROUND_THE_CLOCK_SLOWDOWN = 2.0
# Fewer off-hours tickets than this leave a 7x24 claim untested.
MIN_OFF_HOURS_TICKETS = 5


def _hours_claim(vendor: str, claim: str, estimates: Mapping[str, Estimate]) -> Claim:
    off = estimates.get("off_hours_first_real_answer_median_min")
    on = estimates.get(IN_HOURS_REAL_ANSWER)
    if off is None or off.value is None or off.n < MIN_OFF_HOURS_TICKETS or on is None:
        return Claim(vendor, "support_hours", claim, None, None, None, "x in-hours", "untested",
                     "no tickets were raised outside the vendor's configured calendar")  # fmt: skip
    ratio = off.value / on.value if on.value else None
    broken = ratio is not None and ratio > ROUND_THE_CLOCK_SLOWDOWN
    note = (
        f"first real answer off hours {off.value:,.0f} min (median, {count_of(off.n, 'ticket')}) "
        f"against {on.value:,.0f} min in hours"
        if on.value is not None
        else ""
    )
    return Claim(vendor, "support_hours", claim, ratio, None, None, "x in-hours",
                 "broken" if broken else "holds", note)  # fmt: skip


def vendor_claims(
    vendor: str,
    estimates: Mapping[str, Estimate],
    claimed: Mapping[str, object],
    targets: Mapping[str, float],
    *,
    confidence: float,
    met_share: float,
) -> list[Claim]:
    """The vendor's claims: support hours, first response per priority, FCR, repeat rate."""
    claims = []
    hours = claimed.get("claimed_hours")
    if isinstance(hours, str) and hours:
        if claims_round_the_clock(hours):
            claims.append(_hours_claim(vendor, hours, estimates))
        else:
            claims.append(Claim(vendor, "support_hours", hours, None, None, None, "", "untested",
                                "only round-the-clock claims are tested"))  # fmt: skip
    for priority in PRIORITIES:
        target = targets.get(priority)
        estimate = estimates.get(response_met_key(priority))
        if target is None:
            continue
        low, high = estimate_interval(estimate, confidence)
        measured = estimate.value if estimate else None
        if measured is None:
            verdict = "untested"
        else:
            verdict = "broken" if (high if high is not None else measured) < met_share else "holds"
        clock = "wall-clock" if claims_round_the_clock(str(hours or "")) else "business"
        claims.append(Claim(vendor, f"first_response_{priority}", float(target), measured, low,
                            high, "share within target", verdict,
                            f"{priority} answered within {target:g} {clock} minutes; holds when "
                            f"at least {met_share:.0%} are"))  # fmt: skip
    for key, figure, higher_better in (
        ("claimed_fcr_rate", "first_contact_resolution_share", True),
        ("claimed_repeat_rate", "repeat_failure_rate", False),
    ):
        value = claimed.get(key)
        if not isinstance(value, int | float) or np.isnan(value):
            continue
        estimate = estimates.get(figure)
        low, high = estimate_interval(estimate, confidence)
        measured = estimate.value if estimate else None
        if measured is None or low is None or high is None:
            verdict = "untested"
        elif higher_better:
            verdict = "broken" if high < value else "holds"
        else:
            verdict = "broken" if low > value else "holds"
        name = key.removeprefix("claimed_")
        claims.append(Claim(vendor, name, float(value), measured, low, high, "share", verdict,
                            f"measured as {figure}; broken when the whole interval misses "
                            "the claim"))  # fmt: skip
    return claims
