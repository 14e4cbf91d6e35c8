"""The audit log in the admin: read-only, one agency's entries for its administrators and PPID
heads (superusers see every agency), filterable by person, action and dates, exported as CSV."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import NoReverseMatch, path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.admin import AgencyScopedAdmin
from accounts.models import Role
from humas import spreadsheet

from .log import action_label
from .models import AuditEntry

#: Who reads the log: the agency's administrators (people, settings) and its PPID heads
#: (the PPID's decisions answer to them).
AUDIT_ROLES = frozenset({Role.AGENCY_ADMIN, Role.PPID_HEAD})


#: Who a step without a signed-in person was taken by: the requester on the public forms, or the
#: system (a recomputed due date, a retention purge).
NO_ACCOUNT = _("No account (requester or system)")


class PersonFilter(admin.RelatedOnlyFieldListFilter):
    """The people who appear in the entries the person may see, and "no account"."""

    def __init__(self, field, request, params, model, model_admin, field_path):
        super().__init__(field, request, params, model, model_admin, field_path)
        self.empty_value_display = NO_ACCOUNT


class ActionFilter(admin.SimpleListFilter):
    """The actions that occur in the entries the person may see, by their label."""

    title = _("action")
    parameter_name = "aksi"

    def lookups(self, request, model_admin):
        # DISTINCT in the database: a busy agency's log holds many rows but few kinds of action.
        codes = model_admin.get_queryset(request).order_by().values_list("action", flat=True)
        return sorted(((code, action_label(code)) for code in codes.distinct()), key=lambda c: c[1])

    def queryset(self, request, queryset):
        value = self.value()
        if not value:
            return queryset
        if value.endswith(".*"):  # a family of actions, "accounts.membership.*" (the dashboard)
            return queryset.filter(action__startswith=value[:-1])
        return queryset.filter(action=value)


class DateRangeFilter(admin.ListFilter):
    """Entries from one day to another (both included, in the server's time zone, WIB).

    The admin's own date fields (dd/mm/yyyy with its calendar, DateTimeShortcuts.js) rather than
    django-admin-rangefilter, whose template carries inline script (against this project's CSP
    rule for templates), or a browser date input, which shows mm/dd/yyyy in an English browser.
    """

    title = _("date")
    template = "admin/audit/date_range_filter.html"
    parameter_from = "dari"
    parameter_to = "sampai"

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.raw = {}
        self.dates = {}
        field = forms.DateField()  # the Indonesian input formats: 28/11/2026, 2026-11-28 ...
        for name in (self.parameter_from, self.parameter_to):
            if name not in params:
                continue
            value = params.pop(name)
            value = (value[-1] if isinstance(value, list) else value or "").strip()
            self.raw[name] = value
            if not value:
                continue
            try:
                self.dates[name] = field.clean(value)
            except ValidationError:
                messages.warning(
                    request,
                    gettext(
                        "“%(value)s” is not a date (write it as 28/11/2026); that part of the "
                        "filter was left out."
                    )
                    % {"value": value[:20]},
                )

    def has_output(self):
        return True

    def expected_parameters(self):
        return [self.parameter_from, self.parameter_to]

    def queryset(self, request, queryset):
        zone = timezone.get_current_timezone()
        start, end = self.dates.get(self.parameter_from), self.dates.get(self.parameter_to)
        if start:
            queryset = queryset.filter(at__gte=datetime.combine(start, time.min, zone))
        if end:
            next_day = datetime.combine(end + timedelta(days=1), time.min, zone)
            queryset = queryset.filter(at__lt=next_day)
        return queryset

    def choices(self, changelist):
        # One "choice": the form, with every other filter kept as hidden fields.
        kept = [
            (name, value)
            for name, values in changelist.get_filters_params().items()
            if name not in self.expected_parameters()
            for value in (values if isinstance(values, list) else [values])
        ]
        if changelist.query:
            kept.append(("q", changelist.query))
        yield {
            "from_name": self.parameter_from,
            "to_name": self.parameter_to,
            "from_value": self.raw.get(self.parameter_from, ""),
            "to_value": self.raw.get(self.parameter_to, ""),
            "hidden": kept,
            "reset_url": changelist.get_query_string(remove=self.expected_parameters()),
            "active": bool(self.dates),
        }


@admin.register(AuditEntry)
class AuditEntryAdmin(AgencyScopedAdmin):
    """Nobody adds, changes or deletes an entry here: the log is written by the actions."""

    view_roles = AUDIT_ROLES
    list_display = ["when", "person", "action_name", "object_link", "summary", "agency"]
    list_display_links = None
    list_filter = [("actor", PersonFilter), ActionFilter, DateRangeFilter, "agency"]
    search_fields = ["object_label"]
    list_select_related = ["agency"]
    list_per_page = 50
    show_full_result_count = False
    change_list_template = "admin/audit/auditentry/change_list.html"

    class Media:
        # The calendar beside the date range filter's fields (jsi18n: the change_list template).
        js = ["admin/js/calendar.js", "admin/js/admin/DateTimeShortcuts.js"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        return {}

    def get_list_display(self, request):
        shown = list(super().get_list_display(request))
        if self._several_agencies(request):
            return shown
        return [column for column in shown if column not in {"agency", "agency_label"}]

    def get_list_filter(self, request):
        found = super().get_list_filter(request)
        if self._several_agencies(request):
            return found
        return [f for f in found if _filter_field(f) != "agency"]

    def _several_agencies(self, request) -> bool:
        # Someone who reads one agency's log needs no agency column and no agency filter.
        ids = permissions.agency_ids_for(request.user, AUDIT_ROLES)
        return ids is None or len(ids) > 1

    @admin.display(description=_("time"), ordering="at")
    def when(self, entry):
        return formats.date_format(timezone.localtime(entry.at), "DATETIME_FORMAT")

    @admin.display(description=_("person"), ordering="actor_name")
    def person(self, entry):
        return entry.actor_name or NO_ACCOUNT

    @admin.display(description=_("action"), ordering="action")
    def action_name(self, entry):
        return action_label(entry.action)

    @admin.display(description=_("object"), ordering="object_label")
    def object_link(self, entry):
        url = change_url(entry)
        if url:
            return format_html('<a href="{}">{}</a>', url, entry.object_label)
        return entry.object_label

    # --- CSV of what the list shows (its filters and search) ------------------------------------

    def get_urls(self):
        return [
            path(
                "export.csv",
                self.admin_site.admin_view(self.export_view),
                name="audit_auditentry_export",
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        export = reverse("admin:audit_auditentry_export")
        query = request.GET.urlencode()
        extra = {
            "export_url": f"{export}?{query}" if query else export,
            "title": capfirst(AuditEntry._meta.verbose_name_plural),
        }
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        try:
            changelist = self.get_changelist_instance(request)
        except IncorrectLookupParameters:
            messages.error(request, gettext("The filter was not understood; nothing exported."))
            return HttpResponseRedirect(reverse("admin:audit_auditentry_changelist"))
        entries = changelist.get_queryset(request).select_related("agency").order_by("-at", "-id")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        # Streamed: a year of a busy agency's log is many rows.
        return spreadsheet.csv_stream(f"log-audit-{stamp}.csv", csv_header(), csv_rows(entries))


def csv_header() -> list[str]:
    return [
        gettext("Date and time (WIB)"),
        gettext("Person"),
        gettext("Action"),
        gettext("Action code"),
        gettext("Object"),
        gettext("Details"),
        gettext("Agency"),
    ]


def csv_rows(entries):
    for entry in entries.iterator(chunk_size=2000):
        yield [
            timezone.localtime(entry.at).strftime("%Y-%m-%d %H:%M"),
            entry.actor_name or NO_ACCOUNT,
            action_label(entry.action),
            entry.action,
            entry.object_label,
            entry.summary,
            entry.agency.name,
        ]


def _filter_field(list_filter) -> str | None:
    if isinstance(list_filter, str):
        return list_filter
    return list_filter[0] if isinstance(list_filter, tuple | list) else None


def change_url(entry: AuditEntry) -> str:
    """The admin page of what the entry is about (its own admin decides who may open it)."""
    if not entry.object_type or entry.object_id is None:
        return ""
    app_label, _dot, model_name = entry.object_type.partition(".")
    try:
        return reverse(f"admin:{app_label}_{model_name}_change", args=[entry.object_id])
    except NoReverseMatch:
        return ""
