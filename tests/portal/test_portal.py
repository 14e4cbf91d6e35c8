"""The public portal pages: what a reader sees and what a shared link shows."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from newsroom.models import Article, Category, Tag
from tests.newsroom.portal_helpers import give_cover

WIB = ZoneInfo("Asia/Jakarta")


@pytest.fixture
def kegiatan(db):
    return Category.objects.create(name="Kegiatan", slug="kegiatan")


@pytest.fixture
def nelayan(db):
    return Tag.objects.create(name="nelayan", slug="nelayan")


def page(client, path, **params):
    response = client.get(path, params)
    assert response.status_code == 200, path
    return response.content.decode()


def positions(body, articles):
    return [body.index(a.get_absolute_url()) for a in articles]


def test_home_shows_featured_latest_and_agencies(client, agency, other_agency, writer,
                                                 other_writer, make_article):  # fmt: skip
    featured = make_article(agency, writer, title="Sorotan utama", is_featured=True)
    latest = make_article(other_agency, other_writer, title="Kabar terbaru BPSDM")
    body = page(client, "/")
    assert "Sorotan utama" in body and "Kabar terbaru BPSDM" in body
    assert body.index(featured.get_absolute_url()) < body.index(latest.get_absolute_url())
    assert agency.get_absolute_url() in body and other_agency.get_absolute_url() in body
    assert body.count(featured.get_absolute_url()) == 1  # featured is not repeated in "latest"


def test_news_list_is_newest_first_and_pages_without_counting(client, agency, writer,
                                                              make_article):  # fmt: skip
    articles = [make_article(agency, writer) for _ in range(14)]  # made newest first
    first = page(client, "/berita/")
    assert positions(first, articles[:12]) == sorted(positions(first, articles[:12]))
    assert articles[12].get_absolute_url() not in first
    assert 'rel="next" href="?halaman=2"' in first
    second = page(client, "/berita/", halaman=2)
    assert articles[12].get_absolute_url() in second and articles[13].get_absolute_url() in second
    assert 'rel="prev"' in second and 'rel="next"' not in second
    assert client.get("/berita/", {"halaman": 3}).status_code == 404
    assert client.get("/berita/", {"halaman": "x"}).status_code == 404


@pytest.mark.parametrize("param", ["instansi", "kategori", "tag"])
def test_news_list_filters(client, agency, other_agency, writer, other_writer, make_article,
                           kegiatan, nelayan, param):  # fmt: skip
    match = make_article(agency, writer, category=kegiatan)
    match.tags.add(nelayan)
    other = make_article(other_agency, other_writer)
    value = {"instansi": agency.slug, "kategori": "kegiatan", "tag": "nelayan"}[param]
    body = page(client, "/berita/", **{param: value})
    assert match.get_absolute_url() in body
    assert other.get_absolute_url() not in body
    assert client.get("/berita/", {param: "tidak-ada"}).status_code == 404


def test_filters_are_kept_across_pages(client, agency, writer, make_article, kegiatan):
    for _ in range(13):
        make_article(agency, writer, category=kegiatan)
    body = page(client, "/berita/", kategori="kegiatan")
    assert 'href="?kategori=kegiatan&amp;halaman=2"' in body


def test_article_page_has_share_metadata_with_absolute_urls(
    client, agency, writer, make_article, settings
):
    article = give_cover(make_article(agency, writer, title="Pelatihan humas digital",
                                      lead="Tiga puluh ASN dilatih.",
                                      cover_caption="Peserta berdiskusi"))  # fmt: skip
    body = page(client, article.get_absolute_url())
    url = f"http://testserver{article.get_absolute_url()}"
    assert f'<link rel="canonical" href="{url}">' in body
    assert f'<meta property="og:url" content="{url}">' in body
    assert '<meta property="og:title" content="Pelatihan humas digital">' in body
    assert '<meta property="og:description" content="Tiga puluh ASN dilatih.">' in body
    image = re.search(r'<meta property="og:image" content="([^"]+)">', body).group(1)
    assert image.startswith("http://testserver/media/renditions/") and image.endswith(".jpg")
    assert '<meta property="og:image:width" content="1200">' in body
    assert '<meta name="twitter:card" content="summary_large_image">' in body
    assert f'<meta name="twitter:image" content="{image}">' in body
    assert (settings.MEDIA_ROOT / image.removeprefix("http://testserver/media/")).is_file()


def test_article_without_photo_uses_a_plain_card(client, agency, writer, make_article):
    body = page(client, make_article(agency, writer).get_absolute_url())
    assert '<meta name="twitter:card" content="summary">' in body
    assert "og:image" not in body


def test_article_shows_dates_the_indonesian_way_and_updated_when_corrected(
    client, agency, writer, make_article
):
    article = make_article(
        agency, writer, publish_at=datetime(2021, 10, 27, 16, 30, tzinfo=WIB),
        corrected_at=datetime(2021, 10, 28, 9, 5, tzinfo=WIB),
    )  # fmt: skip
    body = client.get(
        article.get_absolute_url(), headers={"accept-language": "id"}
    ).content.decode()
    assert "27 Oktober 2021, 16.30 WIB" in body
    assert "Diperbarui" in body and "28 Oktober 2021, 09.05 WIB" in body
    plain = make_article(agency, writer)
    assert (
        "Diperbarui"
        not in client.get(
            plain.get_absolute_url(), headers={"accept-language": "id"}
        ).content.decode()
    )


def test_read_also_prefers_shared_tags_and_category_and_skips_unpublished(
    client, agency, other_agency, writer, other_writer, make_article, kegiatan, nelayan
):
    # Tag links whose ids do not line up with article ids.
    extra_tags = [Tag.objects.create(name=f"lain {n}", slug=f"lain-{n}") for n in range(5)]
    make_article(other_agency, other_writer, title="Pengisi").tags.set(extra_tags)
    article = make_article(agency, writer, category=kegiatan)
    article.tags.add(nelayan)
    same_tag = make_article(other_agency, other_writer, title="Sama tag")
    same_tag.tags.add(nelayan)
    same_category = make_article(other_agency, other_writer, title="Sama kategori",
                                 category=kegiatan)  # fmt: skip
    unrelated = make_article(other_agency, other_writer, title="Tidak terkait")
    draft = make_article(agency, writer, title="Draf terkait", category=kegiatan,
                         status=Article.Status.DRAFT)  # fmt: skip
    scheduled = make_article(other_agency, other_writer, title="Terjadwal sama tag",
                             publish_at=timezone.now() + timezone.timedelta(days=1))  # fmt: skip
    scheduled.tags.add(nelayan)
    body = page(client, article.get_absolute_url())
    related = body.split('id="related-title"', 1)[1]
    assert scheduled.get_absolute_url() not in related
    assert same_tag.get_absolute_url() in related
    assert same_category.get_absolute_url() in related
    assert unrelated.get_absolute_url() not in related
    assert draft.get_absolute_url() not in related
    assert related.count(article.get_absolute_url()) == 0


def test_agency_page_shows_contacts_and_its_news_only(client, agency, other_agency, writer,
                                                      other_writer, make_article):  # fmt: skip
    agency.address, agency.phone, agency.email = "Jl. Sudirman 1", "(0536) 322", "ppid@x.go.id"
    agency.save()
    own = make_article(agency, writer)
    foreign = make_article(other_agency, other_writer)
    body = page(client, agency.get_absolute_url())
    assert agency.name in body and "Jl. Sudirman 1" in body
    assert 'href="tel:0536322"' in body and 'href="mailto:ppid@x.go.id"' in body
    assert own.get_absolute_url() in body and foreign.get_absolute_url() not in body
    assert f"/instansi/{agency.slug}/feed/" in body
    assert client.get("/instansi/tidak-ada/").status_code == 404


def test_feeds_are_rss_with_newest_articles(client, agency, other_agency, writer, other_writer,
                                            make_article):  # fmt: skip
    mine = make_article(agency, writer, title="Kabar Dislutkan")
    theirs = make_article(other_agency, other_writer, title="Kabar BPSDM")
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/rss+xml")
    body = response.content.decode()
    assert "<title>Kabar Dislutkan</title>" in body and "<title>Kabar BPSDM</title>" in body
    agency_feed = client.get(f"/instansi/{agency.slug}/feed/").content.decode()
    assert mine.get_absolute_url() in agency_feed and theirs.get_absolute_url() not in agency_feed
    assert client.get("/instansi/tidak-ada/feed/").status_code == 404


def test_sitemap_index_lists_article_and_agency_sections(client, agency, writer, make_article):
    article = make_article(agency, writer)
    index = page(client, "/sitemap.xml")
    assert "http://testserver/sitemap-berita.xml" in index
    assert "http://testserver/sitemap-instansi.xml" in index
    assert f"http://testserver{article.get_absolute_url()}" in page(client, "/sitemap-berita.xml")
    assert f"http://testserver{agency.get_absolute_url()}" in page(client, "/sitemap-instansi.xml")


PUBLIC_PATHS = ["/", "/berita/", "/berita/{slug}/", "/instansi/{agency}/", "/cari/?q=berita"]


@pytest.mark.parametrize("template", PUBLIC_PATHS)
def test_pages_are_ready_for_a_strict_csp_and_a_shared_cache(client, agency, writer,
                                                             make_article, template):  # fmt: skip
    article = give_cover(make_article(agency, writer))
    response = client.get(template.format(slug=article.slug, agency=agency.slug))
    body = response.content.decode()
    # schema.org metadata is a data block, never run (portal.structured_data): nothing else.
    body = re.sub(r'<script type="application/ld\+json">[^<]*</script>', "", body)
    # Scripts only from our own static files (CSP script-src 'self'), never inline.
    body = re.sub(r'<script src="/static/[^"<>]+\.js" defer></script>', "", body)
    assert "<script" not in body
    assert not re.search(r"\son[a-z]+\s*=", body)  # no inline event handlers
    assert "style=" not in body
    assert "Cookie" not in response.get("Vary", "")  # nothing per visitor: safe to cache
    assert not response.cookies


@pytest.mark.parametrize("template", PUBLIC_PATHS)
def test_pages_have_landmarks_and_accessible_images(client, agency, writer, make_article,
                                                    template):  # fmt: skip
    article = give_cover(make_article(agency, writer))
    body = client.get(template.format(slug=article.slug, agency=agency.slug)).content.decode()
    assert '<html lang="' in body
    assert "<header" in body and '<main id="main"' in body and "<footer" in body
    assert 'class="skip-link" href="#main"' in body
    assert body.count("<h1") == 1
    for img in re.findall(r"<img [^>]*>", body):
        assert " alt=" in img, img
        assert " width=" in img and " height=" in img, img


@pytest.mark.parametrize("rare_limit", [1000, 1])
def test_tag_filter_gives_the_same_news_for_rare_and_common_tags(
    client, agency, writer, make_article, nelayan, monkeypatch, rare_limit
):
    from portal import views

    monkeypatch.setattr(views, "RARE_TAG_LIMIT", rare_limit)
    tagged = [make_article(agency, writer) for _ in range(3)]
    for article in tagged:
        article.tags.add(nelayan)
    hidden = make_article(agency, writer, status=Article.Status.DRAFT)
    hidden.tags.add(nelayan)
    untagged = make_article(agency, writer)
    body = page(client, "/berita/", tag="nelayan")
    assert positions(body, tagged) == sorted(positions(body, tagged))
    assert hidden.get_absolute_url() not in body and untagged.get_absolute_url() not in body


def test_feed_description_is_the_lead_escaped_for_html_readers(client, agency, writer,
                                                               make_article):  # fmt: skip
    import xml.etree.ElementTree as ET

    make_article(agency, writer, lead='Nelayan & petambak <img src=x onerror="alert(1)">')
    root = ET.fromstring(client.get("/feed/").content)
    description = root.find("channel/item/description").text
    assert description == "Nelayan &amp; petambak &lt;img src=x onerror=&quot;alert(1)&quot;&gt;"


def test_news_list_pages_are_newer_and_older(client, agency, writer, make_article):
    for n in range(14):
        make_article(agency, writer, title=f"Berita {n}")
    second = client.get("/berita/", {"halaman": 2}).content.decode()
    assert "← Lebih baru" in second
    assert "Lebih lama →" in client.get("/berita/").content.decode()
