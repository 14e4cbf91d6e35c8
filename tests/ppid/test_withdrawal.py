"""A requester may withdraw an open request (issue 13, item 7).

From the status page, with a confirmation box against a wrong click; the PPID's deadline ends,
a written confirmation is recorded and mailed, the request leaves the staff queue and the
report counts it apart from answers. A decided request cannot be withdrawn.
"""

import pytest
from django.core import mail
from django.urls import reverse

from ppid import services
from ppid.models import InformationRequest
from ppid.reports import annual_report
from ppid.services.objections import last_day_to_object

from .conftest import jakarta

pytestmark = pytest.mark.django_db
Status = InformationRequest.Status


@pytest.fixture
def opened(client, make_request, travel):
    """A request received Mon 16 Mar 2026, its status page opened by the requester."""
    travel(jakarta(2026, 3, 16, 9))
    req, _code = make_request()
    session = client.session
    session["ppid_verified_requests"] = [req.pk]
    session.save()
    return req


def withdraw_url(req):
    return reverse("ppid:withdraw", args=[req.pk])


def test_the_status_page_offers_withdrawal_of_an_open_request(client, opened):
    page = client.get(reverse("ppid:status_detail", args=[opened.pk])).content.decode()
    assert "Tarik permohonan" in page
    assert withdraw_url(opened) in page


def test_without_the_confirmation_box_nothing_happens_and_the_reason_stays(client, opened):
    response = client.post(withdraw_url(opened), {"reason": "Sudah saya peroleh dari BPS"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Centang kotak" in page
    assert "Sudah saya peroleh dari BPS" in page
    opened.refresh_from_db()
    assert opened.status == Status.RECEIVED


def test_withdrawing_closes_the_request_with_a_written_confirmation(
    client, opened, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            withdraw_url(opened), {"reason": "Sudah saya peroleh dari BPS", "confirm": "on"}
        )
    assert response.status_code == 302
    opened.refresh_from_db()
    assert opened.status == Status.WITHDRAWN
    assert opened.withdrawal_reason == "Sudah saya peroleh dari BPS"
    event = opened.events.get(action="ppid.request.withdrawn")
    assert "16 Maret 2026" in event.notice_text
    assert opened.registration_number in event.notice_text
    page = client.get(reverse("ppid:status_detail", args=[opened.pk])).content.decode()
    assert "Ditarik oleh pemohon" in page
    assert "Tarik permohonan" not in page.split("Linimasa")[0].split("</dl>")[1]
    assert [m.to for m in mail.outbox if "ditarik" in m.subject.lower()] == [[opened.email]]


def test_a_withdrawn_request_leaves_the_open_queue(opened):
    services.withdraw(opened, reason="")
    assert not InformationRequest.objects.open().filter(pk=opened.pk).exists()


def test_a_decided_request_cannot_be_withdrawn(client, opened, ppid_officer):
    services.decide(opened, actor=ppid_officer, outcome="granted", reasons="Data terlampir.")
    response = client.post(withdraw_url(opened), {"confirm": "on"})
    assert response.status_code in (400, 409)
    assert "Hanya permohonan yang masih berjalan" in response.content.decode()
    opened.refresh_from_db()
    assert opened.status == Status.DECIDED


def test_a_request_withdrawn_before_its_due_date_raises_no_late_answer_ground(opened, travel):
    travel(jakarta(2026, 3, 17, 9))
    services.withdraw(opened)
    travel(jakarta(2026, 5, 4, 9))  # long after the due date (Tue 7 Apr 2026)
    opened.refresh_from_db()
    assert last_day_to_object(opened, "35c") is None
    assert last_day_to_object(opened, "35g") is None


def test_the_report_counts_withdrawals_apart_from_answers_and_overdue(opened, travel):
    services.withdraw(opened)
    travel(jakarta(2026, 5, 4, 9))
    report = annual_report(2026)
    assert (report["total"], report["answered"], report["pending"]) == (1, 0, 0)
    assert report["withdrawn"] == 1
    assert report["open_overdue"] == 0
