"""Staff screens of the download centre and galleries: uploads checked with a message in the form,
gallery items saved with the gallery's revision, scoped to the person's agencies."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from newsroom import editing, workflow
from newsroom.demo_library import pdf_file
from newsroom.library import Document, Gallery

PDF = pdf_file("Standar Pelayanan", ["Isi"])


def jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 500), (10, 90, 160)).save(out, "JPEG")
    return out.getvalue()


@pytest.fixture
def writer_client(client, writer):
    client.force_login(writer)
    return client


def document_form(agency, **fields):
    return {"agency": agency.pk, "title": "Standar Pelayanan Informasi Publik", "slug": "",
            "kind": "standar_pelayanan", "number": "", "year": 2025, "description": "",
            "expire_at_0": "", "expire_at_1": "", **fields}  # fmt: skip


def test_a_writer_uploads_a_document_and_its_type_and_size_are_read(writer_client, agency):
    upload = SimpleUploadedFile("standar.pdf", PDF, content_type="application/pdf")
    response = writer_client.post(reverse("admin:newsroom_document_add"),
                                  document_form(agency, file=upload))  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    document = Document.objects.get()
    assert document.status == Document.Status.DRAFT
    assert (document.file_type, document.file_size) == ("pdf", len(PDF))
    change = writer_client.get(reverse("admin:newsroom_document_change", args=[document.pk]))
    assert "PDF" in change.content.decode()


def test_a_disguised_file_is_refused_in_indonesian_and_the_form_keeps_the_text(writer_client,
                                                                               agency):  # fmt: skip
    upload = SimpleUploadedFile("laporan.pdf", b"<html><script>alert(1)</script>",
                                content_type="application/pdf")  # fmt: skip
    response = writer_client.post(
        reverse("admin:newsroom_document_add"),
        document_form(agency, file=upload, title="Laporan Tahunan"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Berkas ini tidak dapat diterbitkan" in page
    assert 'value="Laporan Tahunan"' in page
    assert not Document.objects.exists()


def test_a_too_large_file_names_the_limit(writer_client, agency, settings):
    settings.HUMAS_DOCUMENT_MAX_MB = 1
    upload = SimpleUploadedFile("besar.pdf", PDF + b"0" * 1_100_000)
    response = writer_client.post(reverse("admin:newsroom_document_add"),
                                  document_form(agency, file=upload))  # fmt: skip
    assert response.status_code == 200
    assert "terlalu besar" in response.content.decode()


def test_another_agencys_document_is_a_404(writer_client, other_agency, other_writer):
    document = Document(agency=other_agency, title="Rahasia", kind="laporan", year=2025)
    document.file = SimpleUploadedFile("r.pdf", PDF)
    document = editing.create(document, actor=other_writer)
    url = reverse("admin:newsroom_document_change", args=[document.pk])
    assert writer_client.get(url).status_code == 404
    listing = writer_client.get(reverse("admin:newsroom_document_changelist")).content.decode()
    assert "Rahasia" not in listing


def gallery_form(agency, items, **fields):
    data = {"agency": agency.pk, "title": "Penebaran Benih Ikan", "slug": "", "description": "",
            "expire_at_0": "", "expire_at_1": "", "items-TOTAL_FORMS": len(items),
            "items-INITIAL_FORMS": 0, "items-MIN_NUM_FORMS": 0, "items-MAX_NUM_FORMS": 1000,
            **fields}  # fmt: skip
    for n, item in enumerate(items):
        for name, value in item.items():
            data[f"items-{n}-{name}"] = value
    return data


def test_a_gallery_is_created_with_its_ordered_items_in_one_revision(writer_client, agency):
    items = [
        {"position": 2, "kind": "photo", "alt_text": "Benih ikan dituang ke sungai",
         "caption": "Benih dilepas", "credit": "Humas", "video_url": "",
         "image": SimpleUploadedFile("a.jpg", jpeg(), content_type="image/jpeg")},
        {"position": 1, "kind": "video", "alt_text": "", "caption": "Video kegiatan",
         "credit": "", "video_url": "https://youtu.be/aqz-KE-bpKQ"},
    ]  # fmt: skip
    response = writer_client.post(reverse("admin:newsroom_gallery_add"),
                                  gallery_form(agency, items))  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:3000]
    gallery = Gallery.objects.get()
    assert [i.kind for i in gallery.items.all()] == ["video", "photo"]
    assert gallery.items.get(kind="photo").image.name.startswith("galleries/")
    revision = gallery.revisions.get()
    assert [i["caption"] for i in revision.data["items"]] == ["Video kegiatan", "Benih dilepas"]


def test_a_photo_without_alt_text_is_refused_with_a_message(writer_client, agency):
    items = [{"position": 1, "kind": "photo", "alt_text": "", "caption": "", "credit": "",
              "video_url": "", "image": SimpleUploadedFile("a.jpg", jpeg())}]  # fmt: skip
    response = writer_client.post(reverse("admin:newsroom_gallery_add"),
                                  gallery_form(agency, items))  # fmt: skip
    assert response.status_code == 200
    assert "teks alternatif" in response.content.decode().lower()
    assert not Gallery.objects.exists()


def test_a_published_gallerys_items_are_read_only_in_the_form(client, agency, writer,
                                                              supervisor):  # fmt: skip
    gallery = editing.create(
        Gallery(agency=agency, title="Galeri"),
        actor=writer,
        m2m={"items": [{"kind": "video", "video_url": "https://youtu.be/aqz-KE-bpKQ"}]},
    )
    workflow.submit(gallery, actor=writer)
    workflow.approve(gallery, actor=supervisor)
    client.force_login(writer)
    page = client.get(reverse("admin:newsroom_gallery_change", args=[gallery.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'name="items-0-video_url"' not in html
    assert "diarsipkan" in html.lower() or "arsipkan" in html.lower()


def test_the_preview_of_a_gallery_correction_shows_its_waiting_items(client, agency, writer,
                                                                     supervisor):  # fmt: skip
    gallery = editing.create(
        Gallery(agency=agency, title="Galeri"),
        actor=writer,
        m2m={
            "items": [
                {
                    "kind": "video",
                    "caption": "Video lama",
                    "video_url": "https://youtu.be/aqz-KE-bpKQ",
                }
            ]
        },
    )
    workflow.submit(gallery, actor=writer)
    workflow.approve(gallery, actor=supervisor)
    edited = Gallery.objects.get(pk=gallery.pk)
    editing.save(edited, actor=writer, expected_version=edited.version,
                 m2m={"items": [{"kind": "video", "caption": "Video baru",
                                 "video_url": "https://vimeo.com/123"}]})  # fmt: skip
    client.force_login(supervisor)
    page = client.get(reverse("admin:newsroom_gallery_preview", args=[gallery.pk]))
    html = page.content.decode()
    assert "Video baru" in html and "Video lama" not in html
    public = client.get(gallery.get_absolute_url()).content.decode()
    assert "Video lama" in public and "Video baru" not in public


def test_correcting_a_published_gallerys_title_in_the_form_keeps_its_items(
    client, agency, writer, supervisor, second_supervisor
):
    video = {"kind": "video", "caption": "Video", "video_url": "https://youtu.be/aqz-KE-bpKQ"}
    gallery = editing.create(Gallery(agency=agency, title="Galeri"), actor=writer,
                             m2m={"items": [video]})  # fmt: skip
    workflow.submit(gallery, actor=writer)
    gallery = workflow.approve(gallery, actor=supervisor)
    client.force_login(writer)
    form = gallery_form(agency, [], title="Galeri Kegiatan", expected_version=gallery.version)
    # What the browser sends for the read-only inline: its management form and row ids.
    item = gallery.items.get()
    form.update({"items-TOTAL_FORMS": 1, "items-INITIAL_FORMS": 1, "items-0-id": item.pk,
                 "items-0-gallery": gallery.pk})  # fmt: skip
    response = client.post(reverse("admin:newsroom_gallery_change", args=[gallery.pk]), form)
    assert response.status_code == 302, response.content.decode()[:3000]
    pending = gallery.revisions.get(pending=True)
    assert pending.data["title"] == "Galeri Kegiatan"
    assert [i["caption"] for i in pending.data["items"]] == ["Video"]
    workflow.approve_correction(gallery, actor=second_supervisor)
    gallery.refresh_from_db()
    assert gallery.title == "Galeri Kegiatan"
    assert [i.caption for i in gallery.items.all()] == ["Video"]


def test_compare_shows_changed_photos_and_videos(client, agency, writer, supervisor):
    gallery = editing.create(
        Gallery(agency=agency, title="Galeri"),
        actor=writer,
        m2m={
            "items": [
                {
                    "kind": "video",
                    "caption": "Pembukaan",
                    "video_url": "https://youtu.be/aqz-KE-bpKQ",
                }
            ]
        },
    )
    edited = Gallery.objects.get(pk=gallery.pk)
    editing.save(edited, actor=writer, expected_version=edited.version,
                 m2m={"items": [{"kind": "video", "caption": "Penutupan",
                                 "video_url": "https://vimeo.com/123"}]})  # fmt: skip
    client.force_login(supervisor)
    page = client.get(reverse("admin:newsroom_gallery_compare", args=[gallery.pk]) + "?a=1&b=2")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Foto dan video" in html
    assert "<del>Pembukaan</del>" in html and "<ins>Penutupan</ins>" in html


def test_compare_of_a_document_shows_no_picture_of_its_file(client, agency, writer, supervisor):
    document = Document(agency=agency, title="Laporan", kind="laporan", year=2025)
    document.file = SimpleUploadedFile("a.pdf", PDF)
    document = editing.create(document, actor=writer)
    edited = Document.objects.get(pk=document.pk)
    edited.file = SimpleUploadedFile("b.pdf", pdf_file("Laporan baru", ["isi"]))
    edited.full_clean(exclude=["author"])
    editing.save(edited, actor=writer, expected_version=edited.version)
    client.force_login(supervisor)
    page = client.get(reverse("admin:newsroom_document_compare", args=[document.pk]))
    assert page.status_code == 200
    assert 'class="diff-image"' not in page.content.decode()
