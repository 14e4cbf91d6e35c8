"""No IDOR: staff of another agency (every role) learn nothing by putting this agency's ids in any
admin or public URL: the answer is the same as for an id that does not exist."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from accounts.models import Membership, Role
from ppid import services
from ppid.models import DIPEntry
from tests.conftest import PASSWORD
from tests.ppid.conftest import applicant

MISSING = 987654
SECRET = "Rahasia-Instansi-A"


@pytest.fixture
def agency_a_objects(agency, writer, make_article, ppid_officer):
    article = make_article(agency, writer, title=f"{SECRET} berita",
                           status="draft", publish_at=None)  # fmt: skip
    req, _code = services.register_request(
        agency=agency, data=applicant(name=f"{SECRET} pemohon"),
        uploads=[SimpleUploadedFile("ktp.pdf", b"%PDF-1.4 x")],
    )  # fmt: skip
    services.decide(req, actor=ppid_officer, outcome="granted", reasons="ok")
    objection = services.file_objection(req, grounds=["35d"], case_text=f"{SECRET} keberatan")
    dip = DIPEntry.objects.create(agency=agency, title=f"{SECRET} DIP", category="berkala",
                                  published=False)  # fmt: skip
    membership = Membership.objects.get(user=writer)
    return {
        "newsroom_article": article.pk,
        "ppid_informationrequest": req.pk,
        "ppid_objection": objection.pk,
        "ppid_dipentry": dip.pk,
        "accounts_membership": membership.pk,
        "accounts_agency": agency.pk,
    }, req


def admin_urls(model, pk):
    urls = []
    for view in ["change", "delete", "history"]:
        urls.append(reverse(f"admin:{model}_{view}", args=[pk]))
    extra = {
        "newsroom_article": ["newsroom_article_preview", "newsroom_article_compare"],
        "ppid_informationrequest": [],
    }
    for name in extra.get(model, []):
        urls.append(reverse(f"admin:{name}", args=[pk]))
    if model == "ppid_informationrequest":
        for action in ["decide", "extend", "attach", "ask-completion", "fee"]:
            urls.append(reverse("admin:ppid_informationrequest_action", args=[pk, action]))
    return urls


def swap(url, pk):
    return url.replace(f"/{pk}/", f"/{MISSING}/", 1)


ROLES = [Role.WRITER, Role.SUPERVISOR, Role.PPID_OFFICER, Role.PPID_HEAD, Role.AGENCY_ADMIN]


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_another_agencys_staff_learn_nothing_from_admin_urls(
    agency_a_objects, make_user, other_agency, role
):
    objects, _req = agency_a_objects
    outsider = make_user(f"luar_{role}", role, other_agency)
    client = Client()
    client.force_login(outsider)
    checked = 0
    for model, pk in objects.items():
        if model == "accounts_agency" and role != Role.AGENCY_ADMIN:
            continue
        for url in admin_urls(model, pk):
            real = client.get(url)
            fake = client.get(swap(url, pk))
            assert real.status_code == fake.status_code, (url, real.status_code, fake.status_code)
            assert real.status_code in (302, 403, 404), (url, real.status_code)
            assert SECRET.encode() not in real.content, url
            checked += 1
    assert checked >= 20


@pytest.mark.django_db
@pytest.mark.parametrize("role", ROLES)
def test_lists_search_and_autocomplete_show_nothing_of_another_agency(
    agency_a_objects, make_user, other_agency, role
):
    outsider = make_user(f"luar_{role}", role, other_agency)
    client = Client()
    client.force_login(outsider)
    for model in ["newsroom_article", "ppid_informationrequest", "ppid_objection",
                  "ppid_dipentry", "accounts_membership"]:  # fmt: skip
        # Searching for a word of it (the box echoes the word, not the whole title).
        response = client.get(reverse(f"admin:{model}_changelist"), {"q": "Rahasia"})
        assert SECRET.encode() not in response.content, model
    for params in [
        {"app_label": "newsroom", "model_name": "article", "field_name": "tags", "term": "Rahasia"},
        {"app_label": "accounts", "model_name": "membership", "field_name": "user",
         "term": "penulis"},
    ]:  # fmt: skip
        response = client.get("/admin/autocomplete/", params)
        assert response.status_code in (200, 403, 404)
        assert SECRET.encode() not in response.content
        assert b'"penulis"' not in response.content, params


@pytest.mark.django_db
def test_public_urls_of_a_request_reveal_nothing_to_others(agency_a_objects, client):
    _objects, req = agency_a_objects
    attachment = req.attachments.first()
    event = req.events.exclude(notice_text="").first()
    for url, pk in [(f"/ppid/status/{req.pk}/", req.pk), (f"/ppid/berkas/{attachment.pk}/",
                    attachment.pk), (f"/ppid/pemberitahuan/{event.pk}/", event.pk)]:  # fmt: skip
        real, fake = client.get(url), client.get(swap(url, pk))
        assert real.status_code == fake.status_code == 404, url
        assert SECRET.encode() not in real.content


@pytest.mark.django_db
def test_the_superuser_control_sees_the_objects(agency_a_objects, superuser):
    # The sweep above means something: with rights, the same URLs answer 200.
    objects, _req = agency_a_objects
    client = Client()
    client.force_login(superuser)
    for model, pk in objects.items():
        assert client.get(reverse(f"admin:{model}_change", args=[pk])).status_code == 200, model
    assert PASSWORD
