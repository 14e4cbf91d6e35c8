"""RSS feeds of published news: all agencies, and one per agency.

On an agency's own domain the portal-wide feed holds only that agency's news, and another agency's
feed is not there (404). Item links are canonical addresses (portal.sites): an agency's news links
to its own domain when it has one.
"""

import copy

from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from accounts.models import Agency
from newsroom.models import Announcement, Article

from . import sites

FEED_SIZE = 30


def public_items():
    return Article.objects.public().select_related("agency", "category").defer("body")


class LatestArticlesFeed(Feed):
    title = _("Latest news")
    description = _("The latest published news of every agency.")
    request = None

    def __call__(self, request, *args, **kwargs):
        # One instance serves every request (portal.urls): the request goes on a copy.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def link(self):
        return reverse("portal:article_list")

    def items(self):
        return sites.for_site(public_items(), self.request)[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Feed readers render <description> as HTML; the lead is plain text, so escape it.
        return escape(item.lead)

    def item_link(self, item):
        return sites.public_url(self.request, item.get_absolute_url(), item.agency)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.corrected_at or item.publish_at

    def item_author_name(self, item):
        return item.agency.name

    def item_categories(self, item):
        return [item.category.name] if item.category else []


class AgencyArticlesFeed(LatestArticlesFeed):
    def get_object(self, request, slug):
        return get_object_or_404(sites.for_site(Agency.objects, request, "pk"), slug=slug)

    def title(self, agency):
        return _("News of %(agency)s") % {"agency": agency.name}

    def description(self, agency):
        return _("The latest published news of %(agency)s.") % {"agency": agency.name}

    def link(self, agency):
        return agency.get_absolute_url()

    def items(self, agency):
        return public_items().filter(agency=agency)[:FEED_SIZE]


class AnnouncementsFeed(LatestArticlesFeed):
    """Live announcements (recruitment, service closures, results): /pengumuman/feed/."""

    title = _("Announcements")
    description = _("Current announcements of government agencies.")

    def link(self):
        return reverse("portal:announcement_list")

    def items(self):
        live = Announcement.objects.public().select_related("agency").defer("body")
        return sites.for_site(live, self.request).order_by("-publish_at", "-id")[:FEED_SIZE]

    def item_categories(self, item):
        return []
