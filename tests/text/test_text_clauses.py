"""The clause reader: openers, explaining, advising and asking clauses, and their evidence."""

from __future__ import annotations

import pytest

from supportgauge.text import classify_table, classify_text


@pytest.mark.parametrize(
    "text",
    [
        "AEC was disabled by the audio route switch.",
        "The bitrate is capped at 600 kbps by your encoder profile.",
        "The hardware decoder fails on 1080p H.265.",
        "The echo returns because the speakerphone route bypasses the AEC module on this device.",
        "Screen sharing is not supported on iOS 12; it needs ReplayKit 2.",
        "推流中断是因为推流地址里的鉴权签名已过期。",
        "目前小程序端暂不支持屏幕共享。",
        "这属于服务端转码模板的限制，只能输出720p。",
    ],
)
def test_an_explaining_clause_is_a_diagnosis(text: str) -> None:
    assert "diagnosis" in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "非常抱歉给您带来困扰。这台设备的电池问题属于保修范围，可以到店免费更换。",
        "Sorry for the trouble! This happens because the web SDK keeps the mic muted after a "
        "device change.",
        "很抱歉让您久等了，请问您用的是哪个版本的SDK？",
    ],
)
def test_an_apology_opener_does_not_make_a_reply_hollow(text: str) -> None:
    labels = classify_text(text).labels
    assert "acknowledgement_only" not in labels
    assert labels


@pytest.mark.parametrize(
    "text",
    [
        "非常抱歉给您带来不便，我们已记录您的问题，会尽快处理。",
        "We apologize for the inconvenience and are looking into it.",
    ],
)
def test_an_apology_with_nothing_else_is_hollow(text: str) -> None:
    assert classify_text(text).labels == ("acknowledgement_only",)


@pytest.mark.parametrize(
    "text",
    [
        "建议您清除应用数据后重新登录试试。",
        "您可以进入设置-通用里打开自动更新，看看是否恢复正常。",
        "Please make sure the app is up to date and try again.",
        "For billing questions please call our hotline or submit a ticket in the help center.",
        "Have you tried signing out and back in?",
    ],
)
def test_advice_forms_and_other_channels_are_generic_advice(text: str) -> None:
    labels = classify_text(text).labels
    assert "generic_advice" in labels
    assert "asks_for_info" not in labels


def test_advice_that_names_a_code_setting_is_not_generic() -> None:
    text = "You can set `audio_scenario` to chatroom in the join options."
    assert "generic_advice" not in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "请问您用的是哪个浏览器？",
        "Which browser and version do you see this on?",
        "请把订单号私信给我们。",
        "Please DM us your account email and the order number.",
    ],
)
def test_a_specific_question_or_request_asks_for_info(text: str) -> None:
    assert "asks_for_info" in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    ["Is it still happening?", "请问还有什么可以帮您的吗？", "请问还有这个问题吗？"],
)
def test_a_status_check_or_a_vague_question_asks_for_nothing(text: str) -> None:
    assert "asks_for_info" not in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "It is probably caused by your network, please switch networks.",
        "卡顿可能是网络波动导致的，建议换个网络。",
        "由于目前是非工作时间，我们会在工作日处理。",
    ],
)
def test_a_vague_or_calendar_cause_is_no_diagnosis(text: str) -> None:
    assert "diagnosis" not in classify_text(text).labels


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Fixed in 3.2.1, please upgrade.", "action"),
        ("这个问题在 4.0.2 已经修复了。", "action"),
        ("The fix will ship in 2.8.0.", "eta"),
        ("It can take up to 48 hours for the credit to show.", "eta"),
    ],
)
def test_fixes_and_named_releases(text: str, label: str) -> None:
    assert label in classify_text(text).labels


def test_an_unnamed_next_release_is_no_eta() -> None:
    assert "eta" not in classify_text("We will fix it in the next release.").labels


