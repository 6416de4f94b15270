"""The simulated vendors: how each one really staffs, answers, fixes and follows up."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class StaffingHours:
    """A vendor's real support hours: weekdays open from one hour to another, minus holidays."""

    name: str  # calendar name in supportgauge.toml
    timezone: str
    weekdays: tuple[int, ...]  # Monday = 0
    open_hour: int
    close_hour: int
    holidays: str | None = None  # country whose public holidays close the desk

    def describe(self) -> str:
        """Human description, e.g. 'Asia/Shanghai Mon-Fri 09:00-18:00 + CN holidays'."""
        names = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
        days = f"{names[self.weekdays[0]]}-{names[self.weekdays[-1]]}"
        text = f"{self.timezone} {days} {self.open_hour:02d}:00-{self.close_hour:02d}:00"
        return text + (f" + {self.holidays} holidays" if self.holidays else "")

    def toml(self) -> str:
        """The `[calendars.NAME]` section that describes these hours in supportgauge.toml."""
        keys = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
        span = f'["{self.open_hour:02d}:00-{self.close_hour:02d}:00"]'
        lines = [f"[calendars.{self.name}]", f'timezone = "{self.timezone}"']
        lines += [f"{keys[day]} = {span}" for day in self.weekdays]
        if self.holidays:
            lines.append(f'holidays = ["{self.holidays}"]')
        return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class VendorProfile:
    """Parameters that drive one vendor's simulated tickets (minutes unless named otherwise)."""

    name: str
    prefix: str  # ticket ids look like "A-000001"
    description: str
    ticket_share: float
    staffing: StaffingHours | None  # None: staffed around the clock
    auto_reply: bool
    hollow_ack_share_in_hours: float
    hollow_ack_share_off_hours: float
    hollow_ack_median_min: float
    substantive_median_min: float  # on the staffing calendar
    # Multiplies every vendor-side delay by priority P1..P4: good desks rush P1.
    priority_factor: tuple[float, float, float, float]
    first_reply_mix: tuple[float, float, float]  # diagnosis, generic advice, asks for info
    expertise: float  # chance that a later reply uses the category's own terms
    one_touch_share: float
    updates_mean: float
    update_median_min: float
    hold_share: float  # updates that park the ticket on a third party (on_hold)
    pending_share: float  # updates that ask the customer something (pending)
    fix_median_min: float
    reopen_rate: float
    repeat_failure_rate: float
    never_answered_share: float
    never_solved_share: float
    closed_unsolved_share: float
    internal_note_share: float
    diagnosis_event_share: float
    vendor_opened_share: float
    proactive_per_account_month: float
    review_share_p1: float  # P1 tickets followed by a post-event review
    claimed_fcr_rate: float
    claimed_repeat_rate: float
    rating_bias: tuple[float, float, float, float, float]  # per rating dimension, 1..5
    # Every vendor promises the same: the sales deck, not the desk.
    claimed_first_response_min: tuple[float, float, float, float] = (15.0, 30.0, 60.0, 120.0)
    reopen_again_share: float = 0.3  # a reopened ticket reopening once more

    @property
    def calendar(self) -> str:
        """Calendar name ('24x7' when staffed around the clock)."""
        return self.staffing.name if self.staffing else "24x7"

    @property
    def calendar_description(self) -> str:
        """Readable description of the real support hours."""
        return self.staffing.describe() if self.staffing else "24x7"


