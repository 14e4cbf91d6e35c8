"""Uploads: type from the content, never SVG or HTML as images, regenerated names, private files
never under /media/."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import SuspiciousOperation
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.http import Http404
from django.test import RequestFactory
from django.views.static import serve
from PIL import Image

from newsroom.models import Article
from ppid.models import InformationRequest, RequestAttachment
from tests.ppid.conftest import form_data, sent

SVG = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(1)</script></svg>'
HTML = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def image_bytes(fmt="PNG", size=(40, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(out, fmt)
    return out.getvalue()


def gif_html_polyglot() -> bytes:
    """A valid GIF whose bytes also contain an HTML page (a browser sniffing HTML would run it)."""
    out = io.BytesIO()
    Image.new("RGB", (4, 4)).save(out, "GIF", comment=HTML)
    return out.getvalue()


HOSTILE_IMAGES = {
    "svg-as-svg": ("peta.svg", SVG, "image/svg+xml"),
    "svg-as-png": ("peta.png", SVG, "image/png"),
    "html-as-jpg": ("foto.jpg", HTML, "image/jpeg"),
    "html-as-html": ("foto.html", HTML, "text/html"),
    "pdf-as-png": ("foto.png", PDF, "image/png"),
    "truncated-png": ("foto.png", image_bytes()[:40], "image/png"),
    "empty": ("foto.jpg", b"", "image/jpeg"),
}


def cover_form(upload):
    Form = modelform_factory(Article, fields=["cover_image"])
    return Form(data={}, files={"cover_image": upload}, instance=Article())


@pytest.mark.parametrize("name,content,content_type", HOSTILE_IMAGES.values(), ids=HOSTILE_IMAGES)
def test_cover_photos_that_are_not_real_images_are_refused(name, content, content_type, settings):
    form = cover_form(SimpleUploadedFile(name, content, content_type))
    assert not form.is_valid()
    assert "cover_image" in form.errors
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_photo_with_a_misleading_name_is_judged_by_its_content():
    from newsroom.images import validate_image

    validate_image(SimpleUploadedFile("bukan-foto.txt", image_bytes("PNG"), "text/plain"))
    with pytest.raises(Exception, match="valid image|JPEG, PNG"):
        validate_image(SimpleUploadedFile("foto.jpg", SVG, "image/jpeg"))


@pytest.mark.django_db
def test_cover_photo_names_are_regenerated(agency, writer):
    form = cover_form(SimpleUploadedFile("KTP Budi Santoso.png", image_bytes(), "image/png"))
    assert form.is_valid(), form.errors
    article = form.save(commit=False)
    article.agency, article.author, article.title = agency, writer, "Foto"
    article.lead, article.body = "x", "<p>x</p>"
    article.save()
    assert "budi" not in article.cover_image.name.lower()
    assert article.cover_image.name.startswith("covers/") and article.cover_image.name.endswith(
        ".png"
    )


# --- CKEditor's upload endpoint (images inside article bodies) ----------------------------------

UPLOAD = "/admin/ckeditor/upload/"


@pytest.mark.django_db
def test_only_staff_reach_the_editor_upload(client, settings):
    response = client.post(UPLOAD, {"upload": SimpleUploadedFile("a.png", image_bytes())})
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
    assert not Path(settings.MEDIA_ROOT).exists()


@pytest.mark.django_db
@pytest.mark.parametrize("name,content,content_type", HOSTILE_IMAGES.values(), ids=HOSTILE_IMAGES)
def test_the_editor_upload_refuses_what_is_not_an_image(
    client, writer, settings, name, content, content_type
):
    client.force_login(writer)
    response = client.post(UPLOAD, {"upload": SimpleUploadedFile(name, content, content_type)})
    assert b'"url"' not in response.content
    stored = (
        list(Path(settings.MEDIA_ROOT).rglob("*.*")) if Path(settings.MEDIA_ROOT).exists() else []
    )
    assert stored == []


@pytest.mark.django_db
def test_the_editor_upload_renames_files_and_never_keeps_an_html_name(client, writer, settings):
    client.force_login(writer)
    for name, content in [("KTP Budi.png", image_bytes()), ("evil.html", gif_html_polyglot()),
                          ("peta.svg", gif_html_polyglot())]:  # fmt: skip
        response = client.post(UPLOAD, {"upload": SimpleUploadedFile(name, content)})
        assert response.status_code == 200, name
        url = response.json()["url"]
        stored_name = url.rsplit("/", 1)[1]
        assert Path(stored_name).suffix in {".png", ".jpg", ".gif", ".webp", ".jpeg"}
        assert "budi" not in url.lower() and "evil" not in url.lower() and "peta" not in url
        assert len(Path(stored_name).stem) >= 32  # random, not guessable from the original


# --- PPID uploads: private files ----------------------------------------------------------------


def file_request(client, agency, *files):
    data = form_data(agency)
    data["uploads"] = list(files)
    return client.post("/ppid/permohonan/", data)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name,content",
    [("ktp.pdf", HTML), ("ktp.png", SVG), ("ktp.jpg", b"GIF89a" + HTML), ("ktp.html", HTML)],
    ids=["html-as-pdf", "svg-as-png", "gif-as-jpg", "html"],
)
def test_citizens_cannot_upload_html_or_svg(client, agency, settings, name, content):
    response = file_request(client, agency, SimpleUploadedFile(name, content))
    assert response.status_code in (200, 400)
    assert InformationRequest.objects.count() == 0
    private = Path(settings.PRIVATE_MEDIA_ROOT)
    assert not private.exists() or not any(p.is_file() for p in private.rglob("*"))


@pytest.mark.django_db
def test_personal_uploads_live_outside_media_under_a_new_name_and_only_the_requester_gets_them(
    client, agency, settings
):
    response = file_request(client, agency, SimpleUploadedFile("KTP Sri Wahyuni.pdf", PDF))
    assert response.status_code == 302, response.content[:2000]
    attachment = RequestAttachment.objects.get()
    path = Path(attachment.file.path).resolve()
    assert path.is_relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve())
    assert not path.is_relative_to(Path(settings.MEDIA_ROOT).resolve())
    assert "sri" not in path.name.lower() and path.suffix == ".pdf"

    # Not reachable as a media file, not even by walking out of MEDIA_ROOT.
    media = Path(settings.MEDIA_ROOT)
    media.mkdir(parents=True, exist_ok=True)
    relative = path.relative_to(Path(settings.PRIVATE_MEDIA_ROOT).resolve()).as_posix()
    for guess in [relative, "../private/" + relative, "..%2Fprivate%2F" + relative]:
        with pytest.raises((Http404, SuspiciousOperation)):
            serve(RequestFactory().get("/media/" + guess), guess, document_root=media)
    from django.test import Client

    assert Client().get("/media/" + relative).status_code == 404

    # Someone else (a fresh browser) cannot fetch it through the download view either.
    url = f"/ppid/berkas/{attachment.pk}/"
    assert Client().get(url).status_code == 404
    req = attachment.request
    stranger = Client()
    stranger.post("/ppid/status/", sent(registration_number=req.registration_number,
                                             tracking_code="AAAAA-AAAAA"))  # fmt: skip
    assert stranger.get(url).status_code == 404
    # The requester, in the session that filed it, gets it as a download.
    download = client.get(url)
    assert download.status_code == 200
    assert download["Content-Disposition"].startswith("attachment")
    assert download["Content-Type"] == "application/pdf"


@pytest.mark.django_db
def test_public_information_files_get_a_generated_name_with_their_real_extension(
    client, superuser, agency
):
    from ppid.models import DIPEntry
    from tests.ppid.conftest import DIP_COLUMNS

    client.force_login(superuser)
    client.post(
        "/admin/ppid/dipentry/add/",
        {"agency": agency.pk, "title": "Laporan", "category": "berkala", "published": "on",
         **DIP_COLUMNS, "file": SimpleUploadedFile("laporan.html", PDF + HTML)},
    )  # fmt: skip
    entry = DIPEntry.objects.get()
    # A PDF that is also an HTML page, uploaded as .html: stored as .pdf under a random name.
    assert entry.file.name.endswith(".pdf") and "laporan" not in entry.file.name
    assert entry.file.name.startswith("dip/")


@pytest.mark.parametrize(
    "name,content,expected",
    [("a.html", HTML, ".bin"), ("a.svg", SVG, ".bin"), ("a.js", b"alert(1)", ".bin"),
     ("a.txt", image_bytes("PNG"), ".png"), ("a.png", image_bytes("JPEG"), ".jpg"),
     ("a.jpg", image_bytes("WEBP"), ".webp"), ("a.xml", PDF, ".pdf"),
     ("a.docx", b"PK\x03\x04rest", ".docx"), ("a.html", b"PK\x03\x04rest", ".bin")],
)  # fmt: skip
def test_every_uploaded_file_gets_an_extension_from_its_content(name, content, expected, tmp_path):
    from humas.security import UploadRenamingStorage

    storage = UploadRenamingStorage(location=tmp_path)
    stored = storage.save(f"lampiran/{name}", SimpleUploadedFile(name, content))
    assert stored.startswith("lampiran/") and stored.endswith(expected)
    assert Path(stored).stem != Path(name).stem
    # What the app writes itself keeps the name it chose (renditions are found again by name).
    from django.core.files.base import ContentFile

    assert storage.save("renditions/abc-480.webp", ContentFile(b"x")) == "renditions/abc-480.webp"
