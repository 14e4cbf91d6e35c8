"""Galleries: ordered photos (alt text required) shown through renditions, YouTube videos embedded
from youtube-nocookie.com only, other platforms as link cards; the items are reviewed with the
gallery (kept in its revisions, corrected and restored with it)."""

import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from PIL import Image

from newsroom import editing, workflow
from newsroom.library import Gallery, GalleryItem
from newsroom.videos import describe, youtube_id

VIDEO = "aqz-KE-bpKQ"


def jpeg(colour=(30, 120, 200), size=(900, 600)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, colour).save(out, "JPEG")
    return out.getvalue()


def photo_item(n: int, **fields) -> dict:
    item = GalleryItem(kind=GalleryItem.Kind.PHOTO, alt_text=f"Nelayan menebar benih {n}",
                       caption=f"Penebaran benih ke-{n}", credit="Tim Humas", **fields)  # fmt: skip
    item.image.save(f"foto-{n}.jpg", ContentFile(jpeg((20 * n % 255, 100, 150))), save=False)
    return item.as_data()


@pytest.fixture
def make_gallery(agency, writer, supervisor):
    def make(title="Penebaran Benih Ikan", items=None, publish=True, agency=agency, author=None,
             approver=None):  # fmt: skip
        gallery = editing.create(Gallery(agency=agency, title=title, description="Kegiatan"),
                                 actor=author or writer,
                                 m2m={"items": items if items is not None else
                                      [photo_item(1), photo_item(2)]})  # fmt: skip
        if publish:
            workflow.submit(gallery, actor=author or writer)
            workflow.approve(gallery, actor=approver or supervisor)
            gallery.refresh_from_db()
        return gallery

    return make


# --- videos ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        f"https://www.youtube.com/watch?v={VIDEO}",
        f"https://youtube.com/watch?feature=share&v={VIDEO}",
        f"https://m.youtube.com/watch?v={VIDEO}",
        f"https://youtu.be/{VIDEO}?si=abc",
        f"https://www.youtube.com/shorts/{VIDEO}",
        f"https://www.youtube.com/live/{VIDEO}",
        f"https://www.youtube.com/embed/{VIDEO}",
        f"https://www.youtube-nocookie.com/embed/{VIDEO}",
    ],
)
def test_youtube_addresses_become_nocookie_embeds(url):
    assert youtube_id(url) == VIDEO
    assert describe(url).embed == f"https://www.youtube-nocookie.com/embed/{VIDEO}"


@pytest.mark.parametrize(
    ("url", "platform"),
    [
        ("https://www.instagram.com/reel/Cx1/", "Instagram"),
        ("https://www.tiktok.com/@humas/video/123", "TikTok"),
        ("https://www.facebook.com/humas/videos/123", "Facebook"),
        ("https://vimeo.com/123456", "Vimeo"),
        (f"https://evil.example/watch?v={VIDEO}", "evil.example"),
        (f"https://www.youtube.com.evil.example/watch?v={VIDEO}", "youtube.com.evil.example"),
    ],
)
def test_other_platforms_are_link_cards(url, platform):
    video = describe(url)
    assert not video.is_embedded and video.platform == platform


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        f"http://www.youtube.com/watch?v={VIDEO}",
        "https://www.youtube.com/channel/UC123",
        "ftp://example.com/video.mp4",
        "",
    ],
)
def test_bad_video_addresses_are_refused_with_a_message(agency, url):
    gallery = Gallery(agency=agency, title="x")
    item = GalleryItem(gallery=gallery, kind=GalleryItem.Kind.VIDEO, video_url=url)
    with pytest.raises(ValidationError) as refused:
        item.clean()
    assert "video_url" in refused.value.message_dict


def test_a_photo_needs_its_alternative_text(agency):
    item = GalleryItem(kind=GalleryItem.Kind.PHOTO, alt_text="  ")
    item.image.save("x.jpg", ContentFile(jpeg()), save=False)
    with pytest.raises(ValidationError) as refused:
        item.clean()
    assert "alt_text" in refused.value.message_dict


# --- the public pages --------------------------------------------------------------------------


def test_the_gallery_page_shows_photos_through_renditions_with_alt_caption_and_credit(
    client, make_gallery
):
    gallery = make_gallery(items=[photo_item(1), photo_item(2)])
    page = client.get(gallery.get_absolute_url()).content.decode()
    assert page.index("Penebaran benih ke-1") < page.index("Penebaran benih ke-2")
    assert 'alt="Nelayan menebar benih 1"' in page
    assert "Tim Humas" in page
    assert "/media/renditions/" in page
    assert "/media/galleries/" not in page  # never the uploaded original


def test_videos_embed_only_from_nocookie_and_other_platforms_are_links(client, make_gallery):
    gallery = make_gallery(items=[
        {"kind": "video", "video_url": f"https://www.youtube.com/watch?v={VIDEO}",
         "caption": "Video kegiatan"},
        {"kind": "video", "video_url": "https://www.tiktok.com/@humas/video/1",
         "caption": "TikTok"},
    ])  # fmt: skip
    response = client.get(gallery.get_absolute_url())
    page = response.content.decode()
    assert f'src="https://www.youtube-nocookie.com/embed/{VIDEO}"' in page
    assert "youtube.com/embed" not in page.replace("youtube-nocookie.com/embed", "")
    assert 'href="https://www.tiktok.com/@humas/video/1"' in page
    assert "TikTok" in page
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "frame-src https://www.youtube-nocookie.com;" in response["Content-Security-Policy"]


