"""Each simulated vendor behaves as documented, measured from the tables with plain pandas."""

from __future__ import annotations

import pandas as pd
import pytest

from supportgauge.synthetic import VENDOR_PROFILES, SyntheticDataset, generate_dataset
from supportgauge.synthetic.customer_regions import RAMADAN_2026
from supportgauge.synthetic.probe_questions import PROBES

HOLLOW_WORDS = ("收到", "已收到", "received", "will get back", "patience", "follow up", "noted",
                "business hours", "working hours", "上班后", "工作时间", "checking")  # fmt: skip


@pytest.fixture(scope="module")
def dataset() -> SyntheticDataset:
    return generate_dataset(2000, seed=11)


@pytest.fixture(scope="module")
def frames(dataset: SyntheticDataset) -> tuple[pd.DataFrame, pd.DataFrame]:
    return dataset.tables["tickets"].to_pandas(), dataset.tables["events"].to_pandas()


def _first_replies(events: pd.DataFrame) -> pd.DataFrame:
    replies = events[events["kind"] == "agent_reply"]
    return replies.groupby(["vendor", "ticket_id"], sort=False).head(1).set_index("ticket_id")


def _hollow_share(events: pd.DataFrame) -> pd.Series:
    first = _first_replies(events)
    text = first["body"].str.lower()
    hollow = text.str.len().lt(100) & text.apply(lambda t: any(w in t for w in HOLLOW_WORDS))
    return hollow.groupby(first["vendor"]).mean()


def _reopen_rate(events: pd.DataFrame) -> pd.Series:
    changes = events[events["kind"] == "status_change"].copy()
    changes["previous"] = changes.groupby(["vendor", "ticket_id"])["status"].shift()
    reopened = changes[(changes["status"] == "open") & (changes["previous"] == "solved")]
    solved = changes[changes["status"] == "solved"].groupby("vendor")["ticket_id"].nunique()
    return (
        reopened.groupby("vendor")["ticket_id"].nunique().reindex(solved.index, fill_value=0)
        / solved
    )


def _repeat_rate(tickets: pd.DataFrame, days: int = 7) -> pd.Series:
    known = tickets.dropna(subset=["category"]).sort_values("created_at")
    following = known.groupby(["vendor", "account", "category"])["created_at"].shift(-1)
    repeat = (following - known["created_at"]) <= pd.Timedelta(days=days)
    return repeat.groupby(known["vendor"]).mean()


