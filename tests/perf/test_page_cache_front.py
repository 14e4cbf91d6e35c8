"""The production WSGI application answers cached pages before Django builds a request.

Pages are stored by Django (here through the test client, as a first visitor's request would);
later visitors are answered by ``humas.wsgi.application``, exactly as Django answered, with a fresh
Content-Security-Policy nonce each time and without touching the database.
"""

import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from humas.wsgi import application

pytestmark = pytest.mark.usefixtures("page_cache")

NONCE = re.compile(r"'nonce-([^']+)'")


def serve(path, method="GET", **headers):
    """Call the production WSGI application the way gunicorn does; (status, headers, body)."""
    environ = RequestFactory().generic(method, path, headers=headers).environ
    answer = {}

    def start_response(status, response_headers):
        answer["status"], answer["headers"] = status, dict(response_headers)

    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], body


@pytest.fixture
def stored_home(client, agency, make_article, writer):
    make_article(agency, writer, title="Panen raya rumput laut")
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    return first


def test_a_stored_page_is_answered_without_sql_and_exactly_as_django_did(stored_home):
    with CaptureQueriesContext(connection) as queries:
        status, headers, body = serve("/")
    assert len(queries) == 0
    assert status == "200 OK"
    assert headers["X-Page-Cache"] == "hit"
    assert body == stored_home.content
    assert "Panen raya rumput laut" in body.decode()
    for name in ("Content-Type", "Content-Language", "ETag", "Last-Modified", "X-Frame-Options",
                 "X-Content-Type-Options", "Referrer-Policy"):  # fmt: skip
        assert headers[name] == stored_home[name], name
    assert headers["Content-Length"] == str(len(body))
    assert "Set-Cookie" not in headers


def test_every_answer_gets_its_own_content_security_policy_nonce(stored_home):
    nonces = {NONCE.search(serve("/")[1]["Content-Security-Policy"]).group(1) for _ in range(3)}
    nonces.add(NONCE.search(stored_home["Content-Security-Policy"]).group(1))
    assert len(nonces) == 4


def test_a_visitor_holding_the_page_gets_304_without_a_body(stored_home):
    status, headers, body = serve("/", if_none_match=stored_home["ETag"])
    assert status == "304 Not Modified"
    assert body == b""
    assert headers["ETag"] == stored_home["ETag"]


def test_head_requests_get_the_headers_only(stored_home):
    status, headers, body = serve("/", method="HEAD")
    assert status == "200 OK"
    assert body == b""
    assert headers["Content-Length"] == str(len(stored_home.content))


@pytest.mark.django_db(transaction=True)
def test_the_english_reader_is_not_answered_with_the_indonesian_page(stored_home):
    cookie = f"{settings.LANGUAGE_COOKIE_NAME}=en"
    status, headers, body = serve("/", cookie=cookie)
    assert status == "200 OK"
    assert headers["X-Page-Cache"] == "miss"
    assert '<html lang="en">' in body.decode()
    assert serve("/", cookie=cookie)[1]["X-Page-Cache"] == "hit"
    assert '<html lang="id">' in serve("/")[2].decode()


@pytest.mark.django_db(transaction=True)
def test_logged_in_staff_go_past_the_cache_to_django(stored_home, supervisor, client):
    client.force_login(supervisor)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    status, headers, body = serve("/", cookie=cookie)
    assert status == "200 OK"
    assert headers.get("X-Page-Cache") != "hit"
