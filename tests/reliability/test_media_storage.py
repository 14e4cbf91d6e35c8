"""Uploads while the media storage is full or cannot be written to (issue 17, item 5): the person
gets a clear message in Indonesian, everything else they typed comes back in the form, and nothing
is half-saved (no request without its files, no article revision, no DIP entry).

The disk is the outside part: "full" makes Django's file system storage (which both our storages,
public and private, build on) raise ENOSPC as a full disk does; "read-only" takes the write
permission off the media folders, which only works when the tests do not run as root (CI does).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from newsroom.models import Article
from newsroom.revisions import Revision
from ppid import services
from ppid.models import DIPEntry, InformationRequest, RequestAttachment, RequestEvent
from ppid.models.dip import DIPEvent
from tests.newsroom.portal_helpers import image_bytes
from tests.ppid.conftest import DIP_COLUMNS, PDF, applicant, form_data, sent

NOT_STORED = "tidak dapat disimpan karena tempat penyimpanan berkas di server sedang penuh"


def _full(self, name, content):
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), name)


@pytest.fixture(params=["full", "read-only"])
def broken_storage(request, settings, monkeypatch):
    if request.param == "full":
        monkeypatch.setattr(FileSystemStorage, "_save", _full)
        yield request.param
        return
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders: the 'full' case stands for it")
    folders = [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)]
    for folder in folders:
        folder.mkdir(parents=True, exist_ok=True)
        folder.chmod(0o500)
    yield request.param
    for folder in folders:
        folder.chmod(0o700)


def stored_files(settings) -> list[Path]:
    roots = [Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)]
    return [path for root in roots if root.exists() for path in root.rglob("*") if path.is_file()]


# --- the public PPID forms --------------------------------------------------------------------


def test_a_request_whose_attachment_cannot_be_stored_is_not_saved_and_comes_back_with_the_text(
    broken_storage, agency, settings
):
    typed = form_data(agency, purpose="Tujuan yang saya ketik dengan teliti")
    upload = SimpleUploadedFile("KTP Sri.pdf", PDF, content_type="application/pdf")
    response = Client().post(reverse("ppid:request"), {**typed, "uploads": upload})

    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_STORED in page and "KTP Sri.pdf" in page
    assert typed["purpose"] in page and typed["information_requested"] in page
    assert 'value="Sri Wahyuni"' in page
    assert not InformationRequest.objects.exists()
    assert not RequestAttachment.objects.exists() and not RequestEvent.objects.exists()
    assert stored_files(settings) == []


def test_when_the_second_attachment_cannot_be_stored_the_first_is_removed_too(
    agency, settings, monkeypatch
):
    real_save, calls = FileSystemStorage._save, []

    def fills_up_after_one(self, name, content):
        calls.append(name)
        return real_save(self, name, content) if len(calls) == 1 else _full(self, name, content)

    monkeypatch.setattr(FileSystemStorage, "_save", fills_up_after_one)
    uploads = [
        SimpleUploadedFile("ktp.pdf", PDF, content_type="application/pdf"),
        SimpleUploadedFile("surat kuasa.pdf", PDF, content_type="application/pdf"),
    ]
    response = Client().post(reverse("ppid:request"), {**form_data(agency), "uploads": uploads})

    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_STORED in page and "surat kuasa.pdf" in page  # the one that failed is named
    assert not InformationRequest.objects.exists()
    assert len(calls) == 2 and stored_files(settings) == []


def test_a_completion_whose_file_cannot_be_stored_is_not_recorded_and_keeps_the_note(
    broken_storage, agency, ppid_officer
):
    req, code = services.register_request(agency=agency, data=applicant())
    services.ask_for_completion(req, actor=ppid_officer, missing="Surat kuasa")
    client = Client()
    lookup = sent(registration_number=req.registration_number, tracking_code=code)
    assert client.post(reverse("ppid:status"), lookup).status_code == 302

    upload = SimpleUploadedFile("surat-kuasa.pdf", PDF, content_type="application/pdf")
    response = client.post(
        reverse("ppid:submit_completion", args=[req.pk]),
        sent(note="Catatan yang saya ketik", uploads=upload),
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_STORED in page and "surat-kuasa.pdf" in page
    assert "Catatan yang saya ketik" in page
    assert not req.attachments.exists()
    assert not req.events.filter(action="ppid.request.completion_submitted").exists()


# --- the staff admin ----------------------------------------------------------------------------


def cover(name="sampul.jpg"):
    return SimpleUploadedFile(name, image_bytes(size=(800, 450)), content_type="image/jpeg")


def test_a_new_article_whose_cover_photo_cannot_be_stored_comes_back_with_the_text(
    broken_storage, client, writer, agency
):
    client.force_login(writer)
    response = client.post(
        reverse("admin:newsroom_article_add"),
        {
            "agency": agency.pk,
            "title": "Benih ikan untuk nelayan pesisir",
            "lead": "Bantuan benih.",
            "body": "<p>Dinas menyalurkan benih.</p>",
            "expected_version": "",
            "cover_image": cover("foto sampul.jpg"),
            "cover_alt": "Nelayan menerima benih ikan di dermaga",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_STORED in page and "foto sampul.jpg" in page
    assert 'value="Benih ikan untuk nelayan pesisir"' in page
    assert "Dinas menyalurkan benih." in page
    assert not Article.objects.exists() and not Revision.objects.exists()


@pytest.mark.parametrize("status", [Article.Status.DRAFT, Article.Status.PUBLISHED])
def test_a_changed_article_whose_new_cover_cannot_be_stored_keeps_the_text_and_writes_nothing(
    broken_storage, client, writer, agency, make_article, status
):
    article = make_article(agency, writer, status=status, title="Judul lama")
    revisions, version = Revision.objects.count(), article.version
    client.force_login(writer)
    response = client.post(
        reverse("admin:newsroom_article_change", args=[article.pk]),
        {
            "title": "Judul baru yang saya ketik",
            "slug": article.slug,
            "lead": article.lead,
            "body": "<p>Isi baru yang saya ketik.</p>",
            "expected_version": article.version,
            "cover_image": cover(),
            "cover_alt": "Nelayan menerima benih ikan di dermaga",
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_STORED in page and "sampul.jpg" in page
    assert 'value="Judul baru yang saya ketik"' in page and "Isi baru yang saya ketik." in page
    article.refresh_from_db()
    assert (article.title, article.version, article.cover_image.name) == ("Judul lama", version, "")
    assert Revision.objects.count() == revisions
    # The editor chooses the photo again once the storage works: the save goes through.
    page_after = client.post(
        reverse("admin:newsroom_article_change", args=[article.pk]),
        {
            "title": "Judul baru yang saya ketik",
            "slug": article.slug,
            "lead": article.lead,
            "body": "<p>Isi baru yang saya ketik.</p>",
            "expected_version": article.version,
        },
    )
    assert page_after.status_code == 302


def test_a_dip_entry_whose_file_cannot_be_stored_comes_back_with_the_text(
    broken_storage, client, agency, ppid_officer
):
    client.force_login(ppid_officer)
    response = client.post(
        reverse("admin:ppid_dipentry_add"),
        {
            "agency": str(agency.pk),
            "title": "Rencana Strategis 2025-2029",
            "category": "berkala",
            **DIP_COLUMNS,
            "published": "on",
            "note": "Catatan untuk lini masa",
            "file": SimpleUploadedFile("renstra.pdf", PDF, content_type="application/pdf"),
        },
    )

    assert response.status_code == 200
    page = response.content.decode()
    assert NOT_STORED in page and "renstra.pdf" in page
    assert 'value="Rencana Strategis 2025-2029"' in page and "Catatan untuk lini masa" in page
    assert not DIPEntry.objects.exists() and not DIPEvent.objects.exists()


def test_an_image_for_the_article_text_that_cannot_be_stored_is_refused_in_the_editor(
    broken_storage, client, writer
):
    client.force_login(writer)
    response = client.post("/admin/ckeditor/upload/", {"upload": cover("peta lokasi.jpg")})

    # CKEditor shows the message of a 2xx answer with "uploaded": 0 (its own text otherwise).
    assert response.status_code == 200
    answer = response.json()
    assert answer["uploaded"] == 0
    assert (
        NOT_STORED in answer["error"]["message"] and "peta lokasi.jpg" in answer["error"]["message"]
    )
