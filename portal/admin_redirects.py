"""Staff side of redirects: each agency's redirects, and the addresses visitors did not find with a
"make a redirect" action (portal.redirects)."""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.admin import AgencyScopedAdmin
from accounts.models import Role

from .redirects import NotFoundPath, Redirect

#: Who manages an agency's addresses: the people who publish and run its site.
MANAGERS = frozenset({Role.SUPERVISOR, Role.AGENCY_ADMIN})


@admin.register(Redirect)
class RedirectAdmin(AgencyScopedAdmin):
    view_roles = permissions.STAFF_ROLES
    change_roles = MANAGERS
    list_display = ("old_path", "destination_shown", "agency", "kind", "created_at")
    list_filter = ("agency",)
    search_fields = ("old_path", "target")
    fields = ("agency", "old_path", "target")

    @admin.display(description=_("new address"))
    def destination_shown(self, obj):
        return obj.destination() or _("(not public now: 404)")

    @admin.display(description=_("kind"))
    def kind(self, obj):
        return _("Address changed") if obj.is_automatic else _("Entered by staff")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_automatic:
            return ["agency", "old_path", "target"]  # it follows the item; delete it to drop it
        return []

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("agency", "content_type")


@admin.register(NotFoundPath)
class NotFoundPathAdmin(AgencyScopedAdmin):
    view_roles = MANAGERS
    list_display = ("path", "count", "day", "agency")
    list_filter = ("day", "agency")
    search_fields = ("path",)
    date_hierarchy = "day"
    ordering = ("-day", "-count")
    actions = ["make_redirect"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False  # counted by the site, never edited

    @admin.action(description=_("Make a redirect"))
    def make_redirect(self, request, queryset):
        rows = list(queryset[:2])
        if len(rows) != 1:
            self.message_user(
                request, _("Choose one address to make a redirect from."), messages.WARNING
            )
            return None
        row = rows[0]
        initial = {"old_path": row.path}
        if row.agency_id:
            initial["agency"] = row.agency_id
        return redirect(reverse("admin:portal_redirect_add") + "?" + urlencode(initial))
