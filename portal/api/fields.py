"""Serializer pieces shared by the resources: links to public pages, and the small shapes an item
names its agency, category and tags by."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from accounts.models import Agency
from newsroom.models import Category, Tag


@extend_schema_field(OpenApiTypes.URI)
class PublicURLField(serializers.Field):
    """The absolute address of the item's public page (``get_absolute_url`` on this host)."""

    def __init__(self, **kwargs):
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, value):
        return self.context["request"].build_absolute_uri(value.get_absolute_url())


class AgencyRefSerializer(serializers.ModelSerializer):
    """The agency an item belongs to."""

    class Meta:
        model = Agency
        fields = ["slug", "name", "short_name"]


class CategoryRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Category
        fields = ["slug", "name"]


class TagRefSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["slug", "name"]
