"""The report's written parts, kept by the agency's PPID staff."""

from __future__ import annotations

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy

from accounts import permissions
from accounts.admin import AgencyScopedAdmin

from ..models import ReportNarrative


@admin.register(ReportNarrative)
class ReportNarrativeAdmin(AgencyScopedAdmin):
    view_roles = permissions.PPID_ROLES
    list_display = ["agency", "year", "period", "updated_at", "updated_by", "public_report"]
    list_filter = ["year", "period", "agency"]
    list_select_related = ["agency", "updated_by"]
    fields = ["agency", "year", "period", "policy", "implementation", "obstacles", "follow_up"]

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description=gettext_lazy("public report"))
    def public_report(self, obj):
        url = reverse("ppid:report", args=[obj.year]) + f"?instansi={obj.agency.slug}"
        if obj.period:
            url += f"&semester={obj.period}"
        return format_html('<a href="{}">{}</a>', url, gettext_lazy("Open"))
