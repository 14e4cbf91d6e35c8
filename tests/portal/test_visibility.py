"""Only published articles whose time has come are public: on every public path."""

import pytest
from django.utils import timezone

from newsroom.models import Article, Category, Tag

Status = Article.Status
HIDDEN_STATES = {
    "draft": {"status": Status.DRAFT},
    "in_review": {"status": Status.IN_REVIEW},
    "changes_requested": {"status": Status.CHANGES_REQUESTED},
    "future": {"status": Status.PUBLISHED, "publish_at_delta": timezone.timedelta(hours=2)},
    "published_without_date": {"status": Status.PUBLISHED, "publish_at": None},
    "archived": {"status": Status.ARCHIVED},
}
TITLE = "Kunjungan kerja gubernur ke pelabuhan perikanan"
WORD = "gubernur"


@pytest.fixture
def category(db):
    return Category.objects.create(name="Kegiatan", slug="kegiatan")


@pytest.fixture
def tag(db):
    return Tag.objects.create(name="nelayan", slug="nelayan")


@pytest.fixture
def article_in_state(agency, writer, make_article, category, tag):
    def make(state):
        fields = dict(HIDDEN_STATES.get(state, {"status": Status.PUBLISHED}))
        delta = fields.pop("publish_at_delta", -timezone.timedelta(hours=1))
        fields.setdefault("publish_at", timezone.now() + delta)
        article = make_article(
            agency, writer, title=TITLE, slug="kunjungan-kerja", category=category,
            lead=f"Lead tentang {WORD}.", body=f"<p>Isi {WORD}.</p>", **fields,
        )  # fmt: skip
        article.tags.add(tag)
        return article

    return make


def public_paths(article):
    return [
        "/",
        "/berita/",
        f"/berita/?instansi={article.agency.slug}",
        "/berita/?kategori=kegiatan",
        "/berita/?tag=nelayan",
        f"/instansi/{article.agency.slug}/",
        f"/cari/?q={WORD}",
        "/feed/",
        f"/instansi/{article.agency.slug}/feed/",
        "/sitemap-berita.xml",
    ]


def test_published_article_appears_on_every_public_path(client, article_in_state):
    article = article_in_state("published")
    assert client.get(article.get_absolute_url()).status_code == 200
    for path in public_paths(article):
        response = client.get(path)
        assert response.status_code == 200, path
        assert article.slug in response.content.decode(), path


@pytest.mark.parametrize("state", sorted(HIDDEN_STATES))
def test_unpublished_article_is_on_no_public_path(client, article_in_state, state):
    article = article_in_state(state)
    assert client.get(article.get_absolute_url()).status_code == 404
    for path in public_paths(article):
        response = client.get(path)
        assert response.status_code == 200, path
        body = response.content.decode()
        assert article.slug not in body, path
        assert TITLE not in body, path


def test_article_becomes_public_when_its_time_comes(client, article_in_state, time_machine):
    article = article_in_state("future")
    assert client.get(article.get_absolute_url()).status_code == 404
    time_machine.move_to(timezone.now() + timezone.timedelta(hours=3))
    assert client.get(article.get_absolute_url()).status_code == 200
    assert article.slug in client.get("/feed/").content.decode()
