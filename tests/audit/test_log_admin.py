"""The agency's audit log in the admin: who may read it, what it shows, filters and CSV."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from accounts.models import Role
from audit import log
from audit.models import AuditEntry

pytestmark = pytest.mark.django_db

LIST = reverse("admin:audit_auditentry_changelist")
EXPORT = reverse("admin:audit_auditentry_export")
WIB = ZoneInfo("Asia/Jakarta")


def entry(agency, actor, action="newsroom.article.approved", label="Panen raya", at=None, **kw):
    return log.record(action, agency=agency, actor=actor, label=label, at=at, **kw)


def page(client, user, url=LIST, **params):
    client.force_login(user)
    return client.get(url, params)


def rows(response) -> list[str]:
    return [str(e.object_label) for e in response.context["cl"].result_list]


@pytest.mark.parametrize("role", [Role.AGENCY_ADMIN, Role.PPID_HEAD])
def test_agency_administrators_and_ppid_heads_read_their_agencys_log(
    client, make_user, agency, other_agency, supervisor, other_supervisor, role
):
    entry(agency, supervisor, label="Kabar kita")
    entry(other_agency, other_supervisor, label="Kabar instansi lain")
    reader = make_user("pembaca", role, agency)
    response = page(client, reader)
    assert response.status_code == 200
    assert rows(response) == ["Kabar kita"]
    assert "Kabar instansi lain" not in response.content.decode()
    csv_text = b"".join(page(client, reader, EXPORT).streaming_content).decode("utf-8-sig")
    assert csv_text.count("Kabar") == 1


@pytest.mark.parametrize("role", [Role.WRITER, Role.SUPERVISOR, Role.PPID_OFFICER])
def test_other_roles_cannot_open_the_log_or_its_csv(client, make_user, agency, role):
    person = make_user("staf", role, agency)
    assert page(client, person).status_code == 403
    assert page(client, person, EXPORT).status_code == 403


def test_superusers_see_every_agency_with_an_agency_column(
    client, superuser, agency, other_agency, supervisor, other_supervisor
):
    entry(agency, supervisor, label="A")
    entry(other_agency, other_supervisor, label="B")
    response = page(client, superuser)
    assert sorted(rows(response)) == ["A", "B"]
    assert "Badan Pengembangan SDM" in response.content.decode()


def test_nobody_adds_changes_or_deletes_entries(client, superuser, agency, supervisor):
    found = entry(agency, supervisor)
    client.force_login(superuser)
    assert client.get(reverse("admin:audit_auditentry_add")).status_code == 403
    delete = reverse("admin:audit_auditentry_delete", args=[found.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 403
    change = reverse("admin:audit_auditentry_change", args=[found.pk])
    client.post(change, {"summary": "ditimpa"})
    assert AuditEntry.objects.get().summary == ""
    assert 'name="_save"' not in client.get(change).content.decode()


def test_the_list_shows_person_action_object_and_indonesian_time(
    client, agency_admin, agency, supervisor
):
    entry(agency, supervisor, at=datetime(2026, 12, 3, 14, 30, tzinfo=WIB), summary="Catatan")
    entry(agency, None, "ppid.request.received", "PPID/001")
    html = page(client, agency_admin).content.decode()
    assert "<h1>Log audit</h1>" in html
    assert "Tanpa akun (pemohon atau sistem)" in html
    assert "3 Desember 2026, 14.30 WIB" in html
    assert "Budi" in html
    assert "Berita: Disetujui dan diterbitkan" in html
    assert "Catatan" in html


def test_filter_by_person_action_and_dates(client, agency_admin, agency, writer, supervisor):
    entry(agency, writer, "newsroom.article.submitted", "Diajukan Rina",
          at=datetime(2026, 11, 2, 9, tzinfo=WIB))  # fmt: skip
    entry(agency, supervisor, "newsroom.article.approved", "Disetujui Budi",
          at=datetime(2026, 11, 10, 23, 30, tzinfo=WIB))  # fmt: skip
    entry(agency, supervisor, "accounts.membership.added", "Peran Budi",
          at=datetime(2026, 11, 20, 0, 10, tzinfo=WIB))  # fmt: skip
    by_person = page(client, agency_admin, actor__id__exact=supervisor.pk)
    assert sorted(rows(by_person)) == ["Disetujui Budi", "Peran Budi"]
    by_action = page(client, agency_admin, aksi="newsroom.article.submitted")
    assert rows(by_action) == ["Diajukan Rina"]
    # Both days are included, counted in WIB.
    by_dates = page(client, agency_admin, dari="10/11/2026", sampai="19/11/2026")
    assert rows(by_dates) == ["Disetujui Budi"]
    assert rows(page(client, agency_admin, dari="2026-11-10", sampai="2026-11-19")) == [
        "Disetujui Budi"
    ]
    both = page(client, agency_admin, actor__id__exact=supervisor.pk, dari="15/11/2026")
    assert rows(both) == ["Peran Budi"]
    searched = page(client, agency_admin, q="Rina")
    assert rows(searched) == ["Diajukan Rina"]


def test_action_filter_offers_the_actions_of_this_agency_by_name(
    client, agency_admin, agency, other_agency, supervisor, other_supervisor
):
    entry(agency, supervisor, "newsroom.article.approved")
    entry(other_agency, other_supervisor, "ppid.request.decided")
    html = page(client, agency_admin).content.decode()
    assert "Berita: Disetujui dan diterbitkan" in html
    assert "Permohonan informasi: Diputuskan" not in html


def test_a_date_that_is_not_a_date_is_a_message_not_an_error(client, agency_admin, agency, writer):
    entry(agency, writer, label="Tetap tampil")
    response = page(client, agency_admin, dari="kemarin", sampai="2099-13-40")
    assert response.status_code == 200
    assert rows(response) == ["Tetap tampil"]
    assert "bukan tanggal" in response.content.decode()


def test_csv_holds_the_filtered_rows_safe_for_spreadsheets(
    client, agency_admin, agency, writer, supervisor
):
    entry(agency, writer, "newsroom.article.submitted", "=HYPERLINK(\"http://x\")",
          at=datetime(2026, 11, 2, 9, tzinfo=WIB), summary="@SUM(A1)")  # fmt: skip
    entry(agency, supervisor, "newsroom.article.approved", "Tidak ikut")
    response = page(client, agency_admin, EXPORT, aksi="newsroom.article.submitted")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    assert body.startswith("\ufeff".encode())
    lines = body.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Tanggal dan pukul (WIB),Pelaku,Tindakan")
    assert len(lines) == 2
    assert lines[1] == (
        "2026-11-02 09:00,Rina,Berita: Diajukan untuk ditinjau,newsroom.article.submitted,"
        '"\'=HYPERLINK(""http://x"")",\'@SUM(A1),Dinas Kelautan dan Perikanan'
    )


def test_the_list_link_keeps_the_filters_for_the_csv(client, agency_admin, agency, writer):
    entry(agency, writer)
    html = page(client, agency_admin, aksi="newsroom.article.approved").content.decode()
    assert f'href="{EXPORT}?aksi=newsroom.article.approved"' in html


def test_the_list_costs_the_same_queries_for_five_or_fifty_entries(
    client, agency_admin, agency, writer, supervisor
):
    client.force_login(agency_admin)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    for n in range(5):
        entry(agency, writer if n % 2 else supervisor, label=f"Berita {n}", obj=None)
    few = queries()
    for n in range(45):
        entry(agency, writer if n % 2 else supervisor, f"newsroom.page.v{n}", f"Halaman {n}")
    assert queries() == few


def test_the_dashboard_shows_todays_steps_and_role_changes_with_links(
    client, agency_admin, agency, other_agency, supervisor, other_supervisor
):
    entry(agency, supervisor, label="Kabar hari ini")
    entry(agency, agency_admin, "accounts.membership.role_changed", "Rina")
    entry(other_agency, other_supervisor, label="Kabar instansi lain")
    html = page(client, agency_admin, reverse("admin:index")).content.decode()
    assert 'id="panel-audit"' in html
    assert "Langkah tercatat hari ini" in html and "Kabar hari ini" in html
    assert "Kabar instansi lain" not in html
    changes = page(client, agency_admin, aksi="accounts.membership.*")
    assert rows(changes) == ["Rina"]


def test_writers_get_no_audit_panel(client, writer):
    html = page(client, writer, reverse("admin:index")).content.decode()
    assert 'id="panel-audit"' not in html


ODD = [{"actor__id__exact": "abc"}, {"aksi": "<script>"}, {"o": "99"}, {"dari": "31/02/2026"}]


@pytest.mark.parametrize("params", ODD)
def test_odd_filters_never_break_the_list_or_the_csv(client, agency_admin, agency, writer, params):
    entry(agency, writer)
    assert page(client, agency_admin, **params).status_code in (200, 302)
    assert page(client, agency_admin, EXPORT, **params).status_code in (200, 302)
