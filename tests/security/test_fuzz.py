"""Fuzzing the public forms and query strings: random and hostile input never gives a 500."""

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.ppid.conftest import form_data, sent

HOSTILE = [
    "\x00", "'; DROP TABLE ppid_informationrequest; --", "<script>alert(1)</script>",
    "%00", "../../etc/passwd", "\ud7ff\ue000", "🙂" * 50, "a" * 5000, "-1", "0",
    "99999999999999999999",
    "1e309", "NaN", "${jndi:ldap://x}", "{{7*7}}", "\r\nSet-Cookie: x=1", " ", "%", "_", "\\",
    "PPID/DISLUTKAN/2026/00001", "AAAAA-AAAAA", "null", "[]", "{}",
]  # fmt: skip
text = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300),
                 st.text(alphabet=st.characters(codec="utf-8"), max_size=50))  # fmt: skip
FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run and both databases: no flaky CI
)
REQUEST_FIELDS = ["agency", "applicant_type", "name", "nik", "legal_entity_decree", "address",
                  "phone", "email", "information_requested", "purpose", "obtain_method",
                  "delivery_method", "website"]  # fmt: skip


def ok(response):
    assert response.status_code < 500, response.status_code


@pytest.mark.django_db
@FUZZ
@given(changes=st.dictionaries(st.sampled_from(REQUEST_FIELDS), text, max_size=6))
def test_request_form_never_fails(agency, changes):
    client = Client(REMOTE_ADDR="10.0.0.1")
    data = {**form_data(agency), **changes}
    ok(client.post("/ppid/permohonan/", data))


@pytest.mark.django_db
@FUZZ
@given(number=text, code=text, grounds=st.lists(text, max_size=3), case=text, honeypot=text)
def test_status_and_objection_forms_never_fail(agency, number, code, grounds, case, honeypot):
    client = Client(REMOTE_ADDR="10.0.0.2")
    ok(client.post("/ppid/status/", sent(registration_number=number, tracking_code=code)))
    ok(client.post("/ppid/keberatan/", sent(registration_number=number, tracking_code=code,
                                                 grounds=grounds, case_text=case,
                                                 website=honeypot)))  # fmt: skip
    ok(client.get("/ppid/keberatan/", {"nomor": number}))


@pytest.mark.django_db
@FUZZ
@given(q=text, agency_slug=text, category=text, tag=text, page=text)
def test_search_and_lists_never_fail(agency, q, agency_slug, category, tag, page):
    client = Client()
    ok(client.get("/cari/", {"q": q, "halaman": page}))
    ok(client.get("/berita/", {"instansi": agency_slug, "kategori": category, "tag": tag,
                               "halaman": page}))  # fmt: skip
    ok(client.get("/ppid/informasi/", {"instansi": agency_slug, "kategori": category, "q": q,
                                       "page": page}))  # fmt: skip


@pytest.mark.django_db
@FUZZ
@given(year=st.one_of(st.integers(min_value=0, max_value=10**12), st.sampled_from([1, 9999])))
def test_report_years_never_fail(year):
    client = Client()
    ok(client.get(f"/ppid/laporan/{year}/"))
    ok(client.get(f"/ppid/laporan/{year}.csv"))


@pytest.mark.django_db
@pytest.mark.parametrize(
    "method,path,data",
    [("get", "/berita/", {"instansi": "\x00"}), ("get", "/ppid/informasi/", {"q": "a\x00b"}),
     ("post", "/ppid/status/", sent(registration_number="\x00", tracking_code="x"))],
)  # fmt: skip
def test_a_nul_character_is_a_bad_request_not_a_crash(client, method, path, data):
    # PostgreSQL cannot compare text with NUL: without the check this was a 500 there.
    assert getattr(client, method)(path, data).status_code == 400
