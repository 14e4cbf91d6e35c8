"""The newsroom's kinds and the agencies in the JSON API: for each, what the public may read of it.

Nothing personal: no author, no editor, no revision, no status; an agency shows its public identity
(the office's contact details as its site's footer shows them, never a person's).
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import Prefetch
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Agency
from newsroom.agenda import Announcement, Event
from newsroom.library import Document, Gallery, GalleryItem
from newsroom.models import Article, Category, Page

from .base import MomentFilter, PublicFilterSet, PublicViewSet, YesNoFilter, agency_filter
from .fields import AgencyRefSerializer, CategoryRefSerializer, PublicURLField, TagRefSerializer

# -- agencies -------------------------------------------------------------------------------------


class AgencySerializer(serializers.ModelSerializer):
    url = PublicURLField()
    logo = serializers.ImageField(read_only=True)

    class Meta:
        model = Agency
        fields = [
            "slug", "name", "short_name", "url", "description", "logo", "website", "domain",
            # The office's own contacts, shown in its site's footer (not a person's).
            "address", "phone", "email", "service_hours",
            "instagram_url", "facebook_url", "x_url", "youtube_url", "tiktok_url",
        ]  # fmt: skip


class AgencyViewSet(PublicViewSet):
    """Agencies publishing on this portal, with their public identity."""

    api_description = _(
        "Agencies publishing on this portal, with their public identity (the office's contacts, "
        "never a person's)."
    )

    queryset = Agency.objects.all()
    serializer_class = AgencySerializer
    filterset_class = None
    ordering = ("slug",)
    site_field = "pk"
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"

    def visible(self, queryset):
        return queryset


# -- articles -------------------------------------------------------------------------------------


class ArticleSerializer(serializers.ModelSerializer):
    url = PublicURLField()
    agency = AgencyRefSerializer()
    category = CategoryRefSerializer(allow_null=True)
    tags = TagRefSerializer(many=True)
    cover_image = serializers.ImageField(read_only=True)
    published_at = serializers.DateTimeField(source="publish_at")

    class Meta:
        model = Article
        fields = [
            "id", "slug", "url", "title", "lead", "body", "agency", "category", "tags",
            "cover_image", "cover_caption", "cover_credit", "is_featured", "published_at",
            "corrected_at",
        ]  # fmt: skip


class ArticleFilter(PublicFilterSet):
    category = django_filters.ModelChoiceFilter(
        to_field_name="slug",
        queryset=Category.objects.all(),
        label=_("Only this category's articles (its slug)."),
    )
    featured = YesNoFilter(
        field_name="is_featured", label=_("Only featured articles (true) or the others (false).")
    )


class ArticleViewSet(PublicViewSet):
    """Published news articles, newest first."""

    api_description = _("Published news articles, newest first.")

    queryset = Article.objects.select_related("agency", "category").prefetch_related("tags")
    serializer_class = ArticleSerializer
    filterset_class = ArticleFilter


# -- pages ----------------------------------------------------------------------------------------


class PageSerializer(serializers.ModelSerializer):
    url = PublicURLField()
    agency = AgencyRefSerializer()
    image = serializers.ImageField(read_only=True)
    published_at = serializers.DateTimeField(source="publish_at")

    class Meta:
        model = Page
        fields = [
            "id", "slug", "path", "url", "title", "lead", "body", "image", "image_caption",
            "agency", "parent", "position", "published_at", "corrected_at",
        ]  # fmt: skip


class PageViewSet(PublicViewSet):
    """An agency's pages (Profil, Visi dan Misi, Kontak...) the public can reach: published, and
    under published sections only."""

    api_description = _(
        "An agency's pages (Profil, Visi dan Misi, Kontak...) that the public can reach: "
        "published, under published sections only; newest first."
    )

    queryset = Page.objects.select_related("agency")
    serializer_class = PageSerializer
    filterset_class = PublicFilterSet

    def visible(self, queryset):
        now = timezone.now()
        # One query for the whole tree (pages are tens per agency): a page is hidden when any
        # page above it is not public, as on its HTML page (Page.is_reachable).
        parents = dict(Page.objects.public(now).values_list("pk", "parent_id"))
        hidden = [pk for pk in parents if not _reachable(pk, parents)]
        return queryset.public(now).exclude(pk__in=hidden)


def _reachable(pk, parents: dict) -> bool:
    seen = set()
    while pk is not None:
        if pk not in parents or pk in seen:
            return False
        seen.add(pk)
        pk = parents[pk]
    return True


# -- announcements and events ---------------------------------------------------------------------


class AnnouncementSerializer(serializers.ModelSerializer):
    url = PublicURLField()
    agency = AgencyRefSerializer()
    published_at = serializers.DateTimeField(source="publish_at")
    valid_until = serializers.DateTimeField(source="expire_at", allow_null=True)

    class Meta:
        model = Announcement
        fields = [
            "id", "slug", "url", "title", "lead", "body", "agency", "published_at", "valid_until",
            "corrected_at",
        ]  # fmt: skip


class AnnouncementViewSet(PublicViewSet):
    """Live announcements, newest first (they leave the list when they expire)."""

    api_description = _(
        "Current announcements, newest first; an announcement leaves the list when it expires."
    )

    queryset = Announcement.objects.select_related("agency")
    serializer_class = AnnouncementSerializer
    filterset_class = PublicFilterSet


class EventSerializer(serializers.ModelSerializer):
    url = PublicURLField()
    agency = AgencyRefSerializer()
    all_day = serializers.BooleanField()
    organizer = serializers.CharField(source="organizer_name")
    published_at = serializers.DateTimeField(source="publish_at")

    class Meta:
        model = Event
        fields = [
            "id", "slug", "url", "title", "lead", "body", "agency", "all_day", "start_date",
            "start_time", "end_date", "end_time", "starts_at", "ends_at", "location",
            "organizer", "registration_url", "published_at", "corrected_at",
        ]  # fmt: skip


class EventFilter(django_filters.FilterSet):
    """Events taking place in a span: not ended before ``since``, started by ``until``."""

    agency = agency_filter()
    since = MomentFilter(
        field_name="ends_at",
        strictly=True,
        label=_("Events not yet over at this date or time (WIB if no offset)."),
    )
    until = MomentFilter(
        field_name="starts_at",
        until=True,
        label=_("Events starting on or before this date (the whole day) or time."),
    )


class EventViewSet(PublicViewSet):
    """Published events in the order they take place (``since=<today>``: the agenda ahead)."""

    api_description = _(
        "Published events in the order they take place. since=<today> gives the agenda ahead; "
        "since and until select the events taking place in a span."
    )

    queryset = Event.objects.select_related("agency")
    serializer_class = EventSerializer
    filterset_class = EventFilter
    ordering = ("starts_at", "id")


# -- documents and galleries ---------------------------------------------------------------------


class DocumentSerializer(serializers.ModelSerializer):
    url = PublicURLField()
    download_url = serializers.SerializerMethodField()
    agency = AgencyRefSerializer()
    kind_label = serializers.CharField(source="get_kind_display")
    published_at = serializers.DateTimeField(source="publish_at")

    class Meta:
        model = Document
        fields = [
            "id", "slug", "url", "download_url", "title", "kind", "kind_label", "number", "year",
            "description", "file_type", "file_size", "agency", "published_at", "corrected_at",
        ]  # fmt: skip

    def get_download_url(self, document) -> str:
        # The counted download (per day, nothing about the visitor), as on the document's page.
        return self.context["request"].build_absolute_uri(document.get_download_url())


class YearFilter(django_filters.Filter):
    field_class = forms.IntegerField


class DocumentFilter(PublicFilterSet):
    kind = django_filters.ChoiceFilter(
        choices=Document.Kind.choices, label=_("Only documents of this kind.")
    )
    year = YearFilter(min_value=1900, max_value=2999, label=_("Only documents of this year."))


class DocumentViewSet(PublicViewSet):
    """The download centre: regulations, forms, reports, SOPs, service standards, public
    information; newest first."""

    api_description = _(
        "The download centre: regulations, forms, reports, SOPs, service standards and public "
        "information, newest first; download_url counts the download (per day, nothing about the "
        "visitor)."
    )

    queryset = Document.objects.select_related("agency")
    serializer_class = DocumentSerializer
    filterset_class = DocumentFilter


class GalleryItemSerializer(serializers.ModelSerializer):
    image = serializers.ImageField(read_only=True)

    class Meta:
        model = GalleryItem
        fields = ["kind", "position", "image", "alt_text", "caption", "credit", "video_url"]


class GallerySerializer(serializers.ModelSerializer):
    url = PublicURLField()
    agency = AgencyRefSerializer()
    items = GalleryItemSerializer(many=True)
    published_at = serializers.DateTimeField(source="publish_at")

    class Meta:
        model = Gallery
        fields = [
            "id", "slug", "url", "title", "description", "agency", "items", "published_at",
            "corrected_at",
        ]  # fmt: skip


class GalleryViewSet(PublicViewSet):
    """Photo and video galleries, newest first, each with its items in order."""

    api_description = _(
        "Photo and video galleries, newest first, each with its photos and videos in order."
    )

    queryset = Gallery.objects.select_related("agency").prefetch_related(
        Prefetch("items", queryset=GalleryItem.objects.order_by("position", "id"))
    )
    serializer_class = GallerySerializer
    filterset_class = PublicFilterSet


def register(router) -> None:
    router.register("articles", ArticleViewSet, basename="article")
    router.register("pages", PageViewSet, basename="page")
    router.register("announcements", AnnouncementViewSet, basename="announcement")
    router.register("events", EventViewSet, basename="event")
    router.register("documents", DocumentViewSet, basename="document")
    router.register("galleries", GalleryViewSet, basename="gallery")
    router.register("agencies", AgencyViewSet, basename="agency")
