"""Hand-checked replies per label, in Chinese and English, including the hard cases."""

from __future__ import annotations

import pytest

from supportgauge.text import LABELS, classify_text

CASES = [
    # acknowledgement only: polite but empty
    ("好的我们知道了", {"acknowledgement_only"}),
    ("您好，您的问题已收到，技术正在排查中，请耐心等待~", {"acknowledgement_only"}),
    ("Thanks for reaching out! Our team is looking into it.", {"acknowledgement_only"}),
    (
        "We sincerely apologize for the inconvenience and thank you for your patience.",
        {"acknowledgement_only"},
    ),
    # a promise of an update with nothing else is still hollow
    (
        "收到，已反馈给研发，有进展第一时间通知您。",
        {"acknowledgement_only", "next_update"},
    ),
    (
        "We've escalated this internally and will keep you posted.",
        {"acknowledgement_only", "next_update"},
    ),
    # deferral to business hours
    (
        "现在是非工作时间，工单已记录，工作日会有工程师处理。",
        {"acknowledgement_only", "defers_to_business_hours"},
    ),
    (
        "Our engineers are offline for the weekend and will pick this up during business hours.",
        {"acknowledgement_only", "defers_to_business_hours"},
    ),
    # generic advice, also dressed in jargon
    ("换个网络试试", {"generic_advice"}),
    ("建议用户重启一下手机，或者卸载重装app。", {"generic_advice"}),
    (
        "Please optimize your network environment and ensure sufficient bandwidth.",
        {"generic_advice"},
    ),
    ("Kindly clear the cache and try again later.", {"generic_advice"}),
    # asks for info
    ("麻烦提供一下频道名、uid和出问题的时间点，我们查一下日志。", {"asks_for_info"}),
    ("Could you share the App ID, channel name and SDK version?", {"asks_for_info"}),
    # diagnosis without ETA
    (
        "日志显示推流地址的txTime已过期，鉴权失败返回403，所以推不上流。",
        {"diagnosis"},
    ),
    (
        "The freezes come from the host device: CPU stays above 95% and the encoder "
        "drops to 4 fps.",
        {"diagnosis"},
    ),
    # ETA without diagnosis
    ("修复版本预计明天上午10点前发布。", {"eta"}),
    ("The fix will be deployed within 2 hours.", {"eta"}),
    # action
    ("我们已经把您的流量切到了备用节点。", {"action"}),
    ("We have rolled back the config change on our gateway.", {"action"}),
    # the full expert answer
    (
        "已定位到XX区域的CDN节点异常，正在切换备用节点，预计15分钟内恢复，我们会同步问题报告给您",
        {"diagnosis", "action", "eta", "next_update"},
    ),
    (
        "Root cause: our edge node in Riyadh had packet loss. Traffic has been switched to Jeddah; "
        "we expect recovery within 15 minutes and will send an incident report.",
        {"diagnosis", "action", "eta", "next_update"},
    ),
    # mixed language
    (
        "Root cause已经找到了：新加坡的access gateway做了config变更，"
        "导致join timeout。已经rollback。",
        {"diagnosis", "action"},
    ),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_reply_gets_exactly_its_labels(text: str, expected: set[str]) -> None:
    assert set(classify_text(text).labels) == expected


def test_labels_come_in_spec_order() -> None:
    labels = classify_text(CASES[20][0]).labels
    assert list(labels) == [label for label in LABELS if label in labels]


def test_a_device_or_network_step_beside_a_diagnosis_is_still_generic_advice() -> None:
    # The rubric labels what the reply does: it locates the cause and puts a step on the user.
    text = "上行丢包率达到30%是主播网络导致的，您也可以让主播切换网络。"
    assert classify_text(text).labels == ("generic_advice", "diagnosis")
    text = "It is probably caused by a stale session token. Please clear the browser cache."
    assert classify_text(text).labels == ("generic_advice", "diagnosis")


def test_a_page_or_channel_beside_a_diagnosis_is_no_generic_advice() -> None:
    text = "推流失败是因为鉴权签名过期，详情可以参考文档。"
    assert classify_text(text).labels == ("diagnosis",)
    text = "The SDK drops audio because the route switch disables AEC; see this article."
    assert classify_text(text).labels == ("diagnosis",)


def test_nothing_beside_a_vendor_side_fix_is_generic_advice() -> None:
    text = "We fixed the edge node config; you can also restart the app."
    assert "generic_advice" not in classify_text(text).labels


def test_empty_and_missing_text_have_no_labels() -> None:
    assert classify_text("").labels == ()
    assert classify_text(None).labels == ()
