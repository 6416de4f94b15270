"""Replies that carry their substance plainly: states of things, terse work reports, dates,
how-to answers behind an apology; and the cleaning and negation that must not hide them."""

from __future__ import annotations

import pytest

from supportgauge.text import classify_table, classify_text
from supportgauge.text.vendor_words import vendor_text


@pytest.mark.parametrize(
    "text",
    [
        "Your workspace is hosted in our Dublin region, where live captions are not offered.",
        "That phone number is registered to a prepaid line with roaming switched off.",
        "Your camera is still on firmware 3.1, which predates the night mode.",
        "The callback URL in your console still points at the old test server.",
        "The amount you saw is the deposit for the rental, returned after pickup.",
        "You're publishing with the audience role, which cannot send media.",
        "Refunds usually take three to five days to reach your card.",
        "The issue is that your SIM card doesn't support VoLTE.",
        "您的账号目前处于冻结状态。",
        "这张卡是登记在公司名下的。",
        "您的手机系统版本是8.1，这个功能从9.0起才支持。",
        "Dear, the speaker you bought is not within the scope of this promotion.",
        "Hello, this is a normal phenomenon while the new phone indexes your photos.",
        "Hello, the app on your TV is too old to play this format.",
    ],
)
def test_a_plain_statement_of_the_state_of_things_is_a_diagnosis(text: str) -> None:
    assert "diagnosis" in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "I've gone ahead and moved your booking to the larger room.",
        "We escalated this to the carrier and filed a case with them, reference CX-4410.",
        "we did the necessary cleanup on the staging database.",
        "the records are corrected now.",
        "Hi Jo. We re-synced your mailbox from our side.",
        "Support has now reactivated your licence.",
        "已经帮您把重复扣除的月费退还了。",
        "已经为您把套餐的问题处理好了。",
        "Hello, we have arranged the replacement for the cracked screen.",
    ],
)
def test_work_done_in_terse_or_coordinated_forms_is_an_action(text: str) -> None:
    assert "action" in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "The courier will deliver it on the 9th.",
        "The new firmware will be out by 4/20.",
        "The change goes out with the 2.8 release.",
        "The maintenance ends at 5am, then calls will connect again.",
        "The hotfix should go out in the next day or two.",
        "The mended bag will be sent back to you on Thursday.",
        "Your new card is expected to arrive on the 3rd.",
        "Offline mode is targeted for the 4.0 milestone.",
        "It ships with the coming release (v5.1).",
        "The redesign rolls out to all accounts over the next three weeks.",
    ],
)
def test_dates_ordinals_and_named_releases_are_etas(text: str) -> None:
    assert "eta" in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "Sorry about the delay! Saved cards can be managed in the Wallet tab under Payments.",
        "Thanks for your patience. The family plan costs $20 a month and covers five people.",
        "We're sorry to hear that. You'll need your booking code to change the seat.",
        "非常抱歉，补办时需要携带本人身份证，到任意营业厅即可。",
        "Apologies, to set it up tap Settings > Sharing > Invite and enter their email.",
    ],
)
def test_an_apology_before_a_how_to_or_a_fact_is_not_hollow(text: str) -> None:
    assert "acknowledgement_only" not in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "Thanks for reporting this, your case is in the queue and we will review it.",
        "Sorry, we're still checking this with our billing team.",
        "We're aware of an issue affecting some customers and are working on a fix.",
        "您的问题已经升级为P1，工程师正在紧急处理，每隔30分钟给您同步一次进展。",
    ],
)
def test_receipt_and_checking_with_a_team_stay_hollow(text: str) -> None:
    assert "acknowledgement_only" in classify_text(text).labels


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Sorry to hear that! Try clearing the app's storage first.",
            "generic_advice",
        ),
        ("Thanks for your note. Let's try a restart of the router first.", "generic_advice"),
        ("Apologies! Double-check that the headset is in pairing mode.", "generic_advice"),
        ("Thanks for telling us! Does it happen on both Wi-Fi and cellular?", "asks_for_info"),
    ],
)
def test_bare_imperatives_and_network_questions_behind_an_apology(text: str, label: str) -> None:
    labels = classify_text(text).labels
    assert label in labels
    assert "acknowledgement_only" not in labels


