"""Every public page runs at most 8 SQL queries, and as many with 50 articles as with 5."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.models import Article, Category, Page, Tag
from portal import fragments
from tests.newsroom.portal_helpers import give_cover

MAX_QUERIES = 8
PAGES = [
    "/",
    "/berita/",
    "/berita/?halaman=2",
    "/berita/?instansi={agency}",
    "/berita/?kategori=kegiatan",
    "/berita/?tag=nelayan",
    "/berita/?instansi={agency}&kategori=kegiatan&tag=nelayan",
    "{article}",
    "/instansi/{agency}/",
    "/instansi/{agency}/profil/",  # a page, with the agency's menu in its bar
    "/cari/?q=nelayan",
    "/cari/?q=nelayan&halaman=2",  # one query too: the page's ids in a subquery
    "/feed/",
    "/instansi/{agency}/feed/",
    "/sitemap.xml",
    "/sitemap-berita.xml",
    "/sitemap-instansi.xml",
    "/robots.txt",
    "/healthz",
]


@pytest.fixture
def newsroom(agency, other_agency, writer, other_writer, make_article):
    categories = [Category.objects.create(name=n, slug=n.lower()) for n in ("Kegiatan", "Layanan")]
    tags = [Tag.objects.create(name=n, slug=n) for n in ("nelayan", "pelatihan", "humas")]
    cover = give_cover(make_article(agency, writer, title="Berita bersampul nelayan",
                                    category=categories[0], is_featured=True))  # fmt: skip
    cover.tags.set(tags)
    Page.objects.create(agency=agency, author=writer, title="Profil", slug="profil",
                        body="<p>Profil dinas.</p>", status=Page.Status.PUBLISHED,
                        publish_at=cover.publish_at)  # fmt: skip

    def grow_to(count):
        while Article.objects.count() < count:
            n = Article.objects.count()
            article = make_article(
                agency if n % 2 else other_agency, writer if n % 2 else other_writer,
                title=f"Kabar nelayan nomor {n}", category=categories[n % 2],
                is_featured=n % 5 == 0, cover_image=cover.cover_image.name,
            )  # fmt: skip
            article.tags.set(tags[: 1 + n % 3])
        return cover

    return grow_to


def count_queries(client, path):
    # Warm caches each time: the menus (portal.menus) and the map of own domains are read from
    # the database on a miss only, once per change (tests/portal/test_menus.py counts the miss).
    cache.clear()
    fragments.forget_local()
    client.get(path)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.mark.parametrize("template", PAGES)
def test_public_page_query_count_is_small_and_does_not_grow(client, newsroom, agency, template):
    few = 15 if "halaman=2" in template else 5  # a second list page needs more than 12
    article = newsroom(few)
    path = template.format(agency=agency.slug, article=article.get_absolute_url())
    with_few = count_queries(client, path)
    newsroom(50)
    with_many = count_queries(client, path)
    print(f"queries {path}: {with_few} with {few} articles, {with_many} with 50")  # noqa: T201
    assert with_few <= MAX_QUERIES, path
    assert with_many == with_few, path
