"""What every resource of the JSON API shares: the public rule, the agency's own domain, filters
by agency and date, cursor pagination, the rate limit, and errors as JSON in the visitor's
language (Indonesian unless chosen otherwise).

No input reaches a 500: an unknown parameter, a bad date, a bad cursor or a page size out of range
is a 400 naming the parameter.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import django_filters
from django import forms
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.utils import extend_schema_field
from rest_framework import exceptions, viewsets
from rest_framework.pagination import CursorPagination

from accounts.models import Agency

from ..sites import for_site
from .schema import PublicSchema

# -- filters --------------------------------------------------------------------------------------


_DATE_ONLY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class MomentField(forms.Field):
    """A date (2026-11-28) or a date and time in ISO 8601; a time without an offset is WIB.

    Cleans to ``(moment, whole_day)``: the start of the day for a date alone, and whether the
    value named a whole day (so "until 2026-11-28" takes in all of that day).
    """

    default_error_messages = {
        "invalid": gettext_lazy(
            "Enter a date such as 2026-11-28, or a date and time such as 2026-11-28T14:30:00+07:00."
        ),
    }

    def to_python(self, value):
        if value in self.empty_values:
            return None
        # A "+" in a query string reads as a space: "14:30:00 07:00" was "14:30:00+07:00".
        text = re.sub(r" (\d{2}(?::?\d{2})?)$", r"+\1", str(value).strip())
        moment = day = None
        try:
            # parse_datetime would read a date alone as its midnight: "until" needs to know.
            if _DATE_ONLY.fullmatch(text):
                day = parse_date(text)
            else:
                moment = parse_datetime(text)
        except ValueError:
            pass
        # Years 1 and 9999 overflow when moved to UTC for the database (or a day on).
        if (moment or day) is None or not 1 < (moment or day).year < 9999:
            raise DjangoValidationError(self.error_messages["invalid"], code="invalid")
        if moment is None:
            moment = datetime(day.year, day.month, day.day)
        if timezone.is_naive(moment):
            moment = timezone.make_aware(moment)
        return moment, day is not None


class MomentFilter(django_filters.Filter):
    """``since`` (from this moment on) or ``until`` (up to this moment; a date: to its end)."""

    field_class = MomentField

    def __init__(self, *args, until: bool = False, strictly: bool = False, **kwargs):
        self.until = until
        self.strictly = strictly  # "since": after the moment, not at it (an event ending then)
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if not value:
            return qs
        moment, whole_day = value
        if not self.until:
            return qs.filter(**{f"{self.field_name}__{'gt' if self.strictly else 'gte'}": moment})
        if whole_day:
            return qs.filter(**{f"{self.field_name}__lt": moment + timedelta(days=1)})
        return qs.filter(**{f"{self.field_name}__lte": moment})


@extend_schema_field({"type": "string", "enum": ["true", "false"]})
class YesNoFilter(django_filters.ChoiceFilter):
    """``true`` or ``false``; anything else is refused (BooleanFilter would ignore it)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("choices", [("true", "true"), ("false", "false")])
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        if value in self.field.empty_values:
            return qs
        return qs.filter(**{self.field_name: value == "true"})


def agency_filter() -> django_filters.ModelChoiceFilter:
    return django_filters.ModelChoiceFilter(
        field_name="agency",
        to_field_name="slug",
        queryset=Agency.objects.all(),
        label=gettext_lazy("Only this agency's items (its slug, e.g. dislutkan)."),
    )


class PublicFilterSet(django_filters.FilterSet):
    """Filters of every publishable kind: the agency, and the publication time."""

    agency = agency_filter()
    since = MomentFilter(
        field_name="publish_at",
        label=gettext_lazy("Published at or after this date or time (ISO 8601; WIB if no offset)."),
    )
    until = MomentFilter(
        field_name="publish_at",
        until=True,
        label=gettext_lazy("Published at or before this date (the whole day) or time."),
    )


# -- pagination -----------------------------------------------------------------------------------


