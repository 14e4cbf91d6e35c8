"""The shared cache goes away: every page still answers, then the cache is used again, never stale.

A real redis-server on a free loopback port serves the page cache and the fragments; the test
pulls its plug mid-test (the data saved first, as Redis's own snapshot would, so the restarted
server holds the pages of before the outage: the case where a lost invalidation would show).
Without ``redis-server`` these tests are skipped with a message, and fail under CI=true.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import signal
import socket
import subprocess
import threading
import time
from pathlib import Path

import pytest
import redis
import time_machine
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory, override_settings
from django.test.utils import CaptureQueriesContext

from humas import cache_backend
from humas.wsgi import application
from ppid.models import InformationRequest
from tests.ppid.conftest import form_data

RETRY_AFTER = 5  # seconds between two attempts on a dead Redis (the backend's OPTIONS)
OUTAGE_LOGGER = "humas.cache"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class RedisServer:
    """A redis-server process of our own: started, stopped (plug pulled), frozen, restarted."""

    def __init__(self, binary: str, folder: Path):
        self.binary = binary
        self.folder = folder
        self.port = free_port()
        self.process: subprocess.Popen | None = None
        folder.mkdir(parents=True, exist_ok=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def client(self) -> redis.Redis:
        return redis.Redis.from_url(self.url, socket_timeout=2, socket_connect_timeout=2)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [self.binary, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder), "--dbfilename", "dump.rdb"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10  # a wait for start-up, not a timing assertion
        while True:
            try:
                if self.client().ping():
                    return
            except redis.exceptions.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"redis-server did not start on port {self.port}") from None
                time.sleep(0.05)

    def pull_the_plug(self) -> None:
        """Kill the server at once. What it held was snapshotted first, so a restart brings the
        stored pages and the old generation back."""
        self.client().save()
        self.process.kill()
        self.process.wait()

    def freeze(self) -> None:
        """The server hangs: connections are accepted by the kernel, nothing is answered."""
        self.process.send_signal(signal.SIGSTOP)

    def thaw(self) -> None:
        self.process.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.thaw()
            self.process.kill()
            self.process.wait()


@pytest.fixture
def redis_server(tmp_path):
    binary = shutil.which("redis-server")
    if binary is None:
        message = "redis-server is missing: install it (apt-get install redis-server) to run these"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    server = RedisServer(binary, tmp_path / "redis")
    server.start()
    yield server
    server.stop()


def cache_settings(location: str) -> dict:
    return {
        "default": {
            "BACKEND": "humas.cache_backend.RedisCache",
            "LOCATION": location,
            "KEY_PREFIX": "outage-test",
            "OPTIONS": {"retry_after": RETRY_AFTER},
        }
    }


@pytest.fixture
def shared_cache(redis_server, settings):
    """The cache on our own Redis, the page cache on. override_settings resets
    django.core.cache.caches (Django's setting_changed) on the way in and out, so the shared
    fixtures' teardown clears the usual cache again, not the stopped one."""
    settings.HUMAS_PAGE_CACHE_SECONDS = 300
    with override_settings(CACHES=cache_settings(redis_server.url)):
        cache_backend.forget_outages()
        yield redis_server
        cache_backend.forget_outages()


def public_paths(agency, article) -> list[str]:
    return [
        "/",
        "/berita/",
        article.get_absolute_url(),
        f"/instansi/{agency.slug}/",
        "/cari/?q=x",
        "/ppid/",
        "/ppid/permohonan/",
    ]


def serve(path: str) -> tuple[str, dict, bytes]:
    """Call the production WSGI application (humas.wsgi, with its page cache front) as gunicorn
    does: (status, headers, body)."""
    environ = RequestFactory().get(path).environ
    answer = {}

    def start_response(status, headers):
        answer["status"], answer["headers"] = status, dict(headers)

    body = b"".join(application(environ, start_response))
    return answer["status"], answer["headers"], body


#: The public pages the page cache keeps (the PPID pages are never cached: they carry forms).
CACHED = 5


def outage_lines(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name == OUTAGE_LOGGER]


@pytest.mark.django_db
def test_pages_and_the_ppid_form_answer_while_redis_is_down_and_come_back_cached_and_fresh(
    client, shared_cache, agency, writer, make_article, django_capture_on_commit_callbacks,
    caplog,
):  # fmt: skip
    article = make_article(agency, writer, title="Panen udang vaname di Kapuas")
    paths = public_paths(agency, article)
    for path in paths[:CACHED]:
        assert client.get(path)["X-Page-Cache"] == "miss", path
        assert client.get(path)["X-Page-Cache"] == "hit", path

    caplog.set_level(logging.INFO, logger=OUTAGE_LOGGER)
    shared_cache.pull_the_plug()

    for _ in range(2):  # the second round with the breaker open
        for path in paths:
            response = client.get(path)
            assert response.status_code == 200, path
            assert "X-Page-Cache" not in response, path
    citizen = Client()  # their session cookie would keep the visitor's pages out of the cache
    response = citizen.post("/ppid/permohonan/", form_data(agency), follow=True)
    assert response.status_code == 200
    registered = InformationRequest.objects.get()
    assert registered.registration_number
    assert registered.registration_number in response.content.decode()

    # A change made while Redis is down: its page cache invalidation cannot be written.
    article.title = "Panen udang vaname di Kapuas melimpah"
    with django_capture_on_commit_callbacks(execute=True):
        article.save()
    for path in ("/", article.get_absolute_url()):
        assert "Kapuas melimpah" in client.get(path).content.decode(), path

    (down,) = outage_lines(caplog)
    assert "unreachable" in down

    shared_cache.start()  # with what it held before the outage, the old pages included
    with time_machine.travel(dt.timedelta(seconds=RETRY_AFTER + 1), tick=True):
        for path in paths[:CACHED]:
            first = client.get(path)
            assert first.status_code == 200, path
            assert first["X-Page-Cache"] == "miss", path  # not the page stored before the change
            assert client.get(path)["X-Page-Cache"] == "hit", path
        for path in ("/", "/berita/", article.get_absolute_url()):
            assert "Kapuas melimpah" in client.get(path).content.decode(), path
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/")["X-Page-Cache"] == "hit"
        assert len(queries) == 0

    assert len(outage_lines(caplog)) == 2
    assert "again" in outage_lines(caplog)[1]


@pytest.mark.django_db(transaction=True)  # the WSGI handler closes the database connection
def test_the_wsgi_front_hands_every_request_to_django_while_redis_is_down(
    client, shared_cache, agency, writer, make_article
):
    make_article(agency, writer, title="Kapal nelayan baru diserahkan")
    assert client.get("/")["X-Page-Cache"] == "miss"
    assert serve("/")[1]["X-Page-Cache"] == "hit"
    shared_cache.pull_the_plug()
    for _ in range(2):
        status, headers, body = serve("/")
        assert status == "200 OK"
        assert "X-Page-Cache" not in headers
        assert "Kapal nelayan baru diserahkan" in body.decode()


@pytest.mark.django_db
def test_a_hung_redis_costs_one_time_out_per_interval_and_pages_still_answer(
    client, shared_cache, agency, writer, make_article, caplog
):
    article = make_article(agency, writer, title="Pelabuhan perikanan dibuka")
    assert client.get("/")["X-Page-Cache"] == "miss"
    caplog.set_level(logging.INFO, logger=OUTAGE_LOGGER)
    shared_cache.freeze()
    try:
        for path in public_paths(agency, article):
            assert client.get(path).status_code == 200, path
    finally:
        shared_cache.thaw()
    assert len(outage_lines(caplog)) == 1
    with time_machine.travel(dt.timedelta(seconds=RETRY_AFTER + 1), tick=True):
        assert client.get("/").status_code == 200
        assert client.get("/")["X-Page-Cache"] == "hit"
    assert len(outage_lines(caplog)) == 2


class DeadRedis:
    """A port where something accepts connections and hangs up at once (a crashing or
    restarting Redis): each connection attempt of the client is counted."""

    def __init__(self):
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.1)
        self.port = self.listener.getsockname()[1]
        self.attempts = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def _serve(self):
        while not self._stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.attempts += 1  # counted before the client can see the hang-up
            conn.close()

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc_info):
        self._stop.set()
        self._thread.join()
        self.listener.close()


