"""The newsroom's kinds and the agencies in the JSON API: for each, what the public may read of it.

Nothing personal: no author, no editor, no revision, no status; an agency shows its public identity
(the office's contact details as its site's footer shows them, never a person's).
"""

from __future__ import annotations

import django_filters
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from accounts.models import Agency
from newsroom.models import Article, Category, Page

from .base import PublicFilterSet, PublicViewSet, YesNoFilter
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


def register(router) -> None:
    router.register("articles", ArticleViewSet, basename="article")
    router.register("pages", PageViewSet, basename="page")
    router.register("agencies", AgencyViewSet, basename="agency")
