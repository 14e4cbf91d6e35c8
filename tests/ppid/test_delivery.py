"""Fulfilment: after a decision in the requester's favour the PPID records when and how the
information reached them (issue 13 item 4). The report's time to fulfil runs from receipt to
that day, and a late delivery opens an objection on ground (g).

The examples: received Mon 16 Mar 2026, due Tue 7 Apr 2026 (18-24 Mar closed for Nyepi, Idul
Fitri and cuti bersama; 3 Apr Good Friday), decided Wed 25 Mar 2026.
"""

from datetime import date

import pytest
from django.urls import reverse

from ppid import services
from ppid.reports import annual_report
from ppid.services.objections import last_day_to_object
from tests.conftest import PASSWORD

from .conftest import jakarta

pytestmark = pytest.mark.django_db
PPIDError = services.PPIDError


@pytest.fixture
def granted(make_request, ppid_officer, travel):
    travel(jakarta(2026, 3, 16, 9))
    req, _code = make_request()
    travel(jakarta(2026, 3, 25, 10))
    services.decide(req, actor=ppid_officer, outcome="granted", reasons="Data terlampir.")
    req.refresh_from_db()
    return req


def test_a_granted_request_awaits_delivery_until_it_is_recorded(granted, ppid_officer):
    assert granted.awaits_delivery
    services.record_delivery(
        granted, actor=ppid_officer, delivered_on=date(2026, 3, 25), channel="email"
    )
    granted.refresh_from_db()
    assert not granted.awaits_delivery
    event = granted.events.get(action="ppid.request.delivered")
    assert "25 Maret 2026" in event.summary


def test_delivery_dates_before_the_decision_or_in_the_future_are_refused(granted, ppid_officer):
    with pytest.raises(PPIDError, match="sebelum putusan"):
        services.record_delivery(
            granted, actor=ppid_officer, delivered_on=date(2026, 3, 24), channel="email"
        )
    with pytest.raises(PPIDError, match="masa depan"):
        services.record_delivery(
            granted, actor=ppid_officer, delivered_on=date(2026, 3, 26), channel="email"
        )


def test_a_refusal_has_no_delivery_and_a_delivery_is_recorded_once(
    make_request, granted, ppid_officer
):
    refused, _code = make_request()
    services.decide(
        refused,
        actor=ppid_officer,
        outcome="not_held",
        reasons="Informasi dikuasai BPS.",
        holder_of_information="BPS Prov. Kalimantan Tengah",
    )
    with pytest.raises(PPIDError, match="berpihak"):
        services.record_delivery(
            refused, actor=ppid_officer, delivered_on=date(2026, 3, 25), channel="email"
        )
    services.record_delivery(
        granted, actor=ppid_officer, delivered_on=date(2026, 3, 25), channel="langsung"
    )
    with pytest.raises(PPIDError, match="sudah dicatat"):
        services.record_delivery(
            granted, actor=ppid_officer, delivered_on=date(2026, 3, 25), channel="email"
        )


def test_the_report_measures_time_to_fulfil_from_receipt_to_delivery(
    granted, make_request, ppid_officer, travel
):
    services.record_delivery(
        granted, actor=ppid_officer, delivered_on=date(2026, 3, 25), channel="email"
    )
    travel(jakarta(2026, 3, 16, 11))
    waiting, _code = make_request()
    travel(jakarta(2026, 3, 26, 10))
    services.decide(waiting, actor=ppid_officer, outcome="granted", reasons="Data terlampir.")
    report = annual_report(2026)
    # 16 Mar -> 25 Mar: working days 17 Mar and 25 Mar (18-24 closed): 2.
    assert report["fulfilled"] == 1
    assert report["median_days_to_fulfil"] == 2
    assert report["p90_days_to_fulfil"] == 2
    assert report["awaiting_delivery"] == 1


def test_a_late_delivery_opens_ground_g_from_the_day_of_delivery(
    make_request, ppid_officer, travel
):
    travel(jakarta(2026, 3, 16, 9))
    req, _code = make_request()
    travel(jakarta(2026, 4, 1, 10))
    services.decide(req, actor=ppid_officer, outcome="granted", reasons="Data terlampir.")
    travel(jakarta(2026, 4, 9, 10))  # after the due date, Tue 7 Apr
    services.record_delivery(req, actor=ppid_officer, delivered_on=date(2026, 4, 9), channel="pos")
    req.refresh_from_db()
    # The window runs 30 working days from the late delivery, not from the decision (1 Apr).
    from ppid import deadlines

    assert last_day_to_object(req, "35g") == deadlines.add_working_days(date(2026, 4, 9), 30)


def test_staff_record_the_delivery_from_the_request_page_and_filter_the_queue(
    client, granted, make_request, ppid_officer
):
    client.login(username=ppid_officer.username, password=PASSWORD)
    change = reverse("admin:ppid_informationrequest_change", args=[granted.pk])
    assert "aksi/deliver/" in client.get(change).content.decode()
    queue = reverse("admin:ppid_informationrequest_changelist")
    assert granted.registration_number in client.get(queue + "?penyerahan=belum").content.decode()
    url = reverse("admin:ppid_informationrequest_action", args=[granted.pk, "deliver"])
    response = client.post(url, {"delivered_on": "2026-03-25", "channel": "email", "note": ""})
    assert response.status_code == 302
    granted.refresh_from_db()
    assert granted.delivered_on == date(2026, 3, 25)
    assert (
        granted.registration_number not in client.get(queue + "?penyerahan=belum").content.decode()
    )


def test_the_requester_sees_when_the_information_was_delivered(client, granted, ppid_officer):
    services.record_delivery(
        granted, actor=ppid_officer, delivered_on=date(2026, 3, 25), channel="email"
    )
    session = client.session
    session["ppid_verified_requests"] = [granted.pk]
    session.save()
    page = client.get(reverse("ppid:status_detail", args=[granted.pk])).content.decode()
    assert "Informasi diserahkan" in page
    assert "25 Maret 2026" in page
