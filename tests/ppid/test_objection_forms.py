"""The public objection pages: the last day per ground, and ground (b) without a request."""

from datetime import date

import pytest
from django.urls import reverse

from ppid import services
from ppid.models import Objection

from .conftest import jakarta, sent

pytestmark = pytest.mark.django_db


def _verified(client, req):
    session = client.session
    session["ppid_verified_requests"] = [req.pk]
    session.save()


def test_the_objection_form_shows_the_last_day_of_each_ground(
    client, make_request, ppid_officer, travel
):
    travel(jakarta(2026, 1, 26, 9))
    req, code = make_request()
    travel(jakarta(2026, 2, 2, 10))
    services.decide(req, actor=ppid_officer, outcome="granted", reasons="Terlampir")
    travel(jakarta(2026, 3, 11, 10))
    services.record_fee(req, actor=ppid_officer, description="Fotokopi", pages=40, amount=20000)
    travel(jakarta(2026, 4, 1, 9))
    url = reverse("ppid:objection") + f"?nomor={req.registration_number}"
    # Someone who has not proved the tracking code in this browser sees only the rules.
    assert "30 April 2026" not in client.get(url).content.decode()
    _verified(client, req)
    page = client.get(url).content.decode()
    assert "Pengenaan biaya yang tidak wajar: sampai 30 April 2026" in page
    assert "berakhir pada 25 Maret 2026" in page  # ground (e), from the decision

    # Filed through the form on Wed 1 Apr 2026 on ground (f): accepted.
    response = client.post(
        reverse("ppid:objection"),
        sent(
            registration_number=req.registration_number,
            tracking_code=code,
            grounds=["35f"],
            case_text="Biaya fotokopi Rp 500 per halaman tidak wajar.",
        ),
    )
    assert response.status_code == 302
    assert Objection.objects.get().grounds == ["35f"]


def test_an_early_objection_names_the_first_possible_day(client, make_request, travel):
    travel(jakarta(2026, 3, 16, 9))
    req, code = make_request()
    travel(jakarta(2026, 4, 7, 9))  # due today: not yet unanswered
    response = client.post(
        reverse("ppid:objection"),
        sent(
            registration_number=req.registration_number,
            tracking_code=code,
            grounds=["35c"],
            case_text="Belum dijawab.",
        ),
    )
    assert response.status_code == 400
    assert "8 April 2026" in response.content.decode()
    assert not Objection.objects.exists()


def test_periodic_information_objection_without_a_request(
    client, agency, mailoutbox, django_capture_on_commit_callbacks
):
    page = client.get(reverse("ppid:objection_periodic"))
    assert page.status_code == 200
    assert (
        reverse("ppid:objection_periodic") in client.get(reverse("ppid:objection")).content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("ppid:objection_periodic"),
            sent(
                agency=str(agency.pk),
                periodic_information="Laporan keuangan semester I 2026",
                case_text="Tidak ada di laman PPID sejak Juli.",
                name="Sri Wahyuni",
                email="sri@example.id",
                phone="",
                address="",
            ),
        )
    assert response.status_code == 302
    objection = Objection.objects.get()
    assert (objection.request, objection.agency, objection.grounds) == (None, agency, ["35b"])
    assert objection.periodic_information == "Laporan keuangan semester I 2026"
    assert objection.registration_number in client.get(response["Location"]).content.decode()
    assert mailoutbox[0].to == ["sri@example.id"]


def test_periodic_objection_form_keeps_what_was_typed_when_refused(client, agency):
    response = client.post(
        reverse("ppid:objection_periodic"),
        sent(
            agency=str(agency.pk),
            periodic_information="Laporan keuangan semester I 2026",
            case_text="Tidak ada.",
            name="Sri Wahyuni",
            email="",
            phone="",
            address="",
        ),
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Laporan keuangan semester I 2026" in html
    assert "cara untuk menghubungi Anda" in html
    assert not Objection.objects.exists()


def test_the_notices_of_a_periodic_objection_are_for_its_agencys_staff(
    client, agency, ppid_head, other_agency, make_user
):
    objection = services.file_periodic_objection(
        agency=agency, periodic_information="Laporan", case_text="Tidak ada", name="Sri",
        email="sri@example.id",
    )  # fmt: skip
    url = reverse("ppid:notice", args=[objection.events.get().pk])
    assert client.get(url).status_code == 404
    client.force_login(make_user("petugas_lain", "ppid_officer", other_agency))
    assert client.get(url).status_code == 404
    client.force_login(ppid_head)
    page = client.get(url)
    assert page.status_code == 200
    assert objection.registration_number in page.content.decode()


def test_a_ground_b_objection_with_a_request_needs_no_window(client, make_request, travel):
    travel(jakarta(2026, 3, 16, 9))
    req, code = make_request()
    assert date(2026, 3, 16) < req.due_date
    response = client.post(
        reverse("ppid:objection"),
        sent(
            registration_number=req.registration_number,
            tracking_code=code,
            grounds=["35b"],
            case_text="Informasi berkala tidak diumumkan.",
        ),
    )
    assert response.status_code == 302
