"""The Komisi Informasi stage (UU 14/2008 Pasal 37(2)) and who may answer an objection.

2026 dates with the holidays package's days off: 1 May, 14-15 May, 27-28 May, 1 June, 16 June.
"""

from datetime import date

import pytest
from django.urls import reverse

from ppid import deadlines, services
from ppid.models import ClosureDay, Dispute
from tests.conftest import PASSWORD

from .conftest import jakarta

pytestmark = pytest.mark.django_db
PPIDError = services.PPIDError


def test_commission_deadline_after_the_answer():
    # Answer received Fri 22 May 2026: 14 working days are 25, 26, 29 May, 2-5, 8-12, 15, 17 Jun.
    assert deadlines.commission_deadline(answer_received=date(2026, 5, 22)) == date(2026, 6, 17)


def test_commission_deadline_when_the_atasan_never_answers():
    # An objection filed Wed 8 Apr 2026 is due Mon 25 May (30 working days); unanswered, the
    # requester has until Thu 18 Jun 2026.
    due = deadlines.add_working_days(date(2026, 4, 8), deadlines.OBJECTION_ANSWER_DAYS)
    assert due == date(2026, 5, 25)
    assert deadlines.commission_deadline(answer_due=due) == date(2026, 6, 18)


def test_commission_deadline_counts_the_agencys_closure_days(agency):
    ClosureDay.objects.create(date=date(2026, 6, 17), name="Banjir", agency=agency)
    assert deadlines.commission_deadline(answer_received=date(2026, 5, 22), agency=agency) == date(
        2026, 6, 18
    )


@pytest.mark.parametrize(
    "given",
    [{}, {"answer_received": date(2026, 5, 22), "answer_due": date(2026, 5, 25)}],
)
def test_commission_deadline_takes_exactly_one_of_the_two(given):
    with pytest.raises(ValueError):
        deadlines.commission_deadline(**given)


def _unanswered_objection(make_request, travel):
    travel(jakarta(2026, 3, 16, 9))
    req, code = make_request()
    travel(jakarta(2026, 4, 8, 9))  # due 7 Apr, unanswered
    objection = services.file_objection(req, grounds=["35c"], case_text="Tidak dijawab")
    return req, code, objection


def _status_page(client, req, code):
    # The requester proved number and code in this browser (ppid.views._remember).
    session = client.session
    session["ppid_verified_requests"] = [req.pk]
    session.save()
    return client.get(reverse("ppid:status_detail", args=[req.pk])).content.decode()


def test_status_page_gives_the_commission_date_when_the_atasan_is_silent(
    client, make_request, travel
):
    req, code, objection = _unanswered_objection(make_request, travel)
    assert objection.due_date == date(2026, 5, 25)
    travel(jakarta(2026, 5, 26, 9))
    page = _status_page(client, req, code)
    assert "Komisi Informasi" in page
    assert "18 Juni 2026" in page


def test_status_page_gives_the_commission_date_after_the_answer(
    client, make_request, ppid_head, travel
):
    req, code, objection = _unanswered_objection(make_request, travel)
    travel(jakarta(2026, 5, 22, 10))
    services.decide_objection(objection, actor=ppid_head, decision="upheld", reasons="Tetap")
    page = _status_page(client, req, code)
    assert "17 Juni 2026" in page


def test_the_answer_names_the_last_day_for_the_commission(make_request, ppid_head, travel):
    _req, _code, objection = _unanswered_objection(make_request, travel)
    travel(jakarta(2026, 5, 22, 10))
    objection = services.decide_objection(
        objection, actor=ppid_head, decision="upheld", reasons="Tetap"
    )
    assert "17 Juni 2026" in objection.events.get(action="ppid.objection.decided").notice_text


# --- whoever decided the request does not answer its objection ----------------------------------


