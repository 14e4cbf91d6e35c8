"""Closure days: the package's holidays (read-only) and the closures staff add."""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Q
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.admin import AgencyScopedAdmin

from .. import services
from ..models import ClosureDay


@admin.register(ClosureDay)
class ClosureDayAdmin(AgencyScopedAdmin):
    view_roles = permissions.PPID_ROLES
    list_display = ["date", "name", "agency", "is_closed", "source"]
    list_filter = ["source", "is_closed", "agency"]
    search_fields = ["name"]
    date_hierarchy = "date"
    fields = ["date", "name", "agency", "is_closed"]

    def get_queryset(self, request):
        qs = ClosureDay.objects.select_related("agency")
        ids = permissions.ppid_agency_ids(request.user)
        if ids is None:
            return qs
        # Rows for every agency are visible (they shape everyone's deadlines), not changeable.
        return qs.filter(Q(agency__isnull=True) | Q(agency_id__in=ids))

    def has_change_permission(self, request, obj=None):
        if obj is not None and (obj.agency_id is None or obj.source == ClosureDay.Source.PACKAGE):
            return permissions.is_superuser(request.user)
        return super().has_change_permission(request, obj)

    def has_view_permission(self, request, obj=None):
        if obj is not None and obj.agency_id is None:
            return permissions.has_any_role(request.user, self.view_roles)
        return super().has_view_permission(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "agency" in form.base_fields and not permissions.is_superuser(request.user):
            form.base_fields["agency"].required = True
        return form

    def save_model(self, request, obj, form, change):
        # The form offers only the user's agencies, so the service's own check passes here.
        services.save_closure_day(obj, actor=request.user)
        messages.info(request, _("Due dates of open requests were recomputed."))

    def delete_model(self, request, obj):
        services.remove_closure_day(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.remove_closure_day(obj, actor=request.user)