def test_an_update_heading_is_no_advice() -> None:
    assert "generic_advice" not in classify_text("Update: we rolled back the change.").labels


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Hi there. We refunded the order, thanks.", "we refunded the order"),
        ("Hello Sam. I reset your password.", "i reset your password"),
        ("Hello I reset your password, please log in.", "hello i reset your password"),
    ],
)
def test_a_greeting_ends_at_its_punctuation_and_keeps_the_substance(text: str, kept: str) -> None:
    assert kept in vendor_text(text)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # A negation far from the cause word names the cause; it does not deny one.
        ("The problem is that the token isn't valid for this channel.", "diagnosis"),
        ("This error occurs because the camera permission was not granted.", "diagnosis"),
    ],
)
def test_only_a_close_negation_denies_a_cause(text: str, label: str) -> None:
    assert label in classify_text(text).labels


def test_not_a_network_issue_is_still_no_diagnosis() -> None:
    assert "diagnosis" not in classify_text("It is not related to our servers.").labels


def test_an_informing_clause_shows_its_evidence_to_nobody_but_blocks_hollow() -> None:
    reading = classify_text("Sorry for the wait! Vouchers can be redeemed at checkout.")
    assert reading.labels == ()
    assert reading.evidence == {}


def test_both_paths_agree_on_this_rounds_shapes() -> None:
    texts = [
        "Hi there. Your line is still registered under your old employer.",
        "Sorry about that. Gift cards can be redeemed on the checkout page.",
        "I went in and removed the duplicate listing, the records are updated now.",
        "The problem is that the token isn't valid for this channel.",
        "维修好的机器下周寄回给您。",
    ]
    batch = classify_table(texts)["labels"].to_pylist()
    assert batch == [list(classify_text(t).labels) for t in texts]


@pytest.mark.parametrize(
    ("text", "label"),
    [
        (
            "Thanks for writing in. We're aware of an issue affecting logins on our EU gateway.",
            "diagnosis",
        ),
        ("Sorry! Members on the 2.2.0 release are seeing this after the update.", "diagnosis"),
        ("Apologies, the fault is on the carrier's side.", "diagnosis"),
        ("Sorry, the promotion ended on May 1.", "diagnosis"),
        ("Apologies, your card issuer has declined the charge.", "diagnosis"),
        ("We apologise. The pharmacy counter is closed for stocktaking today.", "diagnosis"),
        ("抱歉，这台平板不在本次促销的范围内。", "diagnosis"),
        ("不好意思，这个折扣仅针对年度会员。", "diagnosis"),
        ("抱歉，您家所在的片区还没有覆盖宽带。", "diagnosis"),
        ("抱歉，您的流量包已于上周到期。", "diagnosis"),
        ("很抱歉久等了，您的发票已经发出。", "action"),
    ],
)
def test_a_located_fact_behind_an_apology_is_not_hollow(text: str, label: str) -> None:
    labels = classify_text(text).labels
    assert label in labels
    assert "acknowledgement_only" not in labels


@pytest.mark.parametrize(
    "text",
    [
        "The technician will come by tomorrow between 10 and 12.",
        "We'll have the corrected firmware out on Monday.",
    ],
)
def test_a_visit_or_a_release_on_a_weekday_is_an_eta_not_a_deferral(text: str) -> None:
    labels = classify_text(text).labels
    assert "eta" in labels
    assert "defers_to_business_hours" not in labels


@pytest.mark.parametrize(
    "text",
    [
        "Our engineers are offline for the weekend; we will look at it on Monday.",
        "It's Sunday and the team is out. They'll review your ticket tomorrow when they're back.",
    ],
)
def test_taking_it_up_later_is_still_a_deferral(text: str) -> None:
    assert "defers_to_business_hours" in classify_text(text).labels


def test_a_closed_ticket_is_a_status_not_a_fact() -> None:
    reading = classify_text("Thanks, this ticket is closed since no further help is needed.")
    assert "diagnosis" not in reading.labels


