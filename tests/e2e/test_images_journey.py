"""Issue 14 item 5 in a browser: a writer uploads a cover, sees its thumbnail, clicks the subject
to set the focal point and saves; for another article picks a photo from the agency's library;
readers then see <picture> elements with WebP srcsets, cards cut around the focal point, and the
photos inside the text served as renditions too."""

import io
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import timezone
from PIL import Image

from accounts.models import Agency, User
from newsroom import editing
from newsroom.media_library import MediaImage
from newsroom.models import Article

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

LEAD = "Dua puluh nelayan Katingan menerima kapal motor baru dari Dislutkan Kalimantan Tengah."


def jpeg(size=(1600, 900), color=(40, 110, 170)) -> bytes:
    image = Image.new("RGB", size, color)
    image.paste((230, 190, 40), (1200, 150, 1450, 400))  # the subject, up and to the right
    out = io.BytesIO()
    image.save(out, "JPEG")
    return out.getvalue()


def draft(title, body="<p>Isi berita.</p>"):
    writer = User.objects.get(username="penulis")
    agency = Agency.objects.get(slug="dislutkan")
    return editing.create(Article(agency=agency, title=title, lead=LEAD, body=body), actor=writer)


def save_form(person, name):
    page = person.page
    if page.locator("#id_plan_pillar").count():
        page.select_option("#id_plan_pillar", index=1)
    page.click("input[name=_continue]")
    page.wait_for_load_state()
    errors = page.evaluate(
        "[...document.querySelectorAll('.errorlist')].map(e => e.closest('.form-row')?.className)"
    )
    assert not errors, errors
    person.check(name)


def test_writer_sets_a_focal_point_and_reuses_a_library_photo(visitor):
    first = draft("Nelayan Katingan terima kapal motor")
    writer = visitor("images-writer", viewport={"width": 1366, "height": 900})
    page = writer.page
    writer.login("penulis")
    writer.goto(f"/admin/newsroom/article/{first.pk}/change/")
    page.set_input_files("#id_cover_image", files=[
        {"name": "kapal.jpg", "mimeType": "image/jpeg", "buffer": jpeg()}])  # fmt: skip
    page.fill("#id_cover_alt", "Nelayan berdiri di samping kapal motor baru")
    save_form(writer, "cover-uploaded")

    # The thumbnail is a rendition, not the original, and a click on it sets the focal point.
    thumb = page.locator(".image-thumb img")
    assert thumb.evaluate("img => img.complete && img.naturalWidth > 0")
    assert "/media/renditions/" in thumb.get_attribute("src")
    thumb.scroll_into_view_if_needed()
    box = thumb.bounding_box()
    page.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.3)
    assert page.input_value("#id_focal_x") == "0.80"
    assert page.input_value("#id_focal_y") == "0.30"
    assert page.locator(".focal-marker").is_visible()
    writer.shot("focal-point-clicked")
    save_form(writer, "focal-point-saved")
    first.refresh_from_db()
    assert first.focal == pytest.approx((0.8, 0.3), abs=0.011)

    # Another article takes a photo from the agency's library (the admin's lookup popup).
    library_photo = MediaImage(
        agency=first.agency, caption="Panen raya udang vaname di Seruyan",
        alt_text="Petambak memanen udang vaname", credit="Humas Dislutkan",
        focal_x=0.2, focal_y=0.5,
    )  # fmt: skip
    library_photo.file.save("udang.jpg", ContentFile(jpeg(color=(60, 150, 110))), save=False)
    library_photo.save()
    body_image = default_storage.save(
        f"uploads/{first.agency_id}/2026/11/29/panen.jpg", ContentFile(jpeg(size=(1200, 800)))
    )
    second = draft(
        "Panen raya udang vaname di Seruyan",
        body=f'<p>Petambak memanen.</p><p><img src="{default_storage.url(body_image)}" '
        'alt="Udang hasil panen di atas timbangan"></p>',
    )
    writer.goto(f"/admin/newsroom/article/{second.pk}/change/")
    with page.expect_popup() as opened:
        page.click("#lookup_id_from_library")
    picker = opened.value
    picker.wait_for_load_state()
    picker.fill("#searchbar", "udang")
    picker.press("#searchbar", "Enter")
    picker.wait_for_load_state()
    picker.screenshot(path="tests/e2e/artifacts/images-writer-library-picker.png")
    assert picker.locator("img.media-thumb").count() == 1
    picker.locator("#result_list a", has_text="Panen raya udang").first.click()
    page.wait_for_function("document.querySelector('#id_from_library').value !== ''")
    assert page.input_value("#id_from_library") == str(library_photo.pk)
    assert f"no. {library_photo.pk} dipilih" in page.locator(".library-chosen").inner_text()
    writer.shot("library-photo-picked")
    save_form(writer, "library-photo-chosen")
    second.refresh_from_db()
    assert second.cover_image.name == library_photo.file.name
    assert second.cover_alt == "Petambak memanen udang vaname"
    assert second.focal == (0.2, 0.5)
    assert page.locator(".image-thumb img").evaluate("img => img.naturalWidth > 0")

    # Published (the review itself is another journey's), readers see renditions everywhere.
    now = timezone.now()
    for article, minutes in ((first, 2), (second, 1)):
        Article.objects.filter(pk=article.pk).update(
            status=Article.Status.PUBLISHED, publish_at=now - timezone.timedelta(minutes=minutes)
        )
    for width in (1366, 360):
        reader = visitor(f"images-reader-{width}", viewport={"width": width, "height": 900})
        reader.goto("/")
        card = reader.page.locator(f"article.card:has(a[href='{first.get_absolute_url()}'])")
        assert "c16x9-f0.80-0.30" in card.locator("img").first.get_attribute("srcset")
        reader.goto(second.get_absolute_url())
        body = reader.page.locator(".article-body picture")
        assert body.count() == 1
        assert re.search(r"\.webp 480w", body.locator("source").get_attribute("srcset"))
        image = body.locator("img")
        assert image.get_attribute("loading") == "lazy"
        assert image.get_attribute("width") and image.get_attribute("height")
        image.scroll_into_view_if_needed()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        cover = reader.page.locator("figure.cover picture img")
        assert cover.evaluate("img => img.naturalWidth > 0")
        assert reader.page.evaluate("document.documentElement.scrollWidth") <= width
        reader.shot(f"article-{width}")
