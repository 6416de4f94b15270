"""On the generator's vendors, the scorecard ranks them as their recorded behaviour implies."""

from __future__ import annotations

import json

import numpy as np
import pytest

from supportgauge.errors import InputError, NotFoundError
from supportgauge.importing import import_paths
from supportgauge.scoring.dimensions import DIMENSIONS
from supportgauge.scoring.explain import explain
from supportgauge.scoring.records import Scorecard
from supportgauge.scoring.scorecard import StoreEvidence, load_evidence, scorecard
from supportgauge.settings import Settings, load_settings
from supportgauge.store.duckdb import Store, open_store
from supportgauge.synthetic import VENDOR_PROFILES, calendars_toml, generate_dataset, write_dataset

SCENARIOS = ("one_to_one_social", "show_live", "voice_room", "game_voice")
PROFILES = {profile.name: profile for profile in VENDOR_PROFILES}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Settings, StoreEvidence]:
    folder = tmp_path_factory.mktemp("scoring")
    write_dataset(generate_dataset(4000, seed=5), folder / "data", file_format="parquet")
    (folder / "supportgauge.toml").write_text(calendars_toml(), encoding="utf-8")
    store = open_store(":memory:")
    import_paths(store, [folder / "data"])
    settings = load_settings(folder / "supportgauge.toml")
    return store, settings, load_evidence(store, settings)


def _scores(card: Scorecard, dimension: str) -> dict[str, float]:
    scores = {}
    for vendor in card.vendors:
        value = vendor.overall if dimension == "overall" else vendor.dimensions[dimension].score
        assert value is not None
        scores[vendor.vendor] = value
    return scores


def _figures(card: Scorecard, dimension: str, name: str) -> dict[str, float]:
    values = {}
    for vendor in card.vendors:
        figure = next(f for f in vendor.dimensions[dimension].figures if f.name == name)
        assert figure.value is not None
        values[vendor.vendor] = figure.value
    return values


def _descending(scores: dict[str, float]) -> list[str]:
    return sorted(scores, key=lambda name: -scores[name])


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_generated_vendors_rank_as_their_behaviour_implies(
    generated: tuple[Store, Settings, StoreEvidence], scenario: str
) -> None:
    store, settings, evidence = generated
    card = scorecard(store, settings, scenario=scenario, evidence=evidence)
    # Technical depth and proactive work follow the profiles' own parameters, in full.
    expert = _scores(card, "technical_expertise")
    assert _descending(expert) == sorted(PROFILES, key=lambda n: -PROFILES[n].expertise)
    proactive = _scores(card, "proactive_service")
    assert _descending(proactive) == sorted(
        PROFILES, key=lambda n: -PROFILES[n].proactive_per_account_month
    )
    # Response: the true 7x24 desk first; the office-hours desks (silent nights) last.
    speed = _scores(card, "response_speed")
    assert _descending(speed)[0] == "Aurora"
    assert set(_descending(speed)[-2:]) == {"Panda", "Dune"}
    # Relay acknowledges fast and answers slowly: the most hollow first replies.
    hollow = _figures(card, "response_speed", "hollow_first_response_share")
    assert max(hollow, key=lambda name: hollow[name]) == "Relay"
    # Resolution: fewest reopens and repeats first, the most last.
    resolution = _descending(_scores(card, "resolution_quality"))
    assert resolution[0] == "Aurora" and resolution[-1] == "Nimbus"
    # Communication: Aurora updates steadily; Relay leaves the longest gaps; customers of
    # the desk that is silent off hours chase it most.
    communication = _scores(card, "communication")
    assert _descending(communication)[0] == "Aurora"
    gap = _figures(card, "communication", "update_gap_median_min")
    assert max(gap, key=lambda name: gap[name]) == "Relay"
    chases = _figures(card, "communication", "customer_follow_ups_per_ticket")
    assert max(chases, key=lambda name: chases[name]) == "Dune"
    assert min(chases, key=lambda name: chases[name]) == "Aurora"
    overall = _descending(_scores(card, "overall"))
    assert overall[0] == "Aurora" and overall[-1] == "Nimbus"


def test_json_has_the_public_shape(generated: tuple[Store, Settings, StoreEvidence]) -> None:
    store, settings, evidence = generated
    shape = json.loads(json.dumps(scorecard(store, settings, evidence=evidence).to_dict()))
    assert {"vendors", "ties", "flags", "claims", "scenario"} <= set(shape)
    vendor = shape["vendors"][0]
    assert set(vendor["overall"]) == {"score", "low", "high"}
    assert list(vendor["dimensions"]) == list(DIMENSIONS)
    for dimension in vendor["dimensions"].values():
        assert {"score", "low", "high", "n", "evidence"} <= set(dimension)
        assert dimension["low"] <= dimension["score"] <= dimension["high"]
        assert len(dimension["evidence"]["tickets"]) <= settings.scoring.examples
        for figure in dimension["evidence"]["figures"]:
            assert {"name", "value", "score", "thresholds", "crossed", "n"} <= set(figure)


