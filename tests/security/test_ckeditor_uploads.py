"""CKEditor's upload and "browse server" endpoints (newsroom.uploads): Django's CSRF token is
required, CKEditorFuncNum is never reflected unless it is a number, broken input answers 400, and
every image belongs to one agency: stored in its folder, listed only to its newsroom staff."""

import io
import json
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from accounts.models import Membership, Role

pytestmark = pytest.mark.django_db

UPLOAD = "/admin/ckeditor/upload/"
BROWSE = "/admin/ckeditor/browse/"


def png(color=(200, 30, 30)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(out, "PNG")
    return SimpleUploadedFile("Foto Dermaga.png", out.getvalue(), "image/png")


def stored_files(settings) -> list[Path]:
    media = Path(settings.MEDIA_ROOT)
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def csrf_client(user) -> tuple[Client, str]:
    """A browser that enforces CSRF like a real one, logged in, with the token a page gave it."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    assert browser.get("/admin/newsroom/article/add/").status_code == 200
    return browser, browser.cookies["csrftoken"].value


def upload_as(client, user, **extra):
    client.force_login(user)
    return client.post(UPLOAD, {"upload": png(), **extra})


def error_message(response) -> str:
    return response.json()["error"]["message"]


# --- Item 2: CSRF, CKEditorFuncNum, broken input ------------------------------------------------


def test_an_editor_upload_without_the_csrf_token_is_refused(writer, settings):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(writer)
    response = browser.post(UPLOAD, {"upload": png()})
    assert response.status_code == 403
    assert stored_files(settings) == []


def test_an_editor_upload_with_the_token_lands_in_the_agency_folder(writer, agency, settings):
    browser, token = csrf_client(writer)
    response = browser.post(UPLOAD, {"upload": png()}, headers={"X-CSRFToken": token})
    assert response.status_code == 200, response.content
    data = response.json()
    assert data["uploaded"] == 1
    assert data["url"].startswith(f"/media/uploads/{agency.pk}/")
    stored = stored_files(settings)
    assert stored, "nothing stored"
    folder = Path(settings.MEDIA_ROOT) / "uploads" / str(agency.pk)
    assert all(p.is_relative_to(folder) for p in stored)
    # The image itself under a random name, and its thumbnail for "browse server".
    assert any(data["url"].endswith(p.name) for p in stored)
    assert any(p.stem.endswith("_thumb") for p in stored)


def test_the_token_may_also_come_as_a_form_field(writer, agency):
    browser, token = csrf_client(writer)
    response = browser.post(UPLOAD, {"upload": png(), "csrfmiddlewaretoken": token})
    assert response.status_code == 200
    assert response.json()["url"].startswith(f"/media/uploads/{agency.pk}/")


@pytest.mark.parametrize(
    "func_num",
    ["1);alert(document.domain)//", "1'-alert(1)-'", "<script>alert(1)</script>", "1 ", "-1",
     "١", "1e3", "", "9" * 40],
)  # fmt: skip
def test_a_ckeditorfuncnum_that_is_not_a_number_is_refused_and_never_echoed(
    client, writer, settings, func_num
):
    client.force_login(writer)
    response = client.post(
        f"{UPLOAD}?{urlencode({'CKEditorFuncNum': func_num})}", {"upload": png()}
    )
    assert response.status_code == 400
    assert b"alert" not in response.content and b"<script" not in response.content
    assert stored_files(settings) == []


def test_the_form_upload_answers_the_editor_without_inline_script(client, writer, agency):
    client.force_login(writer)
    response = client.post(f"{UPLOAD}?CKEditor=id_body&CKEditorFuncNum=3&langCode=id",
                           {"upload": png()})  # fmt: skip
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-func-num="3"' in html
    assert f'data-url="/media/uploads/{agency.pk}/' in html
    # The one script is a file from our static folder; the values are data, not code.
    assert html.count("<script") == 1 and "<script src=" in html
    # The editor's upload form posts into a frame of the same page.
    assert response["X-Frame-Options"] == "SAMEORIGIN"


def test_the_form_upload_reports_a_refusal_to_the_editor(client, writer, settings):
    client.force_login(writer)
    response = client.post(
        f"{UPLOAD}?CKEditorFuncNum=7",
        {"upload": SimpleUploadedFile("x.png", b"<svg onload=alert(1)>", "image/png")},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert 'data-func-num="7"' in html and 'data-url=""' in html
    assert "data-message=" in html and "<svg" not in html
    assert stored_files(settings) == []


def test_a_post_without_a_file_answers_400_with_a_message(client, writer):
    client.force_login(writer)
    response = client.post(UPLOAD, {})
    assert response.status_code == 400
    assert response.json()["uploaded"] == 0
    assert error_message(response)


@pytest.mark.parametrize(
    "data",
    [{"upload": "bukan berkas"}, {"other": png()}, {"upload": png(), "agency": "abc"},
     {"upload": png(), "agency": "1 OR 1=1"}, {"upload": png(), "agency": "99999"}],
    ids=["text-instead-of-file", "wrong-field", "agency-not-a-number", "agency-sql",
         "agency-unknown"],
)  # fmt: skip
def test_broken_uploads_answer_400_or_403_never_500(client, writer, settings, data):
    client.force_login(writer)
    response = client.post(UPLOAD, data)
    assert response.status_code in (400, 403)
    assert error_message(response)
    assert stored_files(settings) == []


def test_a_truncated_multipart_body_answers_400(client, writer):
    client.force_login(writer)
    body = b'--BOUNDARY\r\nContent-Disposition: form-data; name="upload"; filename="a.png"\r\n'
    response = client.generic(
        "POST", UPLOAD, body, content_type="multipart/form-data; boundary=BOUNDARY"
    )
    assert response.status_code == 400


@pytest.mark.parametrize(
    "content", [b"", b"GIF89a<script>alert(1)</script>", b"<svg onload=alert(1)>"]
)
def test_files_that_are_not_images_answer_400(client, writer, settings, content):
    client.force_login(writer)
    response = client.post(UPLOAD, {"upload": SimpleUploadedFile("f.png", content, "image/png")})
    assert response.status_code == 400
    assert "url" not in response.json()
    assert stored_files(settings) == []


def test_only_post_is_accepted_and_get_is_not_a_500(client, writer):
    client.force_login(writer)
    assert client.get(UPLOAD).status_code == 405


# --- Item 5: uploads belong to an agency ---------------------------------------------------------


def test_browse_lists_only_the_files_of_the_persons_agencies(
    client, writer, other_writer, agency, other_agency, superuser
):
    mine = upload_as(client, writer).json()["url"]
    theirs = upload_as(client, other_writer).json()["url"]
    assert f"/uploads/{agency.pk}/" in mine and f"/uploads/{other_agency.pk}/" in theirs

    client.force_login(writer)
    page = client.get(BROWSE).content.decode()
    assert mine in page and theirs not in page

    client.force_login(other_writer)
    page = client.get(BROWSE).content.decode()
    assert theirs in page and mine not in page

    client.force_login(superuser)
    page = client.get(BROWSE).content.decode()
    assert mine in page and theirs in page


def test_browse_search_stays_within_the_persons_agencies(client, writer, other_writer):
    theirs = upload_as(client, other_writer).json()["url"]
    mine = upload_as(client, writer).json()["url"]
    client.force_login(writer)
    for query in (theirs.rsplit("/", 1)[1][:8], "png", ""):
        page = client.post(BROWSE, {"q": query}).content.decode()
        assert theirs not in page
    assert mine in page


def test_an_agency_admin_browses_the_agencys_images(client, writer, agency_admin):
    mine = upload_as(client, writer).json()["url"]
    client.force_login(agency_admin)
    assert mine in client.get(BROWSE).content.decode()


def test_a_ppid_officer_sees_no_uploaded_images_and_cannot_upload(
    client, writer, ppid_officer, ppid_head, settings
):
    mine = upload_as(client, writer).json()["url"]
    before = stored_files(settings)
    for person in (ppid_officer, ppid_head):
        client.force_login(person)
        response = client.get(BROWSE)
        assert response.status_code == 403
        assert mine.encode() not in response.content
        refused = client.post(UPLOAD, {"upload": png()})
        assert refused.status_code == 403
        assert error_message(refused)
    assert stored_files(settings) == before


def test_someone_writing_for_several_agencies_chooses_the_agency(
    client, writer, agency, other_agency, settings
):
    Membership.objects.create(user=writer, agency=other_agency, role=Role.WRITER)
    client.force_login(writer)
    unchosen = client.post(UPLOAD, {"upload": png()})
    assert unchosen.status_code == 400
    assert "instansi" in error_message(unchosen).lower()
    assert stored_files(settings) == []

    chosen = client.post(UPLOAD, {"upload": png(), "agency": str(other_agency.pk)})
    assert chosen.status_code == 200
    assert chosen.json()["url"].startswith(f"/media/uploads/{other_agency.pk}/")


def test_nobody_uploads_into_another_agencys_folder(client, writer, other_agency, settings):
    client.force_login(writer)
    response = client.post(UPLOAD, {"upload": png(), "agency": str(other_agency.pk)})
    assert response.status_code == 403
    assert error_message(response)
    assert stored_files(settings) == []


def test_a_superuser_uploads_for_the_agency_the_editor_names(
    client, superuser, agency, other_agency
):
    client.force_login(superuser)
    assert client.post(UPLOAD, {"upload": png()}).status_code == 400  # two agencies: which?
    response = client.post(UPLOAD, {"upload": png(), "agency": str(agency.pk)})
    assert response.json()["url"].startswith(f"/media/uploads/{agency.pk}/")


def test_the_editor_knows_the_articles_agency_and_loads_the_upload_script(
    client, writer, agency, make_article
):
    article = make_article(agency, writer, status="draft", publish_at=None)
    client.force_login(writer)
    page = client.get(f"/admin/newsroom/article/{article.pk}/change/").content.decode()
    assert f'data-upload-agency="{agency.pk}"' in page
    assert "js/editor-uploads.js" in page
    config = page.split('data-config="', 1)[1].split('"', 1)[0].replace("&quot;", '"')
    config = json.loads(config.replace("&amp;", "&"))
    # Paste and drop upload to the same endpoint; the image dialog uploads with XHR (token sent).
    assert config["imageUploadUrl"] == UPLOAD
    assert config["filebrowserUploadMethod"] == "xhr"