def use_the_cache_every_way():
    """What the site's code calls on the cache; none of it may raise while Redis is dead."""
    assert cache.get("page") is None
    assert cache.get("page", "default") == "default"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.add("counter", 1, timeout=60) is False
    with pytest.raises(ValueError, match="not found"):  # the contract for a missing key
        cache.incr("counter")
    cache.set("page", "html", timeout=60)
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]  # Django's "these failed" answer
    assert cache.delete("page") is False
    cache.delete_many(["a", "b"])
    assert cache.has_key("page") is False
    assert cache.touch("page") is False
    assert cache.get_or_set("computed", 42) == 42


def test_a_dead_redis_costs_one_connection_attempt_per_interval(caplog):
    cache_backend.forget_outages()
    caplog.set_level(logging.INFO, logger=OUTAGE_LOGGER)
    with (
        DeadRedis() as dead,
        override_settings(CACHES=cache_settings(dead.url)),
        time_machine.travel(dt.datetime(2026, 11, 29, 8, tzinfo=dt.UTC), tick=False) as clock,
    ):
        for _ in range(5):
            use_the_cache_every_way()
        assert dead.attempts == 1
        assert cache.is_down()

        clock.shift(RETRY_AFTER - 0.5)
        use_the_cache_every_way()
        assert dead.attempts == 1

        clock.shift(1)
        for _ in range(5):
            use_the_cache_every_way()
        assert dead.attempts == 2
    assert len(outage_lines(caplog)) == 1  # one outage, however many calls
    cache_backend.forget_outages()
