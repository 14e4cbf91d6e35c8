"""The public addresses (design.md §5, "the public contract"): the portal's pages in the "portal"
namespace, the sitemap beside them. The project's URLconf includes this module at the root.
"""

from django.urls import include, path

from . import feeds, sitemaps, views
from .pages import page_detail

# Not ``app_name``: that would put the sitemap in the namespace too.
NAMESPACE = "portal"

pages = [
    path("", views.home, name="home"),
    path("berita/", views.article_list, name="article_list"),
    path("berita/<slug:slug>/", views.article_detail, name="article_detail"),
    path("instansi/<slug:slug>/", views.agency_detail, name="agency_detail"),
    path("instansi/<slug:slug>/feed/", feeds.AgencyArticlesFeed(), name="agency_feed"),
    # An agency's own pages (newsroom's Page kind): after every fixed /instansi/<slug>/... route
    # above, which a page path must not shadow (Page.RESERVED_SLUGS keeps them apart).
    path("instansi/<slug:slug>/<path:path>/", page_detail, name="page_detail"),
    path("cari/", views.search, name="search"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
]

# /sitemap.xml is an index of one sitemap per section, each paged by 5,000 URLs (?p=2), so a
# portal of 100k articles is listed whole. Outside the namespace: Django's index view reverses the
# section view by this name.
sitemap_pages = [
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-<section>.xml", sitemaps.sitemap, name="django.contrib.sitemaps.views.sitemap"),
]

urlpatterns = [path("", include((pages, NAMESPACE))), *sitemap_pages]
