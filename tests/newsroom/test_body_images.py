"""Photos inside an article's text are served like its cover (issue 14 item 5): our own uploads
as a <picture> of WebP and JPEG renditions with srcset, width, height and lazy loading; images
from elsewhere and broken files keep their tag, and the page costs no query per photo."""

import re

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.body_images import media_name, responsive_images
from portal import fragments
from tests.newsroom.portal_helpers import image_bytes


def uploaded(name="uploads/1/2026/11/29/foto.jpg", size=(1600, 900)) -> str:
    saved = default_storage.save(name, ContentFile(image_bytes(size=size)))
    return default_storage.url(saved)


def test_our_uploaded_photo_becomes_a_picture_with_renditions():
    src = uploaded()
    shown = responsive_images(f'<p>Teks.</p><p><img src="{src}" alt="Nelayan di dermaga"></p>')
    assert shown.startswith("<p>Teks.</p><p><picture>")
    assert re.search(r'<source type="image/webp" srcset="/media/renditions/\S+ 480w, ', shown)
    img = re.search(r"<img [^>]*>", shown)[0]
    assert 'width="800" height="450"' in img
    assert 'loading="lazy"' in img and 'alt="Nelayan di dermaga"' in img
    assert "1200w" in img and f'src="{src}"' not in img


def test_a_photo_made_smaller_in_the_editor_keeps_its_size():
    src = uploaded()
    shown = responsive_images(f'<img src="{src}" alt="Kapal" width="400" height="225">')
    assert 'width="400" height="225"' in shown
    assert 'sizes="(min-width: 400px) 400px, 100vw"' in shown


@pytest.mark.parametrize(
    "src",
    [
        "https://example.org/media/uploads/foto.jpg",  # another site
        "/media/../settings.py",  # climbing out of the media folder
        "/media/uploads/1/hilang.jpg",  # no such file
        "/media/renditions/ab/foto-480w.jpg",  # already a rendition
        "/static/img/logo.png",  # not an upload
    ],
)
def test_other_images_keep_their_tag(src):
    tag = f'<img src="{src}" alt="x">'
    assert responsive_images(f"<p>{tag}</p>") == f"<p>{tag}</p>"


def test_a_broken_file_keeps_its_tag():
    src = default_storage.url(default_storage.save("uploads/1/rusak.jpg", ContentFile(b"bukan")))
    tag = f'<img src="{src}" alt="x">'
    assert responsive_images(tag) == tag


def test_media_names_are_read_strictly():
    assert media_name("/media/uploads/1/a%20b.jpg") == "uploads/1/a b.jpg"
    assert media_name("/media/uploads/./a.jpg") is None
    assert media_name("/media/uploads/a.jpg?x=1") is None
    assert media_name("/mediax/a.jpg") is None


def test_article_page_shows_body_photos_as_pictures_and_never_fails(client, agency, writer,
                                                                   make_article):  # fmt: skip
    src = uploaded()
    body = (f'<p><img src="{src}" alt="Panen"></p>'
            '<p><img src="/media/uploads/1/hilang.jpg" alt="Hilang"></p>'
            '<p><img src="https://example.org/luar.jpg" alt="Luar"></p>')  # fmt: skip
    article = make_article(agency, writer, body=body)
    response = client.get(article.get_absolute_url())
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("<picture>") == 1  # no cover: only the uploaded body photo
    assert '<img src="/media/uploads/1/hilang.jpg" alt="Hilang">' in page
    assert 'src="https://example.org/luar.jpg"' in page


def queries_for(client, url) -> int:
    cache.clear()
    fragments.forget_local()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_article_page_query_count_does_not_grow_with_body_photos(client, agency, writer,
                                                                  make_article):  # fmt: skip
    plain = make_article(agency, writer, body="<p>Tanpa foto.</p>")
    photos = "".join(
        f'<p><img src="{uploaded(f"uploads/1/foto-{n}.jpg")}" alt="Foto {n}"></p>' for n in range(4)
    )
    illustrated = make_article(agency, writer, body=photos)
    assert queries_for(client, illustrated.get_absolute_url()) == queries_for(
        client, plain.get_absolute_url()
    )
    assert client.get(illustrated.get_absolute_url()).content.decode().count("<picture>") == 4
