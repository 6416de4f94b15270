"""Issue category inference and the terms relevant to a category or scenario."""

from __future__ import annotations

import pytest

from supportgauge.text import classify_text, infer_category, relevant_terms


@pytest.mark.parametrize(
    ("subject", "description", "category"),
    [
        ("直播间观众看到卡顿", "晚高峰时段利雅得用户画面一卡一卡的", "video_freeze"),
        ("Users can't join the channel", "Error 110 on join since 14:00", "join_failure"),
        ("OBS推流失败", "推流地址报错403", "push_failure"),
        ("Echo in voice room", "hosts hear themselves when on speaker", "echo_howling"),
        ("PK延迟很大", "两个主播连麦时对方声音延迟2秒", "pk_cohost_latency"),
        ("Black screen in 1v1 call", "only audio no video on some Huawei phones", "black_screen"),
        ("音画不同步", "观众端声音比画面快", "av_desync"),
        ("Relay to YouTube failed", None, "cdn_relay_fault"),
        ("断流", "主播直播中断", "stream_disconnect"),
        (None, None, None),
        ("Invoice question", "please send the March invoice", None),
    ],
)
def test_infer_category_from_subject_and_description(
    subject: str | None, description: str | None, category: str | None
) -> None:
    assert infer_category(subject, description) == category


def test_subject_outweighs_a_wandering_description() -> None:
    assert infer_category(
        "No sound", "it started after users complained about the blurry video"
    ) == ("no_audio_low_volume")


def test_terms_are_normalised_across_languages() -> None:
    zh = classify_text("上行丢包率在25%左右，关键帧间隔是10秒。")
    en = classify_text("Uplink packet loss is around 25% and the keyframe interval is 10 s.")
    assert set(zh.terms) == set(en.terms) == {"packet_loss", "keyframe_interval"}


def test_relevant_terms_keep_the_categorys_own_vocabulary() -> None:
    terms = ("aec", "packet_loss", "token", "audio_route")
    assert relevant_terms(terms, "echo_howling") == ("aec", "audio_route")
    assert relevant_terms(terms, "join_failure") == ("token",)
    assert relevant_terms(terms, None) == ()


def test_relevant_terms_for_a_scenario_cover_its_focus_categories() -> None:
    terms = ("aec", "ans", "transcoding", "token")
    assert relevant_terms(terms, "voice_room") == ("aec", "ans", "token")
    assert relevant_terms(terms, "show_live") == ("transcoding",)


def test_category_hint_wins_over_the_guess() -> None:
    text = "We switched the CDN node."
    assert classify_text(text).category == "cdn_relay_fault"
    assert classify_text(text, category_hint="video_freeze").category == "video_freeze"
