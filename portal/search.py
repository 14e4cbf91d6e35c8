"""Search over every publishable kind: articles, pages, announcements, agenda, documents, galleries.

Which kinds and fields: every kind of :func:`newsroom.publishing.kinds` with a public address is
searched, through the fields it declares in ``search_fields`` (field name -> weight, "A" counts
most) or, by default, its title (A), lead or summary (B) and body or description (C)
(:func:`search_fields`); ``search_fields = {}`` keeps a kind out. Its results are labelled with its
``search_label``, by default its verbose name ("Berita", "Halaman", ...). One query finds the page
of results across all kinds (a UNION of one bounded query per kind), and one per kind shown reads
the rows (:func:`search_everything`): at most 1 + the number of kinds, whatever the data.

Articles:

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

Other kinds on PostgreSQL: the same weighted ``indonesian`` document, computed from their fields
while searching (they are few, against tens of thousands of articles), ranked with the same
``ts_rank`` so the results of all kinds interleave by relevance; the newest ``RANKED_CANDIDATES``
matches of each kind are ranked.

SQLite (development): every word must appear as a whole word (case-insensitive: "humas" does not
find "bakohumas") in the kind's searched fields, a quoted phrase as written, a ``-word`` must not,
and "or" separates alternatives, as on PostgreSQL; newest first; the search page stops after the
same number of pages.

Both read the query in the bounded form of :func:`parse_query`: whatever is typed, PostgreSQL
gets at most ``MAX_TERMS`` words, each with at most one NOT, and never a run of lone operators.
"""

from __future__ import annotations

import html
import operator
import re
import unicodedata
from dataclasses import dataclass
from functools import reduce

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connection
from django.db.models import F, FloatField, IntegerField, Q, QuerySet, Value
from django.db.models.expressions import RawSQL, Subquery
from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator, capfirst, slugify

from newsroom.models import Article, Page
from newsroom.publishing import kinds

SEARCH_CONFIG = "indonesian"
MAX_QUERY_LENGTH = 200
# Words (a phrase's words included) kept from a query: more than anyone types, and each one costs
# an index lookup.
MAX_TERMS = 16
# Characters of a raw query looked at; the rest is ignored (the query is cut later anyway).
MAX_RAW_LENGTH = 4 * MAX_QUERY_LENGTH
RESULTS_PER_PAGE = 12  # portal.views.PAGE_SIZE
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

# Query normalisation (parse_query): the operators of raw tsquery syntax and the backslash, which
# websearch_to_tsquery skips, are read as spaces.
_OPERATOR_CHARACTERS = frozenset("!&|()<\\")
# An optional run of minus signs directly before a quoted phrase (closed or not) or a word.
_TOKEN_RE = re.compile(r'(-*)("[^"]*"?|[^\s"]+)')


@dataclass(frozen=True)
class Term:
    """One searched word, or the words of a quoted phrase; ``excluded`` when written ``-word``."""

    words: tuple[str, ...]
    phrase: bool = False
    excluded: bool = False

    def __str__(self) -> str:
        text = " ".join(self.words)
        text = f'"{text}"' if self.phrase else text
        return f"-{text}" if self.excluded else text


def parse_query(raw: str | None) -> list[list[Term]]:
    """The query as alternatives separated by "or", each a list of terms that must all match.

    Only what a person can mean survives, so PostgreSQL's ``websearch_to_tsquery`` gets a bounded
    query: its parser keeps pending operators on a stack of 32, and 33 minus signs in a row were
    33 NOTs and a "tsquery stack too small" error. Hence: control characters and every kind of
    space are one space and invisible format characters go (PostgreSQL and Python then split
    words alike); the operators of raw tsquery syntax (``! & | ( ) <``) and the backslash, which
    ``websearch_to_tsquery`` skips anyway, are spaces; a minus sign counts only directly before a
    word or phrase, and once however many there are; a word needs a letter or a digit; "or" only
    joins two terms; at most ``MAX_TERMS`` words and ``MAX_QUERY_LENGTH`` characters are kept.
    """
    text = _clean((raw or "")[:MAX_RAW_LENGTH])
    alternatives: list[list[Term]] = []
    words_left, length_left = MAX_TERMS, MAX_QUERY_LENGTH
    or_pending = False
    for match in _TOKEN_RE.finditer(text):
        minus, token = match.groups()
        if token.lower() == "or" and not minus:
            or_pending = bool(alternatives)  # a leading or repeated "or" joins nothing
            continue
        phrase = token.startswith('"')
        # No word starts with "-" here: the minus signs before it are in ``minus``.
        words = [w for w in token.strip('"').split() if _has_word_character(w)]
        if not words:
            continue  # a lone "-", an empty phrase, punctuation
        # Room the term needs besides its words: " " or " or " before it, "-", the quotes.
        overhead = (4 if or_pending else 1 if alternatives else 0) + len(minus[:1]) + 2 * phrase
        kept: list[str] = []
        for word in words[:words_left]:
            room = length_left - overhead - len(" ".join(kept)) - bool(kept)
            if room <= 0 or not _has_word_character(word[:room]):
                break
            kept.append(word[:room])
        if not kept:
            break
        if or_pending or not alternatives:
            alternatives.append([])
            or_pending = False
        alternatives[-1].append(Term(tuple(kept), phrase=phrase, excluded=bool(minus)))
        words_left -= len(kept)
        length_left -= overhead + len(" ".join(kept))
        if len(kept) < len(words):
            break  # the query was cut inside this term
    return alternatives


