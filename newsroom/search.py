"""Search over published articles.

PostgreSQL: full-text search with the ``indonesian`` configuration (its Snowball stemmer strips
Indonesian affixes, so "humas" finds "kehumasan" and "pelatihan" finds "dilatih"), weighted title
(A) > lead (B) > body (C), ranked, with highlighted snippets, over a stored document with a GIN
index (migration 0004).
The user's words only ever travel as query parameters; the raw SQL here is constant.

Bounded work: only the newest ``RANKED_CANDIDATES`` matches (by publication time) are ranked, so
a common word costs the same at 1k and at 100k articles (ranking all ~6,700 matches of "nelayan"
took ~35 ms). The trade-off: an older article, however good a match, is not listed once that many
newer articles match; adding words narrows the matches and brings it back. Results stop after
``MAX_RESULT_PAGES`` pages for the same reason. Highlighted snippets are computed after the sort,
for the rows read (PostgreSQL evaluates ``ts_headline`` after ORDER BY; OFFSET rows included).

Finding the newest matches without reading every match: the newest ``RECENT_WINDOW`` public
articles are intersected with the GIN index first (a BitmapAnd of two indexes; only the rows in
both are read). If that window holds fewer than ``RANKED_CANDIDATES`` matches (a rarer word), the
newest matches are taken from all articles; a rare word has few matches, so that stays cheap.

SQLite (development): every word must appear in the title, lead or body (case-insensitive),
newest first; the search page stops after the same number of pages.
"""

from __future__ import annotations

import html
import re

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL, Subquery
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from .models import Article

SEARCH_CONFIG = "indonesian"
MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 12  # newsroom.views.PAGE_SIZE
# Only the newest matches are ranked (see the module docstring); 10 pages of 12. Ranking 240
# (20 pages) made a search at 100k articles 1.56 times as slow as at 1k (bench/README.md);
# people refine a search long before its tenth page.
RANKED_CANDIDATES = 120
MAX_RESULT_PAGES = RANKED_CANDIDATES // RESULTS_PER_PAGE
# Newest public articles looked at first: enough for RANKED_CANDIDATES matches of any word found
# in at least 1 article in 40.
RECENT_WINDOW = 40 * RANKED_CANDIDATES


# A tsvector column kept by a trigger (migration 0004, PostgreSQL only), with a GIN index: title
# weighted A, lead B, body C. Django's model does not declare it; only this module reads it.
DOCUMENT_SQL = '"newsroom_article"."search_document"'
# Snippets come from the lead and the body without its markup.
SNIPPET_SQL = (
    "coalesce(\"newsroom_article\".\"lead\", '') || ' ' || "
    "regexp_replace(coalesce(\"newsroom_article\".\"body\", ''), '<[^>]*>', ' ', 'g')"
)
# Markers that cannot occur in stored text; replaced by <mark> after everything else is escaped.
START, STOP = "\x02", "\x03"


