"""The service report per agency and per semester, with its written parts and a print layout
(issue 13 item 8; Perki 1/2021). Built on the hand-made year of test_report.py."""

from datetime import date

import pytest
from django.urls import reverse

from ppid import services
from ppid.models import ReportNarrative
from ppid.reports import annual_report
from tests.conftest import PASSWORD

from .test_report import year_2026  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def test_one_agencys_figures_leave_the_others_out(year_2026, agency, other_agency):  # noqa: F811
    mine = annual_report(2026, agency=agency)
    theirs = annual_report(2026, agency=other_agency)
    assert (mine["total"], theirs["total"]) == (3, 1)
    assert (mine["objections_total"], theirs["objections_total"]) == (1, 1)


def test_a_semester_counts_what_was_received_in_its_months(year_2026):  # noqa: F811
    first, second = annual_report(2026, semester=1), annual_report(2026, semester=2)
    assert (first["total"], second["total"]) == (2, 2)  # Feb and Mar; Nov and Dec
    assert [label for label, _n in first["by_month"]][0] == "Januari"
    assert len(first["by_month"]) == 6
    assert (first["objections_total"], second["objections_total"]) == (1, 1)


def test_the_page_and_csv_follow_the_chosen_agency_and_period(client, year_2026, agency):  # noqa: F811
    url = reverse("ppid:report", args=[2026]) + f"?instansi={agency.slug}&semester=1"
    html = client.get(url).content.decode()
    assert agency.name in html and "semester pertama" in html
    assert f"instansi={agency.slug}" in html  # the CSV link keeps the choice
    csv = client.get(reverse("ppid:report_csv", args=[2026]) + f"?instansi={agency.slug}")
    assert f"laporan-ppid-{agency.slug}-2026.csv" in csv["Content-Disposition"]
    page = reverse("ppid:report", args=[2026])
    assert client.get(page + "?instansi=tidak-ada").status_code == 404
    assert client.get(page + "?semester=3").status_code == 404


def test_the_ppid_writes_the_reports_narrative_in_the_admin(
    client,
    year_2026,  # noqa: F811
    agency,
    ppid_officer,
):
    client.login(username=ppid_officer.username, password=PASSWORD)
    response = client.post(
        reverse("admin:ppid_reportnarrative_add"),
        {
            "agency": agency.pk,
            "year": 2026,
            "period": 0,
            "policy": "Layanan informasi diselenggarakan sesuai SK Kepala Dinas tentang PPID.",
            "implementation": "Permohonan dilayani melalui portal dan meja layanan.",
            "obstacles": "Arsip statistik belum terdigitalisasi.",
            "follow_up": "Digitalisasi arsip pada 2027.",
        },
    )
    assert response.status_code == 302
    assert ReportNarrative.objects.get().updated_by == ppid_officer
    html = client.get(
        reverse("ppid:report", args=[2026]) + f"?instansi={agency.slug}"
    ).content.decode()
    assert "Arsip statistik belum terdigitalisasi." in html
    assert "Kendala internal dan eksternal" in html
    assert "data-print" in html


def test_the_report_counts_the_fees_charged_and_paid(client, agency, ppid_officer, make_request):
    req, _code = make_request()
    services.record_fee(req, actor=ppid_officer, description="Fotokopi", pages=20, amount=4000)
    services.record_fee(
        req, actor=ppid_officer, description="CD", pages=0, amount=10000, paid_at=date(2026, 11, 2)
    )
    fees = annual_report(req.year, agency=agency)["fees"]
    assert fees == {"count": 2, "total": 14000, "paid": 10000}
    html = client.get(reverse("ppid:report", args=[req.year])).content.decode()
    assert "Rp 14.000" in html
