from django.contrib.sitemaps import Sitemap

from .models import Article


class ArticleSitemap(Sitemap):
    changefreq = "weekly"
    limit = 5000

    def items(self):
        return Article.objects.public().only("slug", "publish_at", "updated_at")

    def lastmod(self, article):
        return article.updated_at


sitemaps = {"berita": ArticleSitemap}
