"""Cards and agency tiles are kept in the cache by what they show, so they are never out of date."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.models import Agency
from newsroom.models import Article, Category
from portal import fragments

INDONESIAN_MONTHS = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                     "September", "Oktober", "November", "Desember"]  # fmt: skip
LISTS = ["/", "/berita/", "/instansi/{agency}/", "/cari/?q=rumput"]


@pytest.fixture
def seaweed(agency, writer, make_article):
    category = Category.objects.create(name="Perikanan", slug="perikanan")
    return make_article(agency, writer, title="Panen rumput laut di Kumai", category=category,
                        lead="Petani rumput laut panen raya.")  # fmt: skip


def lists(agency):
    return [path.format(agency=agency.slug) for path in LISTS]


def test_lists_show_the_new_title_after_a_correction(client, agency, seaweed):
    for path in lists(agency):
        assert "Panen rumput laut di Kumai" in client.get(path).content.decode(), path
    Article.objects.filter(pk=seaweed.pk).update(title="Panen rumput laut di Kumai melimpah")
    for path in lists(agency):
        page = client.get(path).content.decode()
        assert "Panen rumput laut di Kumai melimpah" in page, path


def test_cards_follow_a_renamed_agency_and_category(client, agency, seaweed):
    for path in lists(agency):
        client.get(path)
    agency.short_name = "DKP Kalteng"
    agency.save()
    Category.objects.filter(pk=seaweed.category_id).update(name="Kelautan")
    for path in lists(agency):
        page = client.get(path).content.decode()
        assert "DKP Kalteng" in page and "Kelautan" in page, path


def test_each_language_gets_its_own_card(client, settings, agency, seaweed):
    indonesian = client.get("/berita/").content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get("/berita/").content.decode()
    published = timezone.localtime(seaweed.publish_at)
    in_indonesian = f"{published.day} {INDONESIAN_MONTHS[published.month - 1]} {published.year}, "
    assert in_indonesian + published.strftime("%H.%M WIB") in indonesian
    in_english = published.strftime("%-d %B %Y, %H:%M WIB")  # C locale: English month names
    assert in_english in english and in_english not in indonesian


def test_another_worker_reads_all_the_kept_cards_of_a_list_in_one_cache_round_trip(
    client, agency, writer, make_article
):
    for n in range(12):
        make_article(agency, writer, title=f"Berita {n}")
    first = client.get("/berita/").content
    fragments.forget_local()  # a worker that has not shown these cards yet
    calls = []
    original = cache.get_many

    def counting_get_many(keys, *args, **kwargs):
        calls.append(len(keys))
        return original(keys, *args, **kwargs)

    cache.get_many = counting_get_many
    try:
        second = client.get("/berita/").content
    finally:
        del cache.get_many
    assert second == first
    assert [n for n in calls if n > 1] == [12]  # plus the header and the footer, one key each


def test_home_page_agency_tiles_follow_a_new_agency_and_a_renamed_one(client, agency):
    assert agency.name in client.get("/").content.decode()
    Agency.objects.create(name="Badan Pengembangan SDM Prov. Kalteng", short_name="BPSDM",
                          slug="bpsdm")  # fmt: skip
    agency.name = "Dinas Kelautan, Perikanan dan Pesisir"
    agency.save()
    page = client.get("/").content.decode()
    assert "Badan Pengembangan SDM Prov. Kalteng" in page
    assert "Dinas Kelautan, Perikanan dan Pesisir" in page


@pytest.mark.parametrize(
    ("path", "current"),
    [("/", "/"), ("/berita/", "/berita/"), ("/ppid/", "/ppid/"), ("/cari/?q=laut", None)],
)
def test_the_kept_header_marks_the_menu_entry_of_the_page_shown(client, agency, path, current):
    client.get("/")  # the home page's header is kept first
    page = client.get(path).content.decode()
    header = page.split("<header", 1)[1].split("</header>", 1)[0]
    marked = [line for line in header.splitlines() if 'aria-current="page"' in line]
    if current is None:
        assert marked == []
    else:
        assert len(marked) == 1 and f'href="{current}"' in marked[0]


def test_the_kept_header_keeps_each_search_in_the_search_box(client, agency):
    for query in ("rumput laut", "nelayan"):
        page = client.get("/cari/", {"q": query}).content.decode()
        header = page.split("</header>", 1)[0]
        assert f'name="q" value="{query}"' in header


def test_the_kept_article_text_follows_corrections_tags_and_its_agency(client, agency, seaweed):
    url = seaweed.get_absolute_url()
    assert "Petani rumput laut panen raya." in client.get(url).content.decode()
    Article.objects.filter(pk=seaweed.pk).update(
        body="<p>Panen mencapai 40 ton.</p>", lead="Panen raya rumput laut."
    )
    seaweed.tags.create(name="Budidaya", slug="budidaya")
    agency.name = "Dinas Kelautan dan Perikanan Prov. Kalteng"
    agency.save()
    page = client.get(url).content.decode()
    assert "Panen mencapai 40 ton." in page and "Panen raya rumput laut." in page
    assert "#Budidaya" in page
    assert "Dinas Kelautan dan Perikanan Prov. Kalteng" in page


def test_a_worker_shows_the_fragments_it_used_last_without_asking_the_cache(
    client, agency, seaweed
):
    client.get("/berita/")
    cache.clear()  # the shared cache lost them (Redis restarted): this worker still has them
    asked = []
    original = cache.get_many
    cache.get_many = lambda keys, *args, **kwargs: asked.append(keys) or original(keys)
    try:
        page = client.get("/berita/").content.decode()
    finally:
        del cache.get_many
    assert "Panen rumput laut di Kumai" in page
    assert asked == []
