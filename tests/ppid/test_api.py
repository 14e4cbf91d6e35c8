"""The PPID in the JSON API: the public-information list as its page shows it, and the yearly
figures as the report page shows them; nothing about a requester."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from ppid.models import DIPEntry
from ppid.reports import annual_report

from .conftest import VALID_NIK

pytestmark = pytest.mark.django_db


def dip(agency, **fields):
    defaults = {"title": "Laporan keuangan 2025", "category": "berkala", "published": True}
    return DIPEntry.objects.create(agency=agency, **{**defaults, **fields})


def listed(client, query=""):
    response = client.get(f"/api/v1/ppid/dip/{query}")
    assert response.status_code == 200, response.content
    return response.json()["results"]


def test_the_dip_lists_published_entries_only(client, agency):
    shown = dip(agency, title="Terbit")
    hidden = dip(agency, title="Belum terbit", published=False)
    assert [e["title"] for e in listed(client)] == ["Terbit"]
    shown.refresh_from_db()
    assert listed(client)[0]["number"] == shown.number  # its number in the agency's list
    assert client.get(f"/api/v1/ppid/dip/{hidden.pk}/").status_code == 404


def test_an_exempt_entry_shows_its_classification_never_its_content(client, agency):
    from ppid.models import ConsequenceTest

    test = ConsequenceTest.objects.create(
        agency=agency, information="Dokumen pengadaan", withheld_part="Seluruh dokumen",
        exemption_ground="17b", harm="Mengganggu penyidikan", public_interest="Ditimbang",
        signatories="Ir. Budi Santoso, Atasan PPID",
    )  # fmt: skip
    dip(
        agency,
        consequence=test,
        title="Dokumen pengadaan",
        category="dikecualikan",
        summary="Isi rahasia",
        holding_unit="Bidang Umum",
        exemption_ground="17b",
        classification_reason="Mengganggu proses penegakan hukum",
        exempt_until=timezone.localdate() + timedelta(days=365),
    )
    (entry,) = listed(client)
    assert entry["category"] == "dikecualikan"
    assert entry["exemption_ground"] == "17b"
    assert entry["classification_reason"] == "Mengganggu proses penegakan hukum"
    assert entry["summary"] is None and entry["holding_unit"] is None
    assert "Isi rahasia" not in str(entry)
    assert entry["consequence_test"]["harm"] == "Mengganggu penyidikan"
    assert "Budi" not in str(entry)  # the signatories' names stay on the signed test


def test_an_open_entry_shows_its_content_and_only_a_public_article(client, agency, writer,
                                                                   make_article):  # fmt: skip
    public = make_article(agency, writer, title="Rilis laporan")
    draft = make_article(agency, writer, title="Draf rilis", status="draft")
    dip(agency, title="Dengan berita", summary="Ringkas", holding_unit="Sekretariat",
        person_responsible="Kepala Sekretariat", form="softcopy", article=public)  # fmt: skip
    dip(agency, title="Dengan draf", article=draft, exemption_ground="17b")
    entries = {e["title"]: e for e in listed(client)}
    shown = entries["Dengan berita"]
    assert shown["summary"] == "Ringkas" and shown["person_responsible"] == "Kepala Sekretariat"
    assert shown["article"] == {"title": "Rilis laporan", "url": public_url(public)}
    assert shown["exemption_ground"] is None
    assert entries["Dengan draf"]["article"] is None
    assert entries["Dengan draf"]["exemption_ground"] is None  # only exempt entries have one


def test_an_entry_lists_only_public_documents(client, agency, writer):
    from django.core.files.base import ContentFile

    from newsroom.demo_library import pdf_file
    from newsroom.library import Document

    def document(title, status):
        made = Document(agency=agency, author=writer, title=title, kind="laporan", year=2025,
                        status=status, publish_at=timezone.now() - timedelta(hours=1))  # fmt: skip
        made.file = ContentFile(pdf_file(title, ["Isi"]), name="laporan.pdf")
        made.save()
        return made

    public, draft = document("Laporan tahunan", "published"), document("Draf", "draft")
    entry = dip(agency, title="Laporan layanan")
    entry.documents.set([public, draft])
    (shown,) = listed(client)
    assert shown["documents"] == [
        {
            "title": "Laporan tahunan",
            "url": f"http://testserver/dokumen/{public.slug}/",
            "download_url": f"http://testserver/dokumen/{public.slug}/unduh/",
            "file_type": "pdf",
            "file_size": public.file_size,
        }
    ]


def public_url(article):
    return f"http://testserver{article.get_absolute_url()}"


def test_the_dip_filters_by_agency_and_category(client, agency, other_agency):
    dip(agency, title="A", category="berkala")
    dip(agency, title="B", category="serta_merta")
    dip(other_agency, title="C", category="berkala")
    assert {e["title"] for e in listed(client, "?agency=dislutkan")} == {"A", "B"}
    assert {e["title"] for e in listed(client, "?category=berkala")} == {"A", "C"}
    bad = client.get("/api/v1/ppid/dip/?category=rahasia")
    assert bad.status_code == 400 and list(bad.json()["errors"]) == ["category"]


def test_the_dip_costs_the_same_queries_at_5_and_50_entries(client, agency, writer, make_article):
    article = make_article(agency, writer)

    def add(first, last):
        for n in range(first, last):
            dip(agency, title=f"Entri {n}", article=article if n % 2 else None)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert len(listed(client, "?limit=50")) == DIPEntry.objects.count()
        return len(captured)

    add(0, 5)
    at_5 = queries()
    add(5, 50)
    assert queries() == at_5 <= 3  # the page, its documents (and the site's agency by host)


def test_the_yearly_figures_are_the_report_pages_numbers(client, agency, make_request):
    make_request()
    make_request(data={"nik": VALID_NIK, "name": "Andi Pratama"})
    year = timezone.localdate().year
    response = client.get(f"/api/v1/ppid/reports/{year}/")
    assert response.status_code == 200
    figures = response.json()
    report = annual_report(year)
    assert figures["year"] == year
    assert figures["requests"]["total"] == report["total"] == 2
    assert figures["requests"]["pending"] == report["pending"]
    assert [(m["label"], m["count"]) for m in figures["by_month"]] == report["by_month"]
    assert [(a["label"], a["count"]) for a in figures["by_agency"]] == report["by_agency"]
    assert [m["key"] for m in figures["by_month"]] == [str(n) for n in range(1, 13)]
    assert {c["key"]: c["count"] for c in figures["by_channel"]}["online"] == 2
    assert all(a["key"] is None for a in figures["by_agency"])
    text = response.content.decode()
    for personal in ["Sri Wahyuni", "Andi", VALID_NIK, "sri@example.id", "0812", "Kenanga"]:
        assert personal not in text
    years = client.get("/api/v1/ppid/reports/").json()
    assert years[0] == {"year": year, "url": f"http://testserver/api/v1/ppid/reports/{year}/"}


def test_the_figures_of_one_agency_or_one_semester(client, settings, agency, other_agency,
                                                   make_request):  # fmt: skip
    make_request()
    make_request(target=other_agency)
    year = timezone.localdate().year
    semester = 1 if timezone.localdate().month <= 6 else 2
    path = f"/api/v1/ppid/reports/{year}/"

    assert client.get(path).json()["requests"]["total"] == 2
    own = client.get(f"{path}?agency=dislutkan").json()
    assert own["requests"]["total"] == 1
    assert own["agency"]["slug"] == "dislutkan" and own["semester"] is None
    assert own == {**own, **_shape(annual_report(year, agency=agency))}
    half = client.get(f"{path}?semester={semester}").json()
    assert half["semester"] == semester and half["requests"]["total"] == 2
    assert client.get(f"{path}?semester={3 - semester}").json()["requests"]["total"] == 0
    for bad in ["agency=tidak-ada", "semester=3", "semester=", "tahun=2025"]:
        assert client.get(f"{path}?{bad}").status_code == 400, bad
    # On an agency's own domain: that agency's figures, as its report page.
    settings.ALLOWED_HOSTS = ["*"]
    other_agency.domain = "bpsdm.kalteng.go.id"
    other_agency.save()
    on_domain = client.get(path, HTTP_HOST="bpsdm.kalteng.go.id").json()
    assert on_domain["agency"]["slug"] == "bpsdm" and on_domain["requests"]["total"] == 1


def _shape(report):
    from ppid.api import report_data

    return report_data(report)


def test_a_year_without_a_report_is_not_found(client, db):
    next_year = timezone.localdate().year + 1
    for year in [1999, next_year]:
        response = client.get(f"/api/v1/ppid/reports/{year}/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
    assert client.get("/api/v1/ppid/reports/2026/?format=csv").status_code == 400
