"""The reply labels and how raw rule hits combine into them."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

LABELS: tuple[str, ...] = (
    "acknowledgement_only",
    "defers_to_business_hours",
    "generic_advice",
    "asks_for_info",
    "diagnosis",
    "action",
    "eta",
    "next_update",
)

# Raw hits each engine reports per text before the labels are resolved.
RAW_HITS: tuple[str, ...] = (
    "acknowledgement",
    "defers",
    "generic_advice",
    "asks_for_info",
    "diagnosis",
    "action",
    "eta",
    "next_update",
    "informs",
    "burden",  # generic advice that is a device, app or account step
)

BoolArray = npt.NDArray[np.bool_]


def resolve_labels(raw: Mapping[str, BoolArray]) -> dict[str, BoolArray]:
    """Label masks from raw hit masks (one element per text)."""
    substance = raw["asks_for_info"] | raw["diagnosis"] | raw["action"] | raw["eta"]
    # Advice is generic when it is the substance of the reply; next to a located cause a
    # pointer (a page, a channel) is a harmless extra, but a device, app or account step
    # ("restart", "clear the cache": `burden`) still puts the work on the user. Beside a
    # vendor-side fix, nothing is generic.
    generic = raw["generic_advice"] & ~raw["action"] & (~raw["diagnosis"] | raw["burden"])
    # "Received, will update you / in working hours" and nothing else is still hollow:
    # a promise of an update or a deferral does not make a reply substantive.
    hollow = raw["acknowledgement"] | raw["defers"] | raw["next_update"]
    # A how-to answer, a fact or a policy that no label names is still no hollow reply.
    acknowledgement_only = hollow & ~substance & ~raw["generic_advice"] & ~raw["informs"]
    return {
        "acknowledgement_only": acknowledgement_only,
        "defers_to_business_hours": raw["defers"],
        "generic_advice": generic,
        "asks_for_info": raw["asks_for_info"],
        "diagnosis": raw["diagnosis"],
        "action": raw["action"],
        "eta": raw["eta"],
        "next_update": raw["next_update"],
    }
