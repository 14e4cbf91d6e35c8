"""The open JSON API at /api/v1/: only what the public may see, paged by cursor, filtered, cached
like pages, readable from any web page, rate-limited, and never a 500 for what a client sends."""

import base64
from datetime import timedelta
from datetime import timezone as dt_timezone

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hsettings
from hypothesis import strategies as st

from newsroom import editing, workflow
from newsroom.models import Article, Category, Page, Tag

pytestmark = pytest.mark.django_db


def results(client, path, **extra):
    response = client.get(path, **extra)
    assert response.status_code == 200, response.content
    return response.json()["results"]


def titles(client, path, **extra):
    return [item["title"] for item in results(client, path, **extra)]


# -- the public rule -------------------------------------------------------------------------------


@pytest.fixture
def mixed_articles(agency, writer, make_article):
    now = timezone.now()
    visible = make_article(agency, writer, title="Tayang")
    hidden = [
        make_article(agency, writer, title="Draf", status=Article.Status.DRAFT),
        make_article(agency, writer, title="Ditinjau", status=Article.Status.IN_REVIEW),
        make_article(agency, writer, title="Terjadwal", publish_at=now + timedelta(hours=2)),
        make_article(agency, writer, title="Kedaluwarsa", expire_at=now - timedelta(minutes=1)),
        make_article(agency, writer, title="Diarsipkan", status=Article.Status.ARCHIVED),
    ]
    return visible, hidden


def test_articles_list_only_what_the_public_may_see(client, mixed_articles):
    visible, hidden = mixed_articles
    assert titles(client, "/api/v1/articles/") == ["Tayang"]
    assert client.get(f"/api/v1/articles/{visible.pk}/").json()["title"] == "Tayang"
    for article in hidden:
        response = client.get(f"/api/v1/articles/{article.pk}/")
        assert response.status_code == 404
        assert response.json() == {"detail": "Tidak ada item publik di alamat ini."}


def test_an_article_names_no_person(client, agency, writer, make_article):
    make_article(agency, writer, title="Panen raya", cover_credit="Humas Dislutkan")
    item = results(client, "/api/v1/articles/")[0]
    text = str(item)
    assert "penulis" not in text and "Rina" not in text and "example.go.id" not in text
    assert not {"author", "status", "version", "revisions"} & set(item)
    assert item["agency"] == {
        "slug": "dislutkan",
        "name": "Dinas Kelautan dan Perikanan",
        "short_name": "Dislutkan",
    }
    assert item["url"] == f"http://testserver/berita/{item['slug']}/"


def test_pages_are_listed_only_under_published_sections(client, agency, writer):
    now = timezone.now() - timedelta(hours=1)
    live = {"status": Page.Status.PUBLISHED, "publish_at": now}
    section = Page.objects.create(agency=agency, author=writer, title="Profil", **live)
    Page.objects.create(agency=agency, author=writer, title="Visi dan Misi", parent=section, **live)
    draft = Page.objects.create(agency=agency, author=writer, title="PPID")  # a draft section
    hidden = Page.objects.create(
        agency=agency, author=writer, title="Maklumat", parent=draft, **live
    )

    listed = {item["title"]: item for item in results(client, "/api/v1/pages/")}
    assert set(listed) == {"Profil", "Visi dan Misi"}
    assert (
        listed["Visi dan Misi"]["url"]
        == "http://testserver/instansi/dislutkan/profil/visi-dan-misi/"
    )
    assert listed["Visi dan Misi"]["parent"] == section.pk
    assert client.get(f"/api/v1/pages/{hidden.pk}/").status_code == 404


def test_agencies_show_their_public_identity_only(client, agency):
    agency.head_name = "Ir. Budi Santoso"
    agency.email = "dislutkan@kalteng.go.id"
    agency.save()
    (item,) = results(client, "/api/v1/agencies/")
    assert item["email"] == "dislutkan@kalteng.go.id"
    assert "head_name" not in item and "Budi" not in str(item)
    assert client.get("/api/v1/agencies/dislutkan/").json()["name"] == agency.name
    assert client.get("/api/v1/agencies/tidak-ada/").status_code == 404


def test_an_agency_domain_shows_only_that_agency(client, settings, agency, other_agency, writer,
                                                 make_article):  # fmt: skip
    settings.ALLOWED_HOSTS = ["*"]
    agency.domain = "dislutkan.kalteng.go.id"
    agency.save()
    make_article(agency, writer, title="Berita Dislutkan")
    make_article(other_agency, writer, title="Berita BPSDM")

    assert set(titles(client, "/api/v1/articles/")) == {"Berita Dislutkan", "Berita BPSDM"}
    own = {"HTTP_HOST": "dislutkan.kalteng.go.id"}
    assert titles(client, "/api/v1/articles/", **own) == ["Berita Dislutkan"]
    assert [a["slug"] for a in results(client, "/api/v1/agencies/", **own)] == ["dislutkan"]


