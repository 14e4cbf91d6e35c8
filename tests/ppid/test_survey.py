"""The public satisfaction survey (SKM, Permenpan RB 14/2017; issue 13 item 9): once a request is
closed its requester rates the nine elements once, and the report shows the index (IKM) per
agency and period with its grade."""

import pytest
from django.urls import reverse

from ppid import services
from ppid.models import SurveyResponse
from ppid.reports import annual_report
from ppid.services.survey import FIELDS, satisfaction_index

from .conftest import jakarta

pytestmark = pytest.mark.django_db


@pytest.fixture
def decided(client, make_request, ppid_officer, travel):
    travel(jakarta(2026, 3, 16, 9))
    req, _code = make_request()
    session = client.session
    session["ppid_verified_requests"] = [req.pk]
    session.save()
    return req


def rating(value, **overrides):
    return {**{name: str(value) for name in FIELDS}, **overrides}


def status(client, req):
    return client.get(reverse("ppid:status_detail", args=[req.pk])).content.decode()


def test_the_survey_opens_when_the_request_is_closed_and_is_answered_once(
    client, decided, ppid_officer
):
    assert "Bagaimana layanan kami?" not in status(client, decided)
    services.decide(decided, actor=ppid_officer, outcome="granted", reasons="Terlampir.")
    assert "Bagaimana layanan kami?" in status(client, decided)
    response = client.post(reverse("ppid:survey", args=[decided.pk]), rating(4, suggestion="Cepat"))
    assert response.status_code == 302
    assert SurveyResponse.objects.get().suggestion == "Cepat"
    assert "Bagaimana layanan kami?" not in status(client, decided)
    again = client.post(reverse("ppid:survey", args=[decided.pk]), rating(1))
    assert "sudah mengisi survei" in again.content.decode()
    assert SurveyResponse.objects.count() == 1


def test_a_missing_answer_is_asked_for_and_the_rest_is_kept(client, decided, ppid_officer):
    services.decide(decided, actor=ppid_officer, outcome="granted", reasons="Terlampir.")
    data = rating(3, suggestion="Petugas ramah sekali")
    del data["facilities"]
    response = client.post(reverse("ppid:survey", args=[decided.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Pilih salah satu jawaban." in html and "Petugas ramah sekali" in html
    assert not SurveyResponse.objects.exists()


def test_the_index_follows_permenpan_14_2017(decided, make_request, ppid_officer):
    services.decide(decided, actor=ppid_officer, outcome="granted", reasons=".")
    decided.refresh_from_db()
    services.answer_survey(decided, scores=dict.fromkeys(FIELDS, 4))
    assert satisfaction_index(SurveyResponse.objects.all())["ikm"] == 100.0
    other, _code = make_request()
    other = services.withdraw(other)
    services.answer_survey(other, scores=dict.fromkeys(FIELDS, 2))
    index = satisfaction_index(SurveyResponse.objects.all())
    # Means 3.0 everywhere: NRR 3.0, IKM 75.0, grade C (65.00-76.60).
    assert (index["count"], index["ikm"], index["grade"]) == (2, 75.0, "C")
    assert index["elements"][0] == ("Persyaratan", 3.0)


def test_the_report_shows_the_index_for_the_agency_and_period(
    client, decided, ppid_officer, agency
):
    services.decide(decided, actor=ppid_officer, outcome="granted", reasons=".")
    decided.refresh_from_db()
    services.answer_survey(decided, scores=dict.fromkeys(FIELDS, 4))
    report = annual_report(2026, agency=agency, semester=1)
    assert report["satisfaction"]["grade"] == "A"
    assert annual_report(2026, semester=2)["satisfaction"]["count"] == 0
    html = client.get(
        reverse("ppid:report", args=[2026]) + f"?instansi={agency.slug}"
    ).content.decode()
    assert "Indeks Kepuasan Masyarakat (IKM)" in html and "100,0" in html
