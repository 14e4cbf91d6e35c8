"""A structured consequence test (uji konsekuensi; issue 13 item 5): the information, the part
withheld, the Pasal 17 ground and other law, the harm weighed against the public interest, the
end of the exemption and who signed, kept by the PPID and shown with the exempt DIP entry."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ppid.models import ConsequenceTest, DIPEntry
from ppid.services import dip
from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def consequence(agency, **fields):
    data = {
        "agency": agency,
        "information": "Dokumen penyelidikan penangkapan ikan ilegal 2026",
        "withheld_part": "Seluruh dokumen",
        "exemption_ground": "17a",
        "harm": "Membuka dokumen dapat menghambat proses penyidikan.",
        "public_interest": "Publik berkepentingan atas penegakan hukum yang tuntas.",
        "exempt_until": date(2028, 12, 31),
        "signatories": "Ir. Agus Prasetyo, Atasan PPID\nSiti Rahmawati, Petugas PPID",
    }
    return ConsequenceTest.objects.create(**{**data, **fields})


def exempt_entry(agency, test, **fields):
    return DIPEntry(
        agency=agency, title="Dokumen penyelidikan", category="dikecualikan",
        exemption_ground="17a", exempt_until=date(2028, 12, 31), published=True,
        consequence=test, **fields,
    )  # fmt: skip


def test_an_exemption_needs_the_date_it_ends(agency):
    test = consequence(agency)
    test.exempt_until = None
    with pytest.raises(ValidationError) as refused:
        test.full_clean()
    assert "exempt_until" in refused.value.message_dict
    test.conclusion = ConsequenceTest.Conclusion.OPEN
    test.full_clean()  # an open conclusion has nothing to end


def test_an_exempt_entry_rests_on_a_signed_test_shown_to_the_public(client, agency, ppid_officer):
    test = consequence(agency)
    dip.save_dip_entry(exempt_entry(agency, test), actor=ppid_officer)
    html = client.get(reverse("ppid:dip_list")).content.decode()
    assert "Membuka dokumen dapat menghambat proses penyidikan." in html
    assert "Ir. Agus Prasetyo, Atasan PPID" in html


def test_an_exempt_entry_without_any_test_is_refused(agency, ppid_officer):
    with pytest.raises(dip.DIPEntryError, match="uji konsekuensi"):
        dip.save_dip_entry(exempt_entry(agency, None), actor=ppid_officer)


def test_the_test_must_be_the_agencys_own_concluding_exempt_on_the_same_ground(
    agency, other_agency, ppid_officer
):
    for test, field in [
        (consequence(other_agency), "consequence"),
        (consequence(agency, conclusion="open"), "consequence"),
        (consequence(agency, exemption_ground="17h"), "exemption_ground"),
    ]:
        with pytest.raises(dip.DIPEntryError) as refused:
            dip.save_dip_entry(exempt_entry(agency, test), actor=ppid_officer)
        assert [f for f, _m in refused.value.problems] == [field]


def test_the_officer_records_tests_in_the_admin(client, agency, ppid_officer):
    client.login(username=ppid_officer.username, password=PASSWORD)
    response = client.post(
        reverse("admin:ppid_consequencetest_add"),
        {
            "agency": agency.pk, "information": "Data pribadi penerima bantuan",
            "withheld_part": "NIK dan alamat", "exemption_ground": "17h", "legal_basis": "",
            "harm": "Mengungkap data pribadi.", "public_interest": "Transparansi bantuan.",
            "conclusion": "exempt", "exempt_until": "2030-12-31", "tested_on": "2026-11-29",
            "signatories": "Ir. Agus Prasetyo, Atasan PPID",
        },
    )  # fmt: skip
    assert response.status_code == 302
    assert ConsequenceTest.objects.get().created_by == ppid_officer
