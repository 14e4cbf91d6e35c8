"""Sitemap for search engines: public articles and agency pages."""

from django.contrib.sitemaps import Sitemap

from accounts.models import Agency

from .models import Article


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Article.objects.public().only("slug", "publish_at", "updated_at").order_by("-id")

    def lastmod(self, article):
        return article.updated_at


class AgencySitemap(Sitemap):
    changefreq = "daily"

    def items(self):
        return Agency.objects.only("slug", "updated_at").order_by("slug")

    def lastmod(self, agency):
        return agency.updated_at


sitemaps = {"berita": ArticleSitemap, "instansi": AgencySitemap}
