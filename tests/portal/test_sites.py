"""An agency's own domain: the same addresses show only that agency's site, its page at "/";
the portal's host keeps showing every agency; canonical links, feeds and sitemaps name the host
that serves each page; the page cache keeps the hosts apart."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.models import Page

DOMAIN = "dislutkan.kalteng.go.id"


@pytest.fixture(autouse=True)
def _hosts(settings):
    # The deployment accepts the province's subdomains (see README: "An agency's own domain").
    settings.ALLOWED_HOSTS = ["testserver", ".kalteng.go.id"]


@pytest.fixture
def own_site(agency):
    agency.domain = DOMAIN
    agency.save()
    return agency


@pytest.fixture
def news(own_site, other_agency, writer, other_writer, make_article):
    return {
        "own": make_article(own_site, writer, title="Nelayan menerima bantuan kapal"),
        "other": make_article(other_agency, other_writer, title="Pelatihan nelayan ASN"),
    }


def get(client, path, host=DOMAIN, **extra):
    return client.get(path, HTTP_HOST=host, **extra)


def test_home_of_an_agency_domain_is_the_agency_page_with_only_its_news(client, news, own_site):
    page = get(client, "/").content.decode()
    assert own_site.name in page
    assert news["own"].title in page
    assert news["other"].title not in page


def test_portal_host_keeps_showing_every_agency(client, news, own_site, other_agency):
    page = client.get("/").content.decode()
    assert news["own"].title in page and news["other"].title in page
    assert client.get(news["other"].get_absolute_url()).status_code == 200
    assert client.get(other_agency.get_absolute_url()).status_code == 200


def test_another_agencys_content_is_not_on_an_agency_domain(client, news, other_agency):
    assert get(client, news["other"].get_absolute_url()).status_code == 404
    assert get(client, other_agency.get_absolute_url()).status_code == 404
    assert get(client, f"/berita/?instansi={other_agency.slug}").status_code == 404
    assert get(client, f"/instansi/{other_agency.slug}/feed/").status_code == 404
    listing = get(client, "/berita/").content.decode()
    assert news["own"].title in listing and news["other"].title not in listing


def test_search_on_an_agency_domain_finds_only_its_news(client, news):
    page = get(client, "/cari/?q=nelayan").content.decode()
    assert news["own"].title in page
    assert news["other"].title not in page


def test_pages_of_another_agency_are_not_on_an_agency_domain(client, own_site, other_agency,
                                                             writer):  # fmt: skip
    from django.utils import timezone

    page = Page.objects.create(
        agency=other_agency, author=writer, title="Profil", status=Page.Status.PUBLISHED,
        publish_at=timezone.now(),
    )  # fmt: skip
    assert client.get(page.get_absolute_url()).status_code == 200
    assert get(client, page.get_absolute_url()).status_code == 404


def test_canonical_link_of_an_agency_article_is_on_its_own_domain_from_every_host(client, news):
    url = news["own"].get_absolute_url()
    canonical = f'<link rel="canonical" href="http://{DOMAIN}{url}">'
    assert canonical in client.get(url).content.decode()
    assert canonical in get(client, url).content.decode()
    # An agency without a domain: its news stays canonical on the portal's host.
    other = news["other"].get_absolute_url()
    assert f'href="http://testserver{other}"' in client.get(other).content.decode()


def test_agency_page_on_the_portal_names_the_agency_domain_home_as_canonical(client, own_site):
    page = client.get(own_site.get_absolute_url()).content.decode()
    assert f'<link rel="canonical" href="http://{DOMAIN}/">' in page


def test_feed_on_an_agency_domain_holds_its_news_linked_on_its_domain(client, news):
    feed = get(client, "/feed/").content.decode()
    assert news["own"].title in feed and news["other"].title not in feed
    assert f"<link>http://{DOMAIN}{news['own'].get_absolute_url()}</link>" in feed
    # The portal's feed links the agency's news on the agency's domain too.
    portal_feed = client.get("/feed/").content.decode()
    assert f"<link>http://{DOMAIN}{news['own'].get_absolute_url()}</link>" in portal_feed
    assert f"<link>http://testserver{news['other'].get_absolute_url()}</link>" in portal_feed


def test_sitemaps_list_what_is_canonical_on_their_host(client, news, own_site, other_agency):
    own = get(client, "/sitemap-berita.xml").content.decode()
    assert f"http://{DOMAIN}{news['own'].get_absolute_url()}" in own
    assert news["other"].slug not in own
    assert f"<loc>http://{DOMAIN}/</loc>" in get(client, "/sitemap-instansi.xml").content.decode()
    portal = client.get("/sitemap-berita.xml").content.decode()
    assert news["other"].slug in portal and news["own"].slug not in portal
    agencies = client.get("/sitemap-instansi.xml").content.decode()
    assert other_agency.get_absolute_url() in agencies
    assert own_site.get_absolute_url() not in agencies
    assert f"Sitemap: http://{DOMAIN}/sitemap.xml" in get(client, "/robots.txt").content.decode()


def test_the_domain_map_follows_changes_of_agencies(client, news, own_site, other_agency):
    assert (
        get(client, "/", host="bpsdm.kalteng.go.id").content.decode().count(news["other"].title)
    )  # not an agency's domain yet: the portal's home
    other_agency.domain = "BPSDM.Kalteng.go.id"
    other_agency.save()
    page = get(client, "/", host="bpsdm.kalteng.go.id").content.decode()
    assert news["other"].title in page and news["own"].title not in page
    own_site.domain = ""
    own_site.save()
    assert news["other"].title in get(client, "/").content.decode()  # back to the portal


def test_the_host_costs_no_query(client, news, own_site):
    def queries(path, host):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path, HTTP_HOST=host).status_code == 200
        return len(captured)

    # The agency's page costs no more on its own domain's home than on the portal (one less: the
    # agency comes with the host, from the cache).
    assert queries("/", DOMAIN) <= queries(own_site.get_absolute_url(), "testserver")
    assert queries("/berita/", DOMAIN) == queries("/berita/", "testserver")


def test_page_cache_keeps_hosts_apart(client, settings, news):
    settings.HUMAS_PAGE_CACHE_SECONDS = 300
    portal = client.get("/").content.decode()
    own = get(client, "/")
    assert own.get("X-Page-Cache") == "miss"
    assert news["other"].title in portal and news["other"].title not in own.content.decode()
    again = get(client, "/")
    assert again.get("X-Page-Cache") == "hit"
    assert news["other"].title not in again.content.decode()
    assert news["other"].title in client.get("/").content.decode()


@pytest.mark.parametrize(
    ("domain", "refused"),
    [
        ("dislutkan.kalteng.go.id", False),
        ("Dislutkan.Kalteng.go.id.", False),
        ("dinas.contoh.go.id", True),  # not among the hosts this deployment answers
        ("https://dislutkan.kalteng.go.id/", True),  # an address, not a host name
        ("dislutkan.kalteng.go.id:8443", True),
    ],
)
def test_an_agency_domain_must_be_a_host_the_deployment_answers(own_site, domain, refused):
    from django.core.exceptions import ValidationError

    own_site.domain = domain
    if refused:
        with pytest.raises(ValidationError) as error:
            own_site.full_clean()
        assert "domain" in error.value.message_dict
    else:
        own_site.full_clean()


def test_ppid_pages_on_an_agency_domain_ask_and_list_only_that_agency(client, own_site,
                                                                     other_agency):  # fmt: skip
    from ppid.models import DIPEntry

    for agency, title in ((own_site, "Renstra Dislutkan"), (other_agency, "Renstra BPSDM")):
        DIPEntry.objects.create(agency=agency, title=title, category="berkala", published=True)
    dip = get(client, "/ppid/informasi/").content.decode()
    assert "Renstra Dislutkan" in dip and "Renstra BPSDM" not in dip
    assert "Renstra BPSDM" in client.get("/ppid/informasi/").content.decode()
    form = get(client, "/ppid/permohonan/").context["form"]
    assert list(form.fields["agency"].queryset) == [own_site]
    assert form.initial["agency"] == own_site
    # Another agency cannot be chosen there, even by a hand-made request.
    posted = client.post("/ppid/permohonan/", {"agency": other_agency.pk}, HTTP_HOST=DOMAIN)
    assert "agency" in posted.context["form"].errors


def test_a_domain_no_longer_accepted_is_named_by_the_database_check(own_site, settings):
    from portal.checks import agency_domains_are_served

    assert agency_domains_are_served(databases=["default"]) == []
    settings.ALLOWED_HOSTS = ["testserver"]
    (warning,) = agency_domains_are_served(databases=["default"])
    assert warning.id == "portal.W001" and DOMAIN in warning.msg


@pytest.mark.parametrize(
    "path", ["/", "/berita/", "/berita/?halaman=2", "/cari/?q=nelayan", "/feed/", "/sitemap.xml",
             "/sitemap-berita.xml", "/ppid/informasi/"],
)  # fmt: skip
def test_an_agency_domain_keeps_a_constant_query_count(client, own_site, writer, make_article,
                                                       path):  # fmt: skip
    def grow_to(count):
        while own_site.articles.count() < count:
            make_article(own_site, writer, title=f"Kabar nelayan {own_site.articles.count()}")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert get(client, path).status_code == 200, path
        return len(captured)

    grow_to(15)
    get(client, path)  # menus and other per-site pieces read into the cache once
    few = queries()
    grow_to(50)
    assert queries() == few
