"""Metadata for search engines and link previews: schema.org JSON-LD (NewsArticle,
GovernmentOrganization, WebSite) and one canonical link on every public page."""

import json
import re

import pytest
from django.utils import timezone

from newsroom.models import Category, Page, Tag

JSON_LD = re.compile(r'<script type="application/ld\+json">(.*?)</script>', re.S)
CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)">')


def structured(response) -> list[dict]:
    return [json.loads(block) for block in JSON_LD.findall(response.content.decode())]


@pytest.fixture
def article(agency, writer, make_article):
    category = Category.objects.create(name="Kegiatan", slug="kegiatan")
    article = make_article(
        agency, writer, title="Bantuan kapal </script><script>alert(1)</script>",
        lead="Dinas menyerahkan <b>20</b> kapal.", category=category,
        first_published_at=timezone.now() - timezone.timedelta(hours=2),
    )  # fmt: skip
    article.tags.set([Tag.objects.create(name="nelayan", slug="nelayan")])
    return article


def test_an_article_is_a_news_article(client, article, agency):
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page  # the title cannot end the JSON's element
    (data,) = structured(response)
    assert data["@type"] == "NewsArticle"
    assert data["headline"] == article.title
    assert (
        data["url"] == data["mainEntityOfPage"] == f"http://testserver{article.get_absolute_url()}"
    )
    assert data["description"] == "Dinas menyerahkan 20 kapal."
    assert data["publisher"] == {
        "@type": "GovernmentOrganization", "name": agency.name, "alternateName": "Dislutkan",
        "url": f"http://testserver{agency.get_absolute_url()}",
    }  # fmt: skip
    assert data["articleSection"] == "Kegiatan" and data["keywords"] == ["nelayan"]
    assert data["datePublished"].startswith(str(timezone.localdate().year))


def test_an_agency_page_is_a_government_organization(client, settings, agency):
    settings.ALLOWED_HOSTS = ["testserver", ".kalteng.go.id"]
    agency.address = "Jl. Tjilik Riwut Km 5, Palangka Raya"
    agency.phone = "(0536) 3221234"
    agency.email = "dislutkan@kalteng.go.id"
    agency.instagram_url = "https://instagram.com/dislutkan"
    agency.domain = "dislutkan.kalteng.go.id"
    agency.save()
    for response in (
        client.get(agency.get_absolute_url()),
        client.get("/", HTTP_HOST="dislutkan.kalteng.go.id"),
    ):
        (data,) = structured(response)
        assert data["@type"] == "GovernmentOrganization"
        assert data["url"] == "http://dislutkan.kalteng.go.id/"
        assert data["address"]["streetAddress"] == agency.address
        assert data["telephone"] == agency.phone and data["email"] == agency.email
        assert data["sameAs"] == ["https://instagram.com/dislutkan"]


def test_the_portal_home_is_a_website_with_its_search(client, db):
    (data,) = structured(client.get("/"))
    assert data["@type"] == "WebSite"
    assert data["potentialAction"]["target"] == "http://testserver/cari/?q={search_term_string}"


def test_every_public_page_names_one_canonical_address(client, article, agency, writer):
    page = Page.objects.create(
        agency=agency, author=writer, title="Kontak", status=Page.Status.PUBLISHED,
        publish_at=timezone.now(),
    )  # fmt: skip
    expected = {
        "/": "http://testserver/",
        "/berita/?halaman=1&utm_source=wa": "http://testserver/berita/?halaman=1",
        "/berita/?kategori=kegiatan": "http://testserver/berita/?kategori=kegiatan",
        article.get_absolute_url(): f"http://testserver{article.get_absolute_url()}",
        agency.get_absolute_url(): f"http://testserver{agency.get_absolute_url()}",
        page.get_absolute_url(): f"http://testserver{page.get_absolute_url()}",
        "/cari/?q=kapal": "http://testserver/cari/",
        "/ppid/": "http://testserver/ppid/",
        "/ppid/informasi/": "http://testserver/ppid/informasi/",
    }
    for path, canonical in expected.items():
        response = client.get(path)
        assert response.status_code == 200, path
        assert CANONICAL.findall(response.content.decode()) == [canonical], path


def test_a_missing_page_names_no_canonical_address(client, db):
    response = client.get("/berita/tidak-ada/")
    assert response.status_code == 404
    assert not CANONICAL.findall(response.content.decode())


def test_every_public_kind_has_search_engine_text_apart_from_its_lead():
    from newsroom.publishing import kinds

    public = [kind for kind in kinds() if hasattr(kind, "get_absolute_url")]
    assert {kind._meta.model_name for kind in public} >= {
        "article", "page", "announcement", "event", "document", "gallery",
    }  # fmt: skip
    for kind in public:
        assert kind.content_fields[-2:] == ("seo_title", "seo_description"), kind
    # Planned social media posts have no public page: nothing for search engines to read.
    from outreach.posts import PlannedPost

    assert "seo_title" not in PlannedPost.content_fields


def test_search_engine_title_and_description_replace_the_title_and_lead_in_the_head(
    client, article
):
    article.seo_title = "Bantuan 20 kapal nelayan Kalteng 2026"
    article.seo_description = "Dislutkan menyerahkan 20 kapal kepada nelayan di lima kabupaten."
    article.save()
    response = client.get(article.get_absolute_url())
    page = response.content.decode()
    assert "<title>Bantuan 20 kapal nelayan Kalteng 2026 · Humas</title>" in page
    assert f'<meta name="description" content="{article.seo_description}">' in page
    assert f'<meta property="og:description" content="{article.seo_description}">' in page
    assert structured(response)[0]["description"] == article.seo_description
    assert "Dinas menyerahkan" in page  # readers still read the lead


def test_a_live_items_search_engine_text_changes_only_after_review(
    client, agency, writer, supervisor, second_supervisor
):
    from newsroom import editing, workflow
    from newsroom.agenda import Announcement

    item = editing.create(
        Announcement(agency=agency, title="Seleksi penyuluh", lead="Pendaftaran dibuka."),
        actor=writer,
    )
    workflow.submit(item, actor=writer)
    workflow.approve(item, actor=supervisor)
    item.refresh_from_db()
    item.seo_title = "Seleksi penyuluh perikanan 2026"
    editing.save(item, actor=writer, expected_version=item.version)
    assert (
        "<title>Seleksi penyuluh · Humas</title>"
        in client.get(item.get_absolute_url()).content.decode()
    )
    workflow.approve_correction(item, actor=second_supervisor)
    page = client.get(item.get_absolute_url()).content.decode()
    assert "<title>Seleksi penyuluh perikanan 2026 · Humas</title>" in page


@pytest.mark.parametrize(
    "kind", ["article", "page", "announcement", "event", "document", "gallery"]
)
def test_the_form_of_every_public_kind_has_the_search_engine_fields(client, supervisor, kind):
    client.force_login(supervisor)
    page = client.get(f"/admin/newsroom/{kind}/add/").content.decode()
    assert 'name="seo_title"' in page and 'name="seo_description"' in page
    assert "Mesin pencari" in page
