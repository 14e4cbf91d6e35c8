"""Staff closure days recompute the due dates of open requests, with a line in the timeline."""

from datetime import date

import pytest
from django.urls import reverse

from ppid import services
from ppid.models import ClosureDay
from tests.conftest import PASSWORD

from .conftest import jakarta

pytestmark = pytest.mark.django_db


def test_closure_day_added_in_admin_recomputes_open_due_dates(
    client, agency, other_agency, ppid_officer, make_request, travel
):
    travel(jakarta(2026, 3, 16, 9))
    open_req, _ = make_request()
    decided_req, _ = make_request()
    services.decide(decided_req, actor=ppid_officer, outcome="granted", reasons="ok")
    elsewhere, _ = make_request(target=other_agency)
    assert open_req.due_date == date(2026, 4, 7)

    client.login(username=ppid_officer.username, password=PASSWORD)
    response = client.post(
        reverse("admin:ppid_closureday_add"),
        {"date": "2026-04-06", "name": "Banjir di kantor", "agency": agency.pk, "is_closed": "on"},
    )
    assert response.status_code == 302
    open_req.refresh_from_db()
    decided_req.refresh_from_db()
    elsewhere.refresh_from_db()
    assert open_req.due_date == date(2026, 4, 8)
    assert decided_req.due_date == date(2026, 4, 7)  # decided: left as it was
    assert elsewhere.due_date == date(2026, 4, 7)  # another agency's calendar
    event = open_req.events.get(action="ppid.request.due_date_recomputed")
    assert "Banjir di kantor" in event.summary

    # Removing it brings the old date back, logged again.
    closure = ClosureDay.objects.get(name="Banjir di kantor")
    response = client.post(
        reverse("admin:ppid_closureday_delete", args=[closure.pk]), {"post": "yes"}
    )
    assert response.status_code == 302
    open_req.refresh_from_db()
    assert open_req.due_date == date(2026, 4, 7)
    assert open_req.events.filter(action="ppid.request.due_date_recomputed").count() == 2


def test_package_rows_are_read_only_for_staff(client, agency, ppid_officer):
    services.sync_package_holidays([2026])
    row = ClosureDay.objects.get(date=date(2026, 12, 25))
    assert row.source == "package" and row.agency is None
    client.login(username=ppid_officer.username, password=PASSWORD)
    client.post(
        reverse("admin:ppid_closureday_change", args=[row.pk]),
        {"date": "2026-12-25", "name": "x", "is_closed": ""},
    )
    row.refresh_from_db()
    assert row.is_closed and row.name != "x"
    assert (
        client.post(
            reverse("admin:ppid_closureday_delete", args=[row.pk]), {"post": "yes"}
        ).status_code
        == 403
    )
    assert ClosureDay.objects.filter(pk=row.pk).exists()


def test_closure_for_every_agency_needs_a_superuser(client, ppid_officer, agency):
    client.login(username=ppid_officer.username, password=PASSWORD)
    response = client.post(
        reverse("admin:ppid_closureday_add"),
        {"date": "2026-04-06", "name": "Semua", "agency": "", "is_closed": "on"},
    )
    assert response.status_code == 200  # the form asks for the agency
    assert not ClosureDay.objects.exists()


def test_deciding_from_completion_clock(agency, ppid_officer, make_request, travel):
    """Agencies whose clock starts when the file is complete get no due date while waiting."""
    agency.ppid_clock_start = "complete"
    agency.save()
    travel(jakarta(2026, 3, 16, 9))
    req, _ = make_request()
    assert req.due_date == date(2026, 4, 7)
    services.ask_for_completion(req, actor=ppid_officer, missing="KTP")
    req.refresh_from_db()
    assert req.due_date is None
    travel(jakarta(2026, 3, 25, 9))
    services.record_completion(req, actor=ppid_officer)
    req.refresh_from_db()
    # Wed 25 Mar + 10 working days: 26, 27, 30, 31, 1, 2 (6), 3 Good Friday, 6-9 Apr (10).
    assert req.due_date == date(2026, 4, 9)
