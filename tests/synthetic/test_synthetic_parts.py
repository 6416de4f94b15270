"""The generator's parts: staffed hours, text pools, vendor calendars."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest

from supportgauge.synthetic import VENDOR_PROFILES, calendars_toml
from supportgauge.synthetic.customer_regions import REGIONS
from supportgauge.synthetic.issue_catalogue import CATEGORIES, category_words
from supportgauge.synthetic.profiles import StaffingHours
from supportgauge.synthetic.staffing import staffed_intervals
from supportgauge.synthetic.templates import Text
from supportgauge.synthetic.text_pool import LANGUAGES, text_pool

SHANGHAI = StaffingHours("cn", "Asia/Shanghai", (0, 1, 2, 3, 4), 9, 18, "CN")


def _utc(*parts: int) -> int:
    return int(dt.datetime(*parts, tzinfo=dt.UTC).timestamp())


@pytest.mark.parametrize(
    ("start", "work_min", "expected"),
    [
        # Friday 2026-01-09 17:50 Shanghai + 30 min: 10 min left, resumes Monday 09:00.
        (_utc(2026, 1, 9, 9, 50), 30, _utc(2026, 1, 12, 1, 20)),
        # Saturday night: work starts Monday 09:00 Shanghai (01:00 UTC).
        (_utc(2026, 1, 10, 14, 0), 45, _utc(2026, 1, 12, 1, 45)),
        # Spring Festival holidays, then the make-up working Saturday 2026-02-28.
        (_utc(2026, 2, 16, 2, 0), 60, _utc(2026, 2, 24, 2, 0)),
        (_utc(2026, 2, 27, 12, 0), 30, _utc(2026, 2, 28, 1, 30)),
        # Inside hours: plain addition.
        (_utc(2026, 1, 6, 2, 0), 90, _utc(2026, 1, 6, 3, 30)),
    ],
)
def test_work_moves_to_the_next_staffed_minute(start: int, work_min: int, expected: int) -> None:
    hours = staffed_intervals(SHANGHAI, dt.date(2026, 1, 1), dt.date(2026, 3, 31))
    result = hours.advance(np.array([start]), np.array([work_min * 60]))
    assert int(result[0]) == expected


def test_is_open_follows_local_office_hours() -> None:
    hours = staffed_intervals(SHANGHAI, dt.date(2026, 1, 1), dt.date(2026, 1, 31))
    instants = np.array([_utc(2026, 1, 6, 1, 0), _utc(2026, 1, 6, 10, 0), _utc(2026, 1, 10, 3, 0)])
    assert hours.is_open(instants).tolist() == [True, False, False]


def test_calendar_toml_describes_the_office_desks() -> None:
    text = calendars_toml()
    assert '[calendars.panda_office]\ntimezone = "Asia/Shanghai"\nmon = ["09:00-18:00"]' in text
    assert 'holidays = ["CN"]' in text
    assert "sat" not in text.split("[calendars.dune_office]")[0]
    for profile in VENDOR_PROFILES:
        assert f'[vendors.{profile.name}]\ncalendar = "{profile.calendar}"' in text


def test_pool_has_varied_texts_for_every_cell() -> None:
    pool = text_pool()
    assert (pool.sizes[:, :, 0, 0] > 0).all()
    rng = np.random.default_rng(0)
    rows = 500
    picked = pool.pick(
        rng,
        Text.DESCRIPTION,
        np.zeros(rows, dtype=int),
        rng.integers(0, len(CATEGORIES), rows),
        rng.integers(0, len(REGIONS), rows),
    )
    assert len(set(pool.texts.take(picked).to_pylist())) > 0.8 * rows


@pytest.mark.parametrize("language", range(len(LANGUAGES)))
def test_expert_diagnoses_use_the_categorys_terms(language: int) -> None:
    pool = text_pool()
    category = CATEGORIES.index("echo_howling")
    words = category_words()["echo_howling"]
    terms = [t.lower() for t in words.terms_en + words.terms_zh]
    start = pool.starts[Text.DIAGNOSIS, language, category, 0]
    size = pool.sizes[Text.DIAGNOSIS, language, category, 0]
    texts = pool.texts[start : start + size].to_pylist()
    assert all(any(term in text.lower() for term in terms) for text in texts)


def test_chinese_and_english_texts_differ_in_script() -> None:
    pool = text_pool()
    english = pool.texts[pool.starts[Text.HOLLOW_ACK, 0, 0, 0]].as_py()
    chinese = pool.texts[pool.starts[Text.HOLLOW_ACK, 1, 0, 0]].as_py()
    assert english.isascii() and not chinese.isascii()
