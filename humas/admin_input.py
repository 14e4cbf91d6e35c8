"""Staff admin input that must never become a 500: the object id in a custom admin URL, and the
date hierarchy and other lookups in a changelist's query string.

* :func:`object_or_404` is how every custom admin view (newsroom and ppid) finds its object: a
  malformed id ("abc", "1.5"), one out of range, a missing object and one the user may not see
  all answer the same 404. The URLs keep Django's ``<path:object_id>`` (quoted primary keys, like
  the admin's own change URLs); the id is read here, once.
* :class:`HumasAdminSite`, the project's admin site (``admin.site``, see humas.apps), gives every
  model admin registered on it, ours and those of django-axes, django-otp and django-tasks alike,
  a changelist that turns a date or lookup value no query can hold into Django's usual redirect
  to "?e=1". Django's date hierarchy lets ``?created_at__year=99999999999`` escape as an
  OverflowError, and on SQLite ``?agency=99999999999999999999`` fails the same way.
"""

from __future__ import annotations

from django.contrib.admin import AdminSite, ModelAdmin, helpers
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import ChangeList
from django.core.exceptions import ValidationError
from django.db import DataError, router, transaction
from django.http import Http404

from . import dashboard


def object_or_404(model_admin, request, object_id: str, queryset=None):
    """The object ``object_id`` names among those ``model_admin`` shows ``request.user`` (or in
    ``queryset``), which the user may view; 404 otherwise, whatever the id looks like."""
    queryset = model_admin.get_queryset(request) if queryset is None else queryset
    try:
        pk = queryset.model._meta.pk.to_python(unquote(object_id))
        obj = queryset.filter(pk=pk).first()
    except (ValidationError, ValueError, OverflowError):
        raise Http404 from None
    if obj is None or not model_admin.has_view_permission(request, obj):
        raise Http404
    return obj


class BoundedChangeList(ChangeList):
    """Django's changelist, with dates and lookup values it cannot compute treated as wrong
    lookup parameters (the changelist then redirects to "?e=1") instead of a 500.

    The date hierarchy turns ``?created_at__year=2026`` into [2026-01-01, 2027-01-01) with Python
    datetimes: a year past 9999 raises OverflowError where Django only catches ValueError, the
    year 9999 has no end, and year 1 falls before datetime's range when the database adapter
    converts it to UTC. A ``?publish_at__year=`` lookup out of range fails the same way when the
    query runs, as does a value PostgreSQL refuses for its column ("abc" for an IP address). All
    happen while the changelist is built, where Django expects IncorrectLookupParameters for bad
    input.
    """

    def get_filters(self, request):
        try:
            return super().get_filters(request)
        except (OverflowError, ValueError) as error:
            raise IncorrectLookupParameters(error) from error

    def get_results(self, request):
        try:
            # A savepoint: PostgreSQL refusing a value (DataError: "abc" for an inet column, a
            # number out of range) leaves the request's transaction usable.
            with transaction.atomic(using=router.db_for_read(self.model)):
                super().get_results(request)
        except (OverflowError, ValueError, ValidationError, DataError) as error:
            raise IncorrectLookupParameters(error) from error


class BoundedInputAdmin:
    """Mixin for a ModelAdmin: its changelist is a :class:`BoundedChangeList`, and an action
    posted with ids no row can have ("abc", a number out of range) ignores those ids."""

    def response_action(self, request, queryset):
        name = helpers.ACTION_CHECKBOX_NAME
        posted = request.POST.getlist(name)
        kept = [value for value in posted if _is_a_pk(self.model, value)]
        if kept != posted:  # a tampered form: Django would filter pk__in=["abc"] and crash
            request.POST = request.POST.copy()
            request.POST.setlist(name, kept)
        return super().response_action(request, queryset)

    def get_changelist(self, request, **kwargs):
        changelist = super().get_changelist(request, **kwargs)
        if changelist is ChangeList:
            return BoundedChangeList
        return changelist  # an admin's own changelist class is left as it is


def _is_a_pk(model, value: str) -> bool:
    pk = model._meta.pk
    try:
        pk.run_validators(pk.to_python(unquote(value)))  # includes the column's integer range
    except (ValidationError, ValueError, OverflowError):
        return False
    return True


class HumasAdminSite(AdminSite):
    """The admin site: every model admin registered on it gets :class:`BoundedInputAdmin`, so a
    changelist added later, or one from a package, is covered without anyone remembering to.

    Its index is the dashboard of the person's roles, and its menu shows the counts of what waits
    (humas.dashboard, filled by the apps named in ``HUMAS_DASHBOARD_PANELS``)."""

    def index(self, request, extra_context=None):
        extra = {"dashboard_panels": dashboard.panels(request, detail=True)}
        return super().index(request, {**extra, **(extra_context or {})})

    def get_app_list(self, request, app_label=None):
        app_list = super().get_app_list(request, app_label)
        counters = dashboard.menu_counters(request) if app_list else {}
        for app in app_list:
            for model in app["models"]:
                key = f"{app['app_label']}.{model['object_name'].lower()}"
                model["counters"] = [
                    {"count": part.count, "label": stat.label, "url": part.url, "tone": stat.tone}
                    for stat, part in counters.get(key, [])
                ]
        return app_list

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or ModelAdmin
        if not issubclass(admin_class, BoundedInputAdmin):
            admin_class = type(
                admin_class.__name__,
                (BoundedInputAdmin, admin_class),
                {"__module__": admin_class.__module__, "__doc__": admin_class.__doc__},
            )
        super().register(model_or_iterable, admin_class, **options)
