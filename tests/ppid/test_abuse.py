"""Abuse of the public PPID forms (security issue #11, items 6 and 7): the per-address limits hold
under parallel posts, and bots are told from people by the honeypot and the fill time, without
ever losing what a person typed."""

import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from html.parser import HTMLParser
from zoneinfo import ZoneInfo

import pytest
from django.core import signing
from django.core.cache import cache
from django.db import connections
from django.test import Client
from django.urls import reverse

from ppid import botcheck, services
from ppid.models import InformationRequest, Objection

from .conftest import applicant, sent

RATE_LIMITED = "Terlalu banyak pengiriman dari koneksi Anda"
LEFT_OPEN = "sudah terbuka terlalu lama"
TOO_QUICK = "beberapa saat setelah halaman dibuka"


# --- item 6: the limit is taken and checked in one step -------------------------------------


@pytest.fixture(params=["redis", "memory"])
def shared_cache(request, settings):
    """The cache the limits are counted in: Redis (REDIS_URL) or the per-process memory cache."""
    if request.param == "memory":
        settings.CACHES = {
            "default": {
                "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
                "LOCATION": "ppid-abuse",
            }
        }
    elif "redis" not in settings.CACHES["default"]["BACKEND"].lower():
        pytest.skip("REDIS_URL is not set")
    cache.clear()
    return request.param


def post_at_once(url, payloads):
    """Send every payload from the same address at the same moment, one browser each."""
    barrier = threading.Barrier(len(payloads))
    responses, errors = [None] * len(payloads), []

    def send(index):
        try:
            client = Client(REMOTE_ADDR="10.20.30.40")
            barrier.wait()
            responses[index] = client.post(url, payloads[index])
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(payloads))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    return responses


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_requests_from_one_address_save_exactly_the_limit(
    on_postgres, shared_cache, agency
):
    url = reverse("ppid:request")
    someone = Client(REMOTE_ADDR="10.20.30.40")
    # Mistakes in a form do not count.
    for _ in range(2):
        assert (
            someone.post(url, sent(**applicant(nik="12345"), agency=agency.pk)).status_code == 400
        )

    payloads = [
        sent(**applicant(purpose=f"Tujuan permohonan nomor {i}"), agency=agency.pk)
        for i in range(8)
    ]
    responses = post_at_once(url, payloads)

    assert Counter(r.status_code for r in responses) == {302: 5, 429: 3}
    assert InformationRequest.objects.count() == 5
    for payload, response in zip(payloads, responses, strict=True):
        if response.status_code == 429:
            page = response.content.decode()
            assert RATE_LIMITED in page
            assert payload["purpose"] in page and payload["information_requested"] in page


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_parallel_failed_status_lookups_count_exactly_to_the_limit(
    on_postgres, shared_cache, settings, make_request
):
    settings.PPID_RATE_LIMITS = {"status": (3, 600)}
    req, code = make_request()
    url = reverse("ppid:status")
    someone = Client(REMOTE_ADDR="10.20.30.40")
    # Look-ups that find the request do not count.
    for _ in range(4):
        right = sent(registration_number=req.registration_number, tracking_code=code)
        assert someone.post(url, right).status_code == 302

    wrong = sent(registration_number=req.registration_number, tracking_code="XXXXX-XXXXX")
    responses = post_at_once(url, [wrong] * 8)

    assert Counter(r.status_code for r in responses) == {404: 3, 429: 5}
    for response in responses:
        if response.status_code == 429:
            assert req.registration_number in response.content.decode()
    # The limit is reached: even the right code waits for the window to end.
    right = sent(registration_number=req.registration_number, tracking_code=code)
    assert someone.post(url, right).status_code == 429


# --- item 7: honeypot and fill time on every public form ------------------------------------


@dataclass
class PublicForm:
    client: Client
    page: str  # where the form is shown
    url: str  # where it is sent
    fields: dict  # what the person typed
    typed: str  # a piece of it that must come back whenever the form is refused
    took_effect: Callable[[], bool]

    def post(self, **extra):
        return self.client.post(self.url, {**self.fields, **extra})


def _verified_client(req, code):
    client = Client()
    lookup = sent(registration_number=req.registration_number, tracking_code=code)
    assert client.post(reverse("ppid:status"), lookup).status_code == 302
    return client


@pytest.fixture(params=["request", "status", "objection", "completion"])
def public_form(request, agency, make_request, ppid_officer):
    if request.param == "request":
        url = reverse("ppid:request")
        fields = {**applicant(purpose="Tujuan yang saya ketik"), "agency": agency.pk}
        return PublicForm(
            Client(), url, url, fields, "Tujuan yang saya ketik",
            InformationRequest.objects.exists,
        )  # fmt: skip
    req, code = make_request()
    if request.param == "status":
        client, url = Client(), reverse("ppid:status")
        fields = {"registration_number": req.registration_number, "tracking_code": code}

        def verified():
            return req.pk in client.session.get("ppid_verified_requests", [])

        return PublicForm(client, url, url, fields, req.registration_number, verified)
    if request.param == "objection":
        services.decide(req, actor=ppid_officer, outcome="granted", reasons="Terlampir.")
        url = reverse("ppid:objection")
        fields = {
            "registration_number": req.registration_number,
            "tracking_code": code,
            "grounds": ["35d"],  # the answer is not what was asked
            "case_text": "Kasus yang saya ketik",
        }
        return PublicForm(
            Client(), url, url, fields, "Kasus yang saya ketik", Objection.objects.exists
        )
    services.ask_for_completion(req, actor=ppid_officer, missing="Surat kuasa")
    return PublicForm(
        _verified_client(req, code),
        reverse("ppid:status_detail", args=[req.pk]),
        reverse("ppid:submit_completion", args=[req.pk]),
        {"note": "Catatan yang saya ketik"},
        "Catatan yang saya ketik",
        req.events.filter(action="ppid.request.completion_submitted").exists,
    )


