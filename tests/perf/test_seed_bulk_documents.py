"""seed_bulk --documents: published documents of every kind that the download centre lists and
serves (the benchmark's download-centre row reads them)."""

import io

from django.core.management import call_command

from newsroom.library import Document


def test_bulk_documents_are_listed_and_downloadable(client, db):
    call_command("seed_bulk", articles=0, documents=60, batch=25, stdout=io.StringIO())
    assert Document.objects.public().count() == 60
    assert set(Document.objects.values_list("kind", flat=True)) == set(Document.Kind.values)
    assert client.get("/dokumen/?jenis=laporan").status_code == 200
    document = Document.objects.public().first()
    assert document.title in client.get(document.get_absolute_url()).content.decode()
    response = client.get(document.get_download_url())
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
