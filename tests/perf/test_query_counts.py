"""Query discipline: the same number of SQL queries whatever the data size.

The data comes from ``seed_bulk`` (spread over 20 agencies, categories, tags, years); each page is
read at one size, the data grows, and the page is read again with exactly as many queries.
"""

import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accounts.models import Agency, Membership, Role
from newsroom.models import Article

STAFF_PAGES = ["/admin/newsroom/article/", "/admin/ppid/informationrequest/",
               "/admin/newsroom/article/?status__exact=published"]  # fmt: skip


def grow(articles, requests):
    call_command("seed_bulk", articles=articles, requests=requests, stdout=io.StringIO())


def count_queries(client, path):
    client.get(path)  # the first read may fill per-process caches (calendars, content types)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, path
    return len(queries)


@pytest.fixture
def bench_supervisor(db, make_user):
    """A supervisor and PPID officer of a seeded agency, as in the benchmark."""
    grow(30, 30)
    user = make_user("penyunting_bench")
    agency = Agency.objects.get(slug="dinkes")
    for role in (Role.SUPERVISOR, Role.PPID_OFFICER):
        Membership.objects.create(user=user, agency=agency, role=role)
    return user


@pytest.mark.parametrize("path", STAFF_PAGES)
def test_admin_lists_run_as_many_queries_at_three_times_the_data(client, bench_supervisor, path):
    client.force_login(bench_supervisor)
    small = count_queries(client, path)
    grow(60, 60)
    assert count_queries(client, path) == small


def public_pages():
    article = Article.objects.public().order_by("-publish_at").first()
    paths = ["/", "/berita/", "/berita/?halaman=2", "/berita/?instansi=dinkes",
             "/berita/?kategori=kegiatan", "/berita/?tag=nelayan", "/instansi/dinkes/",
             "/cari/?q=nelayan", "/feed/", "/sitemap-berita.xml"]  # fmt: skip
    return {**{path: path for path in paths}, "newest article": article.get_absolute_url()}


def test_public_pages_run_as_many_queries_at_three_times_the_data(client, db):
    grow(40, 0)
    small = {name: count_queries(client, path) for name, path in public_pages().items()}
    grow(80, 0)
    large = {name: count_queries(client, path) for name, path in public_pages().items()}
    assert large == small
