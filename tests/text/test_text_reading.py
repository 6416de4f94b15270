"""Negation, questions, quoted customer text, signatures and the evidence behind labels."""

from __future__ import annotations

import time

import pytest

from supportgauge.text import classify_text
from supportgauge.text.vendor_words import sentences, vendor_text


@pytest.mark.parametrize(
    "text",
    [
        "不是网络问题。",
        "This is not a CDN issue.",
        "经排查，不是服务端的问题，也不是CDN节点的问题。",
        "We have not located the root cause yet.",
        "暂未定位到原因，研发还在看。",
        "We checked our servers and found no packet loss on our side.",
    ],
)
def test_a_negated_cause_is_not_a_diagnosis(text: str) -> None:
    assert "diagnosis" not in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "It is not a network problem on your side; our edge node in Riyadh had packet loss.",
        "不是网络问题，而是我们新加坡机房的网关过载导致的。",
        "The cause is not the SDK but an expired certificate on our load balancer.",
    ],
)
def test_a_diagnosis_after_a_negated_cause_still_counts(text: str) -> None:
    assert "diagnosis" in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "Is it a CDN issue?",
        "是不是CDN节点异常导致的？",
        "会不会是边缘节点丢包引起的呢？",
        "Could it be caused by packet loss on our edge node?",
    ],
)
def test_a_question_is_not_a_diagnosis(text: str) -> None:
    assert "diagnosis" not in classify_text(text).labels


def test_a_negated_advice_is_not_generic_advice() -> None:
    assert "generic_advice" not in classify_text("无需重启app，我们已经切换了节点。").labels


def test_quoted_lines_are_not_the_vendors_words() -> None:
    text = "Thanks, we are looking into it.\n\n> Please switch network and restart the app?\n"
    assert classify_text(text).labels == ("acknowledgement_only",)


@pytest.mark.parametrize(
    "header",
    [
        "On Mon, Mar 9, 2026 at 21:14, Omar <omar@client.com> wrote:",
        "-----Original Message-----\nFrom: ops@client.com\nSent: Monday",
        "在 2026年3月14日 21:05，客户 写道：",
    ],
)
def test_text_after_a_quote_header_is_dropped(header: str) -> None:
    text = f"已收到，正在排查。\n\n{header}\n日志显示CDN节点异常，请切换网络，预计10分钟内恢复。"
    result = classify_text(text)
    assert result.labels == ("acknowledgement_only",)
    assert result.terms == ()


@pytest.mark.parametrize(
    "signature",
    [
        "Best regards,\nLina | Switch network? Call our 24/7 hotline",
        "祝好\nXX云技术支持 | 换个网络试试",
        "Thanks,\nKevin\nRTC Support - restart the app",
    ],
)
def test_signature_is_stripped(signature: str) -> None:
    text = f"We have received your ticket.\n\n{signature}"
    assert classify_text(text).labels == ("acknowledgement_only",)


def test_greeting_is_removed_from_vendor_text() -> None:
    assert vendor_text("您好，已收到。").strip() == "已收到。"
    assert vendor_text("Hi Ahmed,\nnoted.").strip() == "noted."


def test_sentences_keep_their_terminators() -> None:
    assert sentences("节点异常。正在切换！ok? done") == ["节点异常。", "正在切换！", "ok?", "done"]


def test_each_label_shows_the_phrases_that_triggered_it() -> None:
    result = classify_text(
        "已定位到XX区域的CDN节点异常，正在切换备用节点，预计15分钟内恢复，我们会同步问题报告给您"
    )
    assert "cdn节点异常" in result.evidence["diagnosis"]
    assert result.evidence["action"] == ("正在切换",)
    assert "15分钟内" in result.evidence["eta"]
    assert "同步问题报告" in result.evidence["next_update"]
    assert set(result.evidence) == set(result.labels)


def test_a_hollow_reply_shows_what_made_it_hollow() -> None:
    result = classify_text("We have received your request and will get back to you.")
    assert "we have received" in result.evidence["acknowledgement_only"]
    assert "will get back to you" in result.evidence["acknowledgement_only"]


def test_a_pasted_log_without_punctuation_stays_fast() -> None:
    log = "edge node server link route cluster gateway " * 500 + "节点服务器链路网关" * 1000
    started = time.perf_counter()
    classify_text(log)
    assert time.perf_counter() - started < 5