def stamp_in(page: str) -> str:
    return re.search(r'name="started" value="([^"]+)"', page).group(1)


def test_a_post_without_the_honeypot_field_is_refused_and_keeps_the_text(public_form):
    response = public_form.post(started=sent()["started"])
    assert response.status_code == 400
    assert public_form.typed in response.content.decode()
    assert not public_form.took_effect()


def test_a_filled_honeypot_is_refused_and_comes_back_empty(public_form):
    # Empty when shown again: a person whose browser filled it in can simply send again.
    response = public_form.post(**sent(website="http://spam.example"))
    assert response.status_code == 400
    page = response.content.decode()
    assert public_form.typed in page and "spam.example" not in page
    assert not public_form.took_effect()


def _forgeries():
    shown, signature = botcheck.new_stamp(time.time() - 300).split(":")
    return {
        "missing": None,
        "empty": "",
        "unsigned": shown,
        "bad-signature": f"{shown}:{signature[:-2]}xx",
        "earlier-time": f"{int(shown) - 3600}:{signature}",
        "other-salt": signing.Signer(salt="something-else").sign(shown),
    }


@pytest.mark.parametrize("kind", list(_forgeries()))
def test_a_post_without_a_valid_stamp_is_refused_and_keeps_the_text(public_form, kind):
    stamp = _forgeries()[kind]
    extra = {"website": ""} if stamp is None else {"website": "", "started": stamp}
    response = public_form.post(**extra)
    assert response.status_code == 400
    page = response.content.decode()
    assert public_form.typed in page and LEFT_OPEN in page
    assert not public_form.took_effect()


def now_in_jakarta():
    return datetime.now(ZoneInfo("Asia/Jakarta")).replace(microsecond=0)


def test_a_form_sent_faster_than_the_minimum_comes_back_and_goes_through_later(
    public_form, settings, travel
):
    settings.PPID_FORM_MIN_SECONDS = 3
    shown = now_in_jakarta()
    travel(shown)
    stamp = stamp_in(public_form.client.get(public_form.page).content.decode())

    travel(shown + timedelta(seconds=1))
    response = public_form.post(website="", started=stamp)
    assert response.status_code == 400
    page = response.content.decode()
    assert TOO_QUICK in page and public_form.typed in page
    assert not public_form.took_effect()
    # The form keeps the time it was first shown: the second try is late enough.
    assert stamp_in(page) == stamp

    travel(shown + timedelta(seconds=4))
    response = public_form.post(website="", started=stamp)
    assert response.status_code == 302
    assert public_form.took_effect()


def test_a_form_left_open_for_hours_comes_back_with_everything_typed(public_form, settings, travel):
    settings.PPID_FORM_MIN_SECONDS = 3
    shown = now_in_jakarta()
    travel(shown)
    stamp = stamp_in(public_form.client.get(public_form.page).content.decode())

    travel(shown + timedelta(hours=7))
    response = public_form.post(website="", started=stamp)
    assert response.status_code == 400
    page = response.content.decode()
    assert LEFT_OPEN in page and public_form.typed in page
    assert not public_form.took_effect()
    fresh = stamp_in(page)
    assert fresh != stamp

    # The person reads the message and sends again.
    travel(shown + timedelta(hours=7, seconds=10))
    assert public_form.post(website="", started=fresh).status_code == 302
    assert public_form.took_effect()


class _Honeypot(HTMLParser):
    """Finds the honeypot input, its label and whether an ancestor hides it from assistive
    technology (aria-hidden="true")."""

    VOID = {"input", "br", "img", "meta", "link", "hr", "source", "wbr"}

    def __init__(self):
        super().__init__()
        self.open: list[dict] = []
        self.field = None
        self.hidden_from_assistive_tech = False
        self.label_for, self.label_text, self.labels = None, "", {}
        self.stamp = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == "website":
            self.field = attrs
            self.hidden_from_assistive_tech = any(a.get("aria-hidden") == "true" for a in self.open)
        if tag == "input" and attrs.get("name") == "started":
            self.stamp = attrs
        if tag == "label":
            self.label_for, self.label_text = attrs.get("for"), ""
        if tag not in self.VOID:
            self.open.append(attrs)

    def handle_endtag(self, tag):
        if tag == "label" and self.label_for:
            self.labels[self.label_for] = self.label_text.strip()
            self.label_for = None
        if tag not in self.VOID and self.open:
            self.open.pop()

    def handle_data(self, data):
        if self.label_for:
            self.label_text += data


def test_every_public_form_carries_a_honeypot_no_person_can_trip_and_a_stamp(public_form):
    page = public_form.client.get(public_form.page).content.decode()
    form = page[page.index("<main") :]
    found = _Honeypot()
    found.feed(form)
    honeypot = found.field
    assert honeypot is not None
    # Hidden by CSS, not type=hidden, which bots skip; out of the tab order, no autofill, and
    # never announced by a screen reader.
    assert honeypot.get("type") == "text"
    assert honeypot.get("tabindex") == "-1"
    assert honeypot.get("autocomplete") == "off"
    assert found.hidden_from_assistive_tech
    # Without CSS (a text browser), its label says what to do.
    assert found.labels[honeypot["id"]].startswith("Biarkan kolom ini kosong")
    assert found.stamp is not None and found.stamp.get("type") == "hidden"
    assert botcheck.stamp_age(found.stamp["value"]) is not None
