"""The written notice is a letter (UU 14/2008 Pasal 22(7); issue 13 item 3): its own number in
the agency's yearly series, the place and date, the officer's name and NIP, every element its
outcome calls for, a preview before it is sent, and a form that shows only the chosen
outcome's fields without any script."""

from datetime import date

import pytest
from django.core import mail
from django.urls import reverse

from ppid import services
from ppid.models import InformationRequest, RequestEvent
from tests.conftest import PASSWORD

from .conftest import jakarta

pytestmark = pytest.mark.django_db
PPIDError = services.PPIDError


@pytest.fixture
def letters(agency, ppid_officer):
    agency.ppid_letter_place = "Palangka Raya"
    agency.save()
    ppid_officer.first_name, ppid_officer.last_name = "Siti", "Rahmawati"
    ppid_officer.nip = "198703142010012005"
    ppid_officer.save()
    return agency


@pytest.fixture
def received(letters, make_request, travel):
    travel(jakarta(2026, 3, 16, 9))
    req, _code = make_request()
    return req


def notices_of(req):
    return list(req.events.exclude(notice_text="").order_by("id"))


def test_every_notice_takes_the_next_number_of_the_agencys_yearly_series(
    received, ppid_officer, make_request, travel
):
    services.decide(received, actor=ppid_officer, outcome="granted", reasons="Terlampir.")
    receipt, decision = notices_of(received)
    assert receipt.letter_number == "001/PPID-DISLUTKAN/III/2026"
    assert decision.letter_number == "002/PPID-DISLUTKAN/III/2026"
    assert decision.signer_name == "Siti Rahmawati"
    assert decision.signer_nip == "198703142010012005"
    assert decision.letter_place == "Palangka Raya"
    travel(jakarta(2027, 1, 4, 9))
    next_year, _code = make_request()
    assert notices_of(next_year)[0].letter_number == "001/PPID-DISLUTKAN/I/2027"


def test_the_agency_chooses_the_format_and_a_broken_one_falls_back(letters, make_request):
    letters.ppid_letter_format = "PPID.{kode}/{tahun}/{nomor:04d}"
    letters.save()
    first, _code = make_request()
    assert notices_of(first)[0].letter_number.endswith("/0001")
    letters.ppid_letter_format = "{nomor}/{unknown}"
    letters.save()
    second, _code = make_request()
    assert notices_of(second)[0].letter_number.startswith("002/PPID-DISLUTKAN/")


def test_the_printed_notice_has_number_place_date_and_nip(client, received, ppid_officer):
    services.decide(received, actor=ppid_officer, outcome="granted", reasons="Terlampir.")
    decision = notices_of(received)[-1]
    session = client.session
    session["ppid_verified_requests"] = [received.pk]
    session.save()
    page = client.get(reverse("ppid:notice", args=[decision.pk])).content.decode()
    assert "002/PPID-DISLUTKAN/III/2026" in page
    assert "Palangka Raya, 16 Maret 2026" in page
    assert "NIP. 198703142010012005" in page
    assert received.registration_number in page


def test_a_granted_notice_names_what_how_what_it_costs_and_by_when(received, ppid_officer):
    services.decide(
        received,
        actor=ppid_officer,
        outcome="granted",
        reasons="Informasi terbuka.",
        information_provided="Tabel produksi perikanan tangkap 2025 per kabupaten",
        provided_format="hardcopy",
        provided_via="pos",
        fee_estimate=15000,
        payment_instructions="Transfer ke rekening Bank Kalteng 123-456 a.n. Bendahara",
        provide_by=date(2026, 3, 20),
    )
    text = notices_of(received)[-1].notice_text
    assert "berada di bawah penguasaan kami" in text
    assert "Tabel produksi perikanan tangkap 2025 per kabupaten" in text
    assert "Bentuk informasi: Salinan: hardcopy" in text or "hardcopy" in text
    assert "Rp 15.000" in text and "Bank Kalteng" in text
    assert "paling lambat 20 Maret 2026" in text


def test_a_cost_needs_its_way_of_payment(received, ppid_officer):
    with pytest.raises(PPIDError, match="cara pembayaran"):
        services.decide(
            received, actor=ppid_officer, outcome="granted", fee_estimate=5000, reasons="."
        )


def test_not_held_says_who_holds_it_or_that_nobody_knows(received, ppid_officer, make_request):
    services.decide(received, actor=ppid_officer, outcome="not_held", reasons=".")
    text = notices_of(received)[-1].notice_text
    assert "tidak berada di bawah penguasaan kami" in text
    assert "Kami tidak mengetahui badan publik yang menguasainya" in text


