"""From a figure's value to a 1-5 score through its five anchors."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def anchor_scores(values: np.ndarray, anchors: Sequence[float]) -> np.ndarray:
    """Scores 1-5 of `values` (NaN stays NaN; +inf scores 1 when lower values are better)."""
    points = np.asarray(anchors, dtype=float)
    scores = np.array([5.0, 4.0, 3.0, 2.0, 1.0])
    if points[0] > points[-1]:
        # Higher is better: read the anchors from the low end.
        points, scores = points[::-1], scores[::-1]
    values = np.asarray(values, dtype=float)
    clipped = np.clip(values, points[0], points[-1])
    result = np.interp(clipped, points, scores)
    return np.where(np.isnan(values), np.nan, result)


def anchor_score(value: float | None, anchors: Sequence[float]) -> float | None:
    """The score of one value, None for none."""
    if value is None or np.isnan(value):
        return None
    return float(anchor_scores(np.array([value]), anchors)[0])


def crossed_threshold(value: float | None, anchors: Sequence[float]) -> str | None:
    """The best anchor the value reached, e.g. '<= 30 (4)' or '>= 0.55 (4)'."""
    if value is None or np.isnan(value):
        return None
    lower_better = anchors[0] <= anchors[-1]
    for score, anchor in zip((5, 4, 3, 2), anchors, strict=False):
        if (value <= anchor) if lower_better else (value >= anchor):
            sign = "<=" if lower_better else ">="
            return f"{sign} {anchor:g} ({score})"
    sign = ">" if lower_better else "<"
    return f"{sign} {anchors[3]:g} (below 2)"