def normalise_query(raw: str | None) -> str:
    """The user's query in a bounded canonical form (see :func:`parse_query`); "" for nothing."""
    return " or ".join(" ".join(map(str, terms)) for terms in parse_query(raw))


def _clean(text: str) -> str:
    """``text`` with control characters, every kind of space and tsquery operators as spaces and
    invisible format characters (zero-width space, soft hyphen), surrogates and private or
    unassigned code points removed: PostgreSQL then splits words exactly where Python does."""
    out = []
    for ch in text:
        category = unicodedata.category(ch)
        if ch in _OPERATOR_CHARACTERS or ch.isspace() or category in ("Cc", "Zs", "Zl", "Zp"):
            out.append(" ")
        elif category[0] != "C":
            out.append(ch)
    return "".join(out)


def _has_word_character(word: str) -> bool:
    return any(ch.isalnum() for ch in word)


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
    """Any alternative whose terms all match (an excluded term must not), as on PostgreSQL."""
    condition = _fallback_condition(list(search_fields(base.model)), query)
    return base.filter(condition).order_by(F("publish_at").desc(), "-id")


def _fallback_condition(fields: list[str], query: str) -> Q:
    """Whole words (a phrase's words in a row), in any of ``fields``, case-insensitively.

    A regular expression with word boundaries (Django gives SQLite a REGEXP function): a plain
    ``icontains`` found "humas" inside "bakohumas".
    """
    alternatives = []
    for terms in parse_query(query):
        condition = Q()
        for term in terms:
            pattern = r"\b" + r"\s+".join(re.escape(word) for word in term.words) + r"\b"
            found = reduce(operator.or_, [Q(**{f"{name}__iregex": pattern}) for name in fields])
            condition &= ~found if term.excluded else found
        alternatives.append(condition)
    return reduce(operator.or_, alternatives)


# -- every publishable kind ------------------------------------------------------------------------

#: The default declaration: the fields a kind has of these, with their weight.
DEFAULT_FIELDS = (
    ("title", "A"), ("lead", "B"), ("summary", "B"), ("number", "B"), ("body", "C"),
    ("description", "C"),
)  # fmt: skip


def search_fields(model) -> dict[str, str]:
    """The fields searched in ``model`` with their weight (see the module docstring)."""
    declared = getattr(model, "search_fields", None)
    if declared is not None:
        return dict(declared)
    if not hasattr(model, "get_absolute_url"):
        return {}  # nothing public to link to (e.g. planned social media posts)
    names = {field.name for field in model._meta.get_fields()}
    return {name: weight for name, weight in DEFAULT_FIELDS if name in names}


def searchable_kinds() -> list:
    """The kinds search reads, articles first."""
    found = [model for model in kinds() if search_fields(model)]
    return sorted(found, key=lambda model: model is not Article)


def kind_slug(model) -> str:
    """The kind in a search address (``?jenis=agenda``): its label, as a slug."""
    return slugify(kind_label(model))


def kind_label(model) -> str:
    """How a result of ``model`` is labelled: "Berita", "Halaman", "Agenda"..."""
    return str(getattr(model, "search_label", None) or capfirst(model._meta.verbose_name))


@dataclass
class Result:
    """One search result of any kind."""

    item: object
    label: str
    snippet: SafeString

    @property
    def url(self) -> str:
        return self.item.get_absolute_url()

    @property
    def date(self):
        return getattr(self.item, "publish_at", None)


