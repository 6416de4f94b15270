"""Sentence frames for every kind of ticket text, in English and Chinese, with {slots}."""

from __future__ import annotations

from enum import IntEnum


class Text(IntEnum):
    """Kinds of ticket text; each has its own phrase pool."""

    SUBJECT = 0
    DESCRIPTION = 1
    CUSTOMER_FOLLOWUP = 2
    CUSTOMER_INFO = 3
    CUSTOMER_REOPEN = 4
    CUSTOMER_CONFIRM = 5
    AUTO_REPLY = 6
    HOLLOW_ACK = 7
    DEFERRAL = 8
    GENERIC_ADVICE = 9
    ASK_INFO = 10
    DIAGNOSIS = 11
    PROGRESS = 12
    NEXT_UPDATE = 13
    HOLD = 14
    RESOLUTION_EXPERT = 15
    RESOLUTION_GENERIC = 16
    INTERNAL_NOTE = 17
    DIAGNOSIS_MARK = 18
    VENDOR_ALERT = 19


# Kinds whose wording names the region (edge nodes, carriers) or only the category.
REGIONAL = frozenset(
    {
        Text.SUBJECT,
        Text.DESCRIPTION,
        Text.DIAGNOSIS,
        Text.VENDOR_ALERT,
        Text.RESOLUTION_EXPERT,
        Text.PROGRESS,
        Text.HOLD,
        Text.INTERNAL_NOTE,
        Text.DIAGNOSIS_MARK,
    }
)
CATEGORY_FREE = frozenset({Text.AUTO_REPLY, Text.HOLLOW_ACK, Text.DEFERRAL, Text.ASK_INFO})