def test_the_head_who_decided_the_request_may_not_answer_its_objection(
    client, make_request, make_user, agency, ppid_head
):
    req, _code = make_request()
    services.decide(req, actor=ppid_head, outcome="exempt", exemption_ground="17h",
                    consequence_test="Data pribadi")  # fmt: skip
    objection = services.file_objection(req, grounds=["35a"], case_text="Bukan rahasia")
    with pytest.raises(PPIDError, match="Anda sendiri yang memutus"):
        services.decide_objection(objection, actor=ppid_head, decision="upheld", reasons="Tetap")
    objection.refresh_from_db()
    assert objection.status == "pending"

    # The admin hides the answer button from them and says why.
    client.login(username=ppid_head.username, password=PASSWORD)
    page = client.get(reverse("admin:ppid_objection_change", args=[objection.pk]))
    decide_url = reverse("admin:ppid_objection_decide", args=[objection.pk])
    assert decide_url not in page.content.decode()
    assert "Anda sendiri yang memutus" in page.content.decode()

    # Another PPID head of the agency answers it.
    other_head = make_user("atasan2", "ppid_head", agency)
    services.decide_objection(objection, actor=other_head, decision="upheld", reasons="Tetap")
    objection.refresh_from_db()
    assert objection.decided_by == other_head


# --- the dispute register ------------------------------------------------------------------------


def test_ppid_staff_record_a_dispute_in_the_admin(
    client, make_request, ppid_officer, other_agency, make_user, travel
):
    req, _code, objection = _unanswered_objection(make_request, travel)
    travel(jakarta(2026, 6, 1, 9))
    client.login(username=ppid_officer.username, password=PASSWORD)
    add = reverse("admin:ppid_dispute_add")
    response = client.post(
        add,
        {
            "objection": objection.pk,
            "filed_on": "2026-05-29",
            "commission_number": "012/V/KIP-PS/2026",
            "stage": "mediation",
            "outcome": "",
            "outcome_on": "",
            "notes": "Sidang pertama 10 Juni",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    dispute = Dispute.objects.get()
    assert (dispute.objection, dispute.recorded_by) == (objection, ppid_officer)
    assert req.events.filter(action="ppid.dispute.recorded").exists()
    change = reverse("admin:ppid_dispute_change", args=[dispute.pk])
    # An outcome needs its date.
    response = client.post(
        change,
        {
            "objection": objection.pk, "filed_on": "2026-05-29",
            "commission_number": "012/V/KIP-PS/2026", "stage": "adjudication",
            "outcome": "granted", "outcome_on": "", "notes": "",
        },
    )  # fmt: skip
    assert response.status_code == 200
    dispute.refresh_from_db()
    assert dispute.outcome == ""

    # Another agency's PPID officer neither sees the dispute nor can pick the objection.
    outsider = make_user("petugas_bpsdm", "ppid_officer", other_agency)
    client.force_login(outsider)
    assert client.get(change).status_code == 404
    assert client.get(reverse("admin:ppid_dispute_changelist")).status_code == 200
    assert objection.registration_number not in client.get(add).content.decode()


def test_the_report_counts_disputes_by_stage_and_outcome(make_request, travel):
    from ppid.reports import annual_report, report_rows

    _req, _code, objection = _unanswered_objection(make_request, travel)
    travel(jakarta(2026, 6, 30, 9))
    Dispute.objects.create(objection=objection, filed_on=date(2026, 6, 1), stage="mediation")
    Dispute.objects.create(
        objection=objection, filed_on=date(2026, 6, 10), stage="adjudication",
        outcome="granted", outcome_on=date(2026, 6, 29), carried_out=True,
    )  # fmt: skip
    report = annual_report(2026)
    assert report["disputes_total"] == 2
    assert [v for _k, v in report["disputes_by_stage"]] == [1, 1]
    assert [v for _k, v in report["disputes_by_outcome"]] == [0, 1, 0, 0, 0, 1, 1]
    assert ("Sengketa di Komisi Informasi", "Jumlah", 2) in [
        tuple(map(str, row[:2])) + (row[2],) for row in report_rows(report)
    ]
