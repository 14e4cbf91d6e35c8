"""Each ground of UU 14/2008 Pasal 35(1) has its own 30-working-day window (Pasal 36(1)),
counted from the day that ground arose; ground (b) needs no request at all.

Dates are 2026's, with the holidays package's holidays and cuti bersama: 16-17 February (Imlek),
18-24 March (Nyepi, Idul Fitri), 3 April (Good Friday), 1 May, 14-15 May, 27-28 May, 1 June,
16 June.
"""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ppid import services
from ppid.models import Objection
from ppid.services.objections import last_day_to_object, objection_windows

from .conftest import PDF, jakarta

pytestmark = pytest.mark.django_db
PPIDError = services.PPIDError


def test_fee_ground_runs_from_the_fee_not_the_decision(make_request, ppid_officer, travel):
    """Issue 13's case: decided Mon 2 Feb 2026, fee recorded Wed 11 Mar 2026; an objection on
    ground (f) filed Wed 1 Apr 2026 is in time, its last day is Thu 30 Apr 2026."""
    travel(jakarta(2026, 1, 26, 9))
    req, _code = make_request()
    travel(jakarta(2026, 2, 2, 10))
    req = services.decide(req, actor=ppid_officer, outcome="granted", reasons="Terlampir")
    travel(jakarta(2026, 3, 11, 10))
    services.record_fee(req, actor=ppid_officer, description="Fotokopi", pages=40, amount=20000)
    travel(jakarta(2026, 4, 1, 9))
    assert last_day_to_object(req, "35f") == date(2026, 4, 30)
    # Ground (e) arose with the decision: 30 working days after 2 Feb is Wed 25 Mar.
    assert last_day_to_object(req, "35e") == date(2026, 3, 25)
    assert services.objection_allowed(req)
    objection = services.file_objection(req, grounds=["35f"], case_text="Biaya tidak wajar")
    assert objection.grounds == ["35f"]


def test_fee_ground_ends_on_its_thirtieth_working_day(make_request, ppid_officer, travel):
    travel(jakarta(2026, 3, 11, 10))
    req, _code = make_request()
    services.record_fee(req, actor=ppid_officer, description="Fotokopi", pages=40, amount=20000)
    travel(jakarta(2026, 5, 4, 9))  # Fri 1 May is Labour Day; 30 Apr was the last day
    with pytest.raises(PPIDError, match="30 April 2026"):
        services.file_objection(req, grounds=["35f"], case_text="Biaya tidak wajar")


def test_an_expired_ground_is_refused_by_name_and_date(make_request, ppid_officer, travel):
    travel(jakarta(2026, 1, 26, 9))
    req, _code = make_request()
    travel(jakarta(2026, 2, 2, 10))
    req = services.decide(req, actor=ppid_officer, outcome="granted", reasons="Terlampir")
    travel(jakarta(2026, 3, 11, 10))
    services.record_fee(req, actor=ppid_officer, description="Fotokopi", pages=40, amount=20000)
    travel(jakarta(2026, 4, 1, 9))
    with pytest.raises(PPIDError, match="25 Maret 2026"):
        services.file_objection(req, grounds=["35e", "35f"], case_text="Tidak dipenuhi")
    assert not Objection.objects.exists()


def test_refusal_ground_runs_from_the_written_notice(make_request, ppid_officer, travel):
    travel(jakarta(2026, 3, 16, 9))
    req, _code = make_request()
    assert last_day_to_object(req, "35a") is None  # nothing refused yet
    travel(jakarta(2026, 4, 7, 14))
    req = services.decide(
        req, actor=ppid_officer, outcome="exempt", exemption_ground="17h",
        consequence_test="Data pribadi",
    )  # fmt: skip
    assert last_day_to_object(req, "35a") == date(2026, 5, 22)
    assert last_day_to_object(req, "35c") is None  # answered on its due date


def test_granted_request_has_no_refusal_ground(make_request, ppid_officer):
    req, _code = make_request()
    req = services.decide(req, actor=ppid_officer, outcome="granted")
    assert last_day_to_object(req, "35a") is None
    with pytest.raises(PPIDError):
        services.file_objection(req, grounds=["35a"], case_text="Ditolak")


def test_unanswered_ground_opens_the_day_after_the_due_date(make_request, travel):
    """Received Mon 16 Mar 2026, due Tue 7 Apr: the first day to object is Wed 8 Apr and the 30
    working days run from there, to Fri 22 May."""
    travel(jakarta(2026, 3, 16, 9))
    req, _code = make_request()
    travel(jakarta(2026, 4, 7, 16))
    assert last_day_to_object(req, "35c") is None
    with pytest.raises(PPIDError, match="8 April 2026"):
        services.file_objection(req, grounds=["35c"], case_text="Belum dijawab")
    travel(jakarta(2026, 4, 8, 8))
    assert last_day_to_object(req, "35c") == date(2026, 5, 22)
    assert [w.ground for w in objection_windows(req)] == ["35c", "35g"]
    assert not services.objection_allowed(req, today=date(2026, 5, 25))
    services.file_objection(req, grounds=["35c"], case_text="Belum dijawab")


