"""Working days for PPID deadlines: the only place in Humas that counts them.

A working day is Monday to Friday, minus Indonesian public holidays and cuti bersama (the
``holidays`` package, categories "public" and "government"), minus closure days that staff enter
in the ``ClosureDay`` table (for every agency, or for one agency). A table row may also re-open a
day the package closes (``is_closed=False``), for when the government moves a cuti bersama.

Counting (UU 14/2008 Pasal 22(7), Perki 1/2021): the day of receipt is day zero and the deadline is
the Nth working day after it, so a request received on Monday 16 March 2026 is due on Tuesday
7 April 2026 (Nyepi, Idul Fitri and their cuti bersama, then Good Friday, fall in between).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays
from django.db.models import Q

#: UU 14/2008 Pasal 22(7): the written notice within 10 working days of receipt.
ANSWER_DAYS = 10
#: UU 14/2008 Pasal 22(8): one extension of at most 7 working days, with written reasons.
MAX_EXTENSION_DAYS = 7
#: UU 14/2008 Pasal 36: an objection is filed within 30 working days after its ground arises,
#: and the atasan PPID answers it within 30 working days.
OBJECTION_FILING_DAYS = 30
OBJECTION_ANSWER_DAYS = 30
#: UU 14/2008 Pasal 37(2) (and Perki 1/2013 on the dispute procedure): the requester takes the
#: dispute to the Komisi Informasi within 14 working days after receiving the atasan PPID's
#: answer, or after the 30-working-day answer period ended without one.
COMMISSION_FILING_DAYS = 14
#: Perki 1/2021 (standar layanan): a requester asked to complete a deficient request gets a period
#: to do so; the project uses 10 working days (issue 13). Settings may change it with
#: ``PPID_COMPLETION_DAYS``; afterwards the PPID may close the request as not completed.
COMPLETION_DAYS = 10
#: Requests due within this many working days are highlighted in the staff queue.
DUE_SOON_DAYS = 3


@lru_cache(maxsize=64)
def package_holidays(year: int) -> dict[date, str]:
    """Public holidays and cuti bersama of one year, from the ``holidays`` package (names in id)."""
    found = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    return dict(found.items())


class WorkingCalendar:
    """The closed days of one agency (or of every agency when ``agency`` is None).

    Reads the ClosureDay table once per year asked, so a loop over many requests of one agency
    (recomputing due dates, the annual report) costs one query per year, not one per request;
    ``for_agencies`` reads several agencies' years in one query. Counting working days between
    two dates looks up a running count per year, built once, instead of walking day by day.
    """

    def __init__(self, agency=None):
        self.agency_id = getattr(agency, "pk", agency)
        self._overrides: dict[int, dict[date, bool]] = {}
        self._running: dict[int, dict[date, int]] = {}

    @classmethod
    def for_agencies(cls, agency_ids, first_year: int, last_year: int) -> dict:
        """Calendars of several agencies, their closure days of those years read in one query."""
        from .models import ClosureDay  # the table lives in models; avoid an import cycle

        calendars = {agency_id: cls(agency_id) for agency_id in agency_ids}
        if not calendars:
            return calendars
        rows = list(
            ClosureDay.objects.filter(
                Q(agency__isnull=True) | Q(agency_id__in=list(calendars)),
                date__range=(date(first_year, 1, 1), date(last_year, 12, 31)),
            ).values_list("agency_id", "date", "is_closed")
        )
        for agency_id, calendar in calendars.items():
            mine = [row for row in rows if row[0] is None or row[0] == agency_id]
            for year in range(first_year, last_year + 1):
                calendar._overrides[year] = _closed_days([r for r in mine if r[1].year == year])
        return calendars

    def _year_overrides(self, year: int) -> dict[date, bool]:
        if year not in self._overrides:
            from .models import ClosureDay  # the table lives in models; avoid an import cycle

            rows = ClosureDay.objects.for_agency(self.agency_id).filter(date__year=year)
            self._overrides[year] = _closed_days(rows.values_list("agency_id", "date", "is_closed"))
        return self._overrides[year]

    def is_working_day(self, day: date) -> bool:
        override = self._year_overrides(day.year).get(day)
        if override is not None:
            return not override
        return day.weekday() < 5 and day not in package_holidays(day.year)

    def add_working_days(self, start: date, days: int) -> date:
        if days < 0:
            raise ValueError("days must not be negative")
        current = start
        counted = 0
        while counted < days:
            current += timedelta(days=1)
            if self.is_working_day(current):
                counted += 1
        return current

    def _running_count(self, year: int) -> dict[date, int]:
        """{day: working days from 1 January up to and including that day} for one year."""
        if year not in self._running:
            first, running, counted = date(year, 1, 1), {}, 0
            for offset in range((date(year, 12, 31) - first).days + 1):
                day = first + timedelta(days=offset)
                counted += self.is_working_day(day)
                running[day] = counted
            self._running[year] = running
        return self._running[year]

    def working_days_between(self, start: date, end: date) -> int:
        if end <= start:
            return -self.working_days_between(end, start) if end < start else 0
        # The working days after ``start`` up to and including ``end``, year by year.
        counted = -self._running_count(start.year)[start]
        for year in range(start.year, end.year):
            counted += self._running_count(year)[date(year, 12, 31)]
        return counted + self._running_count(end.year)[end]


def _closed_days(rows) -> dict[date, bool]:
    """ClosureDay (agency_id, date, is_closed) rows as {day: closed}: an agency's own row wins
    over a row for every agency on the same day."""
    ordered = sorted(rows, key=lambda r: r[0] is not None)
    return {day: closed for _agency, day, closed in ordered}


def add_working_days(start: date, days: int, *, agency=None) -> date:
    """The date ``days`` working days after ``start`` (``start`` itself is day zero)."""
    return WorkingCalendar(agency).add_working_days(start, days)


def working_days_between(start: date, end: date, *, agency=None) -> int:
    """Working days after ``start`` up to and including ``end`` (negative when ``end`` is earlier).

    The twin of ``add_working_days``: ``working_days_between(d, add_working_days(d, n)) == n``.
    """
    return WorkingCalendar(agency).working_days_between(start, end)


def commission_deadline(*, answer_received=None, answer_due=None, agency=None) -> date:
    """The last day to take an objection to the Komisi Informasi (UU 14/2008 Pasal 37(2)).

    Give exactly one of: ``answer_received``, the day the atasan PPID's written answer reached
    the requester; or ``answer_due``, the last day of the 30-working-day answer period that ended
    without an answer. Either day is day zero; the deadline is the 14th working day after it.
    """
    if (answer_received is None) == (answer_due is None):
        raise ValueError("give exactly one of answer_received and answer_due")
    start = answer_received if answer_received is not None else answer_due
    return add_working_days(start, COMMISSION_FILING_DAYS, agency=agency)


def completion_days() -> int:
    """Working days a requester has to complete a deficient request (see COMPLETION_DAYS)."""
    from django.conf import settings

    return int(getattr(settings, "PPID_COMPLETION_DAYS", COMPLETION_DAYS))


def is_working_day(day: date, *, agency=None) -> bool:
    return WorkingCalendar(agency).is_working_day(day)
