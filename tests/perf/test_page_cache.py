"""The anonymous page cache: served without SQL, and every public change reaches every page.

Each invalidation path runs its domain action with its after-commit hooks (as a committed request
would), then reads the pages again: what the public sees must have changed on all of them.
"""

import contextlib
import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from django.db import connection, transaction
from django.db.models import F
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom import editing, workflow
from newsroom.models import Article, Tag
from portal.cache import DEFAULT_VIEWS, current_generation

pytestmark = pytest.mark.usefixtures("page_cache")


def pages(agency, query):
    return [
        "/",
        "/berita/",
        f"/berita/?instansi={agency.slug}",
        f"/instansi/{agency.slug}/",
        "/feed/",
        f"/instansi/{agency.slug}/feed/",
        f"/cari/?q={query}",
    ]


def prime(client, paths):
    """Put every page in the cache and check the second read is a hit."""
    for path in paths:
        assert client.get(path).status_code == 200, path
        assert client.get(path)["X-Page-Cache"] == "hit", path


def text_of(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return response.content.decode()


def test_second_anonymous_visit_is_served_from_the_cache_without_sql(client, agency, make_article,
                                                                    writer):  # fmt: skip
    make_article(agency, writer, title="Panen udang vaname")
    first = client.get("/")
    assert first["X-Page-Cache"] == "miss"
    with CaptureQueriesContext(connection) as queries:
        second = client.get("/")
    assert second["X-Page-Cache"] == "hit"
    assert len(queries) == 0
    assert second.content == first.content


def test_publishing_shows_the_article_on_every_page(client, agency, in_review, supervisor,
                                                    committed):  # fmt: skip
    article = in_review("Lelang ikan kerapu di Tanjung Laut")
    paths = pages(agency, "kerapu")
    prime(client, [*paths, "/sitemap-berita.xml"])
    assert "Lelang ikan kerapu" not in text_of(client, "/")

    committed(workflow.approve, article, actor=supervisor)

    for path in paths:
        assert "Lelang ikan kerapu di Tanjung Laut" in text_of(client, path), path
    assert article.slug in text_of(client, "/sitemap-berita.xml")
    assert client.get(article.get_absolute_url()).status_code == 200


def test_scheduled_article_appears_on_cached_pages_at_its_minute(
    client, agency, in_review, supervisor, committed
):
    article = in_review("Festival perahu hias dibuka")
    start = timezone.now().replace(microsecond=0) + dt.timedelta(days=1)
    goes_live = start + dt.timedelta(minutes=2)  # sooner than the 300 s lifetime
    paths = pages(agency, "perahu")
    with time_machine.travel(start, tick=False):
        committed(workflow.schedule, article, actor=supervisor, publish_at=goes_live)
        prime(client, [*paths, "/sitemap-berita.xml"])
        for path in paths:
            assert "Festival perahu hias" not in text_of(client, path), path
    with time_machine.travel(goes_live - dt.timedelta(seconds=1), tick=False):
        assert client.get("/")["X-Page-Cache"] == "hit"  # still cached a second before
        assert "Festival perahu hias" not in text_of(client, "/")
    with time_machine.travel(goes_live, tick=False):
        for path in paths:
            assert "Festival perahu hias dibuka" in text_of(client, path), path
        assert article.slug in text_of(client, "/sitemap-berita.xml")


def test_approved_correction_replaces_the_text_on_every_page(client, agency, in_review, writer,
                                                             supervisor, committed):  # fmt: skip
    article = in_review("Harga ikan tongkol stabil")
    committed(workflow.approve, article, actor=supervisor)
    paths = pages(agency, "tongkol")
    prime(client, [*paths, article.get_absolute_url()])

    copy = editing.form_copy(Article.objects.get(pk=article.pk))
    copy.title = "Harga ikan tongkol naik"
    committed(editing.save, copy, actor=writer, expected_version=copy.version)
    assert "tongkol stabil" in text_of(client, "/")  # a pending correction changes nothing yet
    committed(workflow.approve_correction, article, actor=supervisor)

    for path in [*paths, article.get_absolute_url()]:
        page = text_of(client, path)
        assert "Harga ikan tongkol naik" in page, path
        assert "tongkol stabil" not in page, path


def test_archiving_removes_the_article_from_every_page(client, agency, in_review, supervisor,
                                                       committed):  # fmt: skip
    article = in_review("Jadwal vaksinasi ternak")
    committed(workflow.approve, article, actor=supervisor)
    paths = pages(agency, "ternak")
    prime(client, [*paths, "/sitemap-berita.xml", article.get_absolute_url()])

    committed(workflow.archive, article, actor=supervisor, comment="Acara dibatalkan.")

    for path in paths:
        assert "Jadwal vaksinasi ternak" not in text_of(client, path), path
    assert article.slug not in text_of(client, "/sitemap-berita.xml")
    assert client.get(article.get_absolute_url()).status_code == 404


def test_every_public_change_bumps_the_generation_once_and_a_draft_save_not_at_all(
    agency, in_review, writer, supervisor, committed, page_cache
):
    tag = Tag.objects.create(name="Pelatihan", slug="pelatihan")

    def bumps(action, *args, **kwargs):
        before = current_generation()[0]
        committed(action, *args, **kwargs)
        return current_generation()[0] - before

    def edited(article, **changes):
        copy = editing.form_copy(Article.objects.get(pk=article.pk))
        for name, value in changes.items():
            setattr(copy, name, value)
        return copy

    draft = committed(editing.create, Article(agency=agency, title="Draf rapat", lead="Ringkas.",
                                              body="<p>Isi.</p>"), actor=writer)  # fmt: skip
    copy = edited(draft, title="Draf rapat koordinasi")
    assert bumps(editing.save, copy, actor=writer, expected_version=copy.version) == 0

    article = in_review("Pelatihan kehumasan digital")
    assert bumps(workflow.approve, article, actor=supervisor) == 1
    # A correction that also changes the tags: waiting, nothing public; approved, one bump.
    copy = edited(article, title="Pelatihan kehumasan digital 2026")
    assert bumps(editing.save, copy, actor=writer, expected_version=copy.version,
                 m2m={"tags": [tag.pk]}) == 0  # fmt: skip
    assert bumps(workflow.approve_correction, article, actor=supervisor) == 1
    assert bumps(workflow.archive, article, actor=supervisor, comment="Salah unggah.") == 1

    later = timezone.now() + dt.timedelta(days=1)
    scheduled = in_review("Jadwal pameran perikanan")
    assert bumps(workflow.schedule, scheduled, actor=supervisor, publish_at=later) == 1


def test_a_rolled_back_change_bumps_nothing_and_the_next_one_bumps_once(
    agency, committed, page_cache
):
    def rolled_back_rename():
        with contextlib.suppress(RuntimeError), transaction.atomic():
            agency.name = "Nama yang batal"
            agency.save()
            raise RuntimeError("the request failed after the save")

    before = current_generation()[0]
    committed(rolled_back_rename)
    assert current_generation()[0] == before
    agency.name = "Dinas Kelautan dan Perikanan Prov. Kalteng"
    committed(agency.save)
    assert current_generation()[0] == before + 1


def test_agency_change_shows_on_every_page_naming_it(client, agency, make_article, writer,
                                                     committed):  # fmt: skip
    make_article(agency, writer, title="Rapat koordinasi nelayan")
    paths = ["/", "/berita/", f"/instansi/{agency.slug}/", f"/instansi/{agency.slug}/feed/",
             "/cari/?q=nelayan"]  # fmt: skip
    prime(client, paths)

    agency.name = "Dinas Kelautan, Perikanan dan Pesisir"
    agency.short_name = "DKPP Pesisir"
    committed(agency.save)

    for path in paths:
        page = text_of(client, path)
        assert "DKPP Pesisir" in page or "Dinas Kelautan, Perikanan dan Pesisir" in page, path


def test_a_change_in_one_worker_reaches_pages_cached_by_another(agency, in_review, supervisor,
                                                                committed):  # fmt: skip
    # Two clients stand for two workers: both read the one shared generation in the cache.
    article = in_review("Pembukaan pasar murah Ramadan")
    first, second = Client(), Client()
    prime(first, ["/"])
    assert second.get("/")["X-Page-Cache"] == "hit"
    committed(workflow.approve, article, actor=supervisor)
    assert "Pembukaan pasar murah Ramadan" in text_of(second, "/")


def test_pages_with_a_form_are_never_stored_even_when_listed(client, page_cache, agency):
    # Even if someone lists the PPID request form as cacheable, its CSRF token keeps it out.
    page_cache.HUMAS_PAGE_CACHE_VIEWS = DEFAULT_VIEWS | {"ppid:request"}
    someone, another = Client(), Client()
    first = someone.get("/ppid/permohonan/")
    second = another.get("/ppid/permohonan/")
    assert first.status_code == second.status_code == 200
    assert "X-Page-Cache" not in second
    token = someone.cookies["csrftoken"].value
    assert token != another.cookies["csrftoken"].value
    assert "csrfmiddlewaretoken" in second.content.decode()


@pytest.mark.parametrize("path", ["/ppid/permohonan/", "/ppid/status/", "/ppid/keberatan/"])
def test_ppid_forms_and_status_page_are_not_cached(client, agency, path):
    client.get(path)
    response = Client().get(path)
    assert "X-Page-Cache" not in response


def test_logged_in_staff_are_never_served_cached_pages(client, agency, make_article, writer,
                                                       supervisor):  # fmt: skip
    make_article(agency, writer, title="Sosialisasi keselamatan laut")
    prime(client, ["/"])
    staff = Client()
    staff.force_login(supervisor)
    response = staff.get("/")
    assert response.status_code == 200
    assert "X-Page-Cache" not in response


def test_pages_rendered_for_staff_are_not_stored_for_the_public(agency, make_article, writer,
                                                                supervisor):  # fmt: skip
    make_article(agency, writer, title="Sosialisasi keselamatan laut")
    staff = Client()
    staff.force_login(supervisor)
    staff.get("/berita/")
    assert Client().get("/berita/")["X-Page-Cache"] == "miss"


@pytest.mark.parametrize("path", ["/", "/berita/", "/feed/", "/sitemap-berita.xml"])
def test_revalidation_answers_304_until_the_content_changes(client, agency, in_review, supervisor,
                                                           committed, make_article, writer,
                                                           path):  # fmt: skip
    make_article(agency, writer, title="Bantuan alat tangkap")
    first = client.get(path)
    assert first.has_header("ETag") and first.has_header("Last-Modified")
    revalidated = client.get(path, HTTP_IF_NONE_MATCH=first["ETag"])
    assert revalidated.status_code == 304

    committed(workflow.approve, in_review("Perbaikan dermaga nelayan"), actor=supervisor)
    assert client.get(path, HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200


def test_pages_revalidate_with_304_when_the_cache_is_off(client, settings, agency, make_article,
                                                         writer):  # fmt: skip
    settings.HUMAS_PAGE_CACHE_SECONDS = 0
    make_article(agency, writer, title="Bantuan alat tangkap")
    first = client.get("/berita/")
    assert "X-Page-Cache" not in first
    assert client.get("/berita/", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 304


def test_each_language_gets_its_own_cached_page(client, settings, agency, make_article, writer):
    make_article(agency, writer, title="Bantuan alat tangkap")
    prime(client, ["/"])
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert '<html lang="en">' in text_of(english, "/")
    assert english.get("/")["X-Page-Cache"] == "hit"
    assert '<html lang="id">' in text_of(client, "/")


def test_cached_pages_keep_their_security_headers(client, agency, make_article, writer):
    make_article(agency, writer, title="Bantuan alat tangkap")
    prime(client, ["/"])
    hit = client.get("/")
    assert hit["X-Frame-Options"] == "DENY"
    assert hit["X-Content-Type-Options"] == "nosniff"
    assert "Content-Security-Policy" in hit


def test_a_flushed_shared_cache_is_never_answered_from_a_workers_memory(client, agency, writer,
                                                                         make_article):  # fmt: skip
    article = make_article(agency, writer, title="Harga cabai turun")
    prime(client, ["/"])
    # No signal, no bump; the version moves, as every editorial write does (fragment keys use it).
    Article.objects.filter(pk=article.pk).update(title="Harga cabai naik", version=F("version") + 1)
    assert "Harga cabai turun" in text_of(client, "/")  # still the kept page, as designed

    cache.clear()  # Redis restarted or flushed: every worker must render afresh

    assert "Harga cabai naik" in text_of(client, "/")