# -- pagination ------------------------------------------------------------------------------------


def test_cursor_pages_walk_every_item_once_newest_first(client, agency, writer, make_article):
    same_minute = timezone.now() - timedelta(days=1)
    made = [make_article(agency, writer, publish_at=same_minute) for _ in range(5)]
    made += [make_article(agency, writer) for _ in range(20)]
    expected = [a.pk for a in sorted(made, key=lambda a: (a.publish_at, a.pk), reverse=True)]

    seen, path = [], "/api/v1/articles/?limit=7"
    while path:
        page = client.get(path).json()
        assert len(page["results"]) <= 7
        seen += [item["id"] for item in page["results"]]
        path = page["next"]
    assert seen == expected

    second = client.get(client.get("/api/v1/articles/?limit=7").json()["next"]).json()
    back = client.get(second["previous"]).json()
    assert [item["id"] for item in back["results"]] == expected[:7]


def test_a_newly_published_article_does_not_shift_the_next_page(client, agency, writer,
                                                                make_article):  # fmt: skip
    for _ in range(4):
        make_article(agency, writer)
    first = client.get("/api/v1/articles/?limit=2").json()
    make_article(agency, writer, title="Baru", publish_at=timezone.now())
    following = client.get(first["next"]).json()
    ids = [item["id"] for item in first["results"] + following["results"]]
    assert len(set(ids)) == 4


@pytest.mark.parametrize("limit", ["0", "101", "-1", "abc", "1e3", "99999999999999999999", ""])
def test_a_page_size_out_of_range_is_refused(client, limit):
    response = client.get(f"/api/v1/articles/?limit={limit}")
    assert response.status_code == 400
    assert response.json()["errors"]["limit"] == ["Masukkan bilangan bulat dari 1 sampai 100."]


def _cursor(query: str) -> str:
    return base64.b64encode(query.encode()).decode()


@pytest.mark.parametrize(
    "cursor",
    ["xx", "%%%", _cursor("p=bukan-tanggal"), _cursor("o=-5"), _cursor("r=x"),
     _cursor("p=0001-01-01 00:00:00"), _cursor("p=9999-12-31 23:59:59+00:00"), "🙂"],
)  # fmt: skip
def test_a_cursor_not_made_by_the_api_is_refused(client, agency, writer, make_article, cursor):
    make_article(agency, writer)
    response = client.get("/api/v1/articles/", {"cursor": cursor})
    assert response.status_code == 400
    assert list(response.json()["errors"]) == ["cursor"]


def test_a_forged_cursor_position_never_reaches_the_database_as_text_it_refuses(client, agency):
    response = client.get("/api/v1/agencies/", {"cursor": _cursor("p=abc\x00")})
    assert response.status_code == 400


# -- filters ---------------------------------------------------------------------------------------


def test_filters_by_agency_category_and_featured(client, agency, other_agency, writer,
                                                 make_article):  # fmt: skip
    fisheries = Category.objects.create(name="Perikanan", slug="perikanan")
    tag = Tag.objects.create(name="Nelayan", slug="nelayan")
    article = make_article(agency, writer, title="Ikan", category=fisheries, is_featured=True)
    article.tags.add(tag)
    make_article(agency, writer, title="Lain")
    make_article(other_agency, writer, title="Pelatihan")

    assert set(titles(client, "/api/v1/articles/?agency=dislutkan")) == {"Ikan", "Lain"}
    assert titles(client, "/api/v1/articles/?agency=bpsdm") == ["Pelatihan"]
    assert titles(client, "/api/v1/articles/?category=perikanan") == ["Ikan"]
    assert titles(client, "/api/v1/articles/?featured=true") == ["Ikan"]
    (item,) = results(client, "/api/v1/articles/?category=perikanan&agency=dislutkan")
    assert item["category"] == {"slug": "perikanan", "name": "Perikanan"}
    assert item["tags"] == [{"slug": "nelayan", "name": "Nelayan"}]