def test_an_aec_whitelist_is_not_the_firewall_term() -> None:
    assert "firewall_whitelist" not in classify_text("We added it to the AEC whitelist.").terms
    assert "firewall_whitelist" in classify_text("Open the IP whitelist on port 443.").terms


def test_each_label_shows_the_clause_it_was_read_in() -> None:
    result = classify_text("您好，很抱歉。推流失败是因为鉴权签名过期，建议您重新登录试试。")
    assert result.clauses["diagnosis"] == ("推流失败是因为鉴权签名过期",)
    assert "是因为" in result.evidence["diagnosis"]
    # Advice next to a located cause is an extra step, not the substance.
    assert result.labels == ("diagnosis",)


def test_placeholders_links_and_versions_keep_both_paths_equal() -> None:
    texts = [
        "ph_name, please see https://help.example.com/articles/42 for the steps: 1. restart.",
        "请参考 https://example.com/docs#a，升级到 v2.3.1 后重试。",
        "Thanks ph_user; the `LICENCE_KEY` in config.json is wrong, so auth fails (code 1201).",
    ]
    batch = classify_table(texts)["labels"].to_pylist()
    assert batch == [list(classify_text(t).labels) for t in texts]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Your token has expired, so the server rejects the join.", {"diagnosis"}),
        ("该功能在海外区域未开通。", {"diagnosis"}),
        ("We went ahead and reset your password.", {"action"}),
        ("您的退款已处理，预计3个工作日内到账。", {"action", "eta"}),
        ("We've passed this along to the team.", {"acknowledgement_only"}),
        ("Would you like us to call you?", set()),
        ("The recording job failed after the storage key was rotated.", {"diagnosis"}),
        ("推流没问题 卡顿是因为转码模板的码率太低", {"diagnosis"}),
        ("Screen damage is not covered by the warranty.", {"diagnosis"}),
        ("We have arranged a technician visit for tomorrow morning.", {"action", "eta"}),
        ("Let us know if the problem persists.", set()),
        ("Echo cancellation is off by default on web clients.", {"diagnosis"}),
        ("There is a bug in the Android SDK's reconnect logic.", {"diagnosis"}),
        ("The fix was merged into the 3.1 branch.", {"action"}),
        ("回声和设备的扬声器音量有关。", {"diagnosis"}),
        ("画质和网络有关，建议换个网络。", {"generic_advice"}),
    ],
)
def test_general_cues_of_real_replies(text: str, labels: set[str]) -> None:
    assert set(classify_text(text).labels) == labels


@pytest.mark.parametrize(
    "text",
    [
        "Message us whenever you need help.",
        "Please let us know if anything else comes up.",
        "您提供的日志我们已经收到了。",
        "有结论会第一时间告知您。",
        "Kindly be informed that the ticket stays open for a week.",
    ],
)
def test_a_request_that_names_nothing_to_hand_over_asks_for_nothing(text: str) -> None:
    assert "asks_for_info" not in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "Could you please also share the logcat output from both phones?",
        "Please provide the following: app ID, channel name, failing UID.",
        "辛苦把出问题时段的SDK日志打包发我们一下。",
        "麻烦发一下`app.json`里`room_mode`的值。",
        "Are you testing on a physical device or in the simulator?",
    ],
)
def test_a_request_or_question_that_names_what_it_needs_asks_for_info(text: str) -> None:
    assert "asks_for_info" in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "Is it working for you now?",
        "请问现在好些了吗？",
        "Do you have any other questions?",
    ],
)
def test_a_yes_no_question_about_nothing_specific_asks_for_nothing(text: str) -> None:
    assert "asks_for_info" not in classify_text(text).labels


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # A hypothetical cuts its clause from the cue on; what comes before is still stated.
        ("The fix ships in 4.3.1 once QA signs it off.", "eta"),
        ("We suspect the echo comes from the headset's own noise processing.", "diagnosis"),
        ("这是蓝牙耳机的降噪和回声消除冲突导致的，方便发一下耳机型号吗？", "diagnosis"),
        ("这个限制是服务端为了防止刷量专门设置的。", "diagnosis"),
        ("需要先开通云录制服务，回调才会推送到您的服务器。", "diagnosis"),
        ("Screen sharing from Safari requires macOS 13 or later.", "diagnosis"),
        ("H.265 decoding will land in 4.5.0, which we plan to release next month.", "eta"),
        ("我们预计下个月发布的4.6版本会加上这个回调。", "eta"),
    ],
)
def test_shapes_of_explanation_and_expectation(text: str, label: str) -> None:
    assert label in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "We're on it and will update you within the hour.",
        "收到，我们已经安排工程师排查，两小时内给您同步进展。",
        "我们明天上午10点给您同步排查进展。",
    ],
)
def test_a_concrete_time_for_the_next_update_is_an_eta_so_not_hollow(text: str) -> None:
    # The rubric's ETA is any concrete time expectation, the next contact's included.
    assert classify_text(text).labels == ("eta", "next_update")


