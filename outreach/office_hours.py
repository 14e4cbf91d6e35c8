"""Response times counted in office hours: the agency's opening hours, on its working days.

A comment written on Friday evening and answered on Monday at 09.00 waited one office hour, not
63 clock hours: the desk is measured on the time it was open. Working days are the PPID calendar's
(ppid.deadlines.WorkingCalendar: Monday to Friday minus public holidays, cuti bersama and the
agency's closure days), read in the agency's own time zone (WIB, WITA or WIT) with its own
opening and closing times (accounts.Agency.office_opens / office_closes).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from ppid.deadlines import WorkingCalendar


def office_time_between(
    start: datetime, end: datetime, *, agency, calendar: WorkingCalendar | None = None
) -> timedelta:
    """Office time of ``agency`` between two aware moments (zero when ``end`` is not later).

    Pass ``calendar`` (a WorkingCalendar of the agency) to count many intervals with one read of
    the closure days per year.
    """
    if end <= start:
        return timedelta(0)
    zone = ZoneInfo(agency.time_zone)
    calendar = calendar or WorkingCalendar(agency)
    start, end = start.astimezone(zone), end.astimezone(zone)
    opens, closes = agency.office_opens, agency.office_closes
    total = timedelta(0)
    day = start.date()
    while day <= end.date():
        if calendar.is_working_day(day):
            open_at = datetime.combine(day, opens, tzinfo=zone)
            close_at = datetime.combine(day, closes, tzinfo=zone)
            overlap = min(end, close_at) - max(start, open_at)
            if overlap > timedelta(0):
                total += overlap
        day += timedelta(days=1)
    return total


def office_minutes_between(
    start: datetime, end: datetime, *, agency, calendar: WorkingCalendar | None = None
) -> int:
    """:func:`office_time_between` in whole minutes (rounded down)."""
    counted = office_time_between(start, end, agency=agency, calendar=calendar)
    return int(counted.total_seconds()) // 60


def format_office_minutes(minutes: int | None) -> str:
    """Minutes as "2 jam 5 menit" (office time): the way the desk and its figures show them."""
    from django.utils.translation import gettext as _

    if minutes is None:
        return "–"
    hours, rest = divmod(int(minutes), 60)
    if hours and rest:
        return _("%(h)s h %(m)s min") % {"h": hours, "m": rest}
    if hours:
        return _("%(h)s h") % {"h": hours}
    return _("%(m)s min") % {"m": rest}