def search_everything(
    raw_query: str | None, offset: int, count: int, restrict=None, kind: str = ""
) -> list:
    """Results ``offset`` to ``offset + count`` of every searchable kind (or only the one whose
    :func:`kind_slug` is ``kind``), best first.

    ``restrict`` limits each kind's public queryset (the site's agency, portal.sites).
    """
    query = normalise_query(raw_query)
    models = [model for model in searchable_kinds() if not kind or kind_slug(model) == kind]
    if not query or not models:
        return []
    restrict = restrict or (lambda queryset: queryset)
    parts = [_matches(model, index, query, restrict) for index, model in enumerate(models)]
    combined = parts[0].union(*parts[1:], all=True) if len(parts) > 1 else parts[0]
    ordered = combined.order_by("-search_score", "-search_at", "-search_item")
    rows = list(ordered[offset : offset + count])
    wanted: dict[int, list[int]] = {}
    for kind, pk, _score, _at in rows:
        wanted.setdefault(kind, []).append(pk)
    found = {
        (kind, item.pk): item
        for kind, pks in wanted.items()
        for item in _rows(models[kind], pks, query)
    }
    results = []
    for kind, pk, _score, _at in rows:
        item = found.get((kind, pk))
        if item is None or (isinstance(item, Page) and not item.is_reachable):
            continue  # gone since, or a page inside a section that is not public
        results.append(Result(item, kind_label(models[kind]), _snippet(item, query)))
    return results


def _matches(model, index: int, query: str, restrict) -> QuerySet:
    """(kind, pk, score, publication time) of ``model``'s matches, for the UNION."""
    base = restrict(model.objects.public())
    if connection.vendor != "postgresql":
        matches = base.filter(_fallback_condition(list(search_fields(model)), query))
        score = Value(0.0, output_field=FloatField())
    elif model is Article:
        matches = base.filter(pk__in=_newest_matches(base, query))  # the stored document
        score = RawSQL(  # noqa: S611
            f"ts_rank({DOCUMENT_SQL}, websearch_to_tsquery('indonesian'::regconfig, %s))",
            [query],
            output_field=FloatField(),
        )
    else:
        ts_query = SearchQuery(query, config=SEARCH_CONFIG, search_type="websearch")
        vector = reduce(
            operator.add,
            [
                SearchVector(name, weight=weight, config=SEARCH_CONFIG)
                for name, weight in search_fields(model).items()
            ],
        )
        newest = base.annotate(document=vector).filter(document=ts_query)
        newest = newest.order_by(F("publish_at").desc(), "-pk")[:RANKED_CANDIDATES]
        matches = model.objects.filter(pk__in=newest.values("pk"))
        score = SearchRank(vector, ts_query)
    return (
        matches.order_by()
        .annotate(
            search_kind=Value(index, output_field=IntegerField()),
            search_item=F("pk"),
            search_score=score,
            search_at=F("publish_at"),
        )
        .values_list("search_kind", "search_item", "search_score", "search_at")
    )


def _rows(model, pks: list[int], query: str) -> list:
    if model is Article:
        rows = Article.objects.filter(pk__in=pks).select_related("agency", "category")
        return list(_with_headline(rows, query) if connection.vendor == "postgresql" else rows)
    related = ["agency"] + (["parent__parent__parent"] if model is Page else [])
    return list(model.objects.filter(pk__in=pks).select_related(*related))


def _snippet(item, query: str) -> SafeString:
    """Highlighted text of a result: PostgreSQL's snippet for articles, else the words around the
    first searched word in its summary or text (their first words when none is there)."""
    if getattr(item, "headline", None) is not None:
        return _marks_to_html(item.headline)
    fields = search_fields(type(item))
    texts = [
        html.unescape(_TAG.sub(" ", str(getattr(item, name, "") or "")))
        for weight in ("B", "C", "D")
        for name, field_weight in fields.items()
        if field_weight == weight
    ]
    texts = [" ".join(text.split()) for text in texts if text.strip()]
    if not texts:
        return mark_safe("")
    words = [
        word
        for alternative in parse_query(query)
        for term in alternative
        if not term.excluded
        for word in term.words
    ]
    pattern = (
        re.compile("|".join(rf"\b{re.escape(word)}\b" for word in words), re.I) if words else None
    )
    for text in texts:
        found = pattern.search(text) if pattern else None
        if found:
            start = text.rfind(" ", 0, max(0, found.start() - SNIPPET_BEFORE)) + 1
            window = ("… " if start else "") + Truncator(text[start:]).words(SNIPPET_WORDS)
            return _highlight_terms(window, query)
    return _highlight_terms(Truncator(texts[0]).words(SNIPPET_WORDS), query)


SNIPPET_WORDS = 35
SNIPPET_BEFORE = 80  # characters shown before the first searched word
_TAG = re.compile(r"<[^>]*>")  # a space where a tag was: list items do not run together


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
    terms = [
        word
        for alternative in parse_query(query)
        for term in alternative
        if not term.excluded
        for word in term.words
    ]
    escaped = escape(text)
    if not terms:
        return escaped
    pattern = re.compile("(" + "|".join(re.escape(escape(t)) for t in terms) + ")", re.IGNORECASE)
    return mark_safe(pattern.sub(r"<mark>\1</mark>", escaped))  # noqa: S308 - text escaped first
