"""The PPID officer attaches published documents of the download centre to a DIP entry: only
their own agencies' documents are offered, and the public list shows them."""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from newsroom import editing, workflow
from newsroom.demo_library import pdf_file
from newsroom.library import Document
from ppid.models import DIPEntry
from tests.ppid.conftest import DIP_COLUMNS


def published_document(agency, writer, supervisor, title):
    document = Document(agency=agency, title=title, kind="laporan", year=2025)
    document.file = SimpleUploadedFile("l.pdf", pdf_file(title, ["isi"]))
    document = editing.create(document, actor=writer)
    workflow.submit(document, actor=writer)
    return workflow.approve(document, actor=supervisor)


def test_the_officer_attaches_own_published_documents(client, agency, other_agency, writer,
                                                      supervisor, other_writer, other_supervisor,
                                                      ppid_officer):  # fmt: skip
    own = published_document(agency, writer, supervisor, "Laporan Kinerja 2025")
    foreign = published_document(other_agency, other_writer, other_supervisor, "Laporan BPSDM")
    draft = editing.create(
        Document(agency=agency, title="Draf Laporan", kind="laporan", year=2025,
                 file=SimpleUploadedFile("d.pdf", pdf_file("Draf", ["isi"]))),
        actor=writer,
    )  # fmt: skip
    client.force_login(ppid_officer)
    form = client.get(reverse("admin:ppid_dipentry_add")).content.decode()
    assert "Laporan Kinerja 2025" in form
    assert "Laporan BPSDM" not in form and "Draf Laporan" not in form
    response = client.post(reverse("admin:ppid_dipentry_add"), {
        "agency": agency.pk, "title": "Laporan Kinerja Instansi Pemerintah 2025",
        "category": "berkala", **DIP_COLUMNS, "summary": "LKjIP", "published": "on",
        "documents": [own.pk],
        "note": "",
    })  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    entry = DIPEntry.objects.get()
    assert list(entry.documents.all()) == [own]
    refused = client.post(reverse("admin:ppid_dipentry_change", args=[entry.pk]), {
        "agency": agency.pk, "title": entry.title, "category": "berkala", **DIP_COLUMNS,
        "summary": "LKjIP",
        "published": "on", "documents": [foreign.pk, draft.pk], "note": "",
    })  # fmt: skip
    assert refused.status_code == 200
    assert list(entry.documents.all()) == [own]
    public = client.get(reverse("ppid:dip_list")).content.decode()
    assert own.get_download_url() in public
