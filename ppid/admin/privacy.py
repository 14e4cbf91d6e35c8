"""The log of staff views of requesters' personal data: read by the PPID head, never edited."""

from __future__ import annotations

from django.contrib import admin

from accounts.admin import AgencyScopedAdmin
from accounts.models import Role

from ..models import PersonalDataView


@admin.register(PersonalDataView)
class PersonalDataViewAdmin(AgencyScopedAdmin):
    view_roles = frozenset({Role.PPID_HEAD})
    list_display = ["viewed_at", "viewer", "what", "agency"]
    list_filter = ["viewed_at", "viewer", "agency"]
    search_fields = ["what", "viewer__username", "viewer__first_name", "viewer__last_name"]
    list_select_related = ["viewer", "agency"]
    date_hierarchy = "viewed_at"
    show_full_result_count = False

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
