"""The staff side: the queue's order and highlights, DIP maintenance, the demo seed."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from accounts.models import Agency
from ppid import services
from ppid.models import ClosureDay, DIPEntry, InformationRequest, Objection
from tests.conftest import PASSWORD

from .conftest import jakarta

pytestmark = pytest.mark.django_db


def test_queue_orders_by_due_date_and_highlights_overdue_and_due_soon(
    client, agency, ppid_officer, make_request, travel
):
    travel(jakarta(2026, 3, 2, 9))
    overdue, _ = make_request()  # due Mon 16 Mar
    travel(jakarta(2026, 3, 6, 9))
    soon, _ = make_request()  # 9-13, 16, 17 Mar (7), 18-24 closed, 25-27 Mar (10)
    travel(jakarta(2026, 3, 9, 9))
    later, _ = make_request()
    decided, _ = make_request()
    services.decide(decided, actor=ppid_officer, outcome="granted", reasons="ok")
    travel(jakarta(2026, 3, 17, 9))
    client.login(username=ppid_officer.username, password=PASSWORD)
    html = client.get(reverse("admin:ppid_informationrequest_changelist")).content.decode()
    positions = [html.index(r.registration_number) for r in (overdue, soon, later, decided)]
    assert positions == sorted(positions)
    row = lambda req: html[html.index(req.registration_number) :][:600]  # noqa: E731
    assert "ppid-due overdue" in row(overdue)
    soon.refresh_from_db()
    # 17 March + 3 working days = 27 March: due soon. `later` is due 30 March.
    assert soon.due_date == date(2026, 3, 27)
    assert "ppid-due due-soon" in row(soon)
    assert "ppid-due overdue" not in row(later) and "due-soon" not in row(later)


def test_writer_without_ppid_role_has_no_ppid_admin(client, writer, make_request):
    make_request()
    client.login(username=writer.username, password=PASSWORD)
    assert client.get(reverse("admin:ppid_informationrequest_changelist")).status_code == 403
    assert client.get(reverse("admin:ppid_dipentry_changelist")).status_code == 403
    assert "informationrequest" not in client.get(reverse("admin:index")).content.decode()


def test_officer_maintains_the_dip_and_exempt_entries_need_a_ground(client, agency, ppid_officer):
    client.login(username=ppid_officer.username, password=PASSWORD)
    url = reverse("admin:ppid_dipentry_add")
    base = {
        "agency": agency.pk,
        "title": "Dokumen penyidikan",
        "category": "dikecualikan",
        "published": "on",
        "link": "https://example.go.id/rahasia.pdf",
    }
    response = client.post(url, base)
    assert response.status_code == 200 and not DIPEntry.objects.exists()
    response = client.post(
        url,
        {**base, "link": "", "exemption_ground": "17a", "exempt_until": "2028-12-31",
         "classification_reason": "Membuka dokumen menghambat penyidikan (uji konsekuensi)."},
    )  # fmt: skip
    assert response.status_code == 302
    assert DIPEntry.objects.get().exemption_ground == "17a"


def test_sync_holidays_command_copies_the_package(agency):
    out = io.StringIO()
    call_command("ppid_sync_holidays", "2026", stdout=out)
    assert ClosureDay.objects.filter(date=date(2026, 3, 23), source="package").exists()
    call_command("ppid_sync_holidays", "2026", stdout=out)
    assert ClosureDay.objects.filter(date=date(2026, 3, 23)).count() == 1


def test_seed_demo_is_idempotent(settings):
    settings.DEBUG = True
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    counts = (
        InformationRequest.objects.count(),
        DIPEntry.objects.count(),
        Objection.objects.count(),
    )
    call_command("seed_demo", stdout=out)
    assert counts == (
        InformationRequest.objects.count(),
        DIPEntry.objects.count(),
        Objection.objects.count(),
    )
    assert counts[0] >= 5 and counts[2] == 1
    dislutkan = Agency.objects.get(slug="dislutkan")
    states = set(
        InformationRequest.objects.filter(agency=dislutkan).values_list("status", flat=True)
    )
    assert {"received", "awaiting_completion", "in_process", "decided"} <= states


@pytest.mark.parametrize(
    "action", ["process", "ask-completion", "completed", "extend", "decide", "attach", "fee"]
)
def test_action_pages_render_for_the_officer(client, ppid_officer, make_request, action):
    req, _ = make_request()
    client.login(username=ppid_officer.username, password=PASSWORD)
    url = reverse("admin:ppid_informationrequest_action", args=[req.pk, action])
    response = client.get(url)
    assert response.status_code == 200
    assert req.registration_number in response.content.decode()
    assert (
        client.get(reverse("admin:ppid_informationrequest_change", args=[req.pk])).status_code
        == 200
    )


def test_staff_add_form_and_closure_and_objection_pages_render(
    client, ppid_officer, ppid_head, make_request
):
    req, _ = make_request()
    services.decide(req, actor=ppid_officer, outcome="granted")
    objection = services.file_objection(req, grounds=["35d"], case_text="x")
    client.login(username=ppid_head.username, password=PASSWORD)
    for url in [
        reverse("admin:ppid_informationrequest_add"),
        reverse("admin:ppid_closureday_add"),
        reverse("admin:ppid_closureday_changelist"),
        reverse("admin:ppid_objection_changelist"),
        reverse("admin:ppid_objection_change", args=[objection.pk]),
        reverse("admin:ppid_objection_decide", args=[objection.pk]),
        reverse("admin:ppid_dipentry_add"),
    ]:
        assert client.get(url).status_code == 200, url
