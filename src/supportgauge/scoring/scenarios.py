"""Scenario profiles: how much each dimension counts, and which ticket categories a
scenario fears most (their tickets count in full, the others at a lower weight)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from supportgauge.scoring.dimensions import DIMENSIONS


@dataclass(frozen=True)
class Scenario:
    """Dimension weights (summing to 1) and ticket relevance by category."""

    name: str
    weights: Mapping[str, float]
    feared_categories: tuple[str, ...]
    # Weight of a ticket whose category the scenario does not fear (or that has none).
    other_weight: float = 0.5

    def relevance(self, category: str | None) -> float:
        """How much one ticket of this category counts under the scenario."""
        return 1.0 if category in self.feared_categories else self.other_weight


def _profile(name: str, weights: tuple[float, ...], feared: tuple[str, ...]) -> Scenario:
    return Scenario(name, dict(zip(DIMENSIONS, weights, strict=True)), feared)


# Weights in DIMENSIONS order; feared categories from the taxonomy's focus lists.
BUILT_IN_SCENARIOS: dict[str, Scenario] = {
    scenario.name: scenario
    for scenario in (
        _profile(
            "one_to_one_social",
            (0.30, 0.25, 0.25, 0.10, 0.10),
            ("join_failure", "first_frame_slow", "high_latency", "video_freeze",
             "black_screen", "network_weak"),
        ),
        _profile(
            "show_live",
            (0.25, 0.20, 0.25, 0.10, 0.20),
            ("push_failure", "stream_disconnect", "video_freeze", "image_quality",
             "cdn_relay_fault", "pk_cohost_latency", "av_desync"),
        ),
        _profile(
            "voice_room",
            (0.20, 0.30, 0.25, 0.15, 0.10),
            ("echo_howling", "noise", "no_audio_low_volume", "audio_freeze", "join_failure"),
        ),
        _profile(
            "game_voice",
            (0.30, 0.30, 0.20, 0.10, 0.10),
            ("echo_howling", "noise", "audio_freeze", "high_latency", "network_weak"),
        ),
    )
}  # fmt: skip
DEFAULT_SCENARIO = "one_to_one_social"
