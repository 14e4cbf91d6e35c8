"""The public portal: home, news list, article, agency page and search.

Only ``Article.objects.public()`` is ever shown. Pages hold no per-user content (no session, no
user) so a page cache can wrap these views; every page runs a fixed, small number of queries
whatever the number of articles (tests/portal/test_queries.py).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _

from accounts.models import Agency
from newsroom import images
from newsroom.models import Article, Category, Tag, related_candidates

from . import menus, sites, structured_data
from .pages import top_pages
from .search import (
    MAX_RESULT_PAGES,
    kind_label,
    kind_slug,
    normalise_query,
    search_everything,
    searchable_kinds,
)

PAGE_SIZE = 12
MAX_PAGE = 2000  # deeper pages are for crawlers, which have the sitemap
DEFERRED_JOIN_OFFSET = 120  # from page 11 on, see paginate()
RELATED_COUNT = 4
RELATED_CANDIDATES = 30
RARE_TAG_LIMIT = 1000
CARD_FIELDS = ("agency", "category")
# What templates/portal/_card.html shows of a card (a column it shows but this leaves out costs
# a query per card: tests/portal/test_queries.py), and what its fragment key is made of: the
# article's and its agency's version and updated_at (portal.fragments.content_key).
CARD_COLUMNS = (
    *("slug", "title", "lead", "cover_image", "focal_x", "focal_y", "publish_at", "agency"),
    *("category", "version", "updated_at"),
    *("agency__slug", "agency__name", "agency__short_name", "agency__updated_at"),
    *("category__slug", "category__name"),
)


@dataclass
class PageWindow:
    """One page of results, without counting them all (no COUNT(*) over a large table)."""

    items: list
    number: int
    has_next: bool
    params: dict = field(default_factory=dict)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_other_pages(self) -> bool:
        return self.has_next or self.has_previous

    @property
    def next_query(self) -> str:
        return self._query(self.number + 1)

    @property
    def previous_query(self) -> str:
        return self._query(self.number - 1)

    def _query(self, number: int) -> str:
        params = {k: v for k, v in self.params.items() if v}
        if number > 1:
            params["halaman"] = number
        return "?" + urlencode(params) if params else "?"


def paginate(request, queryset, params=None, per_page=PAGE_SIZE) -> PageWindow:
    """The page asked for in ``?halaman=``: reads one row more than shown to know if more follow."""
    try:
        number = int(request.GET.get("halaman", "1"))
    except ValueError:
        raise Http404(_("No such page.")) from None
    if not 1 <= number <= MAX_PAGE:
        raise Http404(_("No such page."))
    offset = (number - 1) * per_page
    if offset >= DEFERRED_JOIN_OFFSET:
        # Deep pages: skip the rows before this page in the index alone (ids only, an index-only
        # scan), then read the few rows shown. Page 2,000 of 100k articles: ~9 ms, not ~200 ms.
        ids = list(queryset.values_list("pk", flat=True)[offset : offset + per_page + 1])
        rows = list(queryset.filter(pk__in=ids)) if ids else []
    else:
        rows = list(queryset[offset : offset + per_page + 1])
    if number > 1 and not rows:
        raise Http404(_("No such page."))
    return PageWindow(rows[:per_page], number, len(rows) > per_page, params or {})


def cards(queryset):
    """Articles as shown in lists: only the columns a card shows, in the same query.

    (Each column costs: a card query loading every column of the article and its agency took
    about three times the CPU of this one.)
    """
    return queryset.select_related(*CARD_FIELDS).only(*CARD_COLUMNS)


def home(request):
    if (agency := sites.site_agency(request)) is not None:
        return agency_home(request, agency)  # an agency's own domain: its page is the home
    featured = list(cards(Article.objects.public().filter(is_featured=True))[:3])
    latest = list(cards(Article.objects.public().exclude(pk__in=[a.pk for a in featured]))[:9])
    # No per-agency article counts: at 100k articles they would be a full count on every visit.
    agencies = Agency.objects.only("slug", "name", "short_name", "logo")
    return render(
        request,
        "portal/home.html",
        {
            "featured": featured,
            "latest": latest,
            "agencies": agencies,
            "structured_data": structured_data.website(request, _("Humas")),
        },
    )


def article_list(request):
    articles = sites.for_site(Article.objects.public(), request)
    agency = category = tag = None
    params = {}
    if slug := request.GET.get("instansi"):
        agency = get_object_or_404(sites.for_site(Agency.objects, request, "pk"), slug=slug)
        articles = articles.filter(agency=agency)
        params["instansi"] = slug
    if slug := request.GET.get("kategori"):
        category = get_object_or_404(Category, slug=slug)
        articles = articles.filter(category=category)
        params["kategori"] = slug
    if slug := request.GET.get("tag"):
        tag = get_object_or_404(Tag, slug=slug)
        articles = with_tag(articles, tag)
        params["tag"] = slug
    page = paginate(request, cards(articles), params)
    return render(
        request,
        "portal/article_list.html",
        {
            "page": page,
            "agency": agency,
            "category": category,
            "tag": tag,
            "agencies": sites.for_site(Agency.objects, request, "pk").only(
                "slug", "name", "short_name"
            ),
            "categories": Category.objects.all(),
        },
    )


def with_tag(articles, tag: Tag):
    """``articles`` carrying ``tag``, planned well whether the tag is rare or common.

    PostgreSQL cannot tell how rare a tag is: it walks the newest public articles looking for
    the tag, which for a tag on 4 of 100k articles reads them all (~400 ms). A rare tag's few
    article ids are fetched first instead; a common tag keeps the join (matches come quickly).
    """
    ids = list(
        Article.tags.through.objects.filter(tag=tag).values_list("article_id", flat=True)[
            : RARE_TAG_LIMIT + 1
        ]
    )
    if len(ids) <= RARE_TAG_LIMIT:
        return articles.filter(pk__in=ids)
    return articles.filter(tags=tag)


def article_detail(request, slug):
    article = get_object_or_404(
        sites.for_site(Article.objects.public(), request)
        .select_related(*CARD_FIELDS)
        .prefetch_related("tags"),
        slug=slug,
    )
    share = images.share_image(article.cover_image, article.focal) or images.share_image(
        article.agency.logo
    )
    canonical_url = sites.public_url(request, article.get_absolute_url(), article.agency)
    share_image_url = request.build_absolute_uri(share.url) if share else ""
    return render(
        request,
        "portal/article_detail.html",
        {
            "article": article,
            "related": related_articles(article),
            "canonical_url": canonical_url,
            "share_image": share,
            "share_image_url": share_image_url,
            "structured_data": structured_data.news_article(
                article,
                url=canonical_url,
                agency_url=agency_url(request, article.agency),
                image_url=share_image_url,
                request=request,
            ),
        },
    )


def related_articles(article: Article, count: int = RELATED_COUNT) -> list[Article]:
    """ "Baca juga": same tags or category first, then the agency's other news; newest first.

    Only the newest few public candidates of each kind are scored, so the cost stays flat however
    many articles an agency, a category or a tag has: one query for the candidates
    (:func:`newsroom.models.related_candidates`), ranked here, and one for the ``count`` cards.
    """
    tag_ids = [tag.pk for tag in article.tags.all()]  # prefetched: no query
    scores: dict[int, int] = {}
    published: dict[int, object] = {}
    for pk, points, publish_at in related_candidates(article, tag_ids, RELATED_CANDIDATES):
        scores[pk] = scores.get(pk, 0) + points
        published[pk] = publish_at
    # Most points first, then the newest.
    ranked = sorted(scores, key=lambda pk: (scores[pk], published[pk], pk), reverse=True)[:count]
    shown = {card.pk: card for card in cards(Article.objects.filter(pk__in=ranked))}
    return [shown[pk] for pk in ranked if pk in shown]


def agency_detail(request, slug):
    agency = get_object_or_404(sites.for_site(Agency.objects, request, "pk"), slug=slug)
    return agency_home(request, agency)


def agency_home(request, agency: Agency):
    """An agency's page: at /instansi/<slug>/, and at "/" on its own domain."""
    page = paginate(request, cards(Article.objects.public().filter(agency=agency)))
    return render(
        request,
        "portal/agency_detail.html",
        {
            "agency": agency,
            "page": page,
            "agency_links": menus.agency_links(),
            "site_pages": top_pages(agency),
            "canonical_url": agency_url(request, agency)
            + (f"?halaman={page.number}" if page.number > 1 else ""),
            "structured_data": structured_data.government_organization(
                agency, agency_url(request, agency), request
            ),
        },
    )


