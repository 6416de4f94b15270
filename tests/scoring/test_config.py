"""[scoring], [scoring.thresholds], [scoring.weights] and [scenarios.NAME] are checked."""

from __future__ import annotations

from typing import Any

import pytest

from supportgauge.errors import SettingsError
from supportgauge.scoring.scenarios import BUILT_IN_SCENARIOS
from supportgauge.settings import default_settings, settings_from_document


def test_defaults_have_the_four_built_in_scenarios_weights_summing_to_one() -> None:
    scoring = default_settings().scoring
    assert set(BUILT_IN_SCENARIOS) == {"one_to_one_social", "show_live", "voice_room", "game_voice"}
    for scenario in scoring.scenarios.values():
        assert sum(scenario.weights.values()) == pytest.approx(1.0)
    assert scoring.resamples == 200


def test_a_custom_scenario_is_normalised_and_keeps_its_categories() -> None:
    settings = settings_from_document(
        {"scenarios": {"mine": {"response_speed": 3, "communication": 1,
                                "categories": ["noise"], "other_weight": 0.2}}}
    )  # fmt: skip
    mine = settings.scoring.scenarios["mine"]
    assert mine.weights["response_speed"] == pytest.approx(0.75)
    assert mine.weights["proactive_service"] == 0.0
    assert mine.relevance("noise") == 1.0
    assert mine.relevance("join_failure") == 0.2


def test_a_built_in_scenario_can_be_retuned_in_part() -> None:
    settings = settings_from_document({"scenarios": {"show_live": {"proactive_service": 0}}})
    weights = settings.scoring.scenarios["show_live"].weights
    assert weights["proactive_service"] == 0.0
    assert sum(weights.values()) == pytest.approx(1.0)


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"scenarios": {"mine": {"speed": 1}}}, "[scenarios.mine] speed: unknown key"),
        ({"scenarios": {"mine": {"response_speed": "high"}}},
         "[scenarios.mine] response_speed: 'high' is not a number."),
        ({"scenarios": {"mine": {"response_speed": -1}}},
         "[scenarios.mine] response_speed: -1 must be at least 0."),
        ({"scenarios": {"mine": {"response_speed": 0}}}, "give at least one dimension a weight"),
        ({"scoring": {"resample": 10}}, "[scoring] resample: unknown key"),
        ({"scoring": {"resamples": 0}}, "[scoring] resamples: 0 is not a whole number >= 1."),
        ({"scoring": {"rating_weight": 2}}, "[scoring] rating_weight: 2 must be at most 1."),
        ({"scoring": {"scenario": "disco"}}, "[scoring] scenario: no scenario 'disco'"),
        ({"scoring": {"thresholds": {"reopen_rate": [1, 2]}}},
         "[scoring.thresholds] reopen_rate: give five values"),
        ({"scoring": {"thresholds": {"reopen_rate": [1, 3, 2, 4, 5]}}},
         "must rise or fall throughout"),
        ({"scoring": {"thresholds": {"reopens": [1, 2, 3, 4, 5]}}},
         "[scoring.thresholds] reopens: unknown figure"),
        ({"scoring": {"weights": {"reopen_rate": -2}}},
         "[scoring.weights] reopen_rate: -2 must be at least 0."),
    ],
)  # fmt: skip
def test_bad_scoring_settings_name_the_key(document: dict[str, Any], message: str) -> None:
    with pytest.raises(SettingsError) as raised:
        settings_from_document(document)
    assert message in str(raised.value)


def test_thresholds_and_weights_override_the_defaults() -> None:
    settings = settings_from_document(
        {"scoring": {"resamples": 50, "thresholds": {"reopen_rate": [0.01, 0.02, 0.03, 0.04, 0.05]},
                     "weights": {"reopen_rate": 5}}}
    )  # fmt: skip
    assert settings.scoring.resamples == 50
    assert settings.scoring.anchors["reopen_rate"] == (0.01, 0.02, 0.03, 0.04, 0.05)
    assert settings.scoring.weights["reopen_rate"] == 5.0
