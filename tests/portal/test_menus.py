"""Menus: agency administrators build their agency's header and footer menus in the admin (two
levels, pages, lists or addresses, in order); visitors see them at once, from the cache, in a
disclosure that opens without script; an agency without a menu gets one from its pages."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from newsroom.models import Page
from newsroom.standard_pages import PPID_SECTION, create_standard_pages
from portal.models import Menu, MenuItem


@pytest.fixture
def pages(agency, agency_admin):
    create_standard_pages(agency, author=agency_admin)
    now = timezone.now() - timedelta(minutes=1)
    Page.objects.filter(agency=agency).update(status=Page.Status.PUBLISHED, publish_at=now)
    return {page.path: page for page in Page.objects.filter(agency=agency)}


def header_of(client, path):
    html = client.get(path).content.decode()
    return html.split("</header>", 1)[0], html


def test_agency_page_shows_a_default_menu_built_from_its_published_pages(client, agency, pages):
    _header, html = header_of(client, f"/instansi/{agency.slug}/")
    bar = html.split('class="agency-bar"', 1)[1].split("</nav>", 1)[0]
    assert 'href="/instansi/dislutkan/kontak/">Kontak</a>' in bar
    assert "<summary>Profil</summary>" in bar  # the pages without sub-pages, grouped
    assert "<summary>PPID</summary>" in bar  # a section with its sub-pages
    assert f'href="/instansi/dislutkan/{PPID_SECTION}/maklumat-pelayanan/"' in bar
    assert 'href="/berita/?instansi=dislutkan">Berita</a>' in bar


def test_agency_menu_from_the_admin_replaces_the_default(client, agency, pages):
    menu = Menu.objects.create(agency=agency, location=Menu.Location.HEADER)
    MenuItem.objects.create(menu=menu, position=1, list_target="news")
    service = MenuItem.objects.create(menu=menu, position=2, label="Layanan Publik")
    MenuItem.objects.create(menu=menu, parent=service, position=1, page=pages["kontak"],
                            label="Hubungi Kami")  # fmt: skip
    maklumat = pages[f"{PPID_SECTION}/maklumat-pelayanan"]
    MenuItem.objects.create(menu=menu, parent=service, position=2, page=maklumat)
    MenuItem.objects.create(menu=menu, position=3, label="LAPOR!", url="https://www.lapor.go.id")
    html = client.get(f"/instansi/{agency.slug}/kontak/").content.decode()
    bar = html.split('class="agency-bar"', 1)[1].split("</nav>", 1)[0]
    # The group of the page shown is marked.
    assert bar.index("Berita</a>") < bar.index('<summary class="menu-current">Layanan Publik<')
    assert bar.index("Hubungi Kami") < bar.index("Maklumat Pelayanan") < bar.index("LAPOR!")
    assert '<a href="/instansi/dislutkan/kontak/" aria-current="page">Hubungi Kami</a>' in bar
    assert "<summary>Profil</summary>" not in bar


def test_an_unpublished_or_scheduled_page_is_not_in_the_menu_until_it_is_public(client, agency,
                                                                                pages):  # fmt: skip
    menu = Menu.objects.create(agency=agency, location=Menu.Location.HEADER)
    kontak = pages["kontak"]
    MenuItem.objects.create(menu=menu, page=kontak)
    soon = timezone.now() + timedelta(hours=1)
    Page.objects.filter(pk=kontak.pk).update(publish_at=soon)
    Menu.objects.get(pk=menu.pk).save()  # any save builds the menus afresh
    url = f"/instansi/{agency.slug}/"
    assert ">Kontak</a>" not in client.get(url).content.decode()
    Page.objects.filter(pk=kontak.pk).update(publish_at=timezone.now() - timedelta(seconds=1))
    kontak.refresh_from_db()
    kontak.save()  # a page's change reaches the menus (portal.cache_hooks)
    assert ">Kontak</a>" in client.get(url).content.decode()


def test_portal_menu_and_footer_from_the_admin(client, agency, pages):
    header = Menu.objects.create(agency=None, location=Menu.Location.HEADER)
    MenuItem.objects.create(menu=header, list_target="home", position=1)
    MenuItem.objects.create(menu=header, page=pages["profil"], label="Profil Dislutkan")
    footer = Menu.objects.create(agency=None, location=Menu.Location.FOOTER)
    column = MenuItem.objects.create(menu=footer, label="Tautan Pemerintah")
    MenuItem.objects.create(menu=footer, parent=column, label="Portal Kalteng",
                            url="https://kalteng.go.id")  # fmt: skip
    header_html, html = header_of(client, "/berita/")
    assert 'href="/instansi/dislutkan/profil/">Profil Dislutkan</a>' in header_html
    footer_html = html.split("<footer", 1)[1]
    assert "Tautan Pemerintah" in footer_html and 'href="https://kalteng.go.id"' in footer_html
    assert 'href="https://www.lapor.go.id"' in footer_html  # always there


def test_menu_costs_the_same_queries_with_5_and_50_entries(client, agency, pages):
    menu = Menu.objects.create(agency=agency, location=Menu.Location.HEADER)
    page_list = list(pages.values())

    def grow_to(count):
        while menu.items.count() < count:
            n = menu.items.count()
            MenuItem.objects.create(menu=menu, position=n, page=page_list[n % len(page_list)])

    def cold_queries():
        from django.core.cache import cache

        from portal import fragments

        cache.clear()
        fragments.forget_local()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/instansi/{agency.slug}/").status_code == 200
        return len(queries)

    grow_to(5)
    few = cold_queries()
    grow_to(50)
    assert cold_queries() == few


def test_a_kept_menu_costs_no_query(client, agency, pages, django_assert_num_queries):
    from portal import menus

    menus.site_menus(agency)
    with django_assert_num_queries(0):
        assert menus.site_menus(agency).header


def test_menu_works_without_script_on_a_phone(client, agency, pages):
    header, html = header_of(client, f"/instansi/{agency.slug}/")
    assert '<details class="nav-toggle"><summary>Menu</summary>' in header
    assert "<script" not in html.split("<body", 1)[1].split("</header>", 1)[0]


# -- the rules (MenuItem.clean) ------------------------------------------------------------------


def test_an_entry_has_one_target_two_levels_and_pages_of_its_agency(agency, other_agency, pages,
                                                                    agency_admin):  # fmt: skip
    menu = Menu.objects.create(agency=agency, location=Menu.Location.HEADER)
    top = MenuItem.objects.create(menu=menu, label="Profil")
    child = MenuItem.objects.create(menu=menu, parent=top, page=pages["profil"])
    with pytest.raises(ValidationError):
        MenuItem(menu=menu, page=pages["profil"], list_target="news").full_clean()
    with pytest.raises(ValidationError):
        MenuItem(menu=menu, parent=child, list_target="news").full_clean()  # a third level
    with pytest.raises(ValidationError):
        MenuItem(menu=menu, parent=top).full_clean()  # a sub-entry needs a target
    with pytest.raises(ValidationError):
        MenuItem(menu=menu, label="Jahat", url="javascript:alert(1)").full_clean()
    create_standard_pages(other_agency, author=_superuser())
    foreign = Page.objects.filter(agency=other_agency).first()
    with pytest.raises(ValidationError):
        MenuItem(menu=menu, page=foreign).full_clean()
    MenuItem(menu=menu, label="Portal", url="https://kalteng.go.id").full_clean()
    MenuItem(menu=menu, label="Berkas", url="/dokumen/").full_clean()


def _superuser():
    from accounts.models import User

    return User.objects.create_superuser("root", "root@example.go.id", "kata-sandi-uji-123")


# -- the admin ----------------------------------------------------------------------------------


def test_agency_admin_builds_a_menu_in_the_admin(client, agency, agency_admin, pages):
    client.force_login(agency_admin)
    add = reverse("admin:portal_menu_add")
    form = {
        "agency": agency.pk,
        "location": "header",
        "items-TOTAL_FORMS": "2",
        "items-INITIAL_FORMS": "0",
        "items-MIN_NUM_FORMS": "0",
        "items-MAX_NUM_FORMS": "1000",
        "items-0-position": "1",
        "items-0-list_target": "news",
        "items-1-position": "2",
        "items-1-page": pages["kontak"].pk,
    }
    response = client.post(add, form)
    assert response.status_code == 302, response.content.decode()[:3000]
    menu = Menu.objects.get(agency=agency)
    assert [str(i) for i in menu.items.order_by("position")] == ["Berita", "Kontak"]
    html = client.get(f"/instansi/{agency.slug}/").content.decode()
    bar = html.split('class="agency-bar"', 1)[1].split("</nav>", 1)[0]
    assert "<summary>Profil</summary>" not in bar and ">Kontak</a>" in bar


def test_agency_admin_cannot_make_the_portal_menu_or_see_another_agencys(client, agency,
                                                                        other_agency,
                                                                        agency_admin):  # fmt: skip
    portal_menu = Menu.objects.create(agency=None, location=Menu.Location.HEADER)
    theirs = Menu.objects.create(agency=other_agency, location=Menu.Location.HEADER)
    client.force_login(agency_admin)
    for menu in (portal_menu, theirs):
        response = client.get(reverse("admin:portal_menu_change", args=[menu.pk]))
        assert response.status_code == 404
    response = client.post(reverse("admin:portal_menu_add"), {
        "location": "footer", "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0",
    })  # fmt: skip
    assert response.status_code == 200  # refused: the agency is required
    assert not Menu.objects.filter(location="footer").exists()
    listing = client.get(reverse("admin:portal_menu_changelist")).content.decode()
    assert other_agency.name not in listing


def test_writer_has_no_menu_admin(client, writer):
    client.force_login(writer)
    assert client.get(reverse("admin:portal_menu_changelist")).status_code == 403


def test_a_menu_change_reaches_pages_kept_in_the_page_cache(
    client, agency, pages, settings, django_capture_on_commit_callbacks
):
    settings.HUMAS_PAGE_CACHE_SECONDS = 300
    url = f"/instansi/{agency.slug}/"
    client.get(url)
    assert client.get(url)["X-Page-Cache"] == "hit"
    with django_capture_on_commit_callbacks(execute=True):
        menu = Menu.objects.create(agency=agency, location=Menu.Location.HEADER)
        MenuItem.objects.create(menu=menu, label="Portal Kalteng", url="https://kalteng.go.id")
    response = client.get(url)
    assert response["X-Page-Cache"] == "miss"
    assert 'href="https://kalteng.go.id">Portal Kalteng</a>' in response.content.decode()


def test_a_second_menu_at_the_same_place_is_refused_with_a_clear_message(client, agency,
                                                                         agency_admin):  # fmt: skip
    Menu.objects.create(agency=agency, location=Menu.Location.HEADER)
    client.force_login(agency_admin)
    response = client.post(reverse("admin:portal_menu_add"), {
        "agency": agency.pk, "location": "header", "items-TOTAL_FORMS": "1",
        "items-INITIAL_FORMS": "0", "items-0-position": "1", "items-0-list_target": "news",
    })  # fmt: skip
    assert response.status_code == 200
    page = response.content.decode()
    assert "Instansi ini sudah memiliki menu pada letak ini" in page
    assert 'value="news" selected' in page  # what was typed is kept
    assert Menu.objects.count() == 1


def test_an_entry_whose_page_does_not_exist_yet_is_left_out(client, settings, db):
    from portal import menus

    settings.HUMAS_PORTAL_MENU = [("Berita", "portal:article_list"), ("Belum ada", "portal:nope"),
                                  ("Grup", [("Juga belum", "portal:nope2")])]  # fmt: skip
    menus.forget()
    try:
        header = client.get("/berita/").content.decode().split("</header>", 1)[0]
    finally:
        menus.forget()
    assert ">Berita</a>" in header
    assert "Belum ada" not in header and "Grup" not in header
