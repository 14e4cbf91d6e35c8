"""Cards, agency tiles and article texts are kept in the cache by what they show, so they are never
out of date: keyed by the rows they come from (id, version, updated_at), not by a list of fields."""

import pytest
from django.core.cache import cache
from django.utils import timezone

from accounts.models import Agency
from newsroom import editing, workflow
from newsroom.models import Article, Category
from portal import fragments, menus

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


def correct(article, writer, supervisor, **changes):
    """Publish a correction of ``article`` as the newsroom does: a writer's edit, approved."""
    copy = editing.form_copy(Article.objects.get(pk=article.pk))
    version = copy.version
    for name, value in changes.items():
        setattr(copy, name, value)
    editing.save(copy, actor=writer, expected_version=version)
    workflow.approve_correction(article.pk, actor=supervisor)


def test_lists_show_the_new_title_after_a_correction(client, agency, seaweed, writer, supervisor):
    for path in lists(agency):
        assert "Panen rumput laut di Kumai" in client.get(path).content.decode(), path
    correct(seaweed, writer, supervisor, title="Panen rumput laut di Kumai melimpah")
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
        if not all(key.startswith("menus:") for key in keys):  # the site's menus: one read
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


def test_the_kept_article_text_follows_corrections_tags_and_its_agency(
    client, agency, seaweed, writer, supervisor
):
    url = seaweed.get_absolute_url()
    assert "Petani rumput laut panen raya." in client.get(url).content.decode()
    correct(seaweed, writer, supervisor, body="<p>Panen mencapai 40 ton.</p>",
            lead="Panen raya rumput laut.")  # fmt: skip
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
    # Only the site's menus are read (portal.menus: rows, not fragments), in one round trip.
    assert [keys for keys in asked if not all(k.startswith("menus:") for k in keys)] == []
    assert len(asked) == 1


@pytest.fixture
def card_template_showing_the_caption(settings, tmp_path):
    """templates/portal/_card.html as a developer might extend it: the photo caption added."""
    original = (settings.BASE_DIR / "templates" / fragments.CARD_TEMPLATE).read_text()
    caption = '<p class="caption">{{ article.cover_caption }}</p>'
    extended = original.replace('<p class="card-meta">', caption + '<p class="card-meta">')
    assert extended != original
    (tmp_path / "portal").mkdir()
    (tmp_path / fragments.CARD_TEMPLATE).write_text(extended)
    engine = settings.TEMPLATES[0]
    settings.TEMPLATES = [{**engine, "DIRS": [tmp_path, *engine["DIRS"]]}]
    fragments._template.cache_clear()
    yield
    fragments._template.cache_clear()


def test_a_field_added_to_the_card_template_is_never_served_stale(
    client, agency, seaweed, card_template_showing_the_caption
):
    # Nothing lists the fields a card shows: the caption, which no key named before, is fresh too.
    seaweed.cover_caption = "Foto: petani di Kumai"
    seaweed.save()
    assert "Foto: petani di Kumai" in client.get("/berita/").content.decode()
    seaweed.cover_caption = "Foto: panen di Teluk Kumai"
    seaweed.save()
    page = client.get("/berita/").content.decode()
    assert "Foto: panen di Teluk Kumai" in page and "Foto: petani di Kumai" not in page


def test_the_header_menu_and_footer_links_come_from_the_settings(client, settings, agency):
    settings.HUMAS_PORTAL_MENU = [*settings.HUMAS_PORTAL_MENU, ("Agenda", "/agenda/")]
    settings.HUMAS_PORTAL_FOOTER_LINKS = [("Layanan", [("Pengaduan", "/pengaduan/")])]
    menus.forget()
    try:
        page = client.get("/berita/").content.decode()
    finally:
        menus.forget()
    header, footer = page.split("</header>", 1)
    assert 'href="/agenda/">Agenda</a>' in header
    assert 'href="/ppid/">PPID</a>' in header  # the project's own entries stay
    assert 'href="/pengaduan/">Pengaduan</a>' in footer.split("<footer", 1)[1]
