"""Maintenance of the public-information list (DIP)."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from accounts.admin import AgencyScopedAdmin
from newsroom.models import Article

from ..models import DIPEntry
from ..uploads import inspect_upload


class DIPEntryForm(forms.ModelForm):
    class Meta:
        model = DIPEntry
        fields = [
            "agency", "title", "category", "summary", "published", "holding_unit",
            "person_responsible", "made_when", "made_where", "form", "retention_period", "file",
            "link", "article", "exemption_ground", "classification_reason", "exempt_until",
        ]  # fmt: skip

    def clean_file(self):
        uploaded = self.cleaned_data.get("file")
        if uploaded and hasattr(uploaded, "content_type"):  # a new upload, not the stored file
            inspect_upload(uploaded)
        return uploaded

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("category") == DIPEntry.Category.EXEMPT:
            if not cleaned.get("exemption_ground"):
                self.add_error("exemption_ground", _("An exempt entry needs its Pasal 17 ground."))
            if cleaned.get("file") or cleaned.get("link") or cleaned.get("article"):
                raise ValidationError(_("An exempt entry must not point to its content."))
        article = cleaned.get("article")
        if article and cleaned.get("agency") and article.agency_id != cleaned["agency"].pk:
            self.add_error("article", _("Choose an article of the same agency."))
        return cleaned


@admin.register(DIPEntry)
class DIPEntryAdmin(AgencyScopedAdmin):
    form = DIPEntryForm
    view_roles = permissions.PPID_ROLES
    list_display = ["title", "agency", "category", "published", "exempt_until", "updated_at"]
    list_filter = ["category", "published", "agency"]
    search_fields = ["title", "summary"]
    list_select_related = ["agency"]
    fieldsets = [
        (None, {"fields": ["agency", "title", "category", "summary", "published"]}),
        (
            gettext_lazy("Details"),
            {
                "fields": [
                    "holding_unit",
                    "person_responsible",
                    "made_when",
                    "made_where",
                    "form",
                    "retention_period",
                    "file",
                    "link",
                    "article",
                ]
            },
        ),  # fmt: skip
        (
            gettext_lazy("Exempt information"),
            {"fields": ["exemption_ground", "classification_reason", "exempt_until"]},
        ),
    ]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "article":
            articles = permissions.scope_to_agencies(
                Article.objects.public(), request.user, permissions.PPID_ROLES
            )
            kwargs["queryset"] = articles.select_related("agency")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
