"""List filters of the PPID admin that the dashboard's numbers link to (ppid.dashboard)."""

from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy

from accounts import permissions
from accounts.models import Agency

from .. import dashboard


class DeadlineFilter(admin.SimpleListFilter):
    """Open requests due within three working days, or overdue: the same rule the dashboard
    counts (ppid.dashboard.deadline_q)."""

    title = gettext_lazy("deadline")
    parameter_name = dashboard.DEADLINE_PARAMETER

    def lookups(self, request, model_admin):
        return [
            (dashboard.DUE_SOON, gettext_lazy("Due within 3 working days")),
            (dashboard.OVERDUE, gettext_lazy("Overdue")),
        ]

    def queryset(self, request, queryset):
        if self.value() not in (dashboard.DUE_SOON, dashboard.OVERDUE):
            return queryset
        ids = permissions.ppid_agency_ids(request.user)
        if ids is None:
            ids = list(Agency.objects.values_list("pk", flat=True))
        today = timezone.localdate()
        return queryset.open().filter(dashboard.deadline_q(self.value(), ids, today))
