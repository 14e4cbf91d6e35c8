"""Sitemap for search engines: public articles and agency pages."""

from django.contrib.sitemaps import Sitemap
from django.db.models import Max

from accounts.models import Agency
from newsroom.models import Article, Page


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Article.objects.public().only("slug", "publish_at", "updated_at").order_by("-id")

    def lastmod(self, article):
        return article.updated_at

    def get_latest_lastmod(self):
        # Django's default walks every item in Python (95k articles: ~1 s for the index).
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class AgencySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Agency.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, agency):
        return agency.updated_at

    def get_latest_lastmod(self):
        return self.items().aggregate(latest=Max("updated_at"))["latest"]


class PageSitemap(Sitemap):
    """Agency pages the public can reach (published, under published sections)."""

    changefreq = "monthly"

    def items(self):
        pages = Page.objects.public().select_related("agency", "parent").order_by("agency", "path")
        return [page for page in pages if page.is_reachable]

    def lastmod(self, page):
        return page.updated_at


sitemaps = {"berita": ArticleSitemap, "instansi": AgencySitemap, "halaman": PageSitemap}