def test_the_list_shows_public_galleries_with_their_first_photo(client, make_gallery):
    make_gallery("Pelatihan Dasar CPNS")
    make_gallery("Draf Galeri", publish=False)
    page = client.get(reverse("portal:gallery_list")).content.decode()
    assert "Pelatihan Dasar CPNS" in page and "Draf Galeri" not in page
    assert "/media/renditions/" in page


def test_drafts_are_not_public(client, make_gallery):
    draft = make_gallery(publish=False)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_on_an_agency_domain_only_its_galleries_are_listed(client, settings, make_gallery,
                                                           agency, other_agency, other_writer,
                                                           other_supervisor):  # fmt: skip
    settings.ALLOWED_HOSTS = ["testserver", ".kalteng.go.id"]
    agency.domain = "dislutkan.kalteng.go.id"
    agency.save()
    make_gallery("Galeri Dislutkan")
    other = make_gallery("Galeri BPSDM", agency=other_agency, author=other_writer,
                         approver=other_supervisor)  # fmt: skip
    page = client.get("/galeri/", HTTP_HOST=agency.domain).content.decode()
    assert "Galeri Dislutkan" in page and "Galeri BPSDM" not in page
    assert client.get(other.get_absolute_url(), HTTP_HOST=agency.domain).status_code == 404


# --- the items are reviewed with the gallery ----------------------------------------------------


def test_each_revision_keeps_the_items_in_order(make_gallery):
    gallery = make_gallery(publish=False, items=[photo_item(2), photo_item(1)])
    data = gallery.revisions.get().data["items"]
    assert [item["caption"] for item in data] == ["Penebaran benih ke-2", "Penebaran benih ke-1"]
    assert [i.caption for i in gallery.items.all()] == [d["caption"] for d in data]


def test_a_correction_of_a_published_gallery_waits_for_approval_with_its_items(
    client, make_gallery, writer, second_supervisor
):
    gallery = make_gallery(items=[photo_item(1)])
    edited = Gallery.objects.get(pk=gallery.pk)
    edited.title = "Penebaran Benih Ikan (diperbarui)"
    editing.save(edited, actor=writer, expected_version=edited.version,
                 m2m={"items": [photo_item(1), photo_item(3)]})  # fmt: skip
    # The public still sees the approved gallery.
    assert gallery.items.count() == 1
    page = client.get(gallery.get_absolute_url()).content.decode()
    assert "Penebaran benih ke-3" not in page
    workflow.approve_correction(gallery, actor=second_supervisor)
    gallery.refresh_from_db()
    assert gallery.title == "Penebaran Benih Ikan (diperbarui)"
    assert [i.caption for i in gallery.items.all()] == ["Penebaran benih ke-1",
                                                        "Penebaran benih ke-3"]  # fmt: skip


def test_restoring_a_revision_brings_its_items_back(make_gallery, writer):
    gallery = make_gallery(publish=False, items=[photo_item(1)])
    edited = Gallery.objects.get(pk=gallery.pk)
    editing.save(edited, actor=writer, expected_version=edited.version,
                 m2m={"items": [photo_item(4)]})  # fmt: skip
    assert [i.caption for i in gallery.items.all()] == ["Penebaran benih ke-4"]
    editing.restore_revision(gallery, 1, actor=writer)
    assert [i.caption for i in gallery.items.all()] == ["Penebaran benih ke-1"]


# --- query counts ------------------------------------------------------------------------------


@pytest.fixture
def grow(agency, writer):
    image = ContentFile(jpeg(), name="sama.jpg")

    def grow_to(n):
        for i in range(Gallery.objects.count(), n):
            gallery = Gallery.objects.create(agency=agency, title=f"Galeri {i}", slug=f"galeri-{i}",
                                             author=writer, status=Gallery.Status.PUBLISHED,
                                             publish_at="2026-01-01T00:00:00+07:00")  # fmt: skip
            item = GalleryItem(gallery=gallery, kind="photo", alt_text="Foto", position=1)
            item.image.save("sama.jpg", image, save=False)
            item.save()
        first = Gallery.objects.get(slug="galeri-0")
        for i in range(first.items.count(), n):
            name = first.items.first().image.name
            GalleryItem.objects.create(
                gallery=first, kind="photo", alt_text=f"Foto {i}", image=name, position=i + 1
            )

    return grow_to


@pytest.mark.parametrize("path", ["/galeri/", "/galeri/galeri-0/"])
def test_query_count_is_the_same_with_5_and_50_items(client, grow, path,
                                                     django_assert_num_queries):  # fmt: skip
    grow(5)
    client.get(path)  # first visit: the site map is cached (portal.sites)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    grow(50)
    with django_assert_num_queries(len(few)):
        assert client.get(path).status_code == 200
    assert len(few) <= 6, path


def test_public_galleries_are_in_the_sitemap(client, make_gallery):
    gallery = make_gallery("Pekan Keterbukaan Informasi")
    draft = make_gallery("Draf Galeri", publish=False)
    section = client.get("/sitemap-galeri.xml").content.decode()
    assert gallery.get_absolute_url() in section
    assert draft.get_absolute_url() not in section


def test_publishing_a_gallery_makes_its_photo_renditions_ahead_of_visitors(
    agency, writer, supervisor, django_capture_on_commit_callbacks
):
    from newsroom import images

    gallery = editing.create(Gallery(agency=agency, title="Galeri"), actor=writer,
                             m2m={"items": [photo_item(1)]})  # fmt: skip
    workflow.submit(gallery, actor=writer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(gallery, actor=supervisor)
    item = gallery.items.get()
    storage = item.image.storage
    for width in images.CARD_WIDTHS:
        assert storage.exists(images.rendition_name(item.image.name, width, "webp"))