def test_filters_by_publication_date(client, agency, writer, make_article):
    wib = timezone.get_current_timezone()
    on = lambda *args: timezone.make_aware(timezone.datetime(*args), wib)  # noqa: E731
    make_article(agency, writer, title="Awal", publish_at=on(2026, 11, 1, 23, 30))
    make_article(agency, writer, title="Tengah", publish_at=on(2026, 11, 15, 9, 0))
    make_article(agency, writer, title="Akhir", publish_at=on(2026, 11, 28, 0, 5))

    assert titles(client, "/api/v1/articles/?since=2026-11-15") == ["Akhir", "Tengah"]
    # A date alone as the end takes the whole day (WIB).
    assert titles(client, "/api/v1/articles/?until=2026-11-01") == ["Awal"]
    assert titles(client, "/api/v1/articles/?since=2026-11-02&until=2026-11-27") == ["Tengah"]
    # A time with an offset; its "+" may arrive as a space when not encoded.
    assert titles(client, "/api/v1/articles/?since=2026-11-15T02:00:00Z") == ["Akhir", "Tengah"]
    assert titles(client, "/api/v1/articles/?until=2026-11-15T09:00:00+07:00") == [
        "Tengah",
        "Awal",
    ]
    assert titles(client, "/api/v1/articles/?until=2026-11-15T09:00:00 07:00") == [
        "Tengah",
        "Awal",
    ]


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("since=kemarin", "since"),
        ("until=2026-13-45", "until"),
        ("since=2026-11-28T25:00", "since"),
        ("until=9998-12-31", None),  # far ahead: valid, every article is before it
        ("until=9999-12-31", "until"),  # out of the database's range once moved to UTC
        ("since=0001-01-01", "since"),
        ("until=9999-12-31T23:59:59-12:00", "until"),
        ("agency=tidak-ada", "agency"),
        ("category=tidak-ada", "category"),
        ("featured=mungkin", "featured"),
        ("instansi=dislutkan", "instansi"),
        ("page=2", "page"),
        ("format=api", "format"),
    ],
)
def test_bad_filters_are_refused_with_the_parameter_named(client, agency, writer, make_article,
                                                          query, parameter):  # fmt: skip
    make_article(agency, writer)
    response = client.get(f"/api/v1/articles/?{query}")
    if parameter is None:
        assert response.status_code == 200
        return
    assert response.status_code == 400
    body = response.json()
    assert body["detail"] == "Ada parameter yang tidak valid dalam permintaan ini."
    assert list(body["errors"]) == [parameter]
    assert all(isinstance(m, str) and m for m in body["errors"][parameter])


def test_an_unknown_parameter_names_the_ones_the_list_takes(client):
    message = client.get("/api/v1/articles/?q=ikan").json()["errors"]["q"][0]
    assert "agency, category, cursor, featured, limit, since, until" in message
    detail = client.get("/api/v1/agencies/dislutkan/?x=1")
    assert detail.status_code == 400


@hsettings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    name=st.sampled_from(["since", "until", "limit", "cursor", "agency", "category", "featured"]),
    value=st.text(max_size=40)
    | st.dates().map(str)
    | st.builds(
        lambda moment, hours: moment.replace(
            tzinfo=dt_timezone(timedelta(hours=hours))
        ).isoformat(),
        st.datetimes(),
        st.integers(-12, 14),
    ),
)
def test_no_query_value_reaches_a_server_error(client, name, value):
    cache.clear()  # the rate limit
    response = client.get("/api/v1/articles/", {name: value})
    assert response.status_code in (200, 400)
    if "\x00" not in value:  # refused as HTML before any view (humas.security)
        assert response["Content-Type"] == "application/json"


@hsettings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    path=st.sampled_from(
        ["/api/v1/articles/", "/api/v1/agencies/", "/api/v1/ppid/dip/", "/api/v1/events/"]
    ),  # fmt: skip
    decoded=st.binary(max_size=60)
    | st.text(max_size=60).map(lambda text: f"r=1&p={text}".encode()),
)
def test_no_forged_cursor_reaches_a_server_error(client, path, decoded):
    cache.clear()  # the rate limit
    response = client.get(path, {"cursor": base64.b64encode(decoded).decode()})
    assert response.status_code in (200, 400)


def test_addresses_outside_the_resources_answer_json_404(client):
    for path in ["/api/v1/berita/", "/api/v1/articles/abc/", "/api/v1/articles/9999999999999999/"]:
        response = client.get(path)
        assert response.status_code == 404, path
        assert response.json()["detail"] == "Tidak ada item publik di alamat ini."


def test_the_api_only_reads(client):
    response = client.post("/api/v1/articles/", {"title": "x"})
    assert response.status_code == 405
    assert response.json() == {"detail": "API ini hanya untuk membaca: gunakan GET."}


# -- CORS and the rate limit -----------------------------------------------------------------------


def test_any_web_page_may_read_the_api(client):
    for path in ["/api/v1/articles/", "/api/v1/articles/?limit=0", "/api/v1/nope/"]:
        assert (
            client.get(path, HTTP_ORIGIN="https://contoh.id")["Access-Control-Allow-Origin"] == "*"
        )
        assert client.get(path)["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/articles/",
        HTTP_ORIGIN="https://contoh.id",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="if-none-match",
    )
    assert preflight.status_code == 204
    assert preflight["Access-Control-Allow-Origin"] == "*"
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "If-None-Match" in preflight["Access-Control-Allow-Headers"]
    assert "Access-Control-Allow-Credentials" not in preflight


