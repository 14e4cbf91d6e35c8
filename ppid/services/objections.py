"""Objections: filed by the requester, answered by the atasan PPID (UU 14/2008 Pasal 35-36)."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions

from .. import deadlines
from ..models import InformationRequest, Objection, ObjectionGround
from . import notices
from .base import PPIDError, agency_code, lock_request, next_number, record_event


def objection_allowed(req: InformationRequest, today=None) -> bool:
    """May the requester object now?

    Pasal 35-36: within 30 working days after the ground arises. The ground arises with the
    written notice (a decision), or when the deadline passes without one. One objection at a time.
    """
    today = today or timezone.localdate()
    if req.objections.filter(status=Objection.Status.PENDING).exists():
        return False
    calendar = deadlines.WorkingCalendar(req.agency_id)
    if req.decided_at:
        arose = timezone.localdate(req.decided_at)
    elif req.due_date and today > req.due_date:
        arose = req.due_date
    else:
        return False
    return calendar.working_days_between(arose, today) <= deadlines.OBJECTION_FILING_DAYS


def file_objection(
    req: InformationRequest, *, grounds: list[str], case_text: str, actor=None, filed_at=None
) -> Objection:
    grounds = [g for g in ObjectionGround.values if g in set(grounds or [])]
    case_text = (case_text or "").strip()
    if not grounds:
        raise PPIDError(_("Choose at least one ground for the objection."))
    if not case_text:
        raise PPIDError(_("Describe your case."))
    filed_at = filed_at or timezone.now()
    with transaction.atomic():
        req = lock_request(req)
        if not objection_allowed(req, timezone.localdate(filed_at)):
            raise PPIDError(
                _(
                    "An objection is possible after the written notice, or once the deadline has "
                    "passed without one, within 30 working days, and one at a time."
                )
            )
        year = timezone.localdate(filed_at).year
        sequence = next_number(req.agency, year, "objection")
        objection = Objection.objects.create(
            request=req,
            agency=req.agency,
            registration_number=f"KEBERATAN/{agency_code(req.agency)}/{year}/{sequence:05d}",
            year=year,
            sequence=sequence,
            grounds=grounds,
            case_text=case_text,
            filed_at=filed_at,
            due_date=deadlines.add_working_days(
                timezone.localdate(filed_at), deadlines.OBJECTION_ANSWER_DAYS, agency=req.agency_id
            ),
        )
        title, text = notices.objection_receipt(objection)
        record_event(
            req,
            "ppid.objection.filed",
            _("Objection %(number)s filed") % {"number": objection.registration_number},
            actor=actor,
            objection=objection,
            notice_title=title,
            notice_text=text,
            at=filed_at,
        )
    return objection


def decide_objection(objection: Objection, *, actor, decision: str, reasons: str) -> Objection:
    reasons = (reasons or "").strip()
    with transaction.atomic():
        objection = (
            Objection.objects.select_for_update()
            .select_related("request", "agency")
            .get(pk=objection.pk)
        )
        if not permissions.can_decide_objection(actor, objection.agency):
            raise PPIDError(_("Only the PPID head of this agency answers objections."))
        if objection.status == Objection.Status.DECIDED:
            raise PPIDError(_("This objection has already been answered."))
        if decision not in Objection.Decision.values:
            raise PPIDError(_("Choose whether the PPID decision is upheld or overturned."))
        if not reasons:
            raise PPIDError(_("An answer to an objection needs its reasons."))
        objection.status = Objection.Status.DECIDED
        objection.decision = decision
        objection.reasons = reasons
        objection.decided_at = timezone.now()
        objection.decided_by = actor
        objection.save(update_fields=["status", "decision", "reasons", "decided_at", "decided_by"])
        title, text = notices.objection_answer(objection)
        record_event(
            objection.request,
            "ppid.objection.decided",
            _("Objection %(number)s answered: %(decision)s")
            % {
                "number": objection.registration_number,
                "decision": objection.get_decision_display(),
            },
            actor=actor,
            objection=objection,
            notice_title=title,
            notice_text=text,
        )
    return objection