def agency_url(request, agency: Agency) -> str:
    """The canonical address of an agency's page: the home of its own domain, when it has one."""
    if agency.domain:
        return sites.site_base(request, agency) + "/"
    return sites.public_url(request, agency.get_absolute_url())


def search(request):
    query = normalise_query(request.GET.get("q"))
    kinds = [(kind_slug(model), kind_label(model)) for model in searchable_kinds()]
    kind = request.GET.get("jenis", "")
    if kind and kind not in dict(kinds):
        raise Http404(_("No such page."))
    page = None
    if query:
        page = _search_page(request, query, kind)
    return render(
        request,
        "portal/search.html",
        {
            "query": query,
            "page": page,
            "max_pages": MAX_RESULT_PAGES,
            "page_size": PAGE_SIZE,
            "first_page_query": urlencode({"q": query, **({"jenis": kind} if kind else {})}),
            "kinds": [
                (slug, label, urlencode({"q": query, "jenis": slug})) for slug, label in kinds
            ],
            "all_kinds_query": urlencode({"q": query}),
            "kind": kind,
        },
    )


def _search_page(request, query: str, kind: str = "") -> PageWindow:
    """One page of results of every kind (portal.search: one query to find them, one per kind
    shown to read them); none past ``MAX_RESULT_PAGES``."""
    try:
        number = int(request.GET.get("halaman", "1"))
    except ValueError:
        raise Http404(_("No such page.")) from None
    if number < 1:
        raise Http404(_("No such page."))
    params = {"q": query, "jenis": kind}
    if number > MAX_RESULT_PAGES:
        # Only the newest matches are ranked: the page says so instead of running the search.
        return PageWindow([], number, False, params)
    offset = (number - 1) * PAGE_SIZE
    rows = search_everything(
        query, offset, PAGE_SIZE + 1, lambda queryset: sites.for_site(queryset, request), kind
    )
    if number > 1 and not rows:
        raise Http404(_("No such page."))
    has_next = len(rows) > PAGE_SIZE and number < MAX_RESULT_PAGES
    return PageWindow(rows[:PAGE_SIZE], number, has_next, params)
