"""The staff-maintained calendar: closure days, and due dates recomputed when it changes."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions

from .. import deadlines
from ..models import ClosureDay, InformationRequest, Objection
from .base import PPIDError, logger, record_event
from .requests import compute_due_date


def _require_calendar_rights(actor, agency) -> None:
    if agency is None:
        if not permissions.is_superuser(actor):
            raise PPIDError(_("Only an administrator may close every agency on a day."))
    elif not permissions.can_handle_ppid(actor, agency):
        raise PPIDError(_("Only the PPID staff of this agency may change its closure days."))


def save_closure_day(closure: ClosureDay, *, actor) -> ClosureDay:
    """Add or change a closure day, then recompute the open deadlines it touches."""
    _require_calendar_rights(actor, closure.agency)
    with transaction.atomic():
        if closure.pk:
            previous = ClosureDay.objects.select_for_update().get(pk=closure.pk)
            if previous.source == ClosureDay.Source.PACKAGE and not permissions.is_superuser(actor):
                raise PPIDError(
                    _("National holidays come from the holiday package; add a row instead.")
                )
            _require_calendar_rights(actor, previous.agency)
        if closure.created_by_id is None and getattr(actor, "is_authenticated", False):
            closure.created_by = actor
        closure.full_clean()
        closure.save()
        recompute_due_dates(
            agency=closure.agency,
            reason=_("calendar changed: %(day)s %(name)s")
            % {"day": closure.date, "name": closure.name},
        )
    return closure


def remove_closure_day(closure: ClosureDay, *, actor) -> None:
    _require_calendar_rights(actor, closure.agency)
    if closure.source == ClosureDay.Source.PACKAGE and not permissions.is_superuser(actor):
        raise PPIDError(_("National holidays come from the holiday package; add a row instead."))
    with transaction.atomic():
        agency = closure.agency
        description = f"{closure.date} {closure.name}"
        closure.delete()
        recompute_due_dates(
            agency=agency, reason=_("closure day removed: %(day)s") % {"day": description}
        )


def recompute_due_dates(*, agency=None, reason: str = "") -> int:
    """Store fresh due dates on open requests and pending objections; log each change.

    ``agency`` None means every agency (a change that applies to all). Returns how many changed.
    """
    requests = InformationRequest.objects.open().select_related("agency")
    objections = Objection.objects.filter(status=Objection.Status.PENDING)
    if agency is not None:
        requests = requests.filter(agency=agency)
        objections = objections.filter(agency=agency)
    calendars: dict[int, deadlines.WorkingCalendar] = {}
    changed = 0
    with transaction.atomic():
        for req in requests.select_for_update(of=("self",)):
            calendar = calendars.setdefault(req.agency_id, deadlines.WorkingCalendar(req.agency_id))
            new_due = compute_due_date(req, calendar)
            if new_due != req.due_date:
                old_due, req.due_date = req.due_date, new_due
                req.save(update_fields=["due_date"])
                record_event(
                    req,
                    "ppid.request.due_date_recomputed",
                    _("Due date changed from %(old)s to %(new)s (%(reason)s)")
                    % {"old": old_due, "new": new_due, "reason": reason},
                )
                logger.info("PPID %s due date %s -> %s (%s)", req, old_due, new_due, reason)
                changed += 1
        for objection in objections.select_for_update(of=("self",)).select_related("request"):
            calendar = calendars.setdefault(
                objection.agency_id, deadlines.WorkingCalendar(objection.agency_id)
            )
            new_due = calendar.add_working_days(
                timezone.localdate(objection.filed_at), deadlines.OBJECTION_ANSWER_DAYS
            )
            if new_due != objection.due_date:
                old_due, objection.due_date = objection.due_date, new_due
                objection.save(update_fields=["due_date"])
                record_event(
                    objection.request,
                    "ppid.objection.due_date_recomputed",
                    _("Objection %(number)s answer due changed from %(old)s to %(new)s")
                    % {"number": objection.registration_number, "old": old_due, "new": new_due},
                    objection=objection,
                )
                logger.info("PPID %s due date %s -> %s (%s)", objection, old_due, new_due, reason)
                changed += 1
    return changed


def sync_package_holidays(years) -> int:
    """Copy the package's holidays into the table (for every agency) so staff see the calendar.

    The package stays the base: these rows change nothing in the counting. Returns rows added.
    """
    added = 0
    for year in years:
        for day, name in deadlines.package_holidays(year).items():
            _row, created = ClosureDay.objects.get_or_create(
                date=day,
                agency=None,
                defaults={"name": name, "source": ClosureDay.Source.PACKAGE},
            )
            added += created
    return added