def test_hollow_first_replies_ordered_as_documented(
    frames: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    share = _hollow_share(frames[1])
    assert share["Relay"] > 0.7 and share["Panda"] > 0.5
    assert share["Nimbus"] > share["Aurora"]
    assert share["Aurora"] < 0.1 and share["Dune"] < 0.1


def test_reopens_ordered_as_documented(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    rate = _reopen_rate(frames[1])
    assert rate["Nimbus"] == rate.max() and rate["Nimbus"] > 0.15
    assert rate["Aurora"] < 0.08


def test_repeat_failures_ordered_as_documented(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    rate = _repeat_rate(frames[0])
    assert rate["Nimbus"] == rate.max()
    assert rate["Nimbus"] > 2 * rate["Aurora"]


def test_truth_agrees_with_the_tables(
    dataset: SyntheticDataset, frames: tuple[pd.DataFrame, pd.DataFrame]
) -> None:
    share = _hollow_share(frames[1])
    for name, truth in dataset.truth.items():
        assert truth.hollow_first_response_share == pytest.approx(share[name], abs=0.08), name
    assert dataset.truth["Nimbus"].reopen_rate == pytest.approx(
        _reopen_rate(frames[1])["Nimbus"], abs=0.02
    )


def test_office_hours_vendor_answers_nights_next_morning(dataset: SyntheticDataset) -> None:
    panda = dataset.truth["Panda"]
    assert panda.calendar_description == "Asia/Shanghai Mon-Fri 09:00-18:00 + CN holidays"
    assert panda.first_response_median_min_off_hours is not None
    assert panda.first_response_median_min_off_hours < 30  # the hollow acknowledgement
    assert panda.substantive_response_median_min_off_hours is not None
    assert panda.substantive_response_median_min_off_hours > 6 * 60
    assert panda.substantive_response_median_min_in_hours is not None
    assert panda.substantive_response_median_min_in_hours < 120
    assert panda.hollow_first_response_share is not None and panda.hollow_first_response_share > 0.5


def test_round_the_clock_vendor_is_fast_and_solves_in_one_touch(dataset: SyntheticDataset) -> None:
    aurora, relay = dataset.truth["Aurora"], dataset.truth["Relay"]
    assert aurora.first_response_median_min_off_hours is None
    assert aurora.substantive_response_median_min_in_hours is not None
    assert aurora.substantive_response_median_min_in_hours < 20
    assert aurora.one_touch_share is not None and relay.one_touch_share is not None
    assert aurora.one_touch_share > 0.25 > relay.one_touch_share
    assert aurora.resolution_median_min is not None and relay.resolution_median_min is not None
    assert relay.resolution_median_min > 10 * aurora.resolution_median_min


def test_quick_acknowledger_parks_tickets_pending_and_on_hold(
    frames: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    events = frames[1]
    parked = events[events["status"].isin(["pending", "on_hold"])].groupby("vendor").size()
    per_ticket = parked / frames[0].groupby("vendor").size()
    assert per_ticket["Relay"] == per_ticket.max()


def test_tickets_peak_in_the_local_evening(frames: tuple[pd.DataFrame, pd.DataFrame]) -> None:
    tickets = frames[0]
    local_hour = pd.Series(
        [
            ts.tz_convert(zone).hour
            for ts, zone in zip(tickets["created_at"], tickets["timezone"], strict=True)
        ],
        index=tickets.index,
    )
    evening = local_hour.between(19, 22).mean()
    assert evening > 0.3  # 5 of 24 hours carry well over a fifth of tickets


def test_ramadan_moves_the_peak_to_late_night_in_muslim_regions(
    frames: tuple[pd.DataFrame, pd.DataFrame],
) -> None:
    tickets = frames[0]
    gulf = tickets[tickets["region"].isin(["SA", "AE", "EG", "ID", "MY", "TR"])]
    local = pd.Series(
        [
            ts.tz_convert(zone)
            for ts, zone in zip(gulf["created_at"], gulf["timezone"], strict=True)
        ],
        index=gulf.index,
    )
    in_ramadan = local.map(lambda t: RAMADAN_2026[0] <= t.date() <= RAMADAN_2026[1])
    night = local.map(lambda t: t.hour >= 23 or t.hour < 4)
    assert night[in_ramadan].mean() > night[~in_ramadan].mean() + 0.1


@pytest.mark.parametrize("seed", [1, 2])
def test_probe_answers_cover_key_points_as_often_as_the_vendor_is_skilled(seed: int) -> None:
    tables = generate_dataset(1500, seed=seed).tables
    tickets, events = tables["tickets"].to_pandas(), tables["events"].to_pandas()
    points = {p.probe_id: p.key_points for p in PROBES}
    probed = tickets.dropna(subset=["probe_id"]).set_index(["vendor", "ticket_id"])["probe_id"]
    replies = events[events["kind"] == "agent_reply"].groupby(["vendor", "ticket_id"])["body"]
    covered: dict[str, list[float]] = {}
    for (vendor, ticket_id), probe_id in probed.items():
        text = " ".join(replies.get_group((vendor, ticket_id))) if (vendor, ticket_id) in \
            replies.groups else ""  # fmt: skip
        named = [point in text for point in points[probe_id]]
        covered.setdefault(vendor, []).extend(named)
    skill = {p.name: p.expertise for p in VENDOR_PROFILES}
    shares = {vendor: sum(named) / len(named) for vendor, named in covered.items()}
    # Every probe goes to every vendor: about 45 key points each, a share near its skill.
    assert set(shares) == set(skill)
    assert all(abs(shares[v] - skill[v]) < 0.25 for v in shares)
    assert max(shares, key=shares.__getitem__) == "Aurora"
    assert min(shares, key=shares.__getitem__) == "Nimbus"
