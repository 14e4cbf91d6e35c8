"""Search: Indonesian full-text search on PostgreSQL, a plain fallback on SQLite."""

import pytest
from django.db import connection
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsroom.models import Article
from portal.search import (
    MAX_QUERY_LENGTH,
    MAX_TERMS,
    normalise_query,
    search_articles,
    snippet_for,
)

TRAINING = {
    "title": "Pelatihan Digital Public Relation di Dislutkan",
    "lead": "Tiga puluh ASN mengikuti pelatihan selama tujuh hari.",
    "body": "<p>Peserta belajar <strong>kehumasan</strong> digital dan siaran pers.</p>",
}


@pytest.fixture
def training(agency, writer, make_article):
    return make_article(agency, writer, **TRAINING)


@pytest.fixture
def unrelated(agency, writer, make_article):
    return make_article(agency, writer, title="Panen raya udang", lead="Petambak panen.",
                        body="<p>Udang vaname dipanen di Kotawaringin.</p>")  # fmt: skip


def titles(queryset):
    return [a.title for a in queryset]


def test_search_page_finds_by_words_and_highlights_them(client, training, unrelated):
    response = client.get("/cari/", {"q": "pelatihan digital"})
    body = response.content.decode()
    assert response.status_code == 200
    assert training.get_absolute_url() in body
    assert unrelated.get_absolute_url() not in body
    assert "<mark>" in body


def test_every_word_must_match(training, unrelated):
    assert titles(search_articles("pelatihan udang")) == []
    assert titles(search_articles("udang")) == ["Panen raya udang"]


def test_empty_or_blank_query_finds_nothing_and_page_asks_for_words(client, training):
    assert list(search_articles("   ")) == []
    response = client.get("/cari/", {"q": " "})
    assert response.status_code == 200
    assert training.get_absolute_url() not in response.content.decode()


def test_unpublished_articles_are_not_found(agency, writer, make_article):
    make_article(agency, writer, status=Article.Status.DRAFT, **TRAINING)
    make_article(agency, writer, publish_at=timezone.now() + timezone.timedelta(days=1),
                 **{**TRAINING, "title": "Pelatihan terjadwal"})  # fmt: skip
    assert list(search_articles("pelatihan")) == []


@pytest.mark.parametrize(
    "query", ["'\"", "a & b | !c", ":*", "pelatihan -", "OR", "()", "<script>", "%_%", "x" * 500]
)
def test_odd_queries_never_fail(client, training, query):
    assert client.get("/cari/", {"q": query}).status_code == 200


def test_snippet_escapes_text_and_marks_only_matches(agency, writer, make_article):
    make_article(agency, writer, title="Sosialisasi keamanan siber",
                 lead="Awas tautan <b>palsu</b> & pesan berantai.",
                 body="<p>Jangan klik tautan &lt;script&gt;alert(1)&lt;/script&gt; yang "
                      "mengatasnamakan dinas.</p>")  # fmt: skip
    [article] = search_articles("tautan")
    snippet = str(snippet_for(article, "tautan"))
    assert "<mark>" in snippet
    assert "<script>" not in snippet and "<b>" not in snippet
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


# --- PostgreSQL: stems, weights, the index ------------------------------------------------------


def test_stemming_finds_kehumasan_for_humas(on_postgres, training, unrelated):
    """'pelatihan humas' finds 'Pelatihan ... kehumasan' (the Indonesian stemmer strips ke-an)."""
    assert titles(search_articles("pelatihan humas")) == [TRAINING["title"]]
    assert titles(search_articles("dilatih")) == [TRAINING["title"]]


def test_title_match_ranks_above_body_match(on_postgres, agency, writer, make_article):
    in_body = make_article(agency, writer, title="Rapat koordinasi", lead="Rapat.",
                           body="<p>Membahas nelayan di pesisir.</p>",
                           publish_at=timezone.now() - timezone.timedelta(minutes=1))  # fmt: skip
    in_title = make_article(agency, writer, title="Bantuan untuk nelayan", lead="Bantuan.",
                            body="<p>Diserahkan hari ini.</p>",
                            publish_at=timezone.now() - timezone.timedelta(days=5))  # fmt: skip
    assert [a.pk for a in search_articles("nelayan")] == [in_title.pk, in_body.pk]


