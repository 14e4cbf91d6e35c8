"""Announcements, events, documents and galleries in the JSON API: the same public rule, filters
of their own, and a constant number of queries."""

from datetime import date, time, timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.agenda import Announcement, Event
from newsroom.demo_library import pdf_file
from newsroom.library import Document, Gallery, GalleryItem

pytestmark = pytest.mark.django_db

PUBLIC = {"status": "published"}


def ago(**delta):
    return timezone.now() - timedelta(**delta)


def results(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def titles(client, path):
    return [item["title"] for item in results(client, path)]


def announcement(agency, author, title, **fields):
    values = {"lead": "Ringkasan.", "publish_at": ago(hours=1), **PUBLIC, **fields}
    return Announcement.objects.create(agency=agency, author=author, title=title, **values)


def event(agency, author, title, start, **fields):
    values = {"lead": "Ringkasan.", "location": "Aula Dislutkan", "start_date": start,
              "publish_at": ago(hours=1), **PUBLIC, **fields}  # fmt: skip
    return Event.objects.create(agency=agency, author=author, title=title, **values)


def document(agency, author, title, **fields):
    values = {"kind": Document.Kind.REGULATION, "year": 2025, "publish_at": ago(hours=1),
              **PUBLIC, **fields}  # fmt: skip
    made = Document(agency=agency, author=author, title=title, **values)
    made.file = ContentFile(pdf_file(title, ["Isi"]), name="berkas.pdf")
    made.save()
    return made


def gallery(agency, author, title, items=2, **fields):
    values = {"publish_at": ago(hours=1), **PUBLIC, **fields}
    made = Gallery.objects.create(agency=agency, author=author, title=title, **values)
    for n in reversed(range(items)):
        GalleryItem.objects.create(
            gallery=made, position=n, kind=GalleryItem.Kind.VIDEO,
            video_url=f"https://www.youtube.com/watch?v=abcdefghij{n}", caption=f"Video {n}",
        )  # fmt: skip
    return made


def test_announcements_leave_the_api_when_they_expire(client, agency, writer):
    live = announcement(
        agency, writer, "Libur nasional", expire_at=timezone.now() + timedelta(days=3)
    )
    announcement(agency, writer, "Kedaluwarsa", expire_at=ago(minutes=1))
    announcement(agency, writer, "Draf", status="draft")
    (item,) = results(client, "/api/v1/announcements/")
    assert item["title"] == "Libur nasional"
    assert item["url"] == f"http://testserver/pengumuman/{live.slug}/"
    assert item["valid_until"] is not None


def test_events_are_listed_in_the_order_they_take_place_and_filtered_by_their_dates(
    client, agency, writer
):
    today = timezone.localdate()
    event(agency, writer, "Lusa", today + timedelta(days=2), start_time=time(9, 0))
    event(agency, writer, "Kemarin", today - timedelta(days=1))
    event(agency, writer, "Pekan depan", today + timedelta(days=7))
    event(
        agency,
        writer,
        "Terjadwal",
        today + timedelta(days=1),
        publish_at=timezone.now() + timedelta(days=1),
    )

    assert titles(client, "/api/v1/events/") == ["Kemarin", "Lusa", "Pekan depan"]
    assert titles(client, f"/api/v1/events/?since={today.isoformat()}") == ["Lusa", "Pekan depan"]
    until = (today + timedelta(days=2)).isoformat()
    assert titles(client, f"/api/v1/events/?since={today.isoformat()}&until={until}") == ["Lusa"]
    lusa = results(client, f"/api/v1/events/?until={until}")[1]
    assert lusa["all_day"] is False and lusa["start_time"] == "09:00:00"
    assert lusa["organizer"] == agency.name  # the agency itself organises it


def test_documents_filter_by_kind_and_year_and_link_the_counted_download(client, agency, writer):
    doc = document(agency, writer, "Peraturan Gubernur Nomor 1", number="1/2025")
    document(agency, writer, "Formulir keberatan", kind=Document.Kind.FORM, year=2024)
    document(agency, writer, "Draf SOP", kind=Document.Kind.SOP, status="draft")

    assert titles(client, "/api/v1/documents/?kind=formulir") == ["Formulir keberatan"]
    assert titles(client, "/api/v1/documents/?year=2025") == ["Peraturan Gubernur Nomor 1"]
    (item,) = results(client, f"/api/v1/documents/?kind={Document.Kind.REGULATION}")
    assert item["download_url"] == f"http://testserver/dokumen/{doc.slug}/unduh/"
    assert item["file_type"] == "pdf" and item["file_size"] > 0 and item["number"] == "1/2025"
    for bad in ["kind=rahasia", "year=abc", "year=20255"]:
        response = client.get(f"/api/v1/documents/?{bad}")
        assert response.status_code == 400, bad


def test_galleries_carry_their_items_in_order(client, agency, writer):
    gallery(agency, writer, "Penebaran benih", items=3)
    gallery(agency, writer, "Draf galeri", status="draft")
    (item,) = results(client, "/api/v1/galleries/")
    assert item["title"] == "Penebaran benih"
    assert [i["position"] for i in item["items"]] == [0, 1, 2]
    assert item["items"][0]["video_url"].startswith("https://www.youtube.com/watch")


def test_the_newer_kinds_cost_the_same_queries_at_5_and_50_items(client, agency, writer):
    def add(first, last):
        for n in range(first, last):
            announcement(agency, writer, f"Pengumuman {n}")
            event(agency, writer, f"Kegiatan {n}", date(2026, 12, 1) + timedelta(days=n))
            gallery(agency, writer, f"Galeri {n}", items=n % 3)
        Document.objects.bulk_create(
            [
                Document(agency=agency, author=writer, title=f"Dokumen {n}", slug=f"dokumen-{n}",
                         kind=Document.Kind.REPORT, year=2025, file="documents/x.pdf",
                         file_type="pdf", file_size=10, publish_at=ago(hours=1), **PUBLIC)
                for n in range(first, last)
            ]
        )  # fmt: skip

    paths = ["/api/v1/announcements/", "/api/v1/events/", "/api/v1/documents/",
             "/api/v1/galleries/"]  # fmt: skip

    def queries():
        counts = []
        for path in paths:
            with CaptureQueriesContext(connection) as captured:
                response = client.get(f"{path}?limit=50")
            assert response.status_code == 200
            counts.append(len(captured))
        return counts

    add(0, 5)
    at_5 = queries()
    add(5, 50)
    assert len(results(client, "/api/v1/galleries/?limit=50")) == 50
    assert queries() == at_5
    assert max(at_5) <= 3
