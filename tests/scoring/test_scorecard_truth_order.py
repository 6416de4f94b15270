"""At several seeds, the scorecard never ranks a vendor above one whose recorded behaviour
(the generator's truth) is at least as good on everything a dimension reads: such a pair
is ranked in the truth's order, or tied (overlapping intervals), in every scenario."""

from __future__ import annotations

from itertools import permutations

import pytest

from supportgauge.importing import import_paths
from supportgauge.scoring.records import Scorecard, VendorScore
from supportgauge.scoring.scorecard import StoreEvidence, load_evidence, scorecard
from supportgauge.settings import Settings, load_settings
from supportgauge.store.duckdb import Store, open_store
from supportgauge.synthetic import calendars_toml, generate_dataset, write_dataset
from supportgauge.synthetic.truth import VendorTruth

SCENARIOS = ("one_to_one_social", "show_live", "voice_room", "game_voice")
Truths = dict[str, VendorTruth]
Generated = tuple[Store, Settings, StoreEvidence, Truths]


def _generated(seed: int, folder_factory: pytest.TempPathFactory) -> Generated:
    folder = folder_factory.mktemp(f"truth{seed}")
    dataset = generate_dataset(2500, seed=seed)
    write_dataset(dataset, folder / "data", file_format="parquet")
    (folder / "supportgauge.toml").write_text(
        calendars_toml() + "\n[scoring]\nresamples = 60\n", encoding="utf-8"
    )
    store = open_store(":memory:")
    import_paths(store, [folder / "data"])
    settings = load_settings(folder / "supportgauge.toml")
    return store, settings, load_evidence(store, settings), dataset.truth


@pytest.fixture(
    scope="module",
    params=[5, 11, pytest.param(23, marks=pytest.mark.slow)],
    ids=lambda seed: f"seed{seed}",
)
def generated(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Generated:
    return _generated(request.param, tmp_path_factory)


def _lower_better(truth: VendorTruth) -> dict[str, tuple[float, ...]]:
    """What each dimension reads of a vendor's behaviour, every value lower-is-better."""
    in_hours = truth.substantive_response_median_min_in_hours or 0.0
    # A desk staffed around the clock has no off-hours: it answers as in hours.
    off_hours = truth.substantive_response_median_min_off_hours or in_hours
    profile = truth.profile
    return {
        "response_speed": (in_hours, off_hours, truth.unanswered_share,
                           truth.hollow_first_response_share or 0.0),
        "technical_expertise": (-profile.expertise,),
        "resolution_quality": (-(truth.one_touch_share or 0.0), truth.reopen_rate or 0.0,
                               truth.repeat_failure_rate or 0.0),
        "communication": (profile.update_median_min, profile.hollow_ack_share_in_hours,
                          profile.hollow_ack_share_off_hours, truth.unanswered_share),
        "proactive_service": (-profile.proactive_per_account_month,),
    }  # fmt: skip


def _dominates(better: tuple[float, ...], worse: tuple[float, ...]) -> bool:
    return all(b <= w for b, w in zip(better, worse, strict=True)) and better != worse


def _interval(vendor: VendorScore, dimension: str) -> tuple[float, float, float]:
    record = vendor.dimensions[dimension]
    assert record.score is not None and record.low is not None and record.high is not None
    return record.score, record.low, record.high


def _reversed_pairs(card: Scorecard, truths: dict[str, VendorTruth]) -> list[str]:
    by_name = {vendor.vendor: vendor for vendor in card.vendors}
    wrong = []
    for better, worse in permutations(truths, 2):
        for dimension, values in _lower_better(truths[better]).items():
            if not _dominates(values, _lower_better(truths[worse])[dimension]):
                continue
            score, _, high = _interval(by_name[better], dimension)
            other, low, _ = _interval(by_name[worse], dimension)
            if score < other and high < low:
                wrong.append(f"{dimension}: {worse} {other:.2f} above {better} {score:.2f}")
    return wrong


@pytest.fixture(params=SCENARIOS)
def scored(generated: Generated, request: pytest.FixtureRequest) -> tuple[Scorecard, Truths]:
    store, settings, evidence, truths = generated
    return scorecard(store, settings, scenario=request.param, evidence=evidence), truths


def test_no_vendor_ranks_above_one_that_behaved_at_least_as_well(
    scored: tuple[Scorecard, Truths],
) -> None:
    card, truths = scored
    assert _reversed_pairs(card, truths) == []


def test_expertise_and_proactive_work_rank_in_the_profiles_full_order(
    scored: tuple[Scorecard, Truths],
) -> None:
    card, truths = scored
    for dimension, parameter in (
        ("technical_expertise", "expertise"),
        ("proactive_service", "proactive_per_account_month"),
    ):
        scores = {v.vendor: _interval(v, dimension)[0] for v in card.vendors}
        implied = sorted(truths, key=lambda name: -getattr(truths[name].profile, parameter))
        assert sorted(scores, key=lambda name: -scores[name]) == implied, dimension
