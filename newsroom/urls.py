from django.contrib.sitemaps.views import sitemap
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

# The sitemap is addressed by its view (robots.txt reverses it), outside the namespace.
sitemap_urlpatterns = [
    path(
        "sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="django.contrib.sitemaps.views.sitemap"
    ),
]
