"""Photos in the staff forms and their focal point (issue 14 item 5): a thumbnail rendition of
the current photo, alt text required with a photo, and every rendition cut to a fixed shape
(cards 16:9, link previews 1200 × 630) cut around the point the writer clicked."""

import io
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.forms import modelform_factory
from django.urls import reverse
from PIL import Image

from newsroom import editing, images
from newsroom.models import Article, Gallery, Page
from tests.newsroom.test_workflow_admin import form_data

BLUE, RED = (30, 90, 160), (220, 30, 30)


def photo_with_red(size, red_box) -> bytes:
    """A blue photo with one red patch (the subject), as a JPEG."""
    image = Image.new("RGB", size, BLUE)
    image.paste(RED, red_box)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=95)
    return out.getvalue()


def cover(article, data, name="subjek.jpg"):
    article.cover_image.save(name, ContentFile(data), save=False)
    Article.objects.filter(pk=article.pk).update(cover_image=article.cover_image.name)
    return article


def opened(rendition, settings) -> Image.Image:
    path = Path(settings.MEDIA_ROOT) / rendition.url.removeprefix(settings.MEDIA_URL)
    return Image.open(path).convert("RGB")


def is_red(pixel) -> bool:
    r, g, b = pixel
    return r > 180 and g < 90 and b < 90


# --- Renditions cut around the focal point --------------------------------------------------------


def test_card_rendition_is_cut_around_the_focal_point(agency, writer, make_article, settings):
    # A wide panorama, its subject near the right edge: a centred 16:9 card would cut it off.
    article = cover(
        make_article(agency, writer), photo_with_red((1600, 600), (1420, 250, 1560, 350))
    )
    centred = images.picture(article.cover_image, (400,), crop=images.Crop.around((16, 9)))
    chosen = images.picture(
        article.cover_image, (400,), crop=images.Crop.around((16, 9), (0.93, 0.5))
    )

    with opened(centred.fallback[0], settings) as image:
        assert image.size == (400, 225)
        assert not any(is_red(image.getpixel((x, 112))) for x in range(0, 400, 4))
    with opened(chosen.fallback[0], settings) as image:
        assert image.size == (400, 225)
        # The subject (x 1420-1560 of 1600) lands in the right part of the card.
        assert is_red(image.getpixel((360, 112)))
        assert not is_red(image.getpixel((40, 112)))


def test_share_image_is_1200_by_630_around_the_focal_point(agency, writer, make_article, settings):
    # A tall phone photo, its subject at the top.
    article = cover(make_article(agency, writer), photo_with_red((1300, 2000), (500, 40, 800, 200)))
    share = images.share_image(article.cover_image, (0.5, 0.06))
    assert (share.width, share.height) == (1200, 630)
    with opened(share, settings) as image:
        assert image.size == (1200, 630)
        assert is_red(image.getpixel((600, 100)))
    centred = images.share_image(article.cover_image, (0.5, 0.5))
    with opened(centred, settings) as image:
        assert not is_red(image.getpixel((600, 100)))


def test_a_moved_focal_point_makes_new_files(agency, writer, make_article):
    article = cover(make_article(agency, writer), photo_with_red((1600, 600), (0, 0, 10, 10)))
    first = images.picture(
        article.cover_image, (400,), crop=images.Crop.around((16, 9), (0.2, 0.5))
    )
    moved = images.picture(
        article.cover_image, (400,), crop=images.Crop.around((16, 9), (0.8, 0.5))
    )
    assert first.fallback[0].url != moved.fallback[0].url
    assert "c16x9-f0.20-0.50" in first.fallback[0].url
    assert "c16x9-f0.80-0.50" in moved.fallback[0].url


def test_focal_point_outside_the_photo_is_held_to_its_edges():
    crop = images.Crop.around((16, 9), (7, "x"))
    assert crop.focal == (1.0, 0.5)
    assert crop.box((1600, 600)) == (533, 0, 1600, 600)


def test_cards_and_link_preview_use_the_articles_focal_point(client, agency, writer, make_article):
    article = make_article(agency, writer, focal_x=0.9, focal_y=0.3, cover_alt="Kapal")
    cover(article, photo_with_red((1600, 600), (1420, 250, 1560, 350)))
    home = client.get("/").content.decode()
    assert "c16x9-f0.90-0.30" in home
    page = client.get(article.get_absolute_url()).content.decode()
    assert "c1200x630-f0.90-0.30" in page  # og:image
    # The page's own photo keeps the whole picture (no cut), as before.
    assert 'width="960" height="360"' in page


def test_a_logo_as_link_preview_is_not_cut(agency, writer, make_article, client):
    agency.logo.save(
        "logo.png", SimpleUploadedFile("logo.png", photo_with_red((400, 400), (0, 0, 1, 1)))
    )
    article = make_article(agency, writer)
    page = client.get(article.get_absolute_url()).content.decode()
    assert 'property="og:image:height" content="400"' in page


# --- The staff form ---------------------------------------------------------------------------


def test_the_form_shows_a_thumbnail_rendition_not_the_original(
    client, writer, agency, make_article
):
    article = make_article(agency, writer, status=Article.Status.DRAFT, cover_alt="Kapal")
    cover(article, photo_with_red((1600, 600), (0, 0, 10, 10)))
    client.force_login(writer)
    page = client.get(reverse("admin:newsroom_article_change", args=[article.pk])).content.decode()
    assert 'class="image-thumb" data-focal-x="id_focal_x" data-focal-y="id_focal_y"' in page
    assert '<img src="/media/renditions/' in page
    assert f'src="{article.cover_image.url}"' not in page
    assert 'name="focal_x"' in page and 'step="0.01"' in page


