"""Working-day deadlines against dates checked by hand on the 2026 calendar."""

from datetime import date, timedelta

import pytest

from accounts.models import Role
from ppid import deadlines
from ppid.deadlines import add_working_days, is_working_day, working_days_between
from ppid.models import ClosureDay
from ppid.services import PPIDError, remove_closure_day, save_closure_day

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("start", "days", "due"),
    [
        # Day of receipt is day zero. Mon 16 Mar 2026: 17 Mar (1); 18 cuti bersama Nyepi, 19 Nyepi,
        # 20 cuti bersama Idul Fitri, 21-22 weekend and Idul Fitri, 23-24 cuti bersama; 25, 26, 27,
        # 30, 31 Mar, 1, 2 Apr (2-8); 3 Apr Good Friday; 6 Apr (9), 7 Apr (10).
        (date(2026, 3, 16), 10, date(2026, 4, 7)),
        # Mon 2 Feb 2026 + 10: 16 Feb cuti bersama Imlek, 17 Feb Imlek -> Wed 18 Feb.
        (date(2026, 2, 2), 10, date(2026, 2, 18)),
        # A Friday receipt counts from Monday: Fri 6 Nov 2026 + 1 -> Mon 9 Nov.
        (date(2026, 11, 6), 1, date(2026, 11, 9)),
        # Received on a Saturday: Sat 7 Nov + 10 -> Fri 20 Nov.
        (date(2026, 11, 7), 10, date(2026, 11, 20)),
        # Christmas: Mon 21 Dec + 10 -> 22, 23 (1, 2), 24 cuti bersama, 25 Christmas, 28-31 (3-6),
        # 1 Jan 2027 New Year, 4 Jan (7), 5 Jan Isra Mi'raj, 6-8 Jan (8-10) -> Fri 8 Jan 2027.
        (date(2026, 12, 21), 10, date(2027, 1, 8)),
        # Extension: 10 + 7 from Mon 16 Mar 2026 -> 7 Apr + 7 working days = Thu 16 Apr 2026.
        (date(2026, 3, 16), 17, date(2026, 4, 16)),
        (date(2026, 3, 16), 0, date(2026, 3, 16)),
    ],
)
def test_add_working_days_matches_hand_checked_dates(start, days, due):
    assert add_working_days(start, days) == due
    assert working_days_between(start, due) == days


def test_package_has_cuti_bersama_2026():
    closed = deadlines.package_holidays(2026)
    for day in [
        date(2026, 3, 18),
        date(2026, 3, 20),
        date(2026, 3, 23),
        date(2026, 3, 24),
        date(2026, 12, 24),
    ]:
        assert day in closed
    assert not is_working_day(date(2026, 3, 23))
    assert is_working_day(date(2026, 3, 25))


def test_working_days_between_is_negative_backwards():
    assert working_days_between(date(2026, 4, 7), date(2026, 3, 16)) == -10


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        add_working_days(date(2026, 3, 16), -1)


def test_staff_closure_day_moves_only_its_agencys_deadline(agency, other_agency):
    ClosureDay.objects.create(date=date(2026, 4, 6), name="Banjir", agency=agency)
    assert add_working_days(date(2026, 3, 16), 10, agency=agency) == date(2026, 4, 8)
    assert add_working_days(date(2026, 3, 16), 10, agency=other_agency) == date(2026, 4, 7)
    assert add_working_days(date(2026, 3, 16), 10) == date(2026, 4, 7)


def test_closure_for_every_agency_applies_to_all(agency):
    ClosureDay.objects.create(date=date(2026, 4, 6), name="Pilkada", agency=None)
    assert add_working_days(date(2026, 3, 16), 10, agency=agency) == date(2026, 4, 8)
    assert add_working_days(date(2026, 3, 16), 10) == date(2026, 4, 8)


def test_a_row_can_reopen_a_package_holiday_for_one_agency(agency):
    # The government moved a cuti bersama: the agency works on 24 March.
    ClosureDay.objects.create(
        date=date(2026, 3, 24), name="Masuk kerja", agency=agency, is_closed=False
    )
    assert add_working_days(date(2026, 3, 16), 10, agency=agency) == date(2026, 4, 6)


def test_saving_a_closure_day_needs_the_agencys_ppid_role(agency, other_agency, make_user):
    officer = make_user("petugas_x", Role.PPID_OFFICER, agency)
    with pytest.raises(PPIDError):
        save_closure_day(
            ClosureDay(date=date(2026, 4, 6), name="x", agency=other_agency), actor=officer
        )
    with pytest.raises(PPIDError):
        save_closure_day(ClosureDay(date=date(2026, 4, 6), name="x", agency=None), actor=officer)
    closure = save_closure_day(
        ClosureDay(date=date(2026, 4, 6), name="x", agency=agency), actor=officer
    )
    remove_closure_day(closure, actor=officer)
    assert not ClosureDay.objects.exists()


def test_working_days_between_counts_day_by_day_across_years(agency, other_agency):
    """Working days after the start up to and including the end, whatever the span, with the
    agency's own closures and re-opened days; several agencies' calendars read at once agree."""
    ClosureDay.objects.create(date=date(2026, 12, 28), name="Banjir", agency=agency)
    ClosureDay.objects.create(date=date(2027, 1, 4), name="Pilkada", agency=None)
    ClosureDay.objects.create(
        date=date(2026, 12, 24), name="Masuk kerja", agency=agency, is_closed=False
    )
    together = deadlines.WorkingCalendar.for_agencies([agency.pk, other_agency.pk], 2025, 2027)

    def one_by_one(calendar, start, end):
        if end < start:
            return -one_by_one(calendar, end, start)
        days = ((start + timedelta(days=n)) for n in range(1, (end - start).days + 1))
        return sum(calendar.is_working_day(day) for day in days)

    samples = [date(2025, 12, 1) + timedelta(days=n) for n in range(0, 500, 9)]
    for target in (agency, other_agency):
        calendar = deadlines.WorkingCalendar(target)
        for start in samples[::3]:
            for end in samples[::4]:
                expected = one_by_one(calendar, start, end)
                assert calendar.working_days_between(start, end) == expected
                assert together[target.pk].working_days_between(start, end) == expected
    # Mon 21 Dec 2026 to Fri 8 Jan 2027 is 10 working days on the package calendar (see above);
    # the closure of every agency on Mon 4 Jan 2027 makes it 9. The agency also works on 24 Dec
    # but is closed on 28 Dec: 9 as well.
    assert working_days_between(date(2026, 12, 21), date(2027, 1, 8)) == 9
    assert working_days_between(date(2026, 12, 21), date(2027, 1, 8), agency=other_agency) == 9
    assert working_days_between(date(2026, 12, 21), date(2027, 1, 8), agency=agency) == 9
    assert working_days_between(date(2026, 12, 21), date(2026, 12, 24), agency=agency) == 3
    assert working_days_between(date(2026, 12, 21), date(2026, 12, 24), agency=other_agency) == 2