def test_an_update_promised_without_a_time_stays_hollow() -> None:
    labels = classify_text("We're on it and will update you as soon as we can.").labels
    assert labels == ("acknowledgement_only", "next_update")


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("我们检测到您的账号存在异常登录。", "generic_advice"),
        ("您的投诉我们已经收到。", "generic_advice"),
        ("I'll probably have more news next week.", "diagnosis"),
        ("You must be frustrated, sorry about that.", "diagnosis"),
        ("转人工请拨打400123456为您转接。", "diagnosis"),
    ],
)
def test_a_named_channel_or_a_loose_word_is_not_the_label(text: str, label: str) -> None:
    assert label not in classify_text(text).labels


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("Would you mind sending us the logs from both devices?", "asks_for_info"),
        ("We've fixed the reconnect bug in 3.2.1, could you try it and tell us?", "action"),
        ("这是编码器的问题，能发下日志吗？", "diagnosis"),
    ],
)
def test_a_request_or_a_statement_inside_a_question_still_counts(text: str, label: str) -> None:
    assert label in classify_text(text).labels


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # A connective after a Latin word opens a clause, so the negation stays in its own.
        ("黑屏不是SDK 这个是渲染视图的配置问题。", "diagnosis"),
        # A negation inside a condition leaves the clause it hangs on.
        (
            "The echo comes from the speaker route if no headset is plugged in.",
            "diagnosis",
        ),
        (
            "Version 3.0 will not be supported on devices without Metal.",
            "diagnosis",
        ),
        ("Your account was suspended after three failed payment attempts.", "diagnosis"),
        ("A replacement unit has been dispatched to your address.", "action"),
        ("已经为您安排师傅明天上门更换。", "action"),
    ],
)
def test_clause_breaks_conditions_and_states(text: str, label: str) -> None:
    assert label in classify_text(text).labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Thanks, I will pass this on to the team.", {"acknowledgement_only"}),
        ("Sorry to hear that, we are looking into the problem.", {"acknowledgement_only"}),
        # Escalation is not an action, however it is phrased.
        ("不好意思，已为您加急处理。", {"acknowledgement_only"}),
        ("Let us know if the issue persists on your device.", set()),
        ("Please let us know in order to help you.", set()),
        ("Please DM us the mobile number on the plan.", {"asks_for_info"}),
    ],
)
def test_forwarding_conditional_closings_and_contact_asks(text: str, labels: set[str]) -> None:
    assert set(classify_text(text).labels) == labels


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Playback in the EU is affected by a misconfigured CDN route.", True),
        ("PK quality is affected by both hosts' networks.", False),
    ],
)
def test_a_passive_cause_names_a_specific_cause_or_none(text: str, expected: bool) -> None:
    assert ("diagnosis" in classify_text(text).labels) is expected
