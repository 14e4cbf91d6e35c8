"""Objections: filed by the requester, answered by the atasan PPID (UU 14/2008 Pasal 35-36).

When may one object? UU 14/2008 Pasal 36(1): within 30 working days after the ground of Pasal
35(1) "is found" (setelah ditemukannya alasan). Each ground arises on its own day, so each has its
own window (``last_day_to_object``); counting as everywhere in ``ppid.deadlines``: the day the
ground arose is day zero and the last day is the 30th working day after it. Our reading, ground
by ground (Pasal 35(1) a-g; Perki 1/2021 on objections repeats the same 30 working days):

(a) refusal on a Pasal 17 ground: the written notice of the decision (refused or partly granted).
(b) periodic information (Pasal 9) not published: no request is needed; the failure continues
    every day the information stays unpublished, so there is no last day
    (``file_periodic_objection`` takes the agency and the information instead of a request).
(c) request not responded to: the due date passing unanswered; the due date is day zero, so the
    first day to object is the day after it and the 30 working days count from there.
(d) responded to other than as asked: the response, that is the written notice or, when the PPID
    sends the information later, the last file sent (what was given is seen only then).
(e) request not fulfilled: the written notice (any outcome, including a request closed as not
    completed); for "not yet documented", the promised date passing without it, if later.
(f) unreasonable fee: the day the fee was recorded (the last fee, when there are several).
(g) information delivered later than the law allows: the day a late notice or file was delivered
    (the last one); while nothing is delivered after the due date, the due date itself (delivery
    became late the next day), as for (c).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import permissions

from .. import deadlines
from ..models import InformationRequest, Objection, ObjectionGround, Outcome, RequestAttachment
from . import notices
from .base import PPIDError, agency_code, lock_request, next_number, record_event


@dataclass(frozen=True)
class Window:
    """The time to object on one ground: from ``first_day`` up to ``last_day`` (inclusive)."""

    ground: str
    first_day: date
    last_day: date

    @property
    def label(self) -> str:
        return str(ObjectionGround(self.ground).label)

    def is_open(self, today: date) -> bool:
        return self.first_day <= today <= self.last_day


def _local(value) -> date | None:
    return timezone.localdate(value) if value else None


def _arisen(req: InformationRequest, ground: str, today: date) -> tuple[date, date] | None:
    """(day zero, first day to object) of one ground as things stood on ``today``, or None.

    A withdrawn request raises no ground after its withdrawal: its grounds are those that had
    arisen by then (their windows still run their 30 working days).
    """
    withdrawn_on = _local(req.withdrawn_at)
    if withdrawn_on and withdrawn_on < today:
        today = withdrawn_on
    decided_on = _local(req.decided_at)
    if decided_on and decided_on > today:
        decided_on = None
    due = req.due_date
    unanswered_at_due = due is not None and (decided_on is None or decided_on > due)
    if ground == ObjectionGround.A:
        if decided_on and req.outcome in (Outcome.EXEMPT, Outcome.PARTIAL):
            return decided_on, decided_on
        return None
    if ground == ObjectionGround.C:
        if unanswered_at_due and today > due:
            return due, due + timedelta(days=1)
        return None
    if ground == ObjectionGround.D:
        if not decided_on:
            return None
        sent = [d for d in _sent_days(req, today) if d > decided_on]
        return max([decided_on, *sent]), decided_on
    if ground == ObjectionGround.E:
        if not decided_on:
            return None
        promised = req.documented_by if req.outcome == Outcome.NOT_DOCUMENTED else None
        if promised and promised > decided_on and today > promised:
            return promised, decided_on
        return decided_on, decided_on
    if ground == ObjectionGround.F:
        fees = [_local(at) for at in req.fees.values_list("created_at", flat=True)]
        fees = [d for d in fees if d <= today]
        return (max(fees), min(fees)) if fees else None
    if ground == ObjectionGround.G:
        if due is None or today <= due:
            return None
        delivered = req.delivered_on if req.delivered_on and req.delivered_on <= today else None
        late = [d for d in [decided_on, *_sent_days(req, today), delivered] if d and d > due]
        first = due + timedelta(days=1) if unanswered_at_due else min(late, default=None)
        if late:
            return max(late), first
        if unanswered_at_due:
            return due, first
        return None
    return None  # (b) has no window; unknown codes none either


def _sent_days(req: InformationRequest, today: date) -> list[date]:
    sent = req.attachments.filter(kind=RequestAttachment.Kind.SENT)
    return [d for d in map(_local, sent.values_list("created_at", flat=True)) if d <= today]


def window(req: InformationRequest, ground: str, today=None) -> Window | None:
    """The window of one ground of Pasal 35(1) for this request, or None (not arisen, or (b))."""
    if req is None or ground == ObjectionGround.B:
        return None
    today = today or timezone.localdate()
    arisen = _arisen(req, ground, today)
    if arisen is None:
        return None
    day_zero, first_day = arisen
    last_day = deadlines.add_working_days(
        day_zero, deadlines.OBJECTION_FILING_DAYS, agency=req.agency_id
    )
    return Window(ground, first_day, last_day)


def last_day_to_object(req: InformationRequest, ground: str, today=None) -> date | None:
    """The last day to object on ``ground`` (a code of ``ObjectionGround``, e.g. "35f").

    None when the ground has not arisen for this request (yet), and for ground (b), which needs
    no request and has no last day (see the module's docstring for each ground's start).
    """
    found = window(req, ground, today)
    return found.last_day if found else None


def objection_windows(req: InformationRequest, today=None) -> list[Window]:
    """Every ground that has arisen for this request, in the order of Pasal 35(1)."""
    today = today or timezone.localdate()
    found = (window(req, ground, today) for ground in ObjectionGround.values)
    return [item for item in found if item is not None]


def first_possible_day(req: InformationRequest, today=None) -> date | None:
    """For a request still within its deadline: the first day an objection becomes possible
    if no written notice comes (grounds (c) and (g))."""
    today = today or timezone.localdate()
    if req.decided_at is None and req.due_date and today <= req.due_date:
        return req.due_date + timedelta(days=1)
    return None


def objection_allowed(req: InformationRequest, today=None) -> bool:
    """May the requester object on this request now (on a ground other than (b))?

    Pasal 35-36: within 30 working days after the ground arises (``last_day_to_object``). One
    objection at a time.
    """
    today = today or timezone.localdate()
    if req.objections.filter(status=Objection.Status.PENDING).exists():
        return False
    return any(item.is_open(today) for item in objection_windows(req, today))


def _day(value: date) -> str:
    return formats.date_format(value, "j F Y")


def _refusals(req: InformationRequest, grounds: list[str], today: date) -> list[str]:
    """Why each chosen ground cannot be objected to today (empty: all may)."""
    problems = []
    for ground in grounds:
        if ground == ObjectionGround.B:
            continue
        label = ObjectionGround(ground).label
        found = window(req, ground, today)
        if found is None:
            upcoming = first_possible_day(req, today)
            if upcoming and ground in (ObjectionGround.C, ObjectionGround.G):
                problems.append(
                    _(
                        "“%(ground)s”: possible from %(date)s, if no written notice has come by "
                        "then."
                    )
                    % {"ground": label, "date": _day(upcoming)}
                )
            else:
                problems.append(
                    _("“%(ground)s”: this ground has not arisen for this request.")
                    % {"ground": label}
                )
        elif today < found.first_day:
            problems.append(
                _("“%(ground)s”: possible from %(date)s.")
                % {"ground": label, "date": _day(found.first_day)}
            )
        elif today > found.last_day:
            problems.append(
                _("“%(ground)s”: the 30 working days to object ended on %(date)s.")
                % {"ground": label, "date": _day(found.last_day)}
            )
    return problems


def _clean_grounds(grounds) -> list[str]:
    return [g for g in ObjectionGround.values if g in set(grounds or [])]


def _register(agency, filed_at, **fields) -> Objection:
    """Number and save an objection; the caller holds the transaction."""
    year = timezone.localdate(filed_at).year
    sequence = next_number(agency, year, "objection")
    return Objection.objects.create(
        agency=agency,
        registration_number=f"KEBERATAN/{agency_code(agency)}/{year}/{sequence:05d}",
        year=year,
        sequence=sequence,
        filed_at=filed_at,
        due_date=deadlines.add_working_days(
            timezone.localdate(filed_at), deadlines.OBJECTION_ANSWER_DAYS, agency=agency.pk
        ),
        **fields,
    )


def _record_filing(objection: Objection, req, actor, filed_at) -> None:
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


def file_objection(
    req: InformationRequest, *, grounds: list[str], case_text: str, actor=None, filed_at=None
) -> Objection:
    grounds = _clean_grounds(grounds)
    case_text = (case_text or "").strip()
    if not grounds:
        raise PPIDError(_("Choose at least one ground for the objection."))
    if not case_text:
        raise PPIDError(_("Describe your case."))
    filed_at = filed_at or timezone.now()
    today = timezone.localdate(filed_at)
    with transaction.atomic():
        req = lock_request(req)
        if req.objections.filter(status=Objection.Status.PENDING).exists():
            raise PPIDError(
                _(
                    "An objection on this request is still waiting for its answer; one objection "
                    "at a time."
                )
            )
        if problems := _refusals(req, grounds, today):
            raise PPIDError(
                " ".join([_("The objection cannot be registered on these grounds:"), *problems])
            )
        objection = _register(
            req.agency, filed_at, request=req, grounds=grounds, case_text=case_text
        )
        _record_filing(objection, req, actor, filed_at)
    return objection


def file_periodic_objection(
    *,
    agency,
    periodic_information: str,
    case_text: str,
    name: str,
    address: str = "",
    phone: str = "",
    email: str = "",
    actor=None,
    filed_at=None,
) -> Objection:
    """Ground (b) without a request: periodic information (Pasal 9) the agency does not publish.

    Anyone may object to it (UU 14/2008 Pasal 35(1)(b) needs no request); the objection names
    the agency and the information, and who objects so the atasan PPID can answer.
    """
    periodic_information = (periodic_information or "").strip()
    case_text = (case_text or "").strip()
    name, address = (name or "").strip(), (address or "").strip()
    phone, email = (phone or "").strip(), (email or "").strip()
    if agency is None:
        raise PPIDError(_("Choose the agency."))
    if not periodic_information:
        raise PPIDError(_("Say which periodic information is not published."))
    if not case_text:
        raise PPIDError(_("Describe your case."))
    if not name or not (email or phone or address):
        raise PPIDError(
            _("Give your name and at least one way to reach you (e-mail, phone or address).")
        )
    filed_at = filed_at or timezone.now()
    with transaction.atomic():
        objection = _register(
            agency,
            filed_at,
            request=None,
            grounds=[ObjectionGround.B.value],
            case_text=case_text,
            periodic_information=periodic_information,
            objector_name=name[:200],
            objector_address=address,
            objector_phone=phone[:30],
            objector_email=email,
        )
        _record_filing(objection, None, actor, filed_at)
    return objection


def conflict_of_interest(objection: Objection, actor) -> bool:
    """The person who decided the request may not answer its objection (design.md §7)."""
    req = objection.request
    return bool(
        req is not None
        and req.decided_by_id is not None
        and req.decided_by_id == getattr(actor, "pk", None)
    )


def conflict_message() -> str:
    return _(
        "You decided the request this objection is about, so another PPID head of the agency "
        "must answer it: nobody reviews their own decision."
    )


def decide_objection(objection: Objection, *, actor, decision: str, reasons: str) -> Objection:
    reasons = (reasons or "").strip()
    with transaction.atomic():
        objection = (
            Objection.objects.select_for_update(of=("self",))
            .select_related("request", "agency")
            .get(pk=objection.pk)
        )
        if not permissions.can_decide_objection(actor, objection.agency):
            raise PPIDError(_("Only the PPID head of this agency answers objections."))
        if conflict_of_interest(objection, actor):
            raise PPIDError(conflict_message())
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
            audit_summary=objection.get_decision_display(),
        )
    return objection


def commission_step(objection: Objection, today=None) -> dict:
    """When the requester may take this objection to the Komisi Informasi (Pasal 37(2)).

    ``kind`` is "answered" (14 working days after the answer was received: we take the day it
    was sent, by e-mail and on the status page), "unanswered" (the answer period ended without
    one) or "pending" (still within the answer period: the date applies if no answer comes).
    """
    today = today or timezone.localdate()
    agency = objection.agency_id
    if objection.decided_at:
        received = timezone.localdate(objection.decided_at)
        last = deadlines.commission_deadline(answer_received=received, agency=agency)
        return {"kind": "answered", "last_day": last, "open": today <= last}
    last = deadlines.commission_deadline(answer_due=objection.due_date, agency=agency)
    if today > objection.due_date:
        return {"kind": "unanswered", "last_day": last, "open": today <= last}
    return {"kind": "pending", "last_day": last, "open": False}