EN: dict[Text, tuple[str, ...]] = {
    Text.SUBJECT: (
        "[{region}] {symptom} at evening peak",
        "{region}: {symptom} for many users",
        "Urgent: {symptom} in {region}",
        "{symptom} again tonight",
        "{region} - {symptom} for {ago} minutes",
        "Users report {symptom} ({region})",
    ),
    Text.DESCRIPTION: (
        "For the last {ago} minutes many users in {region} report {symptom}. "
        "Affected {count} rooms. uid {uid}, channel {channel}.",
        "Our app in {region} has {symptom}: complaints keep coming, about {pct}% of "
        "sessions. Example uid={uid} channel={channel}.",
        "{symptom} happening for users in {region} since {ago} minutes ago. "
        "Please check urgently, it is our peak time.",
        "Since about {ago} min ago we see {symptom} in {region}. SDK {sdk}. "
        "Sample channel: {channel}, uid {uid}.",
        "Many hosts in {region} report {symptom}. Started {ago} minutes ago, still ongoing.",
    ),
    Text.CUSTOMER_FOLLOWUP: (
        "Any update? Users are still complaining.",
        "It is still happening, please escalate.",
        "Hello? We are losing users, need a fix now.",
        "Any progress on this? {symptom} continues.",
        "Please give us an ETA, our ops team is waiting.",
    ),
    Text.CUSTOMER_INFO: (
        "Logs attached. uid {uid}, channel {channel}, time {clock}.",
        "Here is the info: channel={channel}, uid={uid}, SDK {sdk}, around {clock}.",
        "Uploaded the SDK log for uid {uid}. Happened at {clock} in channel {channel}.",
    ),
    Text.CUSTOMER_REOPEN: (
        "The issue is back: {symptom} again since {clock}.",
        "Not fixed. Users still see {symptom}.",
        "Reopening, same problem tonight in channel {channel}.",
        "Happened again at {clock}, please check.",
    ),
    Text.CUSTOMER_CONFIRM: (
        "Thanks for the heads-up, we do see {symptom} on our side.",
        "Confirmed, our users are affected. Please keep us posted.",
    ),
    Text.AUTO_REPLY: (
        "This is an automatic reply: we have received your request #{count}.",
        "Thank you for contacting support. Your ticket has been created.",
        "Auto-reply: your request has been received and queued.",
    ),
    Text.HOLLOW_ACK: (
        "We have received your request, our team is looking into it.",
        "Thank you for your patience, we will get back to you.",
        "Received, we will follow up as soon as possible.",
        "Thanks, we received your ticket and will handle it asap.",
        "Noted. Our team is checking, will get back to you.",
    ),
    Text.DEFERRAL: (
        "Received, we will handle it during working hours.",
        "Thanks, our engineers will check during business hours tomorrow.",
        "We have received your request and will process it during business hours.",
    ),
    Text.GENERIC_ADVICE: (
        "Please {generic} and {generic2}, then let us know.",
        "Could you {generic}? {generic_cat} usually helps.",
        "Suggest the users {generic}. If not resolved, {generic2}.",
        "This looks like a network issue. Please {generic}.",
        "{generic_cat}. Please also {generic}.",
    ),
    Text.ASK_INFO: (
        "Please provide the uid, channel name and the time of the issue.",
        "Could you share the SDK logs and the affected uid / channel?",
        "Please send us the request id, the SDK version and the exact time (with time zone).",
        "To locate it we need logs from both ends, uid and channel.",
    ),
    Text.DIAGNOSIS: (
        "We checked channel {channel}: {reading}, {reading2}. Root cause is {term} on the "
        "{region} path.",
        "According to the logs, {reading} from {node}; the reason is {term}. {term2} is also "
        "involved.",
        "Call inspector shows {reading} for uid {uid}. We found that {term} caused it ({code}).",
        "We located it: {term} at {node}, {reading}. {region} users behind one carrier are hit.",
        "Root cause: {term}. Evidence: {reading}, {reading2}, {code}.",
    ),
    Text.PROGRESS: (
        "We have switched {region} traffic away from {node}. ETA {eta} minutes for full recovery.",
        "Fix in progress: adjusting {term}. Expected to recover within {eta} minutes.",
        "Action taken: rerouted via {node}. Should be fully back in {eta} min.",
        "We rolled out a config change for {term}; ETA {eta} minutes.",
    ),
    Text.NEXT_UPDATE: (
        "Still working on it with the network team. Next update in {hours} hours.",
        "Investigation ongoing. We will send the next update within {hours} hours.",
        "No conclusion yet, next update within {hours} hours.",
    ),
    Text.HOLD: (
        "Waiting for feedback from the CDN vendor. Next update in {hours} hours.",
        "We escalated to the local carrier in {region}; waiting for their reply.",
        "Pending third-party investigation, we will update you once we hear back.",
    ),
    Text.RESOLUTION_EXPERT: (
        "Fixed: {term} on {node} corrected, {reading} back to normal. Please confirm.",
        "Resolved. Root cause was {term}; we changed the scheduling for {region}. Monitoring now.",
        "The issue is resolved after we fixed {term}. {reading2} is normal again.",
    ),
    Text.RESOLUTION_GENERIC: (
        "Should be fine now, please try again.",
        "We did not find any issue on our side. Please {generic} if it happens again.",
        "It should work now. If not, please {generic}.",
    ),
    Text.INTERNAL_NOTE: (
        "Checked dashboard, {reading} in {region}. Escalating to L2.",
        "Customer is a key account, keep them updated.",
        "Asked the network team about {node}.",
        "Possibly related to last week's ticket on {symptom}.",
    ),
    Text.DIAGNOSIS_MARK: (
        "located: {term} ({region})",
        "cause identified: {term}",
        "root cause: {term} at {node}",
    ),
    Text.VENDOR_ALERT: (
        "Proactive alert: we detected {reading} on {node} affecting {region} users since "
        "{ago} minutes ago. We are switching traffic.",
        "Heads-up: {symptom} risk in {region}, {reading}. Our engineers are on it.",
    ),
}

