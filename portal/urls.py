"""The public addresses (design.md §5, "the public contract"): the portal's pages in the "portal"
namespace, the sitemap beside them. The project's URLconf includes this module at the root.
"""

from django.urls import include, path

from . import agenda, feeds, library, sitemaps, views
from .pages import page_detail

# Not ``app_name``: that would put the sitemap in the namespace too.
NAMESPACE = "portal"

pages = [
    path("", views.home, name="home"),
    path("berita/", views.article_list, name="article_list"),
    path("berita/<slug:slug>/", views.article_detail, name="article_detail"),
    path("instansi/<slug:slug>/", views.agency_detail, name="agency_detail"),
    path("instansi/<slug:slug>/feed/", feeds.AgencyArticlesFeed(), name="agency_feed"),
    path("instansi/<slug:slug>/agenda.ics", agenda.agency_agenda_ics, name="agency_agenda_ics"),
    # An agency's own pages (newsroom's Page kind): after every fixed /instansi/<slug>/... route
    # above, which a page path must not shadow (Page.RESERVED_SLUGS keeps them apart).
    path("instansi/<slug:slug>/<path:path>/", page_detail, name="page_detail"),
    path("cari/", views.search, name="search"),
    path("feed/", feeds.LatestArticlesFeed(), name="feed"),
    path("pengumuman/", agenda.announcement_list, name="announcement_list"),
    path("pengumuman/feed/", feeds.AnnouncementsFeed(), name="announcement_feed"),
    path("pengumuman/<slug:slug>/", agenda.announcement_detail, name="announcement_detail"),
    path("agenda/", agenda.event_list, name="event_list"),
    path("agenda/<slug:slug>/", agenda.event_detail, name="event_detail"),
    path("agenda/<slug:slug>/kalender.ics", agenda.event_ics, name="event_ics"),
    path("agenda.ics", agenda.agenda_ics, name="agenda_ics"),
    path("dokumen/", library.document_list, name="document_list"),
    path("dokumen/<slug:slug>/", library.document_detail, name="document_detail"),
    path("dokumen/<slug:slug>/unduh/", library.document_download, name="document_download"),
    path("galeri/", library.gallery_list, name="gallery_list"),
    path("galeri/<slug:slug>/", library.gallery_detail, name="gallery_detail"),
]

# /sitemap.xml is an index of one sitemap per section, each paged by 5,000 URLs (?p=2), so a
# portal of 100k articles is listed whole. Outside the namespace: Django's index view reverses the
# section view by this name.
sitemap_pages = [
    path("sitemap.xml", sitemaps.index, name="sitemap_index"),
    path("sitemap-<section>.xml", sitemaps.sitemap, name="django.contrib.sitemaps.views.sitemap"),
]

urlpatterns = [path("", include((pages, NAMESPACE))), *sitemap_pages]