VENDOR_PROFILES: tuple[VendorProfile, ...] = (
    VendorProfile(
        name="Aurora",
        prefix="A",
        description="true 7x24 team across time zones: fast everywhere, expert, proactive",
        ticket_share=0.28,
        staffing=None,
        auto_reply=True,
        hollow_ack_share_in_hours=0.04,
        hollow_ack_share_off_hours=0.04,
        hollow_ack_median_min=2.0,
        substantive_median_min=9.0,
        priority_factor=(0.25, 0.6, 1.0, 1.6),
        first_reply_mix=(0.62, 0.08, 0.30),
        expertise=0.85,
        one_touch_share=0.42,
        updates_mean=1.0,
        update_median_min=45.0,
        hold_share=0.08,
        pending_share=0.12,
        fix_median_min=150.0,
        reopen_rate=0.04,
        repeat_failure_rate=0.02,
        never_answered_share=0.003,
        never_solved_share=0.01,
        closed_unsolved_share=0.01,
        internal_note_share=0.45,
        diagnosis_event_share=0.45,
        vendor_opened_share=0.05,
        proactive_per_account_month=0.9,
        review_share_p1=0.85,
        claimed_fcr_rate=0.85,
        claimed_repeat_rate=0.02,
        rating_bias=(4.6, 4.5, 4.4, 4.4, 4.5),
    ),
    VendorProfile(
        name="Panda",
        prefix="P",
        description=(
            "China office hours: hollow acknowledgements at night and weekends, "
            "real answer next business morning"
        ),
        ticket_share=0.27,
        staffing=StaffingHours("panda_office", "Asia/Shanghai", (0, 1, 2, 3, 4), 9, 18, "CN"),
        auto_reply=False,
        hollow_ack_share_in_hours=0.12,
        hollow_ack_share_off_hours=0.88,
        hollow_ack_median_min=8.0,
        substantive_median_min=35.0,
        priority_factor=(0.5, 0.8, 1.0, 1.2),
        first_reply_mix=(0.45, 0.25, 0.30),
        expertise=0.6,
        one_touch_share=0.25,
        updates_mean=1.3,
        update_median_min=90.0,
        hold_share=0.1,
        pending_share=0.15,
        fix_median_min=240.0,
        reopen_rate=0.08,
        repeat_failure_rate=0.05,
        never_answered_share=0.015,
        never_solved_share=0.03,
        closed_unsolved_share=0.02,
        internal_note_share=0.3,
        diagnosis_event_share=0.2,
        vendor_opened_share=0.01,
        proactive_per_account_month=0.3,
        review_share_p1=0.4,
        claimed_fcr_rate=0.8,
        claimed_repeat_rate=0.03,
        rating_bias=(2.6, 3.8, 3.4, 3.0, 3.0),
    ),
    VendorProfile(
        name="Relay",
        prefix="R",
        description=(
            "quick to acknowledge, slow to fix: many pending and on-hold periods, "
            "long resolution, long update gaps"
        ),
        ticket_share=0.2,
        staffing=None,
        auto_reply=True,
        hollow_ack_share_in_hours=0.9,
        hollow_ack_share_off_hours=0.9,
        hollow_ack_median_min=3.0,
        substantive_median_min=150.0,
        priority_factor=(0.6, 0.85, 1.0, 1.2),
        first_reply_mix=(0.25, 0.25, 0.5),
        expertise=0.4,
        one_touch_share=0.06,
        updates_mean=3.2,
        update_median_min=600.0,
        hold_share=0.35,
        pending_share=0.35,
        fix_median_min=1800.0,
        reopen_rate=0.1,
        repeat_failure_rate=0.06,
        never_answered_share=0.01,
        never_solved_share=0.07,
        closed_unsolved_share=0.03,
        internal_note_share=0.5,
        diagnosis_event_share=0.15,
        vendor_opened_share=0.01,
        proactive_per_account_month=0.2,
        review_share_p1=0.15,
        claimed_fcr_rate=0.75,
        claimed_repeat_rate=0.03,
        rating_bias=(3.2, 3.0, 2.6, 2.4, 2.6),
    ),
    VendorProfile(
        name="Nimbus",
        prefix="N",
        description="generic advice, many repeat failures and reopens",
        ticket_share=0.19,
        staffing=None,
        auto_reply=False,
        hollow_ack_share_in_hours=0.3,
        hollow_ack_share_off_hours=0.3,
        hollow_ack_median_min=10.0,
        substantive_median_min=50.0,
        priority_factor=(0.8, 0.9, 1.0, 1.1),
        first_reply_mix=(0.15, 0.65, 0.2),
        expertise=0.15,
        one_touch_share=0.3,
        updates_mean=1.0,
        update_median_min=240.0,
        hold_share=0.1,
        pending_share=0.2,
        fix_median_min=480.0,
        reopen_rate=0.28,
        repeat_failure_rate=0.22,
        never_answered_share=0.03,
        never_solved_share=0.04,
        closed_unsolved_share=0.06,
        internal_note_share=0.15,
        diagnosis_event_share=0.05,
        vendor_opened_share=0.0,
        proactive_per_account_month=0.05,
        review_share_p1=0.05,
        claimed_fcr_rate=0.9,
        claimed_repeat_rate=0.02,
        rating_bias=(3.2, 2.2, 2.0, 2.8, 2.0),
    ),
    VendorProfile(
        name="Dune",
        prefix="D",
        description="small Riyadh desk: voice specialists, Sun-Thu office hours, silent off hours",
        ticket_share=0.06,
        staffing=StaffingHours("dune_office", "Asia/Riyadh", (6, 0, 1, 2, 3), 9, 17, "SA"),
        auto_reply=True,
        hollow_ack_share_in_hours=0.05,
        hollow_ack_share_off_hours=0.0,
        hollow_ack_median_min=5.0,
        substantive_median_min=25.0,
        priority_factor=(0.4, 0.7, 1.0, 1.3),
        first_reply_mix=(0.55, 0.15, 0.3),
        expertise=0.7,
        one_touch_share=0.35,
        updates_mean=1.0,
        update_median_min=120.0,
        hold_share=0.1,
        pending_share=0.15,
        fix_median_min=300.0,
        reopen_rate=0.06,
        repeat_failure_rate=0.04,
        never_answered_share=0.01,
        never_solved_share=0.02,
        closed_unsolved_share=0.02,
        internal_note_share=0.2,
        diagnosis_event_share=0.3,
        vendor_opened_share=0.02,
        proactive_per_account_month=0.5,
        review_share_p1=0.6,
        claimed_fcr_rate=0.8,
        claimed_repeat_rate=0.03,
        rating_bias=(3.4, 4.0, 3.8, 3.8, 3.6),
    ),
)


def calendars_toml() -> str:
    """The `[calendars.*]` and `[vendors.*]` sections matching the vendors' real hours."""
    sections = [p.staffing.toml() for p in VENDOR_PROFILES if p.staffing]
    sections += [f'[vendors.{p.name}]\ncalendar = "{p.calendar}"\n' for p in VENDOR_PROFILES]
    return "\n".join(sections)