def test_the_portal_pages_send_no_cors_header(client, agency):
    assert "Access-Control-Allow-Origin" not in client.get("/berita/")


def test_too_many_requests_from_one_address_are_refused_in_json(client, settings):
    settings.HUMAS_API_RATE = "3/min"
    for _ in range(3):
        assert client.get("/api/v1/articles/").status_code == 200
    refused = client.get("/api/v1/agencies/")
    assert refused.status_code == 429
    assert refused["Access-Control-Allow-Origin"] == "*"
    seconds = int(refused["Retry-After"])
    assert 1 <= seconds <= 60
    assert refused.json() == {
        "detail": f"Terlalu banyak permintaan dari alamat Anda. Silakan coba lagi dalam "
        f"{seconds} detik."
    }
    # Another address is counted apart.
    assert client.get("/api/v1/articles/", REMOTE_ADDR="10.0.0.9").status_code == 200
    # A forwarding header a client can forge does not make it another address.
    forged = client.get("/api/v1/articles/", HTTP_X_FORWARDED_FOR="10.1.1.1")
    assert forged.status_code == 429


# -- the page cache --------------------------------------------------------------------------------


@pytest.fixture
def page_cache(settings):
    settings.HUMAS_PAGE_CACHE_SECONDS = 300
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    cache.clear()


def test_a_newly_published_article_appears_in_the_cached_list(
    client, page_cache, agency, writer, supervisor, make_article, django_capture_on_commit_callbacks
):
    make_article(agency, writer, title="Lama")
    assert client.get("/api/v1/articles/")["X-Page-Cache"] == "miss"
    hit = client.get("/api/v1/articles/")
    assert hit["X-Page-Cache"] == "hit" and hit["Access-Control-Allow-Origin"] == "*"
    assert [a["title"] for a in hit.json()["results"]] == ["Lama"]

    with django_capture_on_commit_callbacks(execute=True):
        article = editing.create(
            Article(agency=agency, title="Lelang kerapu", lead="Ringkas.", body="<p>Isi.</p>"),
            actor=writer,
        )
        workflow.submit(article, actor=writer)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.approve(article, actor=supervisor)

    after = client.get("/api/v1/articles/")
    assert [a["title"] for a in after.json()["results"]] == ["Lelang kerapu", "Lama"]


def test_a_client_holding_the_current_list_gets_304(client, page_cache, agency, writer,
                                                    make_article):  # fmt: skip
    make_article(agency, writer)
    first = client.get("/api/v1/articles/")
    assert first["ETag"] and first["Last-Modified"]
    again = client.get("/api/v1/articles/", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304


def test_errors_and_ppid_answers_are_not_kept_in_the_page_cache(client, page_cache):
    for path in ["/api/v1/articles/?limit=0", "/api/v1/ppid/dip/"]:
        client.get(path)
        assert client.get(path).get("X-Page-Cache") != "hit", path


# -- a constant number of queries ------------------------------------------------------------------


def _queries(client, path):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(path)
    assert response.status_code == 200, response.content
    return len(response.json()["results"]), len(queries)


def test_lists_cost_the_same_queries_at_5_and_50_items(client, agency, writer, make_article):
    category = Category.objects.create(name="Perikanan", slug="perikanan")
    tags = [Tag.objects.create(name=f"Tag {n}", slug=f"tag-{n}") for n in range(3)]

    def add(count):
        for n in range(count):
            article = make_article(agency, writer, category=category if n % 2 else None)
            article.tags.set(tags[: n % 4])
            Page.objects.create(
                agency=agency, author=writer, title=f"Halaman {n}",
                status=Page.Status.PUBLISHED, publish_at=timezone.now() - timedelta(hours=1),
            )  # fmt: skip

    paths = [
        "/api/v1/articles/?limit=50",  # the page, its tags (and the site's agency by host)
        "/api/v1/articles/?limit=50&agency=dislutkan",  # + the agency filter's check
        "/api/v1/pages/?limit=50",  # the public page tree, the page
        "/api/v1/agencies/?limit=50",
    ]
    add(5)
    at_5 = [_queries(client, path) for path in paths]
    add(45)
    at_50 = [_queries(client, path) for path in paths]
    assert [n for n, _q in at_5] == [5, 5, 5, 1] and [n for n, _q in at_50] == [50, 50, 50, 1]
    assert [q for _n, q in at_5] == [q for _n, q in at_50]
    assert max(q for _n, q in at_50) <= 4