class PublicCursorPagination(CursorPagination):
    """Cursor pagination on the view's ``ordering`` (a time, then the id, newest first): stable
    while items are published, and as cheap on the thousandth page as on the first.

    Differs from DRF's in refusing, with a 400, what DRF answers with a 404 or clamps silently: a
    cursor that is not one of ours, and a ``limit`` that is not a whole number from 1 to 100.
    """

    page_size = 20
    max_page_size = 100
    page_size_query_param = "limit"
    page_size_query_description = gettext_lazy("How many items per page: 1 to 100 (default 20).")
    cursor_query_description = gettext_lazy(
        "Where the page starts: copy it from the previous answer's next or previous link."
    )

    def get_page_size(self, request):
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size
        if not raw.isdigit() or not 1 <= int(raw) <= self.max_page_size:
            message = _("Enter a whole number from 1 to %(max)d.") % {"max": self.max_page_size}
            raise exceptions.ValidationError({self.page_size_query_param: [message]})
        return int(raw)

    def get_ordering(self, request, queryset, view):
        return view.ordering

    def paginate_queryset(self, queryset, request, view=None):
        self.model = queryset.model
        return super().paginate_queryset(queryset, request, view)

    def decode_cursor(self, request):
        invalid = exceptions.ValidationError(
            {self.cursor_query_param: [_("This cursor is not valid: start again from the list.")]}
        )
        encoded = request.query_params.get(self.cursor_query_param)
        if encoded is not None and not _BASE64.fullmatch(encoded):
            raise invalid  # b64decode would skip the strange characters and read the rest
        try:
            cursor = super().decode_cursor(request)
        except exceptions.NotFound:
            raise invalid from None
        if cursor is not None and cursor.position is not None:
            # The position goes into a WHERE clause: a forged one must not reach the database.
            field = self.model._meta.get_field(self.ordering[0].lstrip("-"))
            if "\x00" in cursor.position:  # PostgreSQL refuses NUL in any text
                raise invalid
            try:
                value = field.to_python(cursor.position)
            except DjangoValidationError:
                raise invalid from None
            if value is None or (isinstance(value, datetime) and not _in_range(value)):
                raise invalid
        return cursor


_BASE64 = re.compile(r"[A-Za-z0-9+/]+={0,2}")


def _in_range(moment: datetime) -> bool:
    return datetime(1900, 1, 1).date() <= moment.date() <= datetime(9998, 12, 31).date()


# -- the view every resource is -------------------------------------------------------------------


class KnownParameters:
    """Refuse query parameters the view does not take (a typo must not pass for "no filter")."""

    def known_parameters(self) -> set[str]:
        return set()

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)  # content negotiation, then the rate limit
        known = self.known_parameters()
        unknown = sorted(set(request.query_params) - known)
        if not unknown:
            return
        if known:
            message = _("Unknown parameter. This address takes: %(known)s.") % {
                "known": ", ".join(sorted(known))
            }
        else:
            message = _("Unknown parameter: this address takes none.")
        raise exceptions.ValidationError({name: [message] for name in unknown})


class PublicViewSet(KnownParameters, viewsets.ReadOnlyModelViewSet):
    """A list (``/<resource>/``) and a detail (``/<resource>/<id>/``) of what the public may see.

    Subclasses set ``queryset`` (with its ``select_related``/``prefetch_related``, so a page costs
    the same number of queries at 5 and at 100 items), ``serializer_class`` and
    ``filterset_class``. Publishable kinds need nothing else: the public rule comes from their
    ``public(now)``; other models override :meth:`visible`.
    """

    schema = PublicSchema()
    filter_backends = (DjangoFilterBackend,)
    pagination_class = PublicCursorPagination
    #: Newest first, the id breaking ties: the cursor's stable order.
    ordering = ("-publish_at", "-id")
    lookup_value_regex = r"[0-9]{1,18}"
    #: The field naming the owning agency (an agency's own domain shows only its items).
    site_field = "agency"
    #: Answers change only when the public content does, and every such change bumps the page
    #: cache (portal.cache_hooks): anonymous answers may be kept there (portal.cache.storable).
    page_cacheable = True

    @classmethod
    def as_view(cls, actions=None, **initkwargs):
        view = super().as_view(actions, **initkwargs)
        view.page_cacheable = cls.page_cacheable
        return view

    def visible(self, queryset):
        """What the public may see of ``queryset``."""
        return queryset.public(timezone.now())

    def get_queryset(self):
        return for_site(self.visible(super().get_queryset()), self.request, self.site_field)

    def known_parameters(self) -> set[str]:
        if self.action != "list":
            return set()
        filters = set(self.filterset_class.base_filters) if self.filterset_class else set()
        return {"cursor", "limit"} | filters
