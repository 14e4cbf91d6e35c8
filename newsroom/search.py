"""Search over published articles.

PostgreSQL: full-text search with the ``indonesian`` configuration (its Snowball stemmer strips
Indonesian affixes, so "humas" finds "kehumasan" and "pelatihan" finds "dilatih"), weighted title
(A) > lead (B) > body (C), ranked, with highlighted snippets, over a stored document with a GIN
index (migration 0004).
The user's words only ever travel as query parameters; the raw SQL here is constant.

SQLite (development): every word must appear in the title, lead or body (case-insensitive).
"""

from __future__ import annotations

import html
import re

from django.contrib.postgres.search import SearchQuery, SearchVectorField
from django.db import connection
from django.db.models import F, FloatField, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe

from .models import Article

SEARCH_CONFIG = "indonesian"
MAX_QUERY_LENGTH = 200


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
        return _postgres_search(base, query)
    return _fallback_search(base, query)


def _postgres_search(base: QuerySet, query: str) -> QuerySet:
    # websearch_to_tsquery accepts anything a person types ("a b", "a OR b", -c, "phrase")
    # without syntax errors; all plain words must match.
    ts_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
    document = RawSQL(DOCUMENT_SQL, [], output_field=SearchVectorField())  # noqa: S611
    return (
        base.alias(document=document)
        .filter(document=ts_query)
        .annotate(
            rank=RawSQL(  # noqa: S611
                f"ts_rank({DOCUMENT_SQL}, websearch_to_tsquery('indonesian'::regconfig, %s))",
                [query],
                output_field=FloatField(),
            ),
            headline=RawSQL(  # noqa: S611
                f"ts_headline('indonesian'::regconfig, {SNIPPET_SQL}, "
                "websearch_to_tsquery('indonesian'::regconfig, %s), %s)",
                [
                    query,
                    f"StartSel={START}, StopSel={STOP}, MaxWords=35, MinWords=15, "
                    'MaxFragments=2, FragmentDelimiter=" … "',
                ],
            ),
        )
        .order_by("-rank", F("publish_at").desc(), "-id")
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
