from django.contrib.sitemaps.views import index, sitemap
from django.urls import path

from . import feeds, views
from .sitemaps import sitemaps

app_name = "newsroom"

urlpatterns = [
    path("", views.home, name="home"),
    path("berita/", views.article_list, name="article_list"),
    path("berita/<slug:slug>/", views.article_detail, name="article_detail"),
    path("instansi/<slug:slug>/", views.agency_detail, name="agency_detail"),
    path("instansi/<slug:slug>/feed/", feeds.AgencyArticlesFeed(), name="agency_feed"),
    path("cari/", views.search, name="search"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
]

# /sitemap.xml is an index of one sitemap per section, each paged by 5,000 URLs (?p=2), so a
# portal of 100k articles is listed whole. Outside the namespace: Django's index view reverses the
# section view by this name.
sitemap_urlpatterns = [
    path("sitemap.xml", index, {"sitemaps": sitemaps}, name="sitemap_index"),
    path(
        "sitemap-<section>.xml",
        sitemap,
        {"sitemaps": sitemaps},
        name="django.contrib.sitemaps.views.sitemap",
    ),
]