def test_search_uses_the_gin_index(on_postgres, agency, writer, training):
    """The search condition is answered from the GIN index over the stored document."""
    now = timezone.now()
    Article.objects.bulk_create(
        Article(agency=agency, author=writer, title=f"Berita rutin {n}", slug=f"rutin-{n}",
                lead="Kegiatan rutin dinas.", body="<p>Rapat mingguan staf.</p>",
                status=Article.Status.PUBLISHED, publish_at=now - timezone.timedelta(hours=n))
        for n in range(1, 3000)
    )  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE newsroom_article")
        # A few thousand rows still fit a scan of the table or of the public-articles index, so
        # look at the search condition alone, without sequential scans (for this transaction).
        cursor.execute("SET LOCAL enable_seqscan = off")
    plan = search_articles("pelatihan humas", base=Article.objects.all()).explain()
    assert "article_search_document_idx" in plan
    assert titles(search_articles("pelatihan humas")) == [TRAINING["title"]]


def test_stored_document_follows_every_kind_of_write(on_postgres, agency, writer, make_article):
    """The trigger keeps the search document right for save(), update() and bulk_create()."""
    article = make_article(agency, writer, title="Rapat koordinasi", lead="Rapat.", body="<p></p>")
    assert titles(search_articles("nelayan")) == []
    article.title = "Rapat koordinasi nelayan"
    article.save()
    assert titles(search_articles("nelayan")) == ["Rapat koordinasi nelayan"]
    Article.objects.filter(pk=article.pk).update(title="Rapat", body="<p>Benih ikan patin</p>")
    assert titles(search_articles("nelayan")) == []
    assert titles(search_articles("patin")) == ["Rapat"]
    Article.objects.bulk_create([
        Article(agency=agency, author=writer, title="Lomba perahu naga", slug="lomba",
                lead="Festival.", body="<p></p>", status=Article.Status.PUBLISHED,
                publish_at=timezone.now() - timezone.timedelta(hours=1))
    ])  # fmt: skip
    assert titles(search_articles("perahu")) == ["Lomba perahu naga"]


def test_headline_snippet_highlights_stemmed_matches(on_postgres, training):
    [article] = search_articles("humas")
    snippet = str(snippet_for(article, "humas"))
    assert "<mark>kehumasan</mark>" in snippet
    assert "<strong>" not in snippet


# --- SQLite fallback -----------------------------------------------------------------------------


def test_fallback_matches_words_in_title_lead_or_body_case_insensitively(training, unrelated):
    if connection.vendor == "postgresql":
        pytest.skip("the fallback serves SQLite")
    assert titles(search_articles("PELATIHAN kehumasan")) == [TRAINING["title"]]
    assert titles(search_articles("siaran tujuh")) == [TRAINING["title"]]
    snippet = str(snippet_for(search_articles("pelatihan")[0], "pelatihan"))
    assert "<mark>pelatihan</mark>" in snippet


# --- Bounded work: only the newest matches are ranked, and results stop after some pages ---------


def hours(n):
    return timezone.timedelta(hours=n)


def make_matches(agency, writer, count, *, word="nelayan", start_hours=1, title="Rapat rutin"):
    """``count`` published articles mentioning ``word`` in the lead and body, newest first."""
    now = timezone.now()
    return Article.objects.bulk_create(
        Article(agency=agency, author=writer, title=f"{title} {n}",
                slug=f"{word}-{start_hours}-{n}", lead=f"Kegiatan {word}.",
                body=f"<p>Membahas {word} di pesisir.</p>",
                status=Article.Status.PUBLISHED,
                publish_at=now - timezone.timedelta(hours=start_hours + n))
        for n in range(count)
    )  # fmt: skip


