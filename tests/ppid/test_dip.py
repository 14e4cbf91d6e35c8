"""The public-information list (DIP): rules in ppid.services.dip, every change on its timeline."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from accounts.models import Role
from ppid.models import DIPEntry
from ppid.models.dip import DIPEvent
from ppid.services import PPIDError, dip

from .conftest import DIP_COLUMNS, PDF

EXEMPT_UNTIL = date(2030, 12, 31)

pytestmark = pytest.mark.django_db


def entry_of(agency, **fields):
    data = {
        **DIP_COLUMNS,
        "agency": agency,
        "title": "Rencana Strategis 2025-2029",
        "category": DIPEntry.Category.PERIODIC,
        "published": True,
    }
    return DIPEntry(**{**data, **fields})


def form_data(agency, **overrides):
    """What an officer types into the DIP entry form of the admin."""
    data = {
        **DIP_COLUMNS,
        "agency": str(agency.pk),
        "title": "Rencana Strategis 2025-2029",
        "category": "berkala",
        "published": "on",
        "note": "",
    }
    return {**data, **overrides}


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        (
            {
                "category": "dikecualikan",
                "classification_reason": "x",
                "exempt_until": EXEMPT_UNTIL,
            },
            "exemption_ground",
            "Informasi yang dikecualikan wajib mencantumkan dasar Pasal 17-nya.",
        ),
        (
            {
                "category": "dikecualikan",
                "exemption_ground": "17a",
                "link": "https://x.go.id/a",
                "classification_reason": "x",
                "exempt_until": EXEMPT_UNTIL,
            },
            None,
            "Informasi yang dikecualikan tidak boleh menautkan isinya.",
        ),
        (
            {"file": SimpleUploadedFile("laporan.pdf", b"<html>not a pdf</html>", "text/html")},
            "file",
            "bukan berkas PDF, JPEG atau PNG",
        ),
    ],
)
def test_the_services_refuse_what_breaks_the_dip_rules(
    agency, ppid_officer, fields, field, message
):
    with pytest.raises(dip.DIPEntryError) as refused:
        dip.save_dip_entry(entry_of(agency, **fields), actor=ppid_officer)
    assert [f for f, _m in refused.value.problems] == [field]
    assert message in refused.value.message
    assert not DIPEntry.objects.exists() and not DIPEvent.objects.exists()


def test_an_article_of_another_agency_cannot_be_linked(
    agency, other_agency, ppid_officer, other_writer, make_article
):
    article = make_article(other_agency, other_writer)
    with pytest.raises(dip.DIPEntryError) as refused:
        dip.save_dip_entry(entry_of(agency, article=article), actor=ppid_officer)
    assert refused.value.problems == [("article", "Pilih berita dari instansi yang sama.")]


@pytest.mark.parametrize("role", [Role.WRITER, Role.SUPERVISOR, Role.AGENCY_ADMIN, None])
def test_only_the_agencys_ppid_staff_change_its_list(agency, make_user, ppid_officer, role):
    entry = dip.save_dip_entry(entry_of(agency), actor=ppid_officer)
    outsider = make_user("bukan_ppid", role, agency)
    for call in [
        lambda: dip.save_dip_entry(entry_of(agency), actor=outsider),
        lambda: dip.withdraw_dip_entry(entry, actor=outsider),
        lambda: dip.publish_dip_entry(entry, actor=outsider),
        lambda: dip.delete_dip_entry(entry, actor=outsider),
    ]:
        with pytest.raises(PPIDError, match="Hanya petugas PPID instansi ini"):
            call()
    assert DIPEntry.objects.count() == 1 and DIPEvent.objects.count() == 1


def test_an_entry_cannot_be_moved_to_an_agency_where_the_officer_has_no_role(
    agency, other_agency, ppid_officer
):
    entry = dip.save_dip_entry(entry_of(agency), actor=ppid_officer)
    entry.agency = other_agency
    with pytest.raises(PPIDError, match="Hanya petugas PPID instansi ini"):
        dip.save_dip_entry(entry, actor=ppid_officer)
    assert DIPEntry.objects.get().agency == agency


def test_admin_refusal_shows_the_indonesian_message_and_keeps_what_was_typed(
    client, agency, ppid_officer
):
    client.force_login(ppid_officer)
    response = client.post(
        reverse("admin:ppid_dipentry_add"),
        form_data(agency, category="dikecualikan", classification_reason="Uji konsekuensi X"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Informasi yang dikecualikan wajib mencantumkan dasar Pasal 17-nya." in html
    assert 'value="Rencana Strategis 2025-2029"' in html and "Uji konsekuensi X" in html
    assert not DIPEntry.objects.exists() and not DIPEvent.objects.exists()


def test_every_change_in_the_admin_writes_a_timeline_row_shown_on_the_change_page(
    client, agency, ppid_officer
):
    client.force_login(ppid_officer)
    response = client.post(reverse("admin:ppid_dipentry_add"), form_data(agency))
    assert response.status_code == 302
    entry = DIPEntry.objects.get()
    change_url = reverse("admin:ppid_dipentry_change", args=[entry.pk])

    client.post(
        change_url,
        form_data(agency, title="Renstra 2025-2029 (revisi)", note="Revisi sesuai SK Kepala Dinas"),
    )
    client.post(change_url, form_data(agency, title="Renstra 2025-2029 (revisi)", published=""))
    client.post(change_url, form_data(agency, title="Renstra 2025-2029 (revisi)", published=""))

    rows = list(entry.events.values_list("action", "summary", "comment", "actor"))
    assert rows == [
        ("ppid.dip.created", "Entri ditambahkan dan diterbitkan", "", ppid_officer.pk),
        ("ppid.dip.changed", "Diubah: judul", "Revisi sesuai SK Kepala Dinas", ppid_officer.pk),
        ("ppid.dip.withdrawn", "Entri ditarik dari daftar publik", "", ppid_officer.pk),
    ]  # saving again without a change or a note adds nothing
    html = client.get(change_url).content.decode()
    assert "Diubah: judul" in html and "Revisi sesuai SK Kepala Dinas" in html


def test_publish_and_withdraw_actions_go_through_the_service(client, agency, ppid_officer):
    good = dip.save_dip_entry(entry_of(agency, published=False), actor=ppid_officer)
    # An exempt entry stored without its ground (before the rules): it may not be published.
    legacy = DIPEntry.objects.create(
        agency=agency, title="Dokumen penyidikan", category="dikecualikan", published=False
    )
    client.force_login(ppid_officer)
    changelist = reverse("admin:ppid_dipentry_changelist")
    response = client.post(
        changelist,
        {"action": "publish_selected", "_selected_action": [good.pk, legacy.pk]},
        follow=True,
    )
    html = response.content.decode()
    assert "1 entri diterbitkan." in html
    assert "Dokumen penyidikan: Informasi yang dikecualikan wajib mencantumkan" in html
    good.refresh_from_db(), legacy.refresh_from_db()
    assert good.published and not legacy.published
    assert list(good.events.values_list("action", flat=True)) == [
        "ppid.dip.created",
        "ppid.dip.published",
    ]
    assert not legacy.events.exists()

    client.post(changelist, {"action": "withdraw_selected", "_selected_action": [good.pk]})
    good.refresh_from_db()
    assert not good.published and good.events.last().action == "ppid.dip.withdrawn"


def test_a_deleted_entry_leaves_its_timeline_row(client, agency, ppid_officer):
    entry = dip.save_dip_entry(entry_of(agency), actor=ppid_officer)
    client.force_login(ppid_officer)
    response = client.post(reverse("admin:ppid_dipentry_delete", args=[entry.pk]), {"post": "yes"})
    assert response.status_code == 302 and not DIPEntry.objects.exists()
    row = DIPEvent.objects.get(action="ppid.dip.deleted")
    assert (row.entry, row.agency, row.entry_title, row.actor) == (
        None,
        agency,
        "Rencana Strategis 2025-2029",
        ppid_officer,
    )


def test_an_uploaded_pdf_is_accepted_and_stored(agency, ppid_officer):
    upload = SimpleUploadedFile("renstra.pdf", PDF, "application/pdf")
    entry = dip.save_dip_entry(entry_of(agency, file=upload), actor=ppid_officer)
    assert entry.file.name.startswith("dip/") and entry.file.name.endswith(".pdf")