@pytest.mark.parametrize(
    "text",
    [
        # A negation after a causal verb is the effect, not a denied cause.
        "由于服务器故障导致无法登录。",
        "这个bug会导致无法推流。",
        "您好，由于您所在区域基站升级导致信号不稳定。",
        "您反映的信号问题是由于附近基站故障导致的。",
        "The renewal job failed, which caused the client not to trust the new certificate.",
        # A causal verb with what it acts on.
        "The expired token causes calls to fail.",
        "We found the edge config change in us-west-2 that was causing the join failures.",
        "Error 0x80070005 means access denied: the installer needs admin rights.",
        "The segfault is in libsrtp 2.2 when the key rotates.",
        "First frame time is dominated by the DNS lookup in your trace.",
    ],
)
def test_a_cause_with_its_effect_named_is_a_diagnosis(text: str) -> None:
    assert "diagnosis" in classify_text(text).labels
    assert classify_table([text])["labels"].to_pylist() == [list(classify_text(text).labels)]


@pytest.mark.parametrize(
    "text",
    [
        "可能是网络波动导致的。",
        "因为网络波动导致卡顿。",
        "这是网络问题。",
        "信号不好导致通话断断续续。",
        "We are still working out what caused the outage.",
        "不是服务器导致的。",
        "This was not caused by our servers.",
    ],
)
def test_the_network_as_the_cause_or_an_unnamed_cause_is_no_diagnosis(text: str) -> None:
    assert "diagnosis" not in classify_text(text).labels
    assert classify_table([text])["labels"].to_pylist() == [list(classify_text(text).labels)]


@pytest.mark.parametrize(
    "text",
    [
        "您好，该问题已为您提交工单，单号20240315001。",
        "你好，这个问题已提交给研发，单号BUG-20417。",
        "I have called you twice today but could not reach you.",
        "Our team restored the affected servers at 2:14pm ET.",
        "维修人员已在现场抢修。",
        "这个问题在 develop 分支已经修了（commit a3f9c1e）。",
        "A fix is scheduled for SDK 3.8.0.",
    ],
)
def test_filed_with_an_id_a_call_made_and_a_named_fix_are_actions(text: str) -> None:
    assert "action" in classify_text(text).labels
    assert classify_table([text])["labels"].to_pylist() == [list(classify_text(text).labels)]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("Our support team looked into it.", ["acknowledgement_only"]),
        ("Please reach out to our billing support team.", ["generic_advice"]),
        ("A fix is scheduled for the next release.", []),
    ],
)
def test_a_team_is_advice_only_where_the_user_is_sent_to_it(text: str, labels: list[str]) -> None:
    assert list(classify_text(text).labels) == labels


@pytest.mark.parametrize(
    "text",
    [
        "Hi! We'll have a specialist call you within the next 24 hours.",
        "Traffic was rerouted via Amsterdam and we'll post another update in 30 minutes.",
        "We will call you tomorrow between 10 and 11 to go through the setup.",
        "工程师正在紧急处理，恢复后会在对接群里通知大家。",
        "Our team will be in touch with you by end of business Thursday.",
        "本周六前会有工作人员上门安装，具体时间会提前电话与您确认。",
        "有结论会第一时间同步您。",
    ],
)
def test_a_call_a_message_or_an_update_promised_is_a_next_update(text: str) -> None:
    assert "next_update" in classify_text(text).labels
    assert classify_table([text])["labels"].to_pylist() == [list(classify_text(text).labels)]


def test_no_conclusion_yet_promises_nothing_and_a_reissue_is_an_action() -> None:
    text = "该问题目前还在排查根因，暂时还没有结论，请耐心等待我们的回复。"
    assert classify_text(text).labels == ("acknowledgement_only",)
    assert classify_text("已为您补发优惠券，请在卡券中查看。").labels == ("action",)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        # A symptom with its negation, or a service centre, denies no cause.
        ("关于您反映的无法上网的问题，建议您重启手机试试。", "generic_advice"),
        ("您好，手机无法开机的情况建议您携带购机发票到就近的售后服务中心检测。", "generic_advice"),
        # The network behind a named mechanism is no generic cause.
        ("推流端码率一直在200kbps左右，应该是开启了网络自适应降码率。", "diagnosis"),
    ],
)
def test_a_symptom_or_a_named_mechanism_keeps_its_label(text: str, label: str) -> None:
    assert label in classify_text(text).labels


