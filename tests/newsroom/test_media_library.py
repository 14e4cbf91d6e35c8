"""Each agency's photo library (issue 14 item 5): editor uploads land in it, the admin lists it
with thumbnails and finds photos by caption, an article's cover is chosen from it, and nobody
sees another agency's photos (in the list, the cover picker or the editor's "browse server")."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from newsroom.media_library import MediaImage
from newsroom.models import Article
from tests.newsroom.portal_helpers import image_bytes
from tests.newsroom.test_workflow_admin import form_data

LIST = "/admin/newsroom/mediaimage/"
BROWSE = "/admin/ckeditor/browse/"
UPLOAD = "/admin/ckeditor/upload/"


def photo(agency, caption, **fields):
    item = MediaImage(agency=agency, caption=caption, alt_text=f"{caption} (alt)", **fields)
    item.file.save("foto.jpg", ContentFile(image_bytes(size=(800, 450))), save=False)
    item.save()
    return item


def test_an_editor_upload_is_recorded_in_the_agency_library(writer, agency):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(writer)
    browser.get("/admin/newsroom/article/add/")
    token = browser.cookies["csrftoken"].value
    upload = SimpleUploadedFile("kegiatan.png", image_bytes(fmt="PNG", size=(300, 200)))
    response = browser.post(UPLOAD, {"upload": upload}, headers={"X-CSRFToken": token})
    assert response.json()["uploaded"] == 1
    [item] = MediaImage.objects.all()
    assert item.agency == agency and item.uploaded_by == writer
    assert response.json()["url"] == item.file.url


def test_the_library_list_shows_thumbnails_and_finds_photos_by_caption(client, writer, agency):
    photo(agency, "Panen raya udang vaname")
    photo(agency, "Rapat koordinasi PPID")
    client.force_login(writer)
    page = client.get(LIST, {"q": "udang"}).content.decode()
    assert "Panen raya udang vaname" in page and "Rapat koordinasi" not in page
    assert 'class="media-thumb" src="/media/renditions/' in page


def test_nobody_sees_another_agencys_library(client, writer, agency, other_agency):
    photo(agency, "Foto kami")
    secret = photo(other_agency, "Foto rahasia instansi lain")
    client.force_login(writer)
    assert "Foto rahasia" not in client.get(LIST).content.decode()
    assert "Foto rahasia" not in client.get(LIST, {"q": "rahasia"}).content.decode()
    assert (
        client.get(reverse("admin:newsroom_mediaimage_change", args=[secret.pk])).status_code == 404
    )
    browse = client.get(BROWSE).content.decode()
    assert "Foto kami" in browse and "rahasia" not in browse.lower()
    assert secret.file.url not in browse


def test_browse_lists_library_photos_by_caption_and_searches_them(client, writer, agency):
    photo(agency, "Nelayan menerima kapal")
    photo(agency, "Pelatihan budidaya")
    client.force_login(writer)
    page = client.post(BROWSE, {"q": "kapal"}).content.decode()
    assert "Nelayan menerima kapal" in page and "Pelatihan budidaya" not in page


def test_a_library_photo_needs_its_alt_text_in_the_admin(client, writer, agency):
    client.force_login(writer)
    upload = SimpleUploadedFile("foto.jpg", image_bytes(size=(400, 300)))
    response = client.post(reverse("admin:newsroom_mediaimage_add"), {
        "agency": agency.pk, "file": upload, "caption": "Foto", "alt_text": "",
        "credit": "", "focal_x": "0.5", "focal_y": "0.5",
    })  # fmt: skip
    assert response.status_code == 200 and "teks alternatif" in response.content.decode()
    assert not MediaImage.objects.exists()


def test_the_cover_chosen_from_the_library_takes_its_file_and_description(client, writer, agency,
                                                                         make_article):  # fmt: skip
    chosen = photo(
        agency, "Kapal baru di dermaga", credit="Humas Dislutkan", focal_x=0.8, focal_y=0.2
    )
    article = make_article(agency, writer, status=Article.Status.DRAFT)
    client.force_login(writer)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    article.refresh_from_db()
    response = client.post(url, form_data(article, from_library=chosen.pk))
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert article.cover_image.name == chosen.file.name
    assert article.cover_alt == "Kapal baru di dermaga (alt)"
    assert (article.cover_caption, article.cover_credit) == (
        "Kapal baru di dermaga",
        "Humas Dislutkan",
    )
    assert article.focal == (0.8, 0.2)


def test_another_agencys_photo_cannot_be_chosen_as_cover(client, writer, agency, other_agency,
                                                          make_article):  # fmt: skip
    secret = photo(other_agency, "Foto instansi lain")
    article = make_article(agency, writer, status=Article.Status.DRAFT)
    client.force_login(writer)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    article.refresh_from_db()
    response = client.post(url, form_data(article, from_library=secret.pk))
    assert response.status_code == 200
    assert "from_library" in response.context["adminform"].form.errors
    article.refresh_from_db()
    assert not article.cover_image


@pytest.mark.parametrize("value", ["abc", "99999999", "-1", "1.5"])
def test_a_broken_library_choice_is_a_form_message_not_an_error(client, writer, agency,
                                                                 make_article, value):  # fmt: skip
    article = make_article(agency, writer, status=Article.Status.DRAFT)
    client.force_login(writer)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    article.refresh_from_db()
    response = client.post(url, form_data(article, from_library=value))
    assert response.status_code == 200
    assert "from_library" in response.context["adminform"].form.errors


def test_a_library_photo_with_a_missing_file_lists_without_error(client, writer, agency):
    MediaImage.objects.create(agency=agency, file="uploads/1/hilang.jpg", caption="Hilang")
    client.force_login(writer)
    assert client.get(LIST).status_code == 200
    assert client.get(BROWSE).status_code == 200


def test_a_cover_uploaded_in_the_form_joins_the_library(client, writer, agency):
    client.force_login(writer)
    upload = SimpleUploadedFile("kapal.jpg", image_bytes(size=(800, 450)))
    data = form_data(Article(agency=agency, title="Kapal baru", lead="Nelayan menerima kapal."),
                     body="<p>Isi.</p>", cover_image=upload, cover_alt="Kapal di dermaga",
                     cover_caption="Kapal baru", focal_x="0.3")  # fmt: skip
    assert client.post(reverse("admin:newsroom_article_add"), data).status_code == 302
    article = Article.objects.get(title="Kapal baru")
    [photo] = MediaImage.objects.all()
    assert photo.file.name == article.cover_image.name and photo.agency == agency
    assert (photo.alt_text, photo.caption, photo.focal_x) == ("Kapal di dermaga", "Kapal baru", 0.3)
    # Saving again without a new upload adds nothing.
    article.refresh_from_db()
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    assert client.post(url, form_data(article, cover_alt="Kapal di dermaga")).status_code == 302
    assert MediaImage.objects.count() == 1
