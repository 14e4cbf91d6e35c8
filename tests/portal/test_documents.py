"""The download centre: files whose type is read from their content, published through review,
listed with filters, shown with type and size, downloaded under a safe name and counted per day
without anything about the visitor; DIP entries and articles show the documents they attach."""

import io
import zipfile
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom import editing, workflow
from newsroom.demo_library import docx_file, pdf_file, xlsx_file
from newsroom.document_files import FileType, inspect_document
from newsroom.library import Document, DocumentDownload, record_download
from ppid.models import DIPEntry

PDF = pdf_file("Peraturan Gubernur Nomor 1 Tahun 2025", ["Tentang pengelolaan perikanan"])


def odf(mimetype: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", mimetype, compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", "<office:document-content/>")
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("lampiran/data.csv", "a,b\n1,2\n")
    return out.getvalue()


def dip_entry(agency, title):
    return DIPEntry.objects.create(
        agency=agency, title=title, category=DIPEntry.Category.PERIODIC, published=True
    )


def upload(content: bytes, name: str):
    return SimpleUploadedFile(name, content, content_type="application/octet-stream")


@pytest.fixture
def make_document(agency, writer, supervisor):
    def make(title="Formulir Permohonan Informasi Publik", *, publish=True, agency=agency,
             content=PDF, kind=Document.Kind.FORM, year=2025, **fields):  # fmt: skip
        document = Document(agency=agency, title=title, kind=kind, year=year, **fields)
        document.file = upload(content, "berkas.pdf")
        document.full_clean(exclude=["author"])
        document = editing.create(document, actor=writer if agency == writer_agency(writer) else
                                  _writer_for(agency))  # fmt: skip
        if publish:
            workflow.submit(document, actor=document.author)
            workflow.approve(document, actor=_supervisor_for(agency, supervisor))
            document.refresh_from_db()
        return document

    return make


def writer_agency(writer):
    return writer.memberships.first().agency


def _writer_for(agency):
    from accounts.models import Membership, Role, User

    user, _ = User.objects.get_or_create(username=f"penulis-{agency.slug}")
    Membership.objects.get_or_create(user=user, agency=agency, role=Role.WRITER)
    return user


def _supervisor_for(agency, default):
    from accounts.models import Membership, Role, User

    if default.memberships.filter(agency=agency).exists():
        return default
    user, _ = User.objects.get_or_create(username=f"penyunting-{agency.slug}")
    Membership.objects.get_or_create(user=user, agency=agency, role=Role.SUPERVISOR)
    return user


# --- the file's type comes from its content --------------------------------------------------


@pytest.mark.parametrize(
    ("content", "name", "expected"),
    [
        (PDF, "peraturan.pdf", FileType.PDF),
        (docx_file("Formulir", ["isi"]), "formulir.docx", FileType.DOCX),
        (xlsx_file("Data", ["isi"]), "data.xlsx", FileType.XLSX),
        (odf("application/vnd.oasis.opendocument.text"), "surat.odt", FileType.ODT),
        (odf("application/vnd.oasis.opendocument.spreadsheet"), "tabel.ods", FileType.ODS),
        (plain_zip(), "lampiran.zip", FileType.ZIP),
        # The name does not decide: a PDF called .docx is a PDF, a workbook called .pdf a workbook.
        (PDF, "menyamar.docx", FileType.PDF),
        (xlsx_file("Data", ["isi"]), "menyamar.pdf", FileType.XLSX),
    ],
)
def test_the_type_is_read_from_the_content(content, name, expected):
    assert inspect_document(upload(content, name)).file_type == expected


@pytest.mark.parametrize(
    "content",
    [
        b"<html><script>alert(1)</script></html>",
        b"MZ\x90\x00 an executable",
        b"\x89PNG\r\n\x1a\n not a document",
        b"PK\x03\x04 a broken archive",
        b"just text pretending to be a PDF",
    ],
)
def test_other_files_are_refused_with_a_message(content):
    with pytest.raises(ValidationError) as refused:
        inspect_document(upload(content, "dokumen.pdf"))
    assert "PDF" in refused.value.messages[0]