@pytest.mark.parametrize(
    "text",
    [
        "Our office is closed for the holidays until January 2nd. Your request will be processed "
        "when we return.",
        "So sorry about the wait, we're experiencing higher than normal volumes right now. We'll "
        "reply to your DM as soon as we can.",
    ],
)
def test_holidays_and_queue_volume_explain_nothing(text: str) -> None:
    assert "acknowledgement_only" in classify_text(text).labels


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("需要双端日志、uid和频道信息才能定位。", ["asks_for_info"]),
        ("加载时间取决于网络，也可以稍后再试看看。", ["generic_advice"]),
        ("Reproduced; AEC is off at 48 kHz. Waiting on the SDK team.", ["diagnosis"]),
        ("硬解码被关闭了，所以1080p会卡。", ["diagnosis"]),
    ],
)
def test_what_the_vendor_needs_the_network_and_a_component_state(
    text: str, labels: list[str]
) -> None:
    assert list(classify_text(text).labels) == labels
    assert classify_table([text])["labels"].to_pylist() == [labels]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("使用问题请到微信群或者论坛提问，issue 只接收 bug 反馈。", ["generic_advice"]),
        (
            "I'm out of the office until Monday. Please contact <email> meanwhile.",
            ["generic_advice"],
        ),
        ("建议您到就近的营业厅办理。", ["generic_advice"]),
        ("Duplicate of #2890.", ["diagnosis"]),
        ("经核实，您所在小区光缆被施工挖断。", ["diagnosis"]),
        ("This will be addressed in a future SDK release.", ["acknowledgement_only"]),
        (
            "Please clear the app cache and make sure you're on a stable network.",
            ["generic_advice"],
        ),
        ("如果需要多端同时在线，请给每个设备分配不同的uid。", []),
    ],
)
def test_channels_known_issues_damage_and_fixes_still_to_come(text: str, labels: list[str]) -> None:
    assert list(classify_text(text).labels) == labels
    assert classify_table([text])["labels"].to_pylist() == [labels]


@pytest.mark.parametrize(
    ("text", "labels"),
    [
        ("亲机器编号多少呀，我们安排一下", ["asks_for_info"]),
        (
            "Does it appear only in this app? Is the second screen horizontal or vertical?",
            ["asks_for_info"],
        ),
        ("Do you mean the Android side also sees a black screen?", ["asks_for_info"]),
        ("是横屏还是竖屏？", ["asks_for_info"]),
        ("Is it still happening?", []),
        ("Have you tried restarting or reinstalling?", ["generic_advice"]),
    ],
)
def test_a_choice_a_scope_or_a_meaning_asked_narrows_the_fault(
    text: str, labels: list[str]
) -> None:
    assert list(classify_text(text).labels) == labels
    assert classify_table([text])["labels"].to_pylist() == [labels]


@pytest.mark.parametrize(
    "text",
    [
        "您的手机时区设置不正确。",
        "推流地址的签名参数有误。",
        "As the first two days of each month are the billing dates, the bill is not final then.",
    ],
)
def test_a_wrong_setting_or_a_reason_opening_the_sentence_explains(text: str) -> None:
    assert classify_text(text).labels == ("diagnosis",)


def test_as_discussed_gives_no_reason() -> None:
    assert "diagnosis" not in classify_text("As discussed, we will call you tomorrow.").labels


@pytest.mark.parametrize(
    ("text", "eta"),
    [
        ("Our team restored the affected servers at 2:14pm ET.", False),
        ("The disconnects come from the certificate we rolled out on Monday.", False),
        ("昨晚10点已恢复。", False),
        ("We restored service at 14:05 UTC and will publish a report by Friday.", True),
        ("The fix will be deployed at 3pm today.", True),
    ],
)
def test_a_time_gone_by_is_no_expectation(text: str, eta: bool) -> None:
    assert ("eta" in classify_text(text).labels) is eta
    assert classify_table([text])["labels"].to_pylist() == [list(classify_text(text).labels)]


def test_a_period_the_vendor_commits_to_is_an_eta() -> None:
    assert "eta" in classify_text("We reapplied the patch and will watch it for one week.").labels
    assert "eta" not in classify_text("We have been investigating for two days.").labels
