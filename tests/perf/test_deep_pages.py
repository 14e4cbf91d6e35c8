"""Deep list pages read ids from the index, then only the rows shown: same items, same order."""

import io
import re

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.models import Article
from portal.views import DEFERRED_JOIN_OFFSET, PAGE_SIZE


@pytest.fixture
def many(db):
    call_command("seed_bulk", articles=DEFERRED_JOIN_OFFSET + 5 * PAGE_SIZE, stdout=io.StringIO())


def titles_on(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return re.findall(r'class="card-title"><a href="([^"]+)"', response.content.decode())


@pytest.mark.parametrize(
    "number", [DEFERRED_JOIN_OFFSET // PAGE_SIZE, DEFERRED_JOIN_OFFSET // PAGE_SIZE + 2]
)
def test_a_deep_page_shows_the_same_articles_in_the_same_order(client, many, number):
    start = (number - 1) * PAGE_SIZE
    expected = [a.get_absolute_url() for a in Article.objects.public()[start : start + PAGE_SIZE]]
    assert titles_on(client, f"/berita/?halaman={number}") == expected


def test_a_deep_page_runs_as_many_queries_as_the_next_one(client, many):
    counts = []
    for number in (DEFERRED_JOIN_OFFSET // PAGE_SIZE + 2, DEFERRED_JOIN_OFFSET // PAGE_SIZE + 3):
        client.get(f"/berita/?halaman={number}")
        with CaptureQueriesContext(connection) as queries:
            client.get(f"/berita/?halaman={number}")
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_past_the_last_page_is_not_found(client, many):
    last = Article.objects.public().count() // PAGE_SIZE + 2
    assert client.get(f"/berita/?halaman={last}").status_code == 404
