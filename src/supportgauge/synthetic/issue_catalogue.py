"""The generator's catalogue of RTC issues: categories with their symptoms, expert terms and
generic non-answers (the words it writes; `text/lexicon.py` holds the words the reader reads)."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from typing import Any

import yaml

CATEGORIES = (
    "join_failure",
    "push_failure",
    "stream_disconnect",
    "cdn_relay_fault",
    "video_freeze",
    "audio_freeze",
    "high_latency",
    "pk_cohost_latency",
    "first_frame_slow",
    "black_screen",
    "av_desync",
    "echo_howling",
    "noise",
    "no_audio_low_volume",
    "image_quality",
    "network_weak",
)

# Which issues each business scenario runs into, and how often (relative weights).
SCENARIO_CATEGORY_WEIGHTS: dict[str, dict[str, float]] = {
    "one_to_one_social": {
        "join_failure": 4, "first_frame_slow": 3, "high_latency": 3, "video_freeze": 4,
        "black_screen": 3, "network_weak": 3, "image_quality": 1, "av_desync": 1,
        "no_audio_low_volume": 1,
    },
    "show_live": {
        "push_failure": 3, "stream_disconnect": 4, "video_freeze": 4, "image_quality": 2,
        "cdn_relay_fault": 3, "pk_cohost_latency": 3, "av_desync": 1, "first_frame_slow": 1,
    },
    "voice_room": {
        "echo_howling": 4, "noise": 3, "no_audio_low_volume": 3, "audio_freeze": 4,
        "high_latency": 1, "join_failure": 2,
    },
    "game_voice": {
        "audio_freeze": 4, "high_latency": 4, "noise": 3, "echo_howling": 2,
        "join_failure": 2, "network_weak": 2,
    },
    "other": {category: 1.0 for category in CATEGORIES},
}  # fmt: skip

# Numbers an expert quotes from the call logs: (English label, Chinese label, unit, low, high).
METRIC_READINGS: dict[str, tuple[tuple[str, str, str, int, int], ...]] = {
    "loss": (("uplink packet loss", "上行丢包率", "%", 8, 45),),
    "rtt": (("RTT", "往返时延", "ms", 280, 900),),
    "jitter": (("jitter", "抖动", "ms", 60, 400),),
    "fps": (("upstream frame rate", "上行帧率", "fps", 3, 9),),
    "bitrate": (("upstream bitrate", "上行码率", "kbps", 80, 350),),
    "first_frame": (("first frame time", "首帧耗时", "ms", 1800, 6500),),
    "delay": (("e2e delay", "端到端延时", "ms", 600, 2400),),
    "audio_freeze": (("audio freeze rate", "音频卡顿率", "%", 4, 18),),
    "video_freeze": (("video freeze rate", "视频卡顿率", "%", 5, 22),),
    "av_sync": (("avSyncTimeMs", "音画偏差", "ms", 300, 1200),),
    "join": (("join success rate", "进房成功率", "%", 61, 89),),
}
CATEGORY_READINGS: dict[str, tuple[str, ...]] = {
    "join_failure": ("join", "rtt"),
    "push_failure": ("bitrate", "rtt"),
    "stream_disconnect": ("bitrate", "loss"),
    "cdn_relay_fault": ("rtt", "first_frame"),
    "video_freeze": ("fps", "loss", "video_freeze"),
    "audio_freeze": ("audio_freeze", "loss", "jitter"),
    "high_latency": ("delay", "rtt", "jitter"),
    "pk_cohost_latency": ("delay", "video_freeze"),
    "first_frame_slow": ("first_frame", "rtt"),
    "black_screen": ("fps", "bitrate"),
    "av_desync": ("av_sync", "jitter"),
    "echo_howling": ("audio_freeze", "delay"),
    "noise": ("audio_freeze", "jitter"),
    "no_audio_low_volume": ("bitrate", "audio_freeze"),
    "image_quality": ("bitrate", "fps"),
    "network_weak": ("loss", "rtt", "jitter"),
}
ERROR_CODES: dict[str, tuple[str, ...]] = {
    "join_failure": ("error 109", "error 110", "code 17", "错误码 8", "reason 14"),
    "push_failure": ("errcode 18 sub 301", "errcode -2", "code 1935", "errcode 18 sub 401"),
    "stream_disconnect": ("errcode 6", "errcode 7", "errcode 8", "errcode 12"),
    "cdn_relay_fault": ("error 3", "error 5", "error 9", "error 14"),
}


@dataclass(frozen=True)
class CategoryWords:
    """The words of one issue category, in English and Chinese."""

    name: str
    symptoms_en: tuple[str, ...]
    symptoms_zh: tuple[str, ...]
    terms_en: tuple[str, ...]
    terms_zh: tuple[str, ...]
    generic_en: tuple[str, ...]
    generic_zh: tuple[str, ...]


@functools.cache
def _taxonomy() -> dict[str, Any]:
    text = (
        resources.files("supportgauge.synthetic").joinpath("rtc_taxonomy.yaml").read_text("utf-8")
    )
    loaded: dict[str, Any] = yaml.safe_load(text)
    return loaded


@functools.cache
def category_words() -> dict[str, CategoryWords]:
    """Words per category, from the bundled taxonomy."""
    categories = _taxonomy()["categories"]
    return {
        name: CategoryWords(
            name=name,
            symptoms_en=tuple(categories[name]["symptoms_en"]),
            symptoms_zh=tuple(categories[name]["symptoms_zh"]),
            terms_en=tuple(categories[name]["expert_terms_en"]),
            terms_zh=tuple(categories[name]["expert_terms_zh"]),
            generic_en=tuple(categories[name]["generic_non_answers_en"]),
            generic_zh=tuple(categories[name]["generic_non_answers_zh"]),
        )
        for name in CATEGORIES
    }


@functools.cache
def generic_advice() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """User-side generic advice (English, Chinese) that any category can receive."""
    advice = _taxonomy()["reply_quality"]["generic_user_side_advice"]
    return tuple(advice["en"]), tuple(advice["zh"])
