"""The PPID desk speaks Indonesian and writes dates one way (issue 13: "Year", "Sequence",
"Decided by" in English; the queue's 07-12-2026 beside 11 Desember 2026 elsewhere)."""

import pytest
from django.urls import reverse

from ppid import services
from tests.conftest import PASSWORD

from .conftest import jakarta

pytestmark = pytest.mark.django_db


def test_the_queue_writes_due_dates_the_indonesian_way(client, ppid_officer, make_request, travel):
    travel(jakarta(2026, 3, 16, 9))
    make_request()  # due Tue 7 Apr 2026
    client.login(username=ppid_officer.username, password=PASSWORD)
    html = client.get(reverse("admin:ppid_informationrequest_changelist")).content.decode()
    assert "7 April 2026" in html
    assert "07-04-2026" not in html


def test_a_decided_request_names_who_decided_in_indonesian(
    client, ppid_officer, make_request, travel
):
    travel(jakarta(2026, 3, 16, 9))
    req, _code = make_request()
    services.decide(req, actor=ppid_officer, outcome="granted", reasons="Data terlampir.")
    client.login(username=ppid_officer.username, password=PASSWORD)
    html = client.get(
        reverse("admin:ppid_informationrequest_change", args=[req.pk])
    ).content.decode()
    assert "Diputuskan oleh" in html
    assert "Dicatat oleh" in html
    for english in ("Decided by", "Created by"):
        assert english not in html
