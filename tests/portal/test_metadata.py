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
