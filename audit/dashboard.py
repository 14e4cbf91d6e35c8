"""The audit log on the dashboard of agency administrators and PPID heads (humas.dashboard):
today's count, role changes of the last 30 days, the latest entries. Only on the dashboard
itself (three queries), never in the menu of every admin page."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import permissions
from humas.dashboard import Counter, Item, Panel, Section, Stat

from .admin import AUDIT_ROLES, ActionFilter, DateRangeFilter, change_url
from .log import action_label
from .models import AuditEntry

LATEST = 5
#: Every membership code (accounts.memberships): given, changed, taken away.
ROLE_CHANGES = "accounts.membership.*"


def panels(request, *, detail: bool = False) -> list[Panel]:
    user = request.user
    if not detail or not permissions.has_any_role(user, AUDIT_ROLES):
        return []
    entries = permissions.scope_to_agencies(AuditEntry.objects.all(), user, AUDIT_ROLES)
    today = timezone.localdate()
    month_ago = today - timedelta(days=29)
    url = reverse("admin:audit_auditentry_changelist")
    label = str(AuditEntry._meta.verbose_name_plural).capitalize()

    def since(day):
        return f"{DateRangeFilter.parameter_from}={day.strftime('%d/%m/%Y')}"

    zone = timezone.get_current_timezone()
    midnight = datetime.combine(today, time.min, zone)
    role_changes = entries.filter(
        action__startswith=ROLE_CHANGES[:-1], at__gte=datetime.combine(month_ago, time.min, zone)
    )
    changes_url = f"{url}?{ActionFilter.parameter_name}={ROLE_CHANGES}&{since(month_ago)}"
    stats = [
        Stat(
            _("Steps recorded today"),
            [Counter(label, entries.filter(at__gte=midnight).count(), f"{url}?{since(today)}")],
        ),
        Stat(
            _("Role changes in the last 30 days"),
            [Counter(label, role_changes.count(), changes_url)],
        ),
    ]
    items = [
        Item(
            f"{action_label(entry.action)}: {entry.object_label}",
            change_url(entry) or url,
            " · ".join(
                [
                    entry.actor_name or _("No account (requester or system)"),
                    formats.date_format(timezone.localtime(entry.at), "DATETIME_FORMAT"),
                ]
            ),
        )
        for entry in entries.order_by("-at", "-id")[:LATEST]
    ]
    section = Section(_("Latest entries"), items, empty=_("Nothing recorded yet."))
    return [Panel("audit", _("Audit log"), stats, [section])]
