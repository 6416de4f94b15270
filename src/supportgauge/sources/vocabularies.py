"""What each help desk's statuses, priorities and codes mean in supportgauge's terms."""

ZENDESK_STATUSES = {
    "new": "new",
    "open": "open",
    "pending": "pending",
    "hold": "on_hold",
    "on-hold": "on_hold",
    "solved": "solved",
    "closed": "closed",
}

ZENDESK_PRIORITIES = {"urgent": "P1", "high": "P2", "normal": "P3", "low": "P4"}

FRESHDESK_STATUSES = {
    "2": "open",
    "open": "open",
    "3": "pending",
    "pending": "pending",
    "4": "solved",
    "resolved": "solved",
    "5": "closed",
    "closed": "closed",
    # The custom statuses most help desks add; other custom codes need a CSV mapping.
    "6": "pending",
    "waiting on customer": "pending",
    "7": "on_hold",
    "waiting on third party": "on_hold",
}

FRESHDESK_PRIORITIES = {
    "1": "P4",
    "low": "P4",
    "2": "P3",
    "medium": "P3",
    "3": "P2",
    "high": "P2",
    "4": "P1",
    "urgent": "P1",
}

FRESHDESK_SOURCES = {
    1: "email",
    2: "portal",
    3: "phone",
    7: "chat",
    9: "feedback_widget",
    10: "email",
}

# Common Jira Service Management status names; others fall back to their status category.
JIRA_STATUSES = {
    "new": "new",
    "to do": "new",
    "open": "open",
    "reopened": "open",
    "waiting for support": "open",
    "in progress": "open",
    "work in progress": "open",
    "escalated": "open",
    "investigating": "open",
    "waiting for customer": "pending",
    "pending": "on_hold",
    "waiting for third party": "on_hold",
    "waiting for approval": "on_hold",
    "resolved": "solved",
    "done": "solved",
    "closed": "closed",
    "canceled": "closed",
    "cancelled": "closed",
    "declined": "closed",
}

JIRA_STATUS_CATEGORIES = {"new": "new", "indeterminate": "open", "done": "solved"}

JIRA_PRIORITIES = {
    "highest": "P1",
    "blocker": "P1",
    "critical": "P1",
    "high": "P2",
    "major": "P2",
    "medium": "P3",
    "minor": "P3",
    "low": "P4",
    "lowest": "P4",
    "trivial": "P4",
}

# Pending states pause Zammad's SLA clock: the vendor waits on someone else.
ZAMMAD_STATES = {
    "new": "new",
    "open": "open",
    "pending reminder": "pending",
    "pending close": "pending",
    "closed": "closed",
    "merged": "closed",
}

# Default state ids of a Zammad install (GET /api/v1/ticket_states).
ZAMMAD_STATE_IDS = {
    1: "new",
    2: "open",
    3: "pending reminder",
    4: "closed",
    5: "merged",
    7: "pending close",
}

ZAMMAD_PRIORITIES = {
    "1 low": "P4",
    "low": "P4",
    "1": "P4",
    "2 normal": "P3",
    "normal": "P3",
    "2": "P3",
    "3 high": "P2",
    "high": "P2",
    "3": "P2",
    "urgent": "P1",
}

ZAMMAD_SENDER_IDS = {1: "agent", 2: "customer", 3: "system"}
