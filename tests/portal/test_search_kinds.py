"""Search finds every public kind (news, pages, announcements, agenda, documents, galleries),
each result labelled with its kind, in a bounded number of queries; whole words only."""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.agenda import Announcement, Event
from newsroom.library import Document, Gallery
from newsroom.models import Page
from outreach.posts import PlannedPost
from portal.search import search_everything, search_fields, searchable_kinds


@pytest.fixture
def live(agency, writer):
    """Create a public item of ``model`` directly (the workflow is tested elsewhere)."""

    def make(model, title, agency=agency, **fields):
        fields.setdefault("publish_at", timezone.now() - timedelta(hours=1))
        fields.setdefault("status", "published")
        return model.objects.create(agency=agency, author=writer, title=title, **fields)

    return make


@pytest.fixture
def every_kind(live):
    return {
        "Berita": live_article(live),
        "Halaman": live(Page, "Profil nelayan binaan", lead="Kelompok nelayan binaan dinas."),
        "Pengumuman": live(Announcement, "Seleksi penyuluh nelayan", lead="Pendaftaran dibuka."),
        "Agenda": live(
            Event,
            "Temu nelayan",
            lead="Temu nelayan se-Kalteng.",
            start_date=timezone.localdate() + timedelta(days=3),
            location="Aula",
        ),  # fmt: skip
        "Dokumen": live(
            Document,
            "Renstra perikanan",
            kind="regulasi",
            number="188.44/12/2026",
            description="Rencana strategis untuk nelayan.",
            file=ContentFile(b"%PDF-1.4\n%%EOF\n", name="renstra.pdf"),
        ),  # fmt: skip
        "Galeri": live(Gallery, "Foto nelayan", description="Kegiatan nelayan di pesisir."),
    }


def live_article(live):
    from newsroom.models import Article

    return live(Article, "Bantuan kapal nelayan", lead="Kapal untuk nelayan.", body="<p>Isi.</p>")


def test_every_kind_is_found_and_labelled(client, every_kind):
    page = client.get("/cari/", {"q": "nelayan"}).content.decode()
    for label, item in every_kind.items():
        assert f'<span class="badge badge-kind">{label}</span>' in page, label
        assert f'href="{item.get_absolute_url()}"' in page, label
    assert page.count('<article class="card search-result">') == len(every_kind)


def test_kinds_come_from_the_publishing_model_and_declare_their_fields():
    kinds = searchable_kinds()
    assert kinds[0]._meta.model_name == "article"
    assert {Page, Announcement, Event, Document, Gallery} <= set(kinds)
    # A kind without a public address is not searched (planned social media posts).
    assert PlannedPost not in kinds
    assert search_fields(Document) == {"title": "A", "number": "B", "description": "C"}
    assert search_fields(Page) == {"title": "A", "lead": "B", "body": "C"}


def test_a_documents_number_finds_it(every_kind):
    found = [result.item for result in search_everything("188.44/12/2026", 0, 10)]
    assert found == [every_kind["Dokumen"]]


def test_whole_words_only(live):
    bako = live(Page, "Forum Bakohumas", lead="Pertemuan bakohumas provinsi.")
    humas = live(Page, "Tim Humas", lead="Tim humas dinas.")
    found = [result.item for result in search_everything("humas", 0, 10)]
    assert found == [humas]
    assert [result.item for result in search_everything("bakohumas", 0, 10)] == [bako]


def test_what_is_not_public_is_not_found(live, agency, writer):
    live(Announcement, "Pengumuman lama nelayan", lead="x",
         expire_at=timezone.now() - timedelta(minutes=1))  # fmt: skip
    Gallery.objects.create(agency=agency, author=writer, title="Draf galeri nelayan")
    section = live(Page, "Arsip", status="archived")
    live(Page, "Nelayan di arsip", parent=section)
    assert search_everything("nelayan", 0, 10) == []


def test_search_on_an_agency_domain_finds_only_its_items(client, settings, live, agency,
                                                         other_agency):  # fmt: skip
    settings.ALLOWED_HOSTS = ["testserver", ".kalteng.go.id"]
    agency.domain = "dislutkan.kalteng.go.id"
    agency.save()
    live(Page, "Profil nelayan", lead="Nelayan.")
    live(Page, "Profil nelayan BPSDM", agency=other_agency, lead="Nelayan.")
    page = client.get("/cari/?q=nelayan", HTTP_HOST="dislutkan.kalteng.go.id").content.decode()
    assert "Profil nelayan" in page and "BPSDM" not in page


def test_query_count_is_bounded_by_the_number_of_kinds(client, live, every_kind):
    def count():
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/cari/", {"q": "nelayan"}).status_code == 200
        return len(queries)

    client.get("/cari/", {"q": "kapal"})  # the site's menus are read into the cache once
    bound = 1 + len(searchable_kinds())  # one to find the page of results, one per kind shown
    assert count() <= bound
    for n in range(30):
        live(Announcement, f"Pengumuman nelayan {n}", lead="Nelayan.")
        live(Page, f"Halaman nelayan {n}", lead="Nelayan.")
    assert count() <= bound


def test_the_snippet_shows_the_searched_word_where_it_is(live):
    body = "<ul><li>Pembinaan usaha perikanan.</li><li>Pemberdayaan nelayan kecil.</li></ul>"
    live(Page, "Tugas dan Fungsi", lead="Tugas dinas.", body=body)
    (result,) = search_everything("nelayan", 0, 10)
    assert "Pemberdayaan <mark>nelayan</mark> kecil." in str(result.snippet)
    assert "perikanan. Pemberdayaan" in str(result.snippet)  # list items do not run together


def test_results_can_be_narrowed_to_one_kind(client, every_kind):
    page = client.get("/cari/", {"q": "nelayan", "jenis": "agenda"}).content.decode()
    assert page.count('<article class="card search-result">') == 1
    assert every_kind["Agenda"].get_absolute_url() in page
    assert 'href="?q=nelayan&amp;jenis=dokumen"' in page  # every kind offered, and "all"
    assert 'href="?q=nelayan">Semua</a>' in page
    assert client.get("/cari/", {"q": "nelayan", "jenis": "tidak-ada"}).status_code == 404
