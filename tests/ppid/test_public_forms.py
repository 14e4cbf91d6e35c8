"""The public forms: validation that keeps what people typed, abuse resistance, the e-mail."""

from unittest import mock

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ppid.models import InformationRequest

from .conftest import PDF, PNG, form_data, sent

pytestmark = pytest.mark.django_db


def post(client, agency, **overrides):
    return client.post(reverse("ppid:request"), form_data(agency, **overrides))


def test_form_page_has_no_inline_script_or_handlers(client):
    html = client.get(reverse("ppid:request")).content.decode().lower()
    assert "<script" not in html.replace("<script src=", "")
    assert " onclick=" not in html and " onchange=" not in html and " style=" not in html


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"nik": "12345"}, "nik"),
        ({"nik": "3371019907900001"}, "nik"),  # day 99 does not exist
        ({"nik": "3371014507900000"}, "nik"),  # serial 0000 is never issued
        (
            {"applicant_type": "badan_hukum", "nik": "", "legal_entity_decree": ""},
            "legal_entity_decree",
        ),
        ({"email": "", "delivery_method": "email"}, "email"),
        ({"obtain_method": "membeli"}, "obtain_method"),
    ],
)
def test_invalid_input_is_refused_and_kept(client, agency, overrides, field):
    response = post(client, agency, information_requested="Data saya yang panjang", **overrides)
    assert response.status_code == 400
    assert list(response.context["form"].errors) == [field]
    body = response.content.decode()
    assert "Data saya yang panjang" in body
    assert response.context["form"].errors[field][0] in body
    assert not InformationRequest.objects.exists()


def test_legal_entity_files_with_decree_number(client, agency):
    response = post(
        client,
        agency,
        applicant_type="badan_hukum",
        nik="",
        legal_entity_decree="AHU-0001.AH.01.04.2020",
    )
    assert response.status_code == 302
    assert InformationRequest.objects.get().legal_entity_decree == "AHU-0001.AH.01.04.2020"


def test_honeypot_refuses_and_keeps_the_text(client, agency):
    response = post(client, agency, website="http://spam.example", purpose="Tujuan saya")
    assert response.status_code == 400
    assert "Tujuan saya" in response.content.decode()
    assert not InformationRequest.objects.exists()


def test_rate_limit_per_ip_with_clear_message(client, agency, settings):
    settings.PPID_RATE_LIMITS = {"request": (2, 3600)}
    assert post(client, agency).status_code == 302
    assert post(client, agency).status_code == 302
    response = post(client, agency, purpose="Yang ketiga")
    assert response.status_code == 429
    assert "Yang ketiga" in response.content.decode()
    assert InformationRequest.objects.count() == 2
    # Another address is not affected.
    other = Client(REMOTE_ADDR="10.9.8.7")
    assert post(other, agency).status_code == 302


def test_failed_status_lookups_are_limited(client, settings, make_request):
    settings.PPID_RATE_LIMITS = {"status": (3, 600)}
    req, code = make_request()
    for _ in range(3):
        client.post(
            reverse("ppid:status"),
            sent(registration_number=req.registration_number, tracking_code="XXXXX-XXXXX"),
        )
    # Even the right code is refused once the limit is reached.
    response = client.post(
        reverse("ppid:status"),
        sent(registration_number=req.registration_number, tracking_code=code),
    )
    assert response.status_code == 429


def test_csrf_is_enforced(agency):
    client = Client(enforce_csrf_checks=True)
    response = post(client, agency)
    assert response.status_code == 403
    assert not InformationRequest.objects.exists()


@pytest.mark.parametrize(
    ("name", "content", "ok"),
    [
        ("ktp.pdf", PDF, True),
        ("ktp.png", PNG, True),
        ("ktp.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 20, True),
        ("ktp.pdf", b"<html><script>alert(1)</script>", False),  # the name lies
        ("ktp.exe", b"MZ\x90\x00", False),
    ],
)
def test_upload_type_is_sniffed_from_content(client, agency, name, content, ok):
    upload = SimpleUploadedFile(name, content, content_type="application/pdf")
    response = client.post(reverse("ppid:request"), {**form_data(agency), "uploads": upload})
    assert (response.status_code == 302) is ok
    if not ok:
        assert "PDF, JPEG" in response.content.decode()
        assert form_data(agency)["information_requested"] in response.content.decode()


def test_upload_size_limit(client, agency, settings):
    settings.PPID_UPLOAD_MAX_BYTES = 1000
    upload = SimpleUploadedFile("big.pdf", PDF + b"0" * 2000)
    response = client.post(reverse("ppid:request"), {**form_data(agency), "uploads": upload})
    assert response.status_code == 400
    assert not InformationRequest.objects.exists()


def test_failing_mail_server_does_not_lose_the_request(
    client, agency, django_capture_on_commit_callbacks
):
    with (
        mock.patch("ppid.services.mail.send_mail", side_effect=ConnectionRefusedError("smtp down")),
        django_capture_on_commit_callbacks(execute=True),
    ):
        response = post(client, agency)
    assert response.status_code == 302
    assert InformationRequest.objects.count() == 1
    assert "PPID/DISLUTKAN" in client.get(response["Location"]).content.decode()
    assert mail.outbox == []


def test_mail_is_sent_only_after_commit(client, agency, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        post(client, agency)
    assert mail.outbox == [] and len(callbacks) == 1
    callbacks[0]()
    assert len(mail.outbox) == 1
