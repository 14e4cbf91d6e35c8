"""The DIP does not go stale silently (issue 13 item 5): an exemption whose period has ended
comes back to the PPID for review, and periodic information not updated for six months
(UU 14/2008 Pasal 9(3): at least every six months) is flagged in the list and on its page."""

from datetime import date

import pytest
from django.urls import reverse

from ppid.models import DIPEntry
from ppid.models.dip import months_before
from tests.conftest import PASSWORD

from .conftest import jakarta

pytestmark = pytest.mark.django_db


@pytest.fixture
def entries(agency, travel):
    travel(jakarta(2026, 5, 29, 9))
    stale = DIPEntry.objects.create(
        agency=agency, title="Laporan Keuangan Semester II 2025", category="berkala", published=True
    )
    travel(jakarta(2026, 6, 1, 9))
    fresh = DIPEntry.objects.create(
        agency=agency, title="Laporan Kinerja 2025", category="berkala", published=True
    )
    ended = DIPEntry.objects.create(
        agency=agency,
        title="Dokumen lelang kapal patroli",
        category="dikecualikan",
        exemption_ground="17b",
        classification_reason="Mengganggu proses pengadaan",
        exempt_until=date(2026, 11, 27),
    )
    running = DIPEntry.objects.create(
        agency=agency,
        title="Data pribadi nelayan penerima bantuan",
        category="dikecualikan",
        exemption_ground="17h",
        classification_reason="Rahasia pribadi",
        exempt_until=date(2030, 12, 31),
    )
    travel(jakarta(2026, 11, 30, 9))  # six months after 30 May 2026
    return {"stale": stale, "fresh": fresh, "ended": ended, "running": running}


def test_six_months_back_keeps_the_day_or_the_month_end():
    assert months_before(date(2026, 11, 30), 6) == date(2026, 5, 30)
    assert months_before(date(2026, 8, 31), 6) == date(2026, 2, 28)
    assert months_before(date(2026, 3, 15), 6) == date(2025, 9, 15)


def test_ended_exemptions_and_stale_periodic_entries_need_review(entries):
    due = set(DIPEntry.objects.needing_review().values_list("title", flat=True))
    assert due == {entries["stale"].title, entries["ended"].title}
    assert "27 November 2026" in entries["ended"].review_reason()
    assert "29 Mei 2026" in entries["stale"].review_reason()
    assert entries["fresh"].review_reason() == ""
    assert entries["running"].review_reason() == ""


def test_the_officer_finds_them_in_the_list_and_is_told_on_the_page(client, entries, ppid_officer):
    client.login(username=ppid_officer.username, password=PASSWORD)
    changelist = reverse("admin:ppid_dipentry_changelist")
    html = client.get(changelist + "?tinjau=semua").content.decode()
    assert entries["ended"].title in html and entries["stale"].title in html
    assert entries["fresh"].title not in html and entries["running"].title not in html
    html = client.get(changelist + "?tinjau=pengecualian-berakhir").content.decode()
    assert entries["ended"].title in html and entries["stale"].title not in html
    page = client.get(reverse("admin:ppid_dipentry_change", args=[entries["ended"].pk]))
    assert "Masa pengecualian berakhir" in page.content.decode()
