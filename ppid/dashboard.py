"""What waits for PPID staff: the officer's and the head's dashboard panels (humas.dashboard).

Officer: new requests, requests due within three working days, overdue requests, objections.
Head (atasan PPID): objections waiting for an answer, the nearest answer date first.
"Due soon" is counted in each agency's own working days (ppid.deadlines, its closure days read
for all the person's agencies in one query). Queries: one aggregate for the requests, one for the
objections, one for the closure days; on the dashboard two more for the lists.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, Q
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import Agency, Role
from humas.dashboard import Counter, Item, Panel, Section, Stat

from .deadlines import DUE_SOON_DAYS, WorkingCalendar
from .models import InformationRequest, Objection

#: The URL parameter and values of the requests list's deadline filter.
DEADLINE_PARAMETER = "tenggat"
DUE_SOON = "segera"
OVERDUE = "terlambat"
#: Lines per dashboard list.
LIST_LENGTH = 8

REQUEST_MODEL = InformationRequest._meta.label_lower
OBJECTION_MODEL = Objection._meta.label_lower


def due_soon_limits(agency_ids, today: date) -> dict[int, date]:
    """Per agency, the last due date that counts as "due soon": ``DUE_SOON_DAYS`` of that
    agency's working days after today (one query for every agency's closure days)."""
    calendars = WorkingCalendar.for_agencies(agency_ids, today.year, today.year + 1)
    return {pk: cal.add_working_days(today, DUE_SOON_DAYS) for pk, cal in calendars.items()}


def deadline_q(which: str, agency_ids, today: date | None = None) -> Q:
    """Open requests due within three working days (``DUE_SOON``) or past due (``OVERDUE``)."""
    today = today or timezone.localdate()
    if which == OVERDUE:
        return Q(due_date__lt=today)
    soon = Q(pk__in=[])
    for agency_id, last in due_soon_limits(agency_ids, today).items():
        soon |= Q(agency_id=agency_id, due_date__gte=today, due_date__lte=last)
    return soon


def _ids(user, roles) -> list[int] | None:
    ids = permissions.agency_ids_for(user, roles)
    return None if ids is None else sorted(ids)


def _scoped(queryset, ids):
    return queryset if ids is None else queryset.filter(agency__in=ids)


def _changelist(model) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")


def _when(day) -> str:
    return formats.date_format(day, "DATE_FORMAT") if day else ""


def panels(request, *, detail: bool = False) -> list[Panel]:
    user = request.user
    officer_ids = _ids(user, {Role.PPID_OFFICER})
    head_ids = _ids(user, {Role.PPID_HEAD})
    found = []
    today = timezone.localdate()
    if officer_ids is None or officer_ids:
        found.append(_officer_panel(officer_ids, today, detail))
    if head_ids is None or head_ids:
        found.append(_head_panel(head_ids, today, detail))
    return found


def _officer_panel(ids, today, detail) -> Panel:
    agency_ids = ids if ids is not None else list(Agency.objects.values_list("pk", flat=True))
    requests = _scoped(InformationRequest.objects.open(), ids)
    soon, overdue = deadline_q(DUE_SOON, agency_ids, today), deadline_q(OVERDUE, agency_ids, today)
    counts = requests.aggregate(
        new=Count("pk", filter=Q(status=InformationRequest.Status.RECEIVED)),
        soon=Count("pk", filter=soon),
        overdue=Count("pk", filter=overdue),
    )
    objections = _scoped(Objection.objects.filter(status=Objection.Status.PENDING), ids).count()
    requests_url = _changelist(InformationRequest)
    objections_url = _changelist(Objection) + "?status__exact=" + Objection.Status.PENDING

    def part(count, url, model=REQUEST_MODEL):
        return [Counter(str(InformationRequest._meta.verbose_name_plural), count, url, model)]

    by_deadline = f"{requests_url}?{DEADLINE_PARAMETER}="
    new_url = f"{requests_url}?status__exact={InformationRequest.Status.RECEIVED}"
    stats = [
        Stat(_("Overdue"), part(counts["overdue"], by_deadline + OVERDUE), "danger", True),
        Stat(_("Due within 3 working days"), part(counts["soon"], by_deadline + DUE_SOON),
             "warning", True),
        Stat(_("New requests"), part(counts["new"], new_url)),
        Stat(_("Objections waiting"), part(objections, objections_url, OBJECTION_MODEL)),
    ]  # fmt: skip
    panel = Panel("ppid_officer", _("PPID requests"), stats)
    if detail:
        urgent = requests.filter(soon | overdue).select_related("agency").order_by("due_date", "pk")
        items = []
        for req in urgent[:LIST_LENGTH]:
            late = req.due_date < today
            items.append(
                Item(
                    req.registration_number,
                    reverse("admin:ppid_informationrequest_change", args=[req.pk]),
                    f"{req.agency} · {req.get_status_display()}",
                    note=(_("overdue since %(day)s") if late else _("due %(day)s"))
                    % {"day": _when(req.due_date)},
                    tone="danger" if late else "warning",
                )
            )
        panel.sections = [
            Section(
                _("Due within 3 working days or overdue"),
                items,
                empty=_("No request is overdue or due within three working days."),
            )
        ]
    return panel


def _head_panel(ids, today, detail) -> Panel:
    pending = _scoped(Objection.objects.filter(status=Objection.Status.PENDING), ids)
    counts = pending.aggregate(all=Count("pk"), late=Count("pk", filter=Q(due_date__lt=today)))
    url = _changelist(Objection) + "?status__exact=" + Objection.Status.PENDING
    stats = [
        Stat(_("Objections to answer"),
             [Counter(str(Objection._meta.verbose_name_plural), counts["all"], url,
                      OBJECTION_MODEL)], tone="warning", in_menu=True),
        Stat(_("Answer overdue"),
             [Counter(str(Objection._meta.verbose_name_plural), counts["late"], url)],
             tone="danger"),
    ]  # fmt: skip
    panel = Panel("ppid_head", _("Objections"), stats)
    if detail:
        items = []
        for objection in pending.select_related("agency").order_by("due_date", "pk")[:LIST_LENGTH]:
            late = objection.due_date < today
            items.append(
                Item(
                    objection.registration_number,
                    reverse("admin:ppid_objection_change", args=[objection.pk]),
                    str(objection.agency),
                    note=_("answer due %(day)s") % {"day": _when(objection.due_date)},
                    tone="danger" if late else "",
                )
            )
        panel.sections = [
            Section(_("Objections by answer date"), items, empty=_("No objection is waiting."))
        ]
    return panel