@pytest.mark.parametrize("window", [6, 2], ids=["newest-articles-hold-enough", "rarer-word"])
def test_a_common_word_ranks_the_newest_matches_best_first(
    on_postgres, monkeypatch, agency, writer, make_article, window
):
    """A title match among the newest matches comes first; one older than all of them is only
    found with more words. The same whether the newest articles hold enough matches or not."""
    monkeypatch.setattr("portal.search.RANKED_CANDIDATES", 3)
    monkeypatch.setattr("portal.search.RECENT_WINDOW", window)
    old_best = make_article(agency, writer, title="Bantuan nelayan patin", lead="Bantuan.",
                            body="<p>Benih patin.</p>",
                            publish_at=timezone.now() - timezone.timedelta(days=30))  # fmt: skip
    body_matches = make_matches(agency, writer, 4, start_hours=2)
    title_match = make_article(agency, writer, title="Pelatihan nelayan", lead="Pelatihan.",
                               body="<p>Di pesisir.</p>",
                               publish_at=timezone.now() - hours(3.5))  # fmt: skip
    make_matches(agency, writer, 6, word="udang", start_hours=1, title="Panen")  # newest, no match

    found = [a.pk for a in search_articles("nelayan")]

    assert found == [title_match.pk, body_matches[0].pk, body_matches[1].pk]
    assert old_best.pk not in found
    assert [a.pk for a in search_articles("nelayan patin")] == [old_best.pk]


def test_later_pages_list_the_next_matches_with_their_snippets(client, agency, writer):
    make_matches(agency, writer, 14)
    first = client.get("/cari/", {"q": "nelayan"}).content.decode()
    second = client.get("/cari/", {"q": "nelayan", "halaman": 2}).content.decode()
    assert first.count('<article class="card') == 12
    assert second.count('<article class="card') == 2
    assert "Rapat rutin 13" in second and "Rapat rutin 13" not in first
    assert second.count("<mark>") >= 2


def test_result_pages_are_previous_and_next_not_newer_and_older(client, agency, writer):
    make_matches(agency, writer, 14)
    first = client.get("/cari/", {"q": "nelayan"}).content.decode()
    second = client.get("/cari/", {"q": "nelayan", "halaman": 2}).content.decode()
    assert "Berikutnya →" in first  # results are by relevance, so pages are not newer or older
    assert "← Sebelumnya" in second
    assert "Lebih baru" not in second


def test_pages_past_the_limit_say_so_in_indonesian_without_searching(
    client, monkeypatch, agency, writer, django_assert_num_queries
):
    monkeypatch.setattr("portal.views.MAX_RESULT_PAGES", 1)
    make_matches(agency, writer, 14)
    last = client.get("/cari/", {"q": "nelayan"}).content.decode()
    assert "Pencarian menampilkan paling banyak 1 halaman" in last
    assert 'rel="next"' not in last
    with django_assert_num_queries(0):
        response = client.get("/cari/", {"q": "nelayan", "halaman": 2})
    body = response.content.decode()
    assert response.status_code == 200
    assert "Pencarian menampilkan paling banyak 1 halaman" in body
    assert "Tambahkan kata lain" in body
    assert 'href="?q=nelayan"' in body
    assert '<article class="card' not in body


def test_a_page_past_the_results_is_not_found(client, training):
    assert client.get("/cari/", {"q": "pelatihan", "halaman": 2}).status_code == 404
    assert client.get("/cari/", {"q": "pelatihan", "halaman": "x"}).status_code == 404
    assert client.get("/cari/", {"q": "pelatihan", "halaman": 0}).status_code == 404


# --- Hostile queries: bounded before PostgreSQL parses them (security issue #11, item 3) ----------

# PostgreSQL's tsquery parser keeps pending operators on a stack of 32: websearch_to_tsquery
# turned 33 minus signs in a row into 33 NOTs and failed with "tsquery stack too small" (a 500).
MINUS_RUNS = ["-" * 40, "- " * 40, "- - - " * 20, "pelatihan" + " -" * 40, "-(" * 40,
              "or - " * 40, '-"' * 40, "-\x0b" * 40]  # fmt: skip


@pytest.mark.parametrize("query", MINUS_RUNS)
def test_runs_of_minus_signs_answer_200(client, training, query):
    response = client.get("/cari/", {"q": query})
    assert response.status_code == 200


