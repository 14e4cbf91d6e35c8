"""Response times are counted in the agency's office hours, on the PPID calendar's working days."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

import pytest

from accounts.models import TimeZone
from outreach.office_hours import format_office_minutes, office_minutes_between
from ppid.models import ClosureDay

WIB = ZoneInfo("Asia/Jakarta")


def at(day, hour, minute=0, zone=WIB):
    """A moment in August 2026 (Monday 10th, Friday 14th, Monday 17th is Independence Day)."""
    return datetime(2026, 8, day, hour, minute, tzinfo=zone)


@pytest.mark.parametrize(
    ("written", "answered", "minutes"),
    [
        (at(10, 9), at(10, 11, 30), 150),  # within one office day
        (at(10, 20), at(11, 8, 30), 30),  # written in the evening: counts from opening
        (at(10, 6), at(10, 7, 45), 0),  # both before opening
        (at(10, 15), at(11, 9), 120),  # the closing hour, then the next morning's first hour
        (at(7, 15), at(10, 9), 120),  # Friday afternoon to Monday morning: the weekend is free
        (at(14, 15), at(18, 9), 120),  # Friday to Tuesday: Monday 17 August is a holiday
        (at(15, 10), at(16, 12), 0),  # written and answered on the weekend
        (at(10, 12), at(10, 11), 0),  # an answer recorded before the comment counts nothing
    ],
)
def test_office_minutes_skip_evenings_weekends_and_holidays(agency, written, answered, minutes):
    assert office_minutes_between(written, answered, agency=agency) == minutes


def test_the_agencys_own_time_zone_and_hours_decide(agency):
    """A WITA office opens and closes an hour earlier, in WIB terms, than a WIB office."""
    written, answered = at(10, 15), at(10, 15, 45)  # 15.00-15.45 WIB is 16.00-16.45 WITA
    assert office_minutes_between(written, answered, agency=agency) == 45
    agency.time_zone = TimeZone.WITA
    assert office_minutes_between(written, answered, agency=agency) == 0
    # 07.30 WIB is 08.30 WITA: the WITA office is already open.
    assert office_minutes_between(at(11, 7), at(11, 8), agency=agency) == 60
    agency.office_opens, agency.office_closes = time(8, 30), time(16, 30)
    assert office_minutes_between(at(11, 7), at(11, 8), agency=agency) == 30


def test_a_closure_day_of_the_agency_is_not_office_time(agency, other_agency):
    ClosureDay.objects.create(date=at(11, 0).date(), name="Rapat kerja", agency=agency)
    written, answered = at(10, 15), at(12, 9)
    assert office_minutes_between(written, answered, agency=agency) == 120
    assert office_minutes_between(written, answered, agency=other_agency) == 60 + 8 * 60 + 60


def test_minutes_are_shown_in_hours_and_minutes():
    assert format_office_minutes(125) == "2 jam 5 menit"
    assert format_office_minutes(60) == "1 jam"
    assert format_office_minutes(7) == "7 menit"
    assert format_office_minutes(None) == "–"
