"""A request waiting for completion has a deadline and an end (Perki 1/2021; issue 13).

With the agency's clock starting when the file is complete, a request sent back for completion
had no due date and no way to end. Now the requester has ``deadlines.completion_days()`` (10)
working days from the day the PPID asked; after that the PPID closes it as not completed, with a
written notice, and the requester may object (Pasal 35(1)(e)).
"""

from datetime import date

import pytest
from django.urls import reverse

from ppid import deadlines, services
from ppid.services.completion import completion_due
from ppid.services.objections import last_day_to_object
from tests.conftest import PASSWORD

from .conftest import jakarta

pytestmark = pytest.mark.django_db
PPIDError = services.PPIDError


@pytest.fixture
def waiting(agency, ppid_officer, make_request, travel):
    """Asked to complete on Mon 16 Mar 2026: 10 working days are 17, 25-27, 30-31 Mar, 1-2, 6-7
    Apr (18-24 Mar Nyepi, Idul Fitri and cuti bersama; 3 Apr Good Friday): until Tue 7 Apr."""
    agency.ppid_clock_start = "complete"
    agency.save()
    travel(jakarta(2026, 3, 16, 9))
    req, code = make_request()
    services.ask_for_completion(req, actor=ppid_officer, missing="Salinan KTP")
    req.refresh_from_db()
    return req, code


def test_the_completion_period_is_ten_working_days(waiting, settings):
    req, _code = waiting
    assert deadlines.completion_days() == 10
    assert completion_due(req) == date(2026, 4, 7)
    notice = req.events.get(action="ppid.request.completion_requested").notice_text
    assert "7 April 2026" in notice


def test_the_period_is_a_setting(waiting, settings):
    settings.PPID_COMPLETION_DAYS = 5
    req, _code = waiting
    assert completion_due(req) == date(2026, 3, 30)  # 17, 25, 26, 27, 30 Mar


def test_closing_before_the_period_ends_is_refused(waiting, ppid_officer, travel):
    req, _code = waiting
    travel(jakarta(2026, 4, 7, 15))
    with pytest.raises(PPIDError, match="7 April 2026"):
        services.close_incomplete(req, actor=ppid_officer)
    req.refresh_from_db()
    assert req.status == "awaiting_completion"


def test_an_uncompleted_request_is_closed_with_a_notice_and_can_be_objected_to(
    client, waiting, ppid_officer, travel
):
    req, _code = waiting
    travel(jakarta(2026, 4, 8, 9))
    client.login(username=ppid_officer.username, password=PASSWORD)
    change = reverse("admin:ppid_informationrequest_change", args=[req.pk])
    close = reverse("admin:ppid_informationrequest_action", args=[req.pk, "close-incomplete"])
    assert close in client.get(change).content.decode()
    response = client.post(close, {"note": "Salinan KTP tidak dikirim."})
    assert response.status_code == 302
    req.refresh_from_db()
    assert (req.status, req.outcome) == ("decided", "not_completed")
    assert req.get_outcome_display() == "Ditutup: tidak dilengkapi oleh pemohon"
    event = req.events.get(action="ppid.request.closed_incomplete")
    assert "7 April 2026" in event.notice_text and "keberatan" in event.notice_text
    assert not req.objections.exists()
    # Ground (e), the request not fulfilled: 30 working days after Wed 8 Apr is Mon 25 May.
    assert last_day_to_object(req, "35e") == date(2026, 5, 25)
    assert services.objection_allowed(req)
    services.file_objection(req, grounds=["35e"], case_text="KTP sudah saya kirim lewat pos")


def test_closed_requests_leave_the_queue_and_the_decide_form(waiting, ppid_officer, travel):
    req, _code = waiting
    travel(jakarta(2026, 4, 8, 9))
    services.close_incomplete(req, actor=ppid_officer)
    with pytest.raises(PPIDError):
        services.close_incomplete(req, actor=ppid_officer)  # once
    with pytest.raises(PPIDError):
        services.decide(req, actor=ppid_officer, outcome="not_completed")  # not a decision
    from ppid.models import InformationRequest

    assert not InformationRequest.objects.open().filter(pk=req.pk).exists()


def test_completing_in_time_keeps_the_request_open(waiting, ppid_officer, travel):
    req, _code = waiting
    travel(jakarta(2026, 4, 7, 10))
    services.record_completion(req, actor=ppid_officer)
    req.refresh_from_db()
    assert completion_due(req) is None
    travel(jakarta(2026, 4, 8, 9))
    with pytest.raises(PPIDError):
        services.close_incomplete(req, actor=ppid_officer)


def test_status_page_tells_the_requester_the_completion_date(client, waiting):
    req, _code = waiting
    session = client.session
    session["ppid_verified_requests"] = [req.pk]
    session.save()
    page = client.get(reverse("ppid:status_detail", args=[req.pk])).content.decode()
    assert "7 April 2026" in page


def test_closures_are_counted_apart_from_answers_in_the_report(waiting, ppid_officer, travel):
    from ppid.reports import annual_report

    req, _code = waiting
    travel(jakarta(2026, 4, 8, 9))
    services.close_incomplete(req, actor=ppid_officer)
    report = annual_report(2026)
    assert (report["total"], report["answered"], report["pending"]) == (1, 0, 0)
    assert report["closed_incomplete"] == 1
    assert report["median_days"] is None  # a closure is no answer: no time to answer