def test_a_file_over_the_limit_is_refused(settings):
    settings.HUMAS_DOCUMENT_MAX_MB = 1
    big = PDF + b"0" * (1024 * 1024)
    with pytest.raises(ValidationError) as refused:
        inspect_document(upload(big, "besar.pdf"))
    assert refused.value.code == "too_large"
    assert "1,0" in refused.value.messages[0] or "1.0" in refused.value.messages[0]


def test_an_empty_file_is_refused():
    with pytest.raises(ValidationError):
        inspect_document(upload(b"", "kosong.pdf"))


# --- publishing ------------------------------------------------------------------------------


def test_a_document_is_reviewed_like_an_article(make_document, writer):
    draft = make_document(publish=False)
    with pytest.raises(workflow.WorkflowError):
        workflow.approve(draft, actor=writer)
    assert draft.file_type == "pdf" and draft.file_size == len(PDF)
    assert draft.revisions.get().data["file_type"] == "pdf"
    assert Document.objects.public().count() == 0


def test_drafts_and_expired_documents_are_not_listed_or_downloadable(client, make_document):
    draft = make_document("Draf SOP", publish=False)
    response = client.get(reverse("portal:document_list"))
    assert "Draf SOP" not in response.content.decode()
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("portal:document_download", args=[draft.slug])).status_code == 404
    assert not DocumentDownload.objects.exists()


# --- the list and the page ----------------------------------------------------------------------


def test_the_list_shows_type_and_size_before_download(client, make_document):
    make_document("SOP Pelayanan Informasi", kind=Document.Kind.SOP)
    page = client.get("/dokumen/").content.decode()
    assert "SOP Pelayanan Informasi" in page
    assert "PDF" in page
    assert f"{len(PDF)}" in page or "KB" in page or "bita" in page
    assert reverse("portal:document_download", args=["sop-pelayanan-informasi"]) in page


def test_the_list_filters_by_kind_year_agency_and_searches_title_and_number(
    client, make_document, other_agency
):
    make_document("Peraturan Gubernur tentang Perikanan", kind=Document.Kind.REGULATION,
                  number="Nomor 12 Tahun 2025", year=2025)  # fmt: skip
    make_document("Laporan Layanan Informasi Publik 2024", kind=Document.Kind.REPORT, year=2024)
    make_document("Formulir Keberatan", agency=other_agency)

    def titles(query):
        page = client.get("/dokumen/" + query).content.decode()
        return {t for t in ("Peraturan Gubernur", "Laporan Layanan", "Formulir Keberatan")
                if t in page}  # fmt: skip

    assert titles("") == {"Peraturan Gubernur", "Laporan Layanan", "Formulir Keberatan"}
    assert titles("?jenis=regulasi") == {"Peraturan Gubernur"}
    assert titles("?tahun=2024") == {"Laporan Layanan"}
    assert titles(f"?instansi={other_agency.slug}") == {"Formulir Keberatan"}
    assert titles("?q=nomor+12") == {"Peraturan Gubernur"}
    assert titles("?q=laporan") == {"Laporan Layanan"}
    # Nonsense filters are ignored, never a 500.
    assert client.get("/dokumen/?jenis=x&tahun=abc&q=" + "a" * 500).status_code == 200
    assert client.get("/dokumen/?instansi=tidak-ada").status_code == 404


def test_the_document_page_names_kind_number_year_agency_type_and_size(client, make_document):
    document = make_document("Peraturan Gubernur Nomor 12", kind=Document.Kind.REGULATION,
                             number="Nomor 12 Tahun 2025")  # fmt: skip
    page = client.get(document.get_absolute_url()).content.decode()
    assert "Regulasi" in page
    assert "Nomor 12 Tahun 2025" in page and "2025" in page
    assert "Dinas Kelautan dan Perikanan" in page
    assert "PDF" in page
    assert document.get_download_url() in page


# --- downloads ---------------------------------------------------------------------------------


