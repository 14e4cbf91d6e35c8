"""The content calendar's addresses, under /admin/outreach/kalender/ (humas.urls).

admin_view: staff only (others go to the login), never cached, CSRF-protected. The feed is the
exception: calendar apps fetch it without a session, its secret token is the key.
"""

from django.contrib import admin
from django.urls import path

from . import calendar_views as views

app_name = "outreach_calendar"
urlpatterns = [
    path("", admin.site.admin_view(views.calendar_page), name="page"),
    path("data/", admin.site.admin_view(views.events), name="events"),
    path("pindah/", admin.site.admin_view(views.move_view), name="move"),
    path("pilar.css", admin.site.admin_view(views.pillar_css), name="pillar_css"),
    path("feed/", admin.site.admin_view(views.feed_page), name="feed_page"),
    path("feed/<str:token>.ics", views.feed, name="feed"),
]