ZH: dict[Text, tuple[str, ...]] = {
    Text.SUBJECT: (
        "【{region}】晚高峰{symptom}",
        "{region}大量用户{symptom}",
        "紧急：{region}线上{symptom}",
        "今晚又出现{symptom}",
        "{region}{ago}分钟前开始{symptom}",
        "用户反馈{symptom}（{region}）",
    ),
    Text.DESCRIPTION: (
        "最近{ago}分钟{region}很多用户{symptom}，影响{count}个房间。uid {uid}，频道 {channel}。",
        "我们{region}的业务出现{symptom}，投诉不断，大约{pct}%的会话受影响。示例 uid={uid} "
        "channel={channel}。",
        "{region}用户{symptom}，{ago}分钟前开始，现在是高峰期，请尽快排查。",
        "{ago}分钟前起{region}出现{symptom}，SDK版本 {sdk}，示例频道 {channel}，uid {uid}。",
        "{region}很多主播反馈{symptom}，大概{ago}分钟前开始，目前还在持续。",
    ),
    Text.CUSTOMER_FOLLOWUP: (
        "有进展吗？用户还在投诉。",
        "问题还在，请升级处理。",
        "还没好，我们在流失用户，请尽快。",
        "请问现在什么情况？{symptom}还在持续。",
        "麻烦给个预计恢复时间，运营在等。",
    ),
    Text.CUSTOMER_INFO: (
        "日志已上传。uid {uid}，频道 {channel}，时间 {clock}。",
        "信息如下：channel={channel}，uid={uid}，SDK {sdk}，大约{clock}。",
        "已上传uid {uid}的SDK日志，{clock}在频道{channel}出现。",
    ),
    Text.CUSTOMER_REOPEN: (
        "问题又出现了：{clock}开始又{symptom}。",
        "没有解决，用户还是{symptom}。",
        "重新打开，今晚频道{channel}同样问题。",
        "{clock}又复现了，请再看一下。",
    ),
    Text.CUSTOMER_CONFIRM: (
        "感谢提醒，我们这边也看到{symptom}。",
        "确认受影响，请持续同步进展。",
    ),
    Text.AUTO_REPLY: (
        "【自动回复】您的工单 #{count} 已创建，我们会尽快处理。",
        "感谢您联系技术支持，您的请求已收到。",
        "自动回复：工单已进入处理队列。",
    ),
    Text.HOLLOW_ACK: (
        "已收到，我们会尽快处理。",
        "收到您的反馈，已反馈给技术，请耐心等待。",
        "收到，正在跟进，稍后回复。",
        "好的已收到，我们尽快排查。",
        "收到，已转技术同学处理。",
    ),
    Text.DEFERRAL: (
        "收到，我们会在工作时间处理。",
        "收到，上班后处理。",
        "已收到，技术同学工作时间会跟进。",
    ),
    Text.GENERIC_ADVICE: (
        "请{generic}，再{generic2}试试。",
        "建议{generic}，{generic_cat}。",
        "看起来是网络问题，建议用户{generic}。",
        "{generic_cat}，也可以{generic}看看。",
        "麻烦先{generic}，如果还不行再{generic2}。",
    ),
    Text.ASK_INFO: (
        "请提供uid、频道名和问题出现的时间。",
        "麻烦提供SDK日志以及受影响的uid和频道。",
        "请提供request id、SDK版本和具体时间（含时区）。",
        "需要双端日志、uid和频道信息才能定位。",
    ),
    Text.DIAGNOSIS: (
        "排查了频道{channel}：{reading}，{reading2}。原因是{region}链路{term}。",
        "日志显示{node} {reading}，根因是{term}，同时{term2}也有影响。",
        "通话质量显示uid {uid} {reading}，排查发现是{term}导致（{code}）。",
        "已定位到：{node}的{term}，{reading}，{region}部分运营商用户受影响。",
        "根因：{term}。依据：{reading}，{reading2}，{code}。",
    ),
    Text.PROGRESS: (
        "已将{region}流量从{node}切走，预计{eta}分钟内恢复。",
        "正在调整{term}，预计{eta}分钟内恢复。",
        "已处理：切换到{node}，预计{eta}分钟内完全恢复。",
        "已针对{term}下发配置，预计{eta}分钟内生效。",
    ),
    Text.NEXT_UPDATE: (
        "还在和网络团队排查，{hours}小时内同步进展。",
        "排查中，下次同步在{hours}小时内。",
        "暂时没有结论，{hours}小时内进展同步。",
    ),
    Text.HOLD: (
        "在等CDN厂商反馈，{hours}小时内同步进展。",
        "已升级给{region}当地运营商，等待对方回复。",
        "等待第三方排查结果，有消息第一时间同步。",
    ),
    Text.RESOLUTION_EXPERT: (
        "已修复：{node}的{term}已调整，{reading}恢复正常，请确认。",
        "已解决，根因是{term}，已调整{region}调度策略，持续观察中。",
        "修复{term}后问题已解决，{reading2}已恢复正常。",
    ),
    Text.RESOLUTION_GENERIC: (
        "现在应该好了，请再试一下。",
        "我们这边没发现问题，如果再出现请{generic}。",
        "应该可以了，如果不行请{generic}。",
    ),
    Text.INTERNAL_NOTE: (
        "看了监控，{region}{reading}，升级二线。",
        "重点客户，注意同步进展。",
        "已找网络组确认{node}。",
        "可能和上周{symptom}的工单有关。",
    ),
    Text.DIAGNOSIS_MARK: (
        "定位：{term}（{region}）",
        "原因已定位：{term}",
        "根因：{node} {term}",
    ),
    Text.VENDOR_ALERT: (
        "主动告警：我们监测到{node} {reading}，{ago}分钟前起影响{region}用户，正在切换流量。",
        "风险提醒：{region}可能出现{symptom}，{reading}，工程师正在处理。",
    ),
}

OPENERS = {
    "en": ("", "", "Hi, ", "Hello team, ", "Dear support, "),
    "zh": ("", "", "你好，", "您好，"),
}
CLOSERS = {"en": ("", "", " Thanks.", " Regards."), "zh": ("", "", "谢谢。", "辛苦了。")}
