"""Support calendars and business time: configuration, compilation, vectorised mapping."""

from supportgauge.clocks.business_time import (
    as_epoch_seconds,
    business_deadline,
    business_position,
    business_seconds_between,
    interval_table,
    is_open,
    next_open,
)
from supportgauge.clocks.calendar_config import (
    BUILT_IN_24X7,
    CalendarSpec,
    RamadanHours,
    SpecialHours,
    parse_calendars,
)
from supportgauge.clocks.compiled import CompiledCalendar, compile_calendar, dates_covering

__all__ = [
    "BUILT_IN_24X7",
    "CalendarSpec",
    "CompiledCalendar",
    "RamadanHours",
    "SpecialHours",
    "as_epoch_seconds",
    "business_deadline",
    "business_position",
    "business_seconds_between",
    "compile_calendar",
    "dates_covering",
    "interval_table",
    "is_open",
    "next_open",
    "parse_calendars",
]