def test_a_cover_without_alt_text_is_refused_and_the_rest_kept(client, writer, agency):
    client.force_login(writer)
    photo = SimpleUploadedFile("kapal.jpg", photo_with_red((800, 450), (0, 0, 10, 10)))
    data = form_data(Article(agency=agency, title="Kapal baru", lead="Nelayan menerima kapal."),
                     body="<p>Isi.</p>", cover_image=photo, cover_alt="")  # fmt: skip
    response = client.post(reverse("admin:newsroom_article_add"), data)
    assert response.status_code == 200
    assert "teks alternatif" in response.content.decode()
    assert not Article.objects.filter(title="Kapal baru").exists()


def test_the_focal_point_is_saved_from_the_form(client, writer, agency, make_article):
    article = make_article(agency, writer, status=Article.Status.DRAFT, cover_alt="Kapal")
    cover(article, photo_with_red((1600, 600), (0, 0, 10, 10)))
    client.force_login(writer)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    article.refresh_from_db()
    response = client.post(
        url, form_data(article, cover_alt="Kapal", focal_x="0.25", focal_y="0.8")
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.focal == (0.25, 0.8)
    bad = client.post(url, form_data(article, cover_alt="Kapal", focal_x="1.5"))
    assert bad.status_code == 200 and "1" in bad.context["adminform"].form.errors["focal_x"][0]


def test_an_empty_focal_point_means_the_centre(client, writer, agency, make_article):
    article = make_article(agency, writer, status=Article.Status.DRAFT, focal_x=0.1)
    client.force_login(writer)
    url = reverse("admin:newsroom_article_change", args=[article.pk])
    article.refresh_from_db()
    assert client.post(url, form_data(article, focal_x="", focal_y="")).status_code == 302
    article.refresh_from_db()
    assert article.focal == (0.5, 0.5)


def test_a_page_image_needs_its_alt_text(agency, writer):
    page = Page(agency=agency, author=writer, title="Struktur", slug="struktur", path="struktur")
    page.image.save("bagan.jpg", ContentFile(photo_with_red((400, 300), (0, 0, 1, 1))), save=False)
    with pytest.raises(ValidationError) as refused:
        page.full_clean()
    assert "image_alt" in refused.value.message_dict
    page.image_alt = "Bagan struktur organisasi"
    page.full_clean()


def test_a_form_without_the_alt_text_field_is_not_asked_for_it(agency):
    form = modelform_factory(Article, fields=["title"])({"title": "Judul"}, instance=Article(
        agency=agency, lead="x", body="<p>x</p>", cover_image="covers/a.jpg"))  # fmt: skip
    assert form.is_valid(), form.errors


def test_a_broken_photo_gives_a_form_without_thumbnail_not_an_error(client, writer, agency,
                                                                      make_article):  # fmt: skip
    article = make_article(agency, writer, status=Article.Status.DRAFT, cover_alt="Kapal")
    Article.objects.filter(pk=article.pk).update(cover_image="covers/hilang.jpg")
    client.force_login(writer)
    response = client.get(reverse("admin:newsroom_article_change", args=[article.pk]))
    assert response.status_code == 200
    assert "image-thumb" not in response.content.decode()
    assert "covers/hilang.jpg" in response.content.decode()  # the file input still names it


def test_gallery_photos_show_thumbnails_in_the_form(client, writer, agency):
    name = "galleries/2026/11/foto.jpg"
    default_storage.save(name, ContentFile(photo_with_red((800, 600), (0, 0, 1, 1))))
    gallery = editing.create(
        Gallery(agency=agency, title="Penebaran benih"),
        actor=writer,
        m2m={"items": [{"kind": "photo", "image": name, "alt_text": "Benih ikan"}]},
    )
    client.force_login(writer)
    page = client.get(reverse("admin:newsroom_gallery_change", args=[gallery.pk])).content.decode()
    assert '<div class="image-thumb">' in page  # no focal point for gallery photos
    assert '<img src="/media/renditions/' in page


def test_the_read_only_page_in_review_shows_the_photo_not_its_path(client, writer, agency,
                                                                   make_article):  # fmt: skip
    article = make_article(agency, writer, status=Article.Status.IN_REVIEW, cover_alt="Kapal")
    cover(article, photo_with_red((1600, 600), (0, 0, 10, 10)))
    client.force_login(writer)
    response = client.get(reverse("admin:newsroom_article_change", args=[article.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert (
        f'<a href="{Article.objects.get(pk=article.pk).cover_image.url}" class="image-thumb">'
        in page
    )
    assert '<img src="/media/renditions/' in page
    assert 'name="cover_image"' not in page and 'name="from_library"' not in page


def test_a_published_gallerys_photos_show_as_thumbnails(client, writer, supervisor, agency):
    name = default_storage.save(
        "galleries/2026/11/foto.jpg", ContentFile(photo_with_red((800, 600), (0, 0, 1, 1)))
    )
    gallery = editing.create(
        Gallery(agency=agency, title="Penebaran benih"),
        actor=writer,
        m2m={"items": [{"kind": "photo", "image": name, "alt_text": "Benih ikan"}]},
    )
    Gallery.objects.filter(pk=gallery.pk).update(status=Gallery.Status.PUBLISHED)
    client.force_login(writer)
    response = client.get(reverse("admin:newsroom_gallery_change", args=[gallery.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert 'class="image-thumb"><img src="/media/renditions/' in page
    assert 'name="items-0-image"' not in page