def test_a_download_sends_the_file_under_a_safe_name_and_counts_it(client, make_document):
    document = make_document('Formulir "Permohonan"\r\nInformasi; <script>')
    response = client.get(document.get_download_url(), REMOTE_ADDR="10.1.2.3",
                          HTTP_USER_AGENT="Mozilla/5.0")  # fmt: skip
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    disposition = response["Content-Disposition"]
    assert disposition == f'attachment; filename="{document.slug}.pdf"'
    assert "\r" not in disposition and "<" not in disposition
    assert "no-store" in response["Cache-Control"]
    row = DocumentDownload.objects.get()
    assert row.document == document and row.count == 1
    # Nothing about the visitor is kept: the row has only the document, the day and the count.
    assert {f.name for f in DocumentDownload._meta.concrete_fields} == {
        "id",
        "document",
        "day",
        "count",
    }


def test_downloads_are_counted_per_day(make_document):
    document = make_document()
    for day in [date(2026, 11, 27), date(2026, 11, 28), date(2026, 11, 28)]:
        record_download(document, day)
    counts = dict(DocumentDownload.objects.values_list("day", "count"))
    assert counts == {date(2026, 11, 27): 1, date(2026, 11, 28): 2}


def test_a_head_request_is_not_a_download(client, make_document):
    document = make_document()
    assert client.head(document.get_download_url()).status_code == 200
    assert not DocumentDownload.objects.exists()


def test_a_missing_file_is_a_404_not_a_500(client, make_document):
    document = make_document()
    document.file.storage.delete(document.file.name)
    assert client.get(document.get_download_url()).status_code == 404
    assert not DocumentDownload.objects.exists()


def test_downloads_are_never_kept_by_the_page_cache(client, make_document, settings):
    settings.HUMAS_PAGE_CACHE_SECONDS = 300
    document = make_document()
    for _ in range(3):
        assert client.get(document.get_download_url()).status_code == 200
    assert DocumentDownload.objects.get().count == 3


def test_a_zip_is_sent_as_zip_whatever_the_storage_named_it(client, make_document):
    document = make_document("Lampiran Data", content=plain_zip())
    response = client.get(document.get_download_url())
    assert response["Content-Type"] == "application/zip"
    assert response["Content-Disposition"].endswith('filename="lampiran-data.zip"')


# --- where documents are attached ---------------------------------------------------------------


def test_dip_entries_list_their_public_documents(client, make_document, agency):
    public = make_document("Laporan Layanan Informasi Publik 2025", kind=Document.Kind.REPORT)
    draft = make_document("Draf Laporan", publish=False)
    entry = dip_entry(agency, "Laporan layanan informasi")
    entry.documents.set([public, draft])
    page = client.get(reverse("ppid:dip_list")).content.decode()
    assert public.get_download_url() in page
    assert "Draf Laporan" not in page
    detail = client.get(public.get_absolute_url()).content.decode()
    assert "Laporan layanan informasi" in detail


def test_the_dip_list_query_count_does_not_grow_with_documents(client, make_document, agency):
    documents = [make_document(f"Dokumen {n}") for n in range(3)]
    for n in range(3):
        entry = dip_entry(agency, f"Entri {n}")
        entry.documents.set(documents[: n + 1])
    client.get(reverse("ppid:dip_list"))  # first visit: the site map is cached (portal.sites)
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("ppid:dip_list"))
    for n in range(3, 12):
        entry = dip_entry(agency, f"Entri {n}")
        entry.documents.set(documents)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("ppid:dip_list"))
    assert len(many) == len(few)


def test_an_article_shows_its_public_documents(client, make_document, make_article, agency,
                                               writer):  # fmt: skip
    document = make_document("SOP Pelayanan Informasi")
    draft = make_document("Draf Formulir", publish=False)
    article = make_article(agency, writer, title="PPID memperbarui SOP")
    article.documents.set([document, draft])
    page = client.get(article.get_absolute_url()).content.decode()
    assert document.get_download_url() in page
    assert "Draf Formulir" not in page


# --- an agency's own domain and query counts ----------------------------------------------------


def test_on_an_agency_domain_only_its_documents_are_listed(client, settings, make_document,
                                                           agency, other_agency):  # fmt: skip
    settings.ALLOWED_HOSTS = ["testserver", ".kalteng.go.id"]
    agency.domain = "dislutkan.kalteng.go.id"
    agency.save()
    make_document("Dokumen Dislutkan")
    other = make_document("Dokumen BPSDM", agency=other_agency)
    page = client.get("/dokumen/", HTTP_HOST=agency.domain).content.decode()
    assert "Dokumen Dislutkan" in page and "Dokumen BPSDM" not in page
    assert client.get(other.get_absolute_url(), HTTP_HOST=agency.domain).status_code == 404
    response = client.get(other.get_download_url(), HTTP_HOST=agency.domain)
    assert response.status_code == 404