def normalise_query(raw: str | None) -> str:
    """The user's query, trimmed, with runs of spaces collapsed and a bounded length."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def search_articles(raw_query: str | None, base: QuerySet | None = None) -> QuerySet:
    """Public articles matching ``raw_query``, best first; empty for an empty query.

    On PostgreSQL each result carries ``rank`` and ``headline``; :func:`snippet_for` turns either
    backend's result into a highlighted snippet.
    """
    query = normalise_query(raw_query)
    base = base if base is not None else Article.objects.public()
    if not query:
        return base.none()
    if connection.vendor == "postgresql":
        return _with_headline(_ranked(base, query), query)
    return _fallback_search(base, query)


def search_page(
    raw_query: str | None, offset: int, count: int, base: QuerySet | None = None
) -> QuerySet:
    """Results ``offset`` to ``offset + count`` of :func:`search_articles`, in one query.

    PostgreSQL makes snippets after the sort, for the rows read (the skipped ones included; at most
    ``RANKED_CANDIDATES``).
    """
    return search_articles(raw_query, base)[offset : offset + count]


def _ranked(base: QuerySet, query: str) -> QuerySet:
    """The newest matches in ``base`` with their ``rank``, best first."""
    return (
        base.filter(pk__in=_newest_matches(base, query))
        .annotate(
            rank=RawSQL(  # noqa: S611
                f"ts_rank({DOCUMENT_SQL}, websearch_to_tsquery('indonesian'::regconfig, %s))",
                [query],
                output_field=FloatField(),
            )
        )
        .order_by("-rank", F("publish_at").desc(), "-id")
    )


def _with_headline(rows: QuerySet, query: str) -> QuerySet:
    # PostgreSQL evaluates this costly expression after the sort, for the rows read (OFFSET too).
    return rows.annotate(
        headline=RawSQL(  # noqa: S611
            f"ts_headline('indonesian'::regconfig, {SNIPPET_SQL}, "
            "websearch_to_tsquery('indonesian'::regconfig, %s), %s)",
            [
                query,
                f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, "
                'MaxFragments=2, FragmentDelimiter=" … "',
            ],
        )
    )


def _newest_matches(base: QuerySet, query: str) -> RawSQL:
    """Ids of the newest ``RANKED_CANDIDATES`` matches, as a subquery (one statement in all)."""
    # websearch_to_tsquery accepts anything a person types ("a b", "a OR b", -c, "phrase")
    # without syntax errors; all plain words must match.
    ts_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    document = RawSQL(DOCUMENT_SQL, [], output_field=SearchVectorField())  # noqa: S611
    newest_first = (F("publish_at").desc(), F("id").desc())
    matches = base.alias(document=document).filter(document=ts_query).order_by()
    # Publication time of the RECENT_WINDOW-th newest public article: an index-only scan.
    window_start = (
        Article.objects.public().order_by(*newest_first).values("publish_at")[RECENT_WINDOW:][:1]
    )
    recent = matches.filter(publish_at__gte=Subquery(window_start)).order_by(*newest_first)
    recent_sql, recent_params = recent.values("pk")[:RANKED_CANDIDATES].query.sql_with_params()
    all_sql, all_params = matches.values("pk", "publish_at").query.sql_with_params()
    # The window is a suffix in publication order: when it holds RANKED_CANDIDATES matches they
    # are the newest overall, and the one-time filter skips the second part. Otherwise all
    # matches are read from the GIN index (a MATERIALIZED CTE, so never by walking the date
    # index and reading each article's document) and the newest kept. Both pieces are SQL
    # compiled by Django; the user's words are among their parameters.
    return RawSQL(  # noqa: S611
        f"WITH recent AS ({recent_sql}), all_matches AS MATERIALIZED ({all_sql}) "  # noqa: S608
        "SELECT pk FROM recent UNION ALL (SELECT pk FROM all_matches "
        "WHERE (SELECT count(*) FROM recent) < %s ORDER BY publish_at DESC, pk DESC LIMIT %s)",
        (*recent_params, *all_params, RANKED_CANDIDATES, RANKED_CANDIDATES),
    )


def _fallback_search(base: QuerySet, query: str) -> QuerySet:
    condition = Q()
    for term in query.split():
        term = term.strip('"+-')
        if term:
            condition &= (
                Q(title__icontains=term) | Q(lead__icontains=term) | Q(body__icontains=term)
            )
    return base.filter(condition).order_by(F("publish_at").desc(), "-id")


def snippet_for(article: Article, query: str) -> SafeString:
    """HTML-safe snippet of ``article`` for ``query``: only the ``<mark>`` tags are markup."""
    headline = getattr(article, "headline", None)
    if headline is not None:
        return _marks_to_html(headline)
    return _highlight_terms(article.lead, query)


def _marks_to_html(headline: str) -> SafeString:
    parts = re.split(f"([{START}{STOP}])", headline)
    out, inside = [], False
    for part in parts:
        if part == START:
            inside = True
            out.append("<mark>")
        elif part == STOP:
            inside = False
            out.append("</mark>")
        else:
            # The stored body is HTML: drop any tag left at a fragment edge, decode entities,
            # then escape everything for the page.
            out.append(escape(html.unescape(strip_tags(part))))
    if inside:
        out.append("</mark>")
    return mark_safe("".join(out))  # noqa: S308 - every piece above is escaped


def _highlight_terms(text: str, query: str) -> SafeString:
    terms = [t.strip('"+-') for t in query.split() if t.strip('"+-')]
    escaped = escape(text)
    if not terms:
        return escaped
    pattern = re.compile("(" + "|".join(re.escape(escape(t)) for t in terms) + ")", re.IGNORECASE)
    return mark_safe(pattern.sub(r"<mark>\1</mark>", escaped))  # noqa: S308 - text escaped first
