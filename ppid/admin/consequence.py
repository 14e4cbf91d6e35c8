"""The agency's consequence tests (uji konsekuensi), kept by its PPID staff."""

from __future__ import annotations

from django.contrib import admin

from accounts import permissions
from accounts.admin import AgencyScopedAdmin

from ..models import ConsequenceTest


@admin.register(ConsequenceTest)
class ConsequenceTestAdmin(AgencyScopedAdmin):
    view_roles = permissions.PPID_ROLES
    list_display = ["information", "exemption_ground", "conclusion", "exempt_until", "tested_on"]
    list_filter = ["conclusion", "exemption_ground", "agency"]
    search_fields = ["information", "withheld_part"]
    list_select_related = ["agency"]
    date_hierarchy = "tested_on"
    fields = [
        "agency", "information", "withheld_part", "exemption_ground", "legal_basis", "harm",
        "public_interest", "conclusion", "exempt_until", "tested_on", "signatories",
    ]  # fmt: skip

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