# --- the admin page: choose, fill, preview, send ------------------------------------------------


def decide_url(req):
    return reverse("admin:ppid_informationrequest_action", args=[req.pk, "decide"])


def test_the_form_shows_only_the_chosen_outcomes_fields(client, received, ppid_officer):
    client.login(username=ppid_officer.username, password=PASSWORD)
    first = client.get(decide_url(received)).content.decode()
    assert 'name="keputusan"' in first and 'name="consequence_test"' not in first
    not_held = client.get(decide_url(received) + "?keputusan=not_held").content.decode()
    assert 'name="holder_of_information"' in not_held
    assert 'name="consequence_test"' not in not_held
    assert 'name="information_provided"' not in not_held
    granted = client.get(decide_url(received) + "?keputusan=granted").content.decode()
    assert 'name="information_provided"' in granted and 'name="exemption_ground"' not in granted
    assert "Putuskan & kirim" not in granted  # only after the preview


def test_preview_shows_the_notice_and_sends_nothing_then_send_decides(
    client, received, ppid_officer, django_capture_on_commit_callbacks
):
    client.login(username=ppid_officer.username, password=PASSWORD)
    data = {
        "outcome": "granted",
        "information_provided": "Tabel produksi 2025",
        "provided_format": "softcopy",
        "provided_via": "email",
        "fee_estimate": "0",
        "payment_instructions": "",
        "provide_by": "2026-03-16",
        "reasons": "Informasi terbuka.",
    }
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        page = client.post(decide_url(received), {**data, "_preview": "1"})
    html = page.content.decode()
    assert "PRATINJAU" in html and "Tabel produksi 2025" in html
    assert "002/PPID-DISLUTKAN/III/2026" in html
    assert 'value="Putuskan & kirim"' in html
    received.refresh_from_db()
    assert received.status == InformationRequest.Status.RECEIVED
    assert RequestEvent.objects.filter(request=received).count() == 1  # the receipt only
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(decide_url(received), {**data, "_send": "1"})
    assert response.status_code == 302
    received.refresh_from_db()
    assert received.status == InformationRequest.Status.DECIDED
    assert notices_of(received)[-1].letter_number == "002/PPID-DISLUTKAN/III/2026"
    assert len(mail.outbox) == 1


def test_a_refused_decision_keeps_what_was_typed(client, received, ppid_officer):
    client.login(username=ppid_officer.username, password=PASSWORD)
    response = client.post(
        decide_url(received),
        {
            "outcome": "partial",
            "withheld_information": "",
            "exemption_ground": "17h",
            "consequence_test": "Membuka data pribadi nelayan penerima bantuan",
            "information_provided": "Rekap bantuan per kecamatan",
            "provided_format": "softcopy",
            "provided_via": "email",
            "fee_estimate": "0",
            "provide_by": "2026-03-16",
            "_preview": "1",
        },
    )
    html = response.content.decode()
    assert "Membuka data pribadi nelayan penerima bantuan" in html
    assert "PRATINJAU" not in html
    received.refresh_from_db()
    assert received.status == InformationRequest.Status.RECEIVED


def test_the_agency_admin_sets_place_and_format_and_a_persons_nip(
    client, agency, agency_admin, ppid_officer
):
    client.login(username=agency_admin.username, password=PASSWORD)
    agency_page = client.get(reverse("admin:accounts_agency_change", args=[agency.pk]))
    html = agency_page.content.decode()
    assert 'name="ppid_letter_place"' in html and 'name="ppid_letter_format"' in html
    person = client.get(reverse("admin:accounts_user_change", args=[ppid_officer.pk]))
    assert 'name="nip"' in person.content.decode()


def test_the_notice_and_the_receipt_come_as_pdf_letters(client, received, ppid_officer):
    import io

    from pypdf import PdfReader

    services.decide(received, actor=ppid_officer, outcome="granted", reasons="Terlampir.")
    receipt, decision = notices_of(received)
    session = client.session
    session["ppid_verified_requests"] = [received.pk]
    session.save()
    response = client.get(reverse("ppid:notice_pdf", args=[decision.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "002/PPID-DISLUTKAN/III/2026" in text
    assert "NIP. 198703142010012005" in text
    assert "Palangka Raya, 16 Maret 2026" in text
    assert client.get(reverse("ppid:notice_pdf", args=[receipt.pk])).status_code == 200
    client.logout()
    other = client.__class__()
    assert other.get(reverse("ppid:notice_pdf", args=[decision.pk])).status_code == 404
