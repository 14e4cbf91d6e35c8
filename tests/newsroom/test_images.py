"""Uploaded photos are checked, and the portal shows resized renditions instead of originals."""

import io
import os
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from newsroom import images
from newsroom.images import picture, validate_image
from newsroom.models import Article
from tests.newsroom.portal_helpers import give_cover, image_bytes

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def upload(name, data, content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def bomb_png(size=(20_000, 20_000)) -> bytes:
    """A few kilobytes on disk, hundreds of megapixels once decoded."""
    out = io.BytesIO()
    Image.new("1", size).save(out, "PNG")
    return out.getvalue()


def error_code(data, name="foto.jpg"):
    with pytest.raises(ValidationError) as excinfo:
        validate_image(upload(name, data))
    return excinfo.value.code


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_real_photo_of_allowed_type_passes(fmt):
    validate_image(upload(f"foto.{fmt.lower()}", image_bytes(fmt=fmt, size=(640, 480))))


def test_text_file_is_refused():
    assert error_code(b"bukan gambar sama sekali") == "not_image"


def test_pdf_renamed_to_jpg_is_refused():
    assert error_code(PDF, name="foto-kegiatan.jpg") == "not_image"


def test_image_type_outside_the_allow_list_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (50, 50)).save(out, "BMP")
    assert error_code(out.getvalue(), name="foto.jpg") == "bad_type"


def test_oversized_file_is_refused_with_its_size(settings):
    settings.HUMAS_IMAGE_MAX_BYTES = 1024 * 1024
    data = image_bytes(fmt="BMP", size=(800, 800))  # ~1.9 MB, a real image
    with pytest.raises(ValidationError) as excinfo:
        validate_image(upload("besar.jpg", data))
    assert excinfo.value.code == "too_large"
    assert "1,8" in str(excinfo.value.messages) or "1.8" in str(excinfo.value.messages)


def test_too_many_pixels_is_refused_from_the_header(settings):
    settings.HUMAS_IMAGE_MAX_PIXELS = 1_000_000
    assert error_code(image_bytes(fmt="PNG", size=(2000, 1000))) == "too_many_pixels"


def test_decompression_bomb_is_refused():
    data = bomb_png()
    assert len(data) < 200_000
    assert error_code(data, name="bom.png") == "too_many_pixels"


def test_model_full_clean_reports_the_photo_error(agency, writer):
    article = Article(agency=agency, author=writer, title="Judul", slug="judul", lead="Lead",
                      body="<p>Isi</p>", cover_image=upload("laporan.jpg", PDF))  # fmt: skip
    with pytest.raises(ValidationError) as excinfo:
        article.full_clean()
    assert "cover_image" in excinfo.value.message_dict


# --- Renditions ----------------------------------------------------------------------------------


@pytest.fixture
def covered(agency, writer, make_article):
    return give_cover(make_article(agency, writer, cover_caption="Peserta pelatihan",
                                   cover_credit="Humas Dislutkan"))  # fmt: skip


def test_renditions_are_webp_and_jpeg_at_each_width_under_media_root(covered, settings):
    pic = picture(covered.cover_image)
    assert [r.width for r in pic.webp] == [480, 960, 1440]
    assert [(r.width, r.height) for r in pic.fallback] == [(480, 270), (960, 540), (1440, 810)]
    for rendition, fmt in [(pic.webp[0], "WEBP"), (pic.fallback[-1], "JPEG")]:
        path = Path(settings.MEDIA_ROOT) / rendition.url.removeprefix(settings.MEDIA_URL)
        assert path.is_relative_to(Path(settings.MEDIA_ROOT) / "renditions")
        with Image.open(path) as image:
            assert image.format == fmt
            assert image.size == (rendition.width, rendition.height)


def test_small_originals_are_not_upscaled(agency, writer, make_article):
    article = give_cover(make_article(agency, writer), size=(600, 400))
    assert [r.width for r in picture(article.cover_image).fallback] == [480, 600]


def test_portrait_phone_photo_is_turned_upright_by_its_exif_orientation(agency, writer,
                                                                       make_article):  # fmt: skip
    out = io.BytesIO()
    exif = Image.Exif()
    exif[0x0112] = 6  # stored sideways, shown turned 90° clockwise
    Image.new("RGB", (1600, 900), (200, 30, 30)).save(out, "JPEG", exif=exif)
    article = make_article(agency, writer)
    article.cover_image.save("hp.jpg", SimpleUploadedFile("hp.jpg", out.getvalue()), save=False)
    pic = picture(article.cover_image)
    assert [(r.width, r.height) for r in pic.fallback] == [(480, 853), (900, 1600)]
    path = Path(article.cover_image.storage.path(pic.fallback[0].url.removeprefix("/media/")))
    with Image.open(path) as image:
        assert image.size == (480, 853)


def test_transparent_logo_keeps_transparency_in_png_fallback(agency):
    agency.logo.save("logo.png", SimpleUploadedFile("logo.png", image_bytes(
        fmt="PNG", size=(300, 300), mode="RGBA", color=(0, 0, 0, 0))))  # fmt: skip
    pic = picture(agency.logo, images.LOGO_WIDTHS)
    assert pic.fallback_type == "image/png"
    assert all(r.url.endswith(".png") for r in pic.fallback)


def test_renditions_are_made_once_and_reused_by_name(covered, settings):
    first = picture(covered.cover_image)
    path = Path(settings.MEDIA_ROOT) / first.webp[0].url.removeprefix(settings.MEDIA_URL)
    made = path.stat().st_mtime_ns
    os.utime(path, ns=(made - 10**9, made - 10**9))
    from django.core.cache import cache

    cache.clear()  # even without the cached answer, an existing file is not rendered again
    assert picture(covered.cover_image) == first
    assert path.stat().st_mtime_ns == made - 10**9


def test_article_page_shows_picture_with_renditions_not_the_original(client, covered):
    body = client.get(covered.get_absolute_url()).content.decode()
    assert "<picture>" in body
    assert '<source type="image/webp" srcset="/media/renditions/' in body
    assert 'width="960" height="540"' in body
    assert covered.cover_image.url not in body
    assert "Peserta pelatihan" in body and "Humas Dislutkan" in body


def test_broken_original_does_not_break_the_page(client, agency, writer, make_article, settings):
    article = make_article(agency, writer)
    Article.objects.filter(pk=article.pk).update(cover_image="covers/hilang.jpg")
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    assert "<picture>" not in response.content.decode()
    assert client.get("/").status_code == 200


def test_agency_without_logo_shows_initials_and_with_logo_a_rendition(client, agency):
    body = client.get(agency.get_absolute_url()).content.decode()
    assert f">{agency.initials}</span>" in body
    agency.logo.save(
        "logo.png", SimpleUploadedFile("logo.png", image_bytes(fmt="PNG", size=(400, 400)))
    )
    body = client.get(agency.get_absolute_url()).content.decode()
    assert "/media/renditions/" in body
    assert f">{agency.initials}</span>" not in body
