"""The public PPID forms' limits hold while the shared cache is down (issue 17, item 2): the
database counts instead, so an outage neither blocks citizens nor opens the forms to floods."""

from collections import Counter
from datetime import timedelta

import pytest
from django.core.cache import caches
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from ppid import ratelimit
from ppid.models import InformationRequest, RateLimitCounter

from .conftest import form_data, sent
from .test_abuse import RATE_LIMITED, post_at_once

#: Nothing listens on port 1: every call fails at once ("connection refused").
DEAD_REDIS = "redis://127.0.0.1:1/0"


@pytest.fixture(
    params=[
        # Django's own backend raises on every call.
        "django.core.cache.backends.redis.RedisCache",
        # Ours (settings.CACHES with REDIS_URL), however it meets an outage.
        "humas.cache_backend.RedisCache",
    ]
)
def dead_cache(request, settings, monkeypatch):
    """The limits' cache is a Redis that is not running (short time-outs).

    Only the limits' cache: how the rest of the site meets the outage (pages, fragments) is
    tested with the cache itself (issue 17, item 1).
    """
    settings.CACHES = {
        **settings.CACHES,
        "dead": {
            "BACKEND": request.param,
            "LOCATION": DEAD_REDIS,
            "OPTIONS": {"socket_connect_timeout": 0.2, "socket_timeout": 0.2},
        },
    }
    monkeypatch.setattr(ratelimit, "cache", caches["dead"])
    return request.param


def _request(agency, number):
    return form_data(
        agency,
        purpose=f"Tujuan permohonan nomor {number}",
        information_requested=f"Informasi yang saya minta nomor {number}",
    )


def test_without_the_cache_five_requests_go_through_and_the_sixth_is_refused_keeping_the_text(
    dead_cache, agency
):
    url = reverse("ppid:request")
    someone = Client(REMOTE_ADDR="10.20.30.40")
    assert someone.get(url).status_code == 200
    # Mistakes in a form do not count, in the database either.
    for _ in range(2):
        assert someone.post(url, {**_request(agency, 0), "nik": "12345"}).status_code == 400

    for number in range(1, 6):
        assert someone.post(url, _request(agency, number)).status_code == 302

    sixth = _request(agency, 6)
    response = someone.post(url, sixth)
    assert response.status_code == 429
    page = response.content.decode()
    assert RATE_LIMITED in page
    assert sixth["purpose"] in page and sixth["information_requested"] in page
    assert InformationRequest.objects.count() == 5
    # Another address is not affected.
    assert Client(REMOTE_ADDR="10.20.30.41").post(url, _request(agency, 7)).status_code == 302
    assert InformationRequest.objects.count() == 6


def test_without_the_cache_a_window_ends_and_ended_windows_are_pruned(dead_cache, agency, travel):
    url = reverse("ppid:request")
    start = timezone.now()
    travel(start)
    someone = Client(REMOTE_ADDR="10.20.30.40")
    for number in range(5):
        assert someone.post(url, _request(agency, number)).status_code == 302
    assert someone.post(url, _request(agency, 5)).status_code == 429

    travel(start + timedelta(hours=1, minutes=1))
    # A new address's first attempt prunes the ended windows...
    assert Client(REMOTE_ADDR="10.9.8.7").post(url, _request(agency, 6)).status_code == 302
    assert list(RateLimitCounter.objects.values_list("key", flat=True)) == ["10.9.8.7"]
    # ...and the first address starts a new window.
    assert someone.post(url, _request(agency, 7)).status_code == 302


def test_without_the_cache_failed_status_lookups_are_limited(dead_cache, settings, make_request):
    settings.PPID_RATE_LIMITS = {"status": (3, 600)}
    req, code = make_request()
    url = reverse("ppid:status")
    guesser = Client(REMOTE_ADDR="10.20.30.40")
    wrong = sent(registration_number=req.registration_number, tracking_code="XXXXX-XXXXX")
    answers = [guesser.post(url, wrong).status_code for _ in range(4)]
    assert answers == [404, 404, 404, 429]


def test_without_the_cache_the_honeypot_still_refuses_bots(dead_cache, agency):
    url = reverse("ppid:request")
    response = Client().post(url, {**_request(agency, 1), "website": "http://spam.example"})
    assert response.status_code == 400
    assert not InformationRequest.objects.exists()


def test_with_a_working_cache_the_database_counts_nothing(agency):
    url = reverse("ppid:request")
    assert Client().post(url, _request(agency, 1)).status_code == 302
    assert not RateLimitCounter.objects.exists()


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_without_the_cache_parallel_requests_from_one_address_save_exactly_the_limit(
    on_postgres, dead_cache, agency
):
    payloads = [_request(agency, number) for number in range(8)]
    responses = post_at_once(reverse("ppid:request"), payloads)

    assert Counter(r.status_code for r in responses) == {302: 5, 429: 3}
    assert InformationRequest.objects.count() == 5
    assert RateLimitCounter.objects.get(scope="request").count == 5


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_the_database_counter_counts_parallel_attempts_one_by_one(on_postgres):
    import threading

    from django.db import connections

    counter, counts = ratelimit.DatabaseCounter(), []
    barrier = threading.Barrier(8)

    def attempt():
        try:
            barrier.wait()
            counts.append(counter.up("request", "10.1.1.1", 3600))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(counts) == list(range(1, 9))