@pytest.mark.parametrize("query", MINUS_RUNS)
def test_runs_of_minus_signs_search_without_error(training, query):
    list(search_articles(query))


@pytest.mark.parametrize(
    "raw,expected",
    [("- - - pelatihan", "pelatihan"), ("---udang", "-udang"), ('-"siaran pers"', '-"siaran pers"'),
     ("or pelatihan or or udang or", "pelatihan or udang"), ("pelatihan OR -", "pelatihan"),
     ('"siaran  pers', '"siaran pers"'), ("a\x00b\tc\u200bd", "a b cd"), ("(a | b) & !c", "a b c"),
     ("  \n ", ""), ("--- ... -?", "")],
)  # fmt: skip
def test_query_is_normalised_to_terms_and_operators_that_each_make_sense(raw, expected):
    assert normalise_query(raw) == expected


def test_query_keeps_at_most_max_terms_and_max_length():
    assert normalise_query("kata " * 100) == " ".join(["kata"] * MAX_TERMS)
    assert normalise_query('"' + "kata " * 100 + '"') == '"' + " ".join(["kata"] * MAX_TERMS) + '"'
    assert len(normalise_query("x" * 5000)) == MAX_QUERY_LENGTH


def test_phrases_exclusions_and_or_find_what_a_person_expects(training, unrelated):
    assert titles(search_articles('"siaran pers"')) == [TRAINING["title"]]
    assert titles(search_articles('"pers siaran"')) == []
    assert titles(search_articles("pelatihan -udang")) == [TRAINING["title"]]
    assert titles(search_articles("pelatihan -kehumasan")) == []
    assert titles(search_articles('pelatihan -"siaran pers"')) == []
    assert sorted(titles(search_articles("pelatihan or udang"))) == sorted(
        [TRAINING["title"], "Panen raya udang"]
    )
    assert titles(search_articles("- - - udang")) == ["Panen raya udang"]


def test_snippet_marks_searched_words_but_not_excluded_ones_or_the_or_operator():
    article = Article(lead="Koordinasi tiga puluh ASN.")  # the SQLite fallback's highlighter
    snippet = str(snippet_for(article, normalise_query("tiga -puluh or asn")))
    assert "<mark>tiga</mark>" in snippet and "<mark>ASN</mark>" in snippet
    assert "<mark>puluh</mark>" not in snippet and "Ko<mark>or</mark>" not in snippet


QUERY_SYNTAX = ["-", " ", '"', "or", "OR", "(", ")", "!", "&", "|", "<", "<->", ":", "*", "\\",
                "'", "\x00", "\x0b", "\u200b", "\u00a0", "\u3000", "-(", "pelatihan", "udang",
                "dan", "é", "🙂"]  # fmt: skip
query_text = st.one_of(
    st.lists(st.sampled_from(QUERY_SYNTAX), max_size=120).map("".join),
    st.text(max_size=400),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=80),
)
SEARCH_FUZZ = settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    derandomize=True,  # the same examples on every run and both databases
)


@SEARCH_FUZZ
@given(raw=query_text)
def test_normalised_query_is_bounded_clean_and_stable(raw):
    query = normalise_query(raw)
    assert len(query) <= MAX_QUERY_LENGTH
    assert len([w for w in query.split() if w != "or"]) <= MAX_TERMS
    assert query == " ".join(query.split()) and query.isprintable()
    assert normalise_query(query) == query


@pytest.mark.postgres
@settings(SEARCH_FUZZ, max_examples=400)
@given(raw=query_text)
def test_postgresql_parses_every_normalised_query(db, on_postgres, raw):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT websearch_to_tsquery('indonesian'::regconfig, %s)", [normalise_query(raw)]
        )


@settings(SEARCH_FUZZ, max_examples=60)
@given(raw=query_text)
def test_search_page_answers_any_text(client, training, unrelated, raw):
    """On PostgreSQL the full-text path, on SQLite the fallback: never an error."""
    response = client.get("/cari/", {"q": raw})
    assert response.status_code == (400 if "\x00" in raw else 200)
