"""Requesters' personal data (issue 13 item 11): a privacy notice on the public forms, a log of
every staff view that the PPID head reads, and identity scans removed after the agency's
retention period by a command that shows what it would do first."""

from io import StringIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from ppid import services
from ppid.models import PersonalDataView, RequestAttachment
from tests.conftest import PASSWORD

from .conftest import PDF, jakarta

pytestmark = pytest.mark.django_db


def test_the_public_forms_say_what_why_who_and_how_long(client, agency):
    for name in ("ppid:request", "ppid:objection"):
        html = client.get(reverse(name)).content.decode()
        assert "Cara kami menggunakan data pribadi Anda" in html
        assert "paling lama 24 bulan" in html


def test_staff_views_are_logged_and_read_by_the_ppid_head_only(
    client, make_request, ppid_officer, ppid_head, make_user, other_agency
):
    req, _code = make_request()
    client.login(username=ppid_officer.username, password=PASSWORD)
    client.get(reverse("admin:ppid_informationrequest_change", args=[req.pk]))
    view = PersonalDataView.objects.get()
    assert (view.viewer, view.request, view.agency) == (ppid_officer, req, req.agency)
    assert req.registration_number in view.what
    log = reverse("admin:ppid_personaldataview_changelist")
    assert client.get(log).status_code == 403  # the officer does not read the log
    client.logout()
    client.login(username=ppid_head.username, password=PASSWORD)
    html = client.get(log).content.decode()
    assert req.registration_number in html and str(ppid_officer) in html
    client.logout()
    other_head = make_user("atasan_lain", role="ppid_head", agency=other_agency)
    client.login(username=other_head.username, password=PASSWORD)
    assert req.registration_number not in client.get(log).content.decode()


def test_the_requester_looking_at_their_own_request_is_not_a_staff_view(client, make_request):
    req, code = make_request()
    session = client.session
    session["ppid_verified_requests"] = [req.pk]
    session.save()
    client.get(reverse("ppid:status_detail", args=[req.pk]))
    assert not PersonalDataView.objects.exists()


def scan():
    return SimpleUploadedFile("ktp.pdf", PDF, content_type="application/pdf")


def test_identity_scans_go_after_the_retention_period_dry_run_first(
    make_request, ppid_officer, travel
):
    travel(jakarta(2024, 6, 3, 9))
    old, _code = make_request(uploads=[scan()])
    services.decide(old, actor=ppid_officer, outcome="granted", reasons="Terlampir.")
    objected, code = make_request(uploads=[scan()])
    services.decide(objected, actor=ppid_officer, outcome="exempt", reasons=".",
                    exemption_ground="17h", consequence_test="Data pribadi.")  # fmt: skip
    services.file_objection(objected, grounds=["35a"], case_text="Saya keberatan.")
    travel(jakarta(2026, 5, 4, 9))
    recent, _code = make_request(uploads=[scan()])
    services.decide(recent, actor=ppid_officer, outcome="granted", reasons="Terlampir.")
    travel(jakarta(2026, 6, 10, 9))  # 24 months after June 2024
    stored = RequestAttachment.objects.get(request=old).file
    out = StringIO()
    call_command("ppid_purge_identity_scans", stdout=out)
    assert "1 file(s) of 1 request(s) would be removed" in out.getvalue()
    assert RequestAttachment.objects.filter(request=old).exists()
    call_command("ppid_purge_identity_scans", "--apply", stdout=StringIO())
    assert not RequestAttachment.objects.filter(request=old).exists()
    assert not stored.storage.exists(stored.name)
    assert old.events.filter(action="ppid.request.identity_purged").exists()
    # Kept: an objection about it is still pending; the other was closed too recently.
    assert RequestAttachment.objects.filter(request=objected).exists()
    assert RequestAttachment.objects.filter(request=recent).exists()
