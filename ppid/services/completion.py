"""The end of a request that was never completed (Perki 1/2021 on deficient requests).

A PPID that asks for completion gives the requester a period to complete it:
``deadlines.completion_days()`` working days counted from the day it asked (that day is day
zero), the date the notice names. When that period has passed without the completion being
recorded, the PPID closes the request with a written notice (``close_incomplete``); the requester
may then file a new, complete request, or object (Pasal 35(1)(e): the request not fulfilled).
The deadline is read from the timeline, so a change in the closure-day table moves it too.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .. import deadlines
from ..models import InformationRequest
from ..models.requests import NOT_COMPLETED
from . import notices
from .base import lock_request, record_event
from .transitions import check_step

Status = InformationRequest.Status
ASKED = "ppid.request.completion_requested"


def completion_deadline(asked_on: date, *, agency=None) -> date:
    """The last day to complete a request the PPID asked to complete on ``asked_on``."""
    return deadlines.add_working_days(asked_on, deadlines.completion_days(), agency=agency)


def completion_due(req: InformationRequest) -> date | None:
    """The last day the requester has to complete ``req``; None unless it waits for completion."""
    if req.status != Status.AWAITING_COMPLETION:
        return None
    asked = req.events.filter(action=ASKED).order_by("-created_at", "-id").first()
    if asked is None:
        return None
    return completion_deadline(timezone.localdate(asked.created_at), agency=req.agency_id)


def close_incomplete(
    req: InformationRequest, *, actor, reasons: str = "", today=None
) -> InformationRequest:
    """Close a request whose period to complete has passed without completion."""
    today = today or timezone.localdate()
    with transaction.atomic():
        req = lock_request(req)
        step = check_step(req, "close-incomplete", actor, today)
        due = completion_due(req)
        req.status = step.target(req.status)
        req.outcome = NOT_COMPLETED
        req.decision_reasons = (reasons or "").strip()
        req.decided_at = timezone.now()
        req.decided_by = actor
        req.save(
            update_fields=["status", "outcome", "decision_reasons", "decided_at", "decided_by"]
        )
        title, text = notices.closed_incomplete(req, due)
        record_event(
            req,
            step.code,
            _("Closed: not completed by the requester"),
            actor=actor,
            notice_title=title,
            notice_text=text,
        )
    return req