@pytest.fixture
def grow(agency, writer):
    """Bring the number of public documents up to ``n`` (bulk, published, real files)."""

    def grow_to(n):
        have = Document.objects.count()
        for i in range(have, n):
            document = Document(agency=agency, title=f"Dokumen nomor {i}", slug=f"dokumen-{i}",
                                kind=Document.Kind.REPORT, year=2020 + i % 6, author=writer,
                                status=Document.Status.PUBLISHED,
                                publish_at="2026-01-01T00:00:00+07:00")  # fmt: skip
            document.file.save(f"d{i}.pdf", ContentFile(PDF), save=False)
            document.save()

    return grow_to


@pytest.mark.parametrize(
    "path",
    ["/dokumen/", "/dokumen/?jenis=laporan&tahun=2021", "/dokumen/?q=nomor", "/dokumen/dokumen-0/"],
)
def test_query_count_is_the_same_with_5_and_50_documents(client, grow, path,
                                                         django_assert_num_queries):  # fmt: skip
    grow(5)
    client.get(path)  # first visit: the site map is cached (portal.sites)
    with CaptureQueriesContext(connection) as few:
        assert client.get(path).status_code == 200
    grow(50)
    with django_assert_num_queries(len(few)):
        assert client.get(path).status_code == 200
    assert len(few) <= 8, path


def test_public_documents_are_in_the_sitemap_and_drafts_are_not(client, make_document):
    public = make_document("Standar Pelayanan Informasi")
    draft = make_document("Draf Standar", publish=False)
    index = client.get("/sitemap.xml").content.decode()
    assert "sitemap-dokumen.xml" in index
    section = client.get("/sitemap-dokumen.xml").content.decode()
    assert public.get_absolute_url() in section
    assert draft.get_absolute_url() not in section
    assert "/unduh/" not in section


def test_a_document_saved_without_a_form_still_gets_its_type(agency, writer):
    document = Document(agency=agency, title="Laporan dari skrip", kind="laporan", year=2025)
    document.file = upload(xlsx_file("Data", ["isi"]), "data.pdf")
    document = editing.create(document, actor=writer)
    document.refresh_from_db()
    assert (document.file_type, document.file_size) == ("xlsx", document.file.size)


def test_a_script_cannot_store_a_disguised_file(agency, writer):
    document = Document(agency=agency, title="Bukan dokumen", kind="laporan", year=2025)
    document.file = upload(b"<html>bukan dokumen</html>", "laporan.pdf")
    with pytest.raises(ValidationError):
        editing.create(document, actor=writer)
    assert not Document.objects.exists()


def test_staff_see_downloads_in_all_and_of_the_last_30_days(client, make_document, writer):
    from datetime import timedelta

    from django.utils import timezone

    from newsroom.library import download_figures

    document = make_document()
    today = timezone.localdate()
    record_download(document, today)
    record_download(document, today - timedelta(days=29))
    record_download(document, today - timedelta(days=30))
    assert download_figures(document) == {"total": 3, "recent": 2}
    client.force_login(writer)
    page = client.get(reverse("admin:newsroom_document_change", args=[document.pk]))
    assert "3 seluruhnya, 2 dalam 30 hari terakhir" in page.content.decode()


def test_a_document_page_has_one_canonical_link_on_its_agencys_domain(
    client, settings, make_document, agency
):
    settings.ALLOWED_HOSTS = ["testserver", ".kalteng.go.id"]
    agency.domain = "dislutkan.kalteng.go.id"
    agency.save()
    document = make_document("SOP Pelayanan")
    page = client.get(document.get_absolute_url(), HTTP_HOST=agency.domain).content.decode()
    assert page.count('rel="canonical"') == 1
    assert f'href="http://dislutkan.kalteng.go.id{document.get_absolute_url()}"' in page
