from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import i18n, views

# A database outage raised anywhere answers a friendly 503 instead of 500 (humas.security).
handler500 = "humas.security.server_error"

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("bahasa/<str:code>/", i18n.choose_language, name="choose_language"),
    # The rich-text editor's image upload and browse (newsroom.editor_urls), before the admin.
    path("admin/ckeditor/", include("newsroom.editor_urls")),
    # Two-step verification set up by staff themselves (accounts.two_factor), before the admin.
    path("admin/keamanan/", include("accounts.two_factor")),
    # The content calendar of the Digital PR desk (outreach.calendar_urls), before the admin.
    path("admin/outreach/kalender/", include("outreach.calendar_urls")),
    path("admin/", admin.site.urls),
    path("ppid/", include("ppid.urls")),
    # The read-only JSON API and its OpenAPI schema (portal.api, docs/api.md).
    path("api/v1/", include("portal.api.urls")),
    # The public portal and its sitemap (portal.urls: the public contract, design.md §5).
    path("", include("portal.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
