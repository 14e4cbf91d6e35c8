"""A visitor on a 360 px phone finds a regulation in the download centre, sees its type and size,
downloads it (the browser saves the file, the download is counted), then opens a gallery: photos
with alternative text, the YouTube video only as a youtube-nocookie.com frame, no CSP violation
and no serious accessibility finding on any page (tests/e2e/conftest.py)."""

import re

import pytest

from newsroom.library import Document, DocumentDownload

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True,
         "device_scale_factor": 2}  # fmt: skip


def scroll_width(page) -> int:
    return page.evaluate("document.documentElement.scrollWidth")


def test_visitor_downloads_a_regulation_and_browses_a_gallery_on_a_phone(visitor):
    person = visitor("library", **PHONE, accept_downloads=True)
    page = person.page
    person.goto("/dokumen/")
    assert scroll_width(page) <= 360
    page.select_option("#doc-kind", "regulasi")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"jenis=regulasi"))
    person.check("regulations")
    regulation = Document.objects.get(slug="pergub-kalteng-12-2025-pengelolaan-perikanan-tangkap")
    row = page.locator("li.document-row", has_text="Nomor 12 Tahun 2025")
    assert "PDF" in row.inner_text()
    row.locator("a.document-title, .document-title a").click()
    page.wait_for_url(re.compile(regulation.slug))
    person.check("regulation")
    assert scroll_width(page) <= 360
    with page.expect_download() as download:
        page.locator("a.document-download-big").click()
    assert download.value.suggested_filename == f"{regulation.slug}.pdf"
    assert DocumentDownload.objects.get(document=regulation).count == 1

    person.goto("/galeri/")
    page.locator(".card-title a").first.click()
    page.wait_for_url(re.compile(r"/galeri/[^/]+/$"))
    person.check("gallery")
    assert scroll_width(page) <= 360
    photos = page.locator(".gallery-photo img")
    assert photos.count() >= 3
    assert all(photos.nth(n).get_attribute("alt") for n in range(photos.count()))
    frames = page.locator("iframe")
    assert frames.count() == 1
    assert frames.first.get_attribute("src").startswith("https://www.youtube-nocookie.com/embed/")
    assert page.locator("a.video-card", has_text="Instagram").count() == 1
