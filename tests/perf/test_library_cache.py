"""The page cache keeps the download centre's and galleries' pages, forgets them when a document or
gallery is published, corrected or archived, and never answers for a (counted) download."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from newsroom import editing, workflow
from newsroom.demo_library import pdf_file
from newsroom.library import Document, DocumentDownload, Gallery

pytestmark = pytest.mark.usefixtures("page_cache")


@pytest.fixture
def publish(writer, supervisor, committed):
    def run(obj):
        committed(workflow.submit, obj, actor=writer)
        committed(workflow.approve, obj, actor=supervisor)
        obj.refresh_from_db()
        return obj

    return run


def new_document(agency, writer, committed, title):
    document = Document(agency=agency, title=title, kind="laporan", year=2025)
    document.file = SimpleUploadedFile("l.pdf", pdf_file(title, ["isi"]))
    return committed(editing.create, document, actor=writer)


def test_publishing_and_archiving_a_document_reaches_the_cached_list(client, agency, writer,
                                                                     supervisor, committed,
                                                                     publish):  # fmt: skip
    publish(new_document(agency, writer, committed, "Laporan Semester I"))
    assert client.get("/dokumen/")["X-Page-Cache"] == "miss"
    assert client.get("/dokumen/")["X-Page-Cache"] == "hit"
    second = publish(new_document(agency, writer, committed, "Laporan Semester II"))
    assert "Laporan Semester II" in client.get("/dokumen/").content.decode()
    committed(workflow.archive, second, actor=supervisor, comment="Diganti versi baru")
    assert "Laporan Semester II" not in client.get("/dokumen/").content.decode()


def test_downloads_are_never_served_from_the_cache(client, agency, writer, committed, publish):
    document = publish(new_document(agency, writer, committed, "Formulir"))
    for _ in range(3):
        response = client.get(document.get_download_url())
        assert response.status_code == 200
        assert response.get("X-Page-Cache") != "hit"
    assert DocumentDownload.objects.get().count == 3


def test_a_published_gallery_reaches_the_cached_list(client, agency, writer, committed, publish):
    assert client.get("/galeri/")["X-Page-Cache"] == "miss"
    assert client.get("/galeri/")["X-Page-Cache"] == "hit"
    gallery = committed(editing.create, Gallery(agency=agency, title="Pelatihan Nelayan"),
                        actor=writer, m2m={"items": []})  # fmt: skip
    publish(gallery)
    assert "Pelatihan Nelayan" in client.get("/galeri/").content.decode()