def test_late_delivery_runs_from_the_late_notice_and_the_late_file(
    make_request, ppid_officer, travel
):
    travel(jakarta(2026, 3, 16, 9))
    req, _code = make_request()
    travel(jakarta(2026, 4, 13, 10))  # due 7 Apr: the notice comes late
    req = services.decide(req, actor=ppid_officer, outcome="granted", reasons="Terlampir")
    assert last_day_to_object(req, "35g") == date(2026, 6, 2)
    assert last_day_to_object(req, "35c") == date(2026, 5, 22)  # unanswered from 8 Apr
    travel(jakarta(2026, 5, 4, 10))
    services.attach_file(req, actor=ppid_officer, uploaded=SimpleUploadedFile("data.pdf", PDF))
    assert last_day_to_object(req, "35g") == date(2026, 6, 23)


def test_delivery_on_time_gives_no_late_delivery_ground(make_request, ppid_officer, travel):
    travel(jakarta(2026, 3, 16, 9))
    req, _code = make_request()
    travel(jakarta(2026, 4, 6, 10))
    req = services.decide(req, actor=ppid_officer, outcome="granted")
    travel(jakarta(2026, 4, 20, 10))
    assert last_day_to_object(req, "35g") is None
    with pytest.raises(PPIDError):
        services.file_objection(req, grounds=["35g"], case_text="Terlambat")


def test_answer_not_as_asked_runs_from_the_file_sent_after_the_notice(
    make_request, ppid_officer, travel
):
    travel(jakarta(2026, 3, 16, 9))
    req, _code = make_request()
    travel(jakarta(2026, 4, 7, 10))
    req = services.decide(req, actor=ppid_officer, outcome="granted", reasons="Menyusul")
    assert last_day_to_object(req, "35d") == date(2026, 5, 22)
    travel(jakarta(2026, 4, 8, 10))
    services.attach_file(req, actor=ppid_officer, uploaded=SimpleUploadedFile("data.pdf", PDF))
    assert last_day_to_object(req, "35d") == date(2026, 5, 25)


def test_not_fulfilled_runs_from_the_promised_date_once_it_passes(
    make_request, ppid_officer, travel
):
    travel(jakarta(2026, 3, 16, 9))
    req, _code = make_request()
    travel(jakarta(2026, 3, 25, 10))
    req = services.decide(
        req, actor=ppid_officer, outcome="not_documented", documented_by=date(2026, 4, 8)
    )
    travel(jakarta(2026, 4, 8, 10))
    assert last_day_to_object(req, "35e") == date(2026, 5, 8)  # 30 after Wed 25 Mar
    travel(jakarta(2026, 4, 9, 10))  # the promise is broken: 30 working days after 8 Apr
    assert last_day_to_object(req, "35e") == date(2026, 5, 25)


def test_periodic_information_ground_needs_no_request(
    agency, ppid_head, mailoutbox, django_capture_on_commit_callbacks
):
    assert last_day_to_object(None, "35b") is None  # no window: no last day
    with django_capture_on_commit_callbacks(execute=True):
        objection = services.file_periodic_objection(
            agency=agency,
            periodic_information="Laporan keuangan semester I 2026",
            case_text="Belum diumumkan di laman PPID.",
            name="Sri Wahyuni",
            email="sri@example.id",
        )
    assert objection.request is None and objection.grounds == ["35b"]
    assert objection.registration_number.startswith("KEBERATAN/DISLUTKAN/")
    assert objection.events.get().notice_title  # the receipt, e-mailed to the objector
    with django_capture_on_commit_callbacks(execute=True):
        services.decide_objection(
            objection, actor=ppid_head, decision="overturned", reasons="Segera"
        )
    assert [m.to for m in mailoutbox] == [["sri@example.id"], ["sri@example.id"]]
    assert "Laporan keuangan semester I 2026" in mailoutbox[0].body


@pytest.mark.parametrize(
    "missing",
    [
        {"periodic_information": " "},
        {"case_text": ""},
        {"name": ""},
        {"email": ""},  # no way to reach the objector at all
    ],
)
def test_periodic_objection_needs_the_information_case_and_objector(agency, missing):
    data = {
        "periodic_information": "Laporan keuangan",
        "case_text": "Belum diumumkan",
        "name": "Sri",
        "email": "sri@example.id",
        **missing,
    }
    with pytest.raises(PPIDError):
        services.file_periodic_objection(agency=agency, **data)
    assert not Objection.objects.exists()


def test_periodic_ground_with_a_request_is_always_open(make_request, travel):
    travel(jakarta(2026, 3, 16, 9))
    req, _code = make_request()
    assert not services.objection_allowed(req)  # no ground tied to the request yet
    services.file_objection(req, grounds=["35b"], case_text="Laporan berkala tidak ada")


def test_staff_see_a_periodic_objection_with_its_objector(client, agency, ppid_head):
    objection = services.file_periodic_objection(
        agency=agency,
        periodic_information="Laporan keuangan semester I 2026",
        case_text="Belum diumumkan.",
        name="Sri Wahyuni",
        phone="081234567890",
    )
    client.force_login(ppid_head)
    page = client.get(reverse("admin:ppid_objection_change", args=[objection.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Laporan keuangan semester I 2026" in html and "081234567890" in html
    assert reverse("admin:ppid_objection_decide", args=[objection.pk]) in html
    assert "Sequence" not in html and '["35b"]' not in html