def test_same_seed_same_intervals_other_seed_other_intervals(
    generated: tuple[Store, Settings, StoreEvidence],
) -> None:
    store, settings, evidence = generated
    first = scorecard(store, settings, seed=3, evidence=evidence).to_dict()
    again = scorecard(store, settings, seed=3, evidence=evidence).to_dict()
    other = scorecard(store, settings, seed=4, evidence=evidence).to_dict()
    assert first == again
    assert first != other


def test_overlapping_intervals_are_ties(generated: tuple[Store, Settings, StoreEvidence]) -> None:
    store, settings, evidence = generated
    card = scorecard(store, settings, evidence=evidence)
    by_name = {v.vendor: v for v in card.vendors}
    assert card.ties
    for tie in card.ties:
        for a in tie.vendors:
            for b in tie.vendors:
                if tie.dimension == "overall":
                    ia = (by_name[a].overall_low, by_name[a].overall_high)
                    ib = (by_name[b].overall_low, by_name[b].overall_high)
                else:
                    da, db = (
                        by_name[a].dimensions[tie.dimension],
                        by_name[b].dimensions[tie.dimension],
                    )
                    ia, ib = (da.low, da.high), (db.low, db.high)
                assert ia[0] <= ib[1] and ib[0] <= ia[1]  # type: ignore[operator]


def test_claims_hold_the_7x24_promise_to_off_hours_behaviour(
    generated: tuple[Store, Settings, StoreEvidence],
) -> None:
    store, settings, evidence = generated
    card = scorecard(store, settings, evidence=evidence)
    hours = {c.vendor: c for c in card.claims if c.claim == "support_hours"}
    assert hours["Panda"].verdict == "broken" and hours["Dune"].verdict == "broken"
    assert hours["Aurora"].verdict == "untested"  # configured 24x7: no off-hours tickets
    fcr = {c.vendor: c for c in card.claims if c.claim == "fcr_rate"}
    assert fcr["Nimbus"].verdict == "broken"  # claims 90%
    p1 = {c.vendor: c for c in card.claims if c.claim == "first_response_P1"}
    assert p1["Aurora"].verdict == "holds" and p1["Dune"].verdict == "broken"


def test_by_month_gives_a_scorecard_per_period(
    generated: tuple[Store, Settings, StoreEvidence],
) -> None:
    store, settings, evidence = generated
    card = scorecard(store, settings, by_period="quarter", evidence=evidence)
    periods = sorted({v.period for v in card.vendors if v.period})
    assert {"2026-Q1", "2026-Q2"} <= set(periods)
    assert {v.vendor for v in card.vendors if v.period == "2026-Q2"} == set(PROFILES)
    month = scorecard(store, settings, period="2026-03", evidence=evidence)
    assert all(v.period == "2026-03" for v in month.vendors)
    total = sum(v.n for v in month.vendors)
    assert total == int((evidence.tickets["period_month"] == "2026-03").sum())


def test_bad_arguments_are_input_errors(generated: tuple[Store, Settings, StoreEvidence]) -> None:
    store, settings, evidence = generated
    with pytest.raises(InputError) as raised:
        scorecard(store, settings, period="March", evidence=evidence)
    assert raised.value.parameter == "period"
    with pytest.raises(InputError) as raised:
        scorecard(store, settings, scenario="disco", evidence=evidence)
    assert raised.value.parameter == "scenario"
    with pytest.raises(NotFoundError):
        scorecard(store, settings, vendors=["Nobody"], evidence=evidence)


def test_explain_quotes_the_tickets_that_cost_and_earned_each_figure(
    generated: tuple[Store, Settings, StoreEvidence],
) -> None:
    store, settings, evidence = generated
    explanation = explain(store, settings, "Relay", "response_speed", evidence=evidence)
    (item,) = explanation.dimensions
    real = next(f for f in item.figures if f.figure.name == "first_real_answer_median_min")
    assert real.cost and real.earned
    ids = set(evidence.tickets["ticket_id"][evidence.tickets["vendor"] == "Relay"].tolist())
    assert {e.ticket_id for e in (*real.cost, *real.earned)} <= ids
    assert all(e.reply for e in real.earned)
    assert real.cost[0].figure >= real.earned[0].figure
    names = [figure.name for figure in item.score.figures]
    assert "first_real_answer_median_min" in names
    assert np.isfinite(item.score.score or np.nan)
    assert explanation.probes == ()  # probes explain technical expertise
    with pytest.raises(InputError):
        explain(store, settings, "Relay", "velocity", evidence=evidence)


def test_explain_shows_the_vendor_s_probe_results(
    generated: tuple[Store, Settings, StoreEvidence],
) -> None:
    store, settings, evidence = generated
    explanation = explain(store, settings, "Aurora", "technical_expertise", evidence=evidence)
    assert explanation.probes
    for result in explanation.probes:
        assert result.probe_id.startswith("PRB-")
        assert result.coverage is not None and 0 <= result.coverage <= 1
    shape = explanation.to_dict()
    assert shape["probes"][0]["ticket_id"] == explanation.probes[0].ticket_id
    # The reply quoted for a probe that covered key points is the one that covered them.
    (item,) = explanation.dimensions
    coverage = next(f for f in item.figures if f.figure.name == "probe_key_point_coverage")
    assert coverage.earned
    for example in (*coverage.earned, *(p for p in explanation.probes if p.coverage)):
        assert example.reply and ("we checked" in example.reply or "我们排查了" in example.reply)
