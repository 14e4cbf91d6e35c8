"""Sitemap for search engines: public articles, agency pages and the agencies' own pages.

A sitemap lists the addresses that are canonical on its host (portal.sites): on an agency's own
domain, that agency's content; on the portal's hosts, the content of the agencies without a domain
of their own (an agency with one has its own sitemap there, and search engines do not take a
sitemap's word for another host's pages).
"""

from django.contrib.sitemaps import Sitemap
from django.contrib.sitemaps import views as sitemap_views
from django.db.models import Count, Max

from accounts.models import Agency
from newsroom.models import Announcement, Article, Document, Event, Gallery, Page

from . import sites


class SiteSitemap(Sitemap):
    """A sitemap section made for one request (the host decides what it lists)."""

    def __init__(self, request=None):
        self.request = request

    def for_host(self, queryset, field: str = "agency"):
        """``queryset`` limited to what is canonical on this request's host."""
        if self.request is None:
            return queryset
        if sites.site_agency(self.request) is not None:
            return sites.for_site(queryset, self.request, field)
        return queryset.filter(**{"domain" if field == "pk" else f"{field}__domain": None})


class CountedSitemap(SiteSitemap):
    """A section whose items are a queryset: the index asks each section for its page count and
    its latest change, here one query for both (seven sections: seven queries, not fourteen)."""

    def _stats(self) -> dict:
        if not hasattr(self, "_counted"):
            self._counted = self.items().aggregate(count=Count("pk"), latest=Max("updated_at"))
        return self._counted

    @property
    def paginator(self):
        pages = super().paginator
        pages.__dict__["count"] = self._stats()["count"]  # Paginator.count is a cached_property
        return pages

    def get_latest_lastmod(self):
        return self._stats()["latest"]


class ArticleSitemap(CountedSitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        articles = Article.objects.public().only("slug", "publish_at", "updated_at")
        return self.for_host(articles).order_by("-id")

    def lastmod(self, article):
        return article.updated_at


class AgencySitemap(CountedSitemap):
    changefreq = "daily"

    def items(self):
        return self.for_host(Agency.objects.only("slug", "updated_at", "domain"), "pk").order_by(
            "slug"
        )

    def location(self, agency):
        return "/" if agency.domain else agency.get_absolute_url()

    def lastmod(self, agency):
        return agency.updated_at


class PageSitemap(SiteSitemap):
    """Agency pages the public can reach (published, under published sections)."""

    changefreq = "monthly"

    def items(self):
        # Read once per request: the index asks for the count and the latest change.
        if not hasattr(self, "_pages"):
            pages = self.for_host(Page.objects.public()).select_related("agency", "parent")
            self._pages = [p for p in pages.order_by("agency", "path") if p.is_reachable]
        return self._pages

    def lastmod(self, page):
        return page.updated_at


class AnnouncementSitemap(CountedSitemap):
    """Live announcements (they leave the sitemap when they expire)."""

    changefreq = "weekly"
    limit = 5000

    def items(self):
        live = Announcement.objects.public().only("slug", "updated_at")
        return self.for_host(live).order_by("-publish_at", "-id")

    def lastmod(self, announcement):
        return announcement.updated_at


class EventSitemap(AnnouncementSitemap):
    """Public agenda items, upcoming and past (the archive stays readable)."""

    def items(self):
        return self.for_host(Event.objects.public().only("slug", "updated_at")).order_by(
            "-starts_at", "-id"
        )


class DocumentSitemap(AnnouncementSitemap):
    """The download centre's public documents (their pages, not the counted downloads)."""

    changefreq = "monthly"

    def items(self):
        public = Document.objects.public().only("slug", "updated_at")
        return self.for_host(public).order_by("-publish_at", "-id")


class GallerySitemap(DocumentSitemap):
    """Public photo and video galleries."""

    def items(self):
        public = Gallery.objects.public().only("slug", "updated_at")
        return self.for_host(public).order_by("-publish_at", "-id")


sitemaps = {
    "berita": ArticleSitemap,
    "instansi": AgencySitemap,
    "halaman": PageSitemap,
    "pengumuman": AnnouncementSitemap,
    "agenda": EventSitemap,
    "dokumen": DocumentSitemap,
    "galeri": GallerySitemap,
}


def _for_request(request) -> dict:
    return {
        name: section(request)
        if isinstance(section, type) and issubclass(section, SiteSitemap)
        else section
        for name, section in sitemaps.items()
    }


def index(request, **kwargs):
    """/sitemap.xml: one sitemap per section, for this host."""
    return sitemap_views.index(request, _for_request(request), **kwargs)


def sitemap(request, section=None, **kwargs):
    """/sitemap-<section>.xml, for this host."""
    return sitemap_views.sitemap(request, _for_request(request), section=section, **kwargs)
