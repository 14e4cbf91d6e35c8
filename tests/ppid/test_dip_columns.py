"""The DIP as Perki 1/2021 lists it (issue 13 item 5): every entry numbered in its agency's list,
and a published entry carries every column (an exempt one its ground, test and end date)."""

import pytest
from django.urls import reverse

from ppid.models import DIPEntry
from ppid.services import dip

from .conftest import DIP_COLUMNS

pytestmark = pytest.mark.django_db


def entry(agency, **fields):
    return DIPEntry(agency=agency, title="Laporan Keuangan 2025", category="berkala", **fields)


def test_entries_are_numbered_per_agency_in_the_order_they_are_added(
    agency, other_agency, ppid_officer, make_user
):
    other_officer = make_user("petugas_lain", "ppid_officer", other_agency)
    first = dip.save_dip_entry(entry(agency, **DIP_COLUMNS, published=True), actor=ppid_officer)
    elsewhere = dip.save_dip_entry(entry(other_agency, published=False), actor=other_officer)
    second = dip.save_dip_entry(entry(agency, published=False), actor=ppid_officer)
    assert (first.number, second.number, elsewhere.number) == (1, 2, 1)
    second.title = "Laporan Keuangan 2025 (audited)"
    assert dip.save_dip_entry(second, actor=ppid_officer).number == 2  # kept on a change


def test_a_published_entry_needs_every_column_a_draft_does_not(agency, ppid_officer):
    with pytest.raises(dip.DIPEntryError) as refused:
        dip.save_dip_entry(entry(agency, summary="Ringkas", published=True), actor=ppid_officer)
    missing = {field for field, _message in refused.value.problems}
    assert missing == set(DIP_COLUMNS) - {"summary"}
    assert "Wajib diisi sebelum informasi diumumkan" in refused.value.message
    assert dip.save_dip_entry(entry(agency, published=False), actor=ppid_officer).pk


def test_the_public_list_shows_the_number(client, agency, ppid_officer):
    dip.save_dip_entry(entry(agency, **DIP_COLUMNS, published=True), actor=ppid_officer)
    assert "No. 1" in client.get(reverse("ppid:dip_list")).content.decode()
