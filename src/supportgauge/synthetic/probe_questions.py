"""Stress-test probes: hard scenario questions for every vendor, and what a good answer says."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyarrow as pa


@dataclass(frozen=True)
class Probe:
    """One probe question (English and Chinese) and the key points of a good answer."""

    probe_id: str
    scenario: str
    category: str
    question_en: str
    question_zh: str
    key_points: tuple[str, ...]


PROBES: tuple[Probe, ...] = (
    Probe("PRB-01", "one_to_one_social", "join_failure",
          "About 8% of 1v1 calls in Saudi Arabia fail to join at 22:00 local with error 110. "
          "What do you check first, and what would you change?",
          "沙特晚上22点约8%的1v1通话进房失败，错误码110。你们先查什么，怎么改？",
          ("token expiry and renewal", "uid and channel consistency", "edge node scheduling",
           "join success rate by region and hour", "firewall or proxy")),
    Probe("PRB-02", "one_to_one_social", "first_frame_slow",
          "First video frame takes over 3 s for callers in Indonesia. "
          "How do you break that time down?",
          "印尼用户1v1首帧超过3秒，你们如何拆解这段耗时？",
          ("DNS and node scheduling", "join vs subscribe timing", "GOP / keyframe interval",
           "decoder init", "pre-join")),
    Probe("PRB-03", "one_to_one_social", "high_latency",
          "Brazil-to-Mexico calls show e2e delay above 800 ms at evening peak. "
          "Where is the time spent?",
          "巴西到墨西哥的通话晚高峰端到端延时超过800ms，时间花在哪里？",
          ("cross-region path", "edge node selection", "RTT and jitter buffer", "carrier / ISP")),
    Probe("PRB-04", "show_live", "stream_disconnect",
          "Hosts in Egypt are disconnected after 2-3 hours of live streaming. "
          "What is your analysis?",
          "埃及主播直播2-3小时后断流，你们怎么分析？",
          ("disconnect reason code", "push URL validity (txTime)", "no-data timeout",
           "auto-reconnect", "uplink bandwidth")),
    Probe("PRB-05", "show_live", "pk_cohost_latency",
          "PK battles between Riyadh and Jakarta hosts have 1.5 s delay. How would you cut it?",
          "利雅得和雅加达主播PK延迟1.5秒，如何降低？",
          ("cross-channel media relay", "mixed stream / transcoding", "CDN vs RTC latency",
           "node placement")),
    Probe("PRB-06", "show_live", "push_failure",
          "OBS push over RTMP fails with errcode 18 sub 301 for some hosts. What is wrong?",
          "部分主播用OBS走RTMP推流报 errcode 18 sub 301，是什么问题？",
          ("push URL signature / txSecret", "port 1935 and firewall", "push URL already in use",
           "push domain CNAME")),
    Probe("PRB-07", "voice_room", "echo_howling",
          "In 8-mic voice rooms listeners hear echo when a host uses the speakerphone. Fix?",
          "8麦语聊房里主播开外放时听众听到回声，怎么解决？",
          ("AEC mode", "speakerphone vs headphone route", "external sound card loopback", "AGC")),
    Probe("PRB-08", "voice_room", "noise",
          "Hosts singing in voice rooms get their music cut by noise suppression. What settings?",
          "语聊房主播唱歌时音乐被降噪吃掉，该怎么配置？",
          ("ANS level", "AI noise suppression", "music scene detection", "transient noise")),
    Probe("PRB-09", "game_voice", "audio_freeze",
          "Squad voice in a mobile game stutters on 4G in the Philippines. What do you look at?",
          "菲律宾4G网络下手游小队语音断断续续，你们看哪些指标？",
          ("audio loss rate", "jitter buffer", "FEC / PLC", "Opus bitrate", "weak network")),
    Probe("PRB-10", "game_voice", "high_latency",
          "Game voice delay in Turkey rises to 600 ms during matches. How do you locate it?",
          "土耳其游戏语音对局中延时升到600ms，怎么定位？",
          ("e2e delay breakdown", "RTT / jitter", "nearest access node", "cross-border link")),
)  # fmt: skip


def probes_table() -> pa.Table:
    """The canonical probes table (question in English and Chinese)."""
    return pa.table(
        {
            "probe_id": [p.probe_id for p in PROBES],
            "scenario": [p.scenario for p in PROBES],
            "question": [f"{p.question_en} / {p.question_zh}" for p in PROBES],
            "key_points": ["; ".join(p.key_points) for p in PROBES],
        }
    )


def probe_texts() -> list[str]:
    """Question texts laid out as [probe 0 en, probe 0 zh, probe 1 en, ...]."""
    return [text for p in PROBES for text in (p.question_en, p.question_zh)]


# A probe has at most this many key points: its answers are laid out by subset bit mask.
MAX_KEY_POINTS = 5
_ANSWER_OPENING = {"en": "For this we checked: ", "zh": "针对这个问题我们排查了："}
_ANSWER_CLOSING = {"en": ". We will confirm against your logs.", "zh": "。我们会结合日志确认。"}
# What a vendor says when it covers none of the key points: escalation and generic advice.
_EMPTY_ANSWER = {
    "en": "We have passed this to our engineers. Please switch network and restart the app.",
    "zh": "已反馈给技术同事，建议切换网络并重启应用后再试。",
}


def probe_answer_texts() -> list[str]:
    """Answers to every probe, laid out as [(probe, language en/zh, key-point mask)], each
    naming the key points of its mask (a reply covering them, in the probe's own words)."""
    texts = []
    for probe in PROBES:
        for language in ("en", "zh"):
            for mask in range(2**MAX_KEY_POINTS):
                named = [point for bit, point in enumerate(probe.key_points) if mask >> bit & 1]
                if not named:
                    texts.append(_EMPTY_ANSWER[language])
                    continue
                separator = "; " if language == "en" else "；"
                texts.append(
                    _ANSWER_OPENING[language] + separator.join(named) + _ANSWER_CLOSING[language]
                )
    return texts


def probe_answers(
    rng: np.random.Generator, probe_of: np.ndarray, language: np.ndarray, skill: np.ndarray
) -> np.ndarray:
    """Per ticket, the position in `probe_answer_texts` of its probe answer (-1 for ordinary
    tickets): each key point is covered with the chance of the vendor's skill (`expertise`)."""
    covered = rng.random((len(probe_of), MAX_KEY_POINTS)) < skill[:, None]
    points = np.array([len(p.key_points) for p in PROBES])[np.maximum(probe_of, 0)]
    covered &= np.arange(MAX_KEY_POINTS)[None, :] < points[:, None]
    mask = (covered * (1 << np.arange(MAX_KEY_POINTS))).sum(axis=1)
    place = (np.maximum(probe_of, 0) * 2 + language) * 2**MAX_KEY_POINTS + mask
    return np.where(probe_of >= 0, place, -1)


def assign_probes(rng: np.random.Generator, vendor: np.ndarray, vendors: int) -> np.ndarray:
    """Probe index per ticket (-1 for ordinary tickets): every probe is sent to every vendor
    with 20 tickets per probe (fewer probes, at most one in 20 tickets, to smaller ones)."""
    probe_of = np.full(len(vendor), -1, dtype=np.int64)
    for index in range(vendors):
        mine = np.flatnonzero(vendor == index)
        count = min(len(PROBES), len(mine) // 20)
        chosen = rng.choice(mine, size=count, replace=False) if count else mine[:0]
        probe_of[chosen] = rng.permutation(len(PROBES))[:count]
    return probe_of
