"""Actions on an information request: register, complete, extend, decide, send files, fees."""

from __future__ import annotations

import secrets
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Agency

from .. import deadlines
from ..models import (
    ApplicantType,
    Channel,
    DeliveryMethod,
    ExemptionGround,
    InformationRequest,
    ObtainMethod,
    Outcome,
    RequestAttachment,
    RequestEvent,
)
from ..models.requests import hash_tracking_code
from ..validators import validate_identity
from . import notices
from .base import (
    PPIDError,
    agency_code,
    lock_request,
    next_number,
    record_event,
    require_ppid_staff,
)
from .files import save_files
from .transitions import check_step

# Letters and digits that cannot be mistaken for each other when read out on the phone.
_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"

#: Fields a requester (or staff entering a walk-in request) fills in.
APPLICANT_FIELDS = (
    "applicant_type",
    "name",
    "nik",
    "legal_entity_decree",
    "address",
    "phone",
    "email",
    "information_requested",
    "purpose",
    "obtain_method",
    "delivery_method",
    "accessible_format",
)


def new_tracking_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"


def clock_start(req: InformationRequest) -> date | None:
    """The day zero of the deadline: receipt, or completion of the file (an agency setting)."""
    if req.agency.ppid_clock_start == Agency.ClockStart.COMPLETE:
        return timezone.localdate(req.completed_at) if req.completed_at else None
    return req.received_date


def compute_due_date(req: InformationRequest, calendar=None) -> date | None:
    start = clock_start(req)
    if start is None:
        return None
    calendar = calendar or deadlines.WorkingCalendar(req.agency_id)
    return calendar.add_working_days(start, deadlines.ANSWER_DAYS + req.extension_days)


def find_request(registration_number: str, tracking_code: str) -> InformationRequest | None:
    """The request a requester proves with number and code; None for any mismatch (same answer)."""
    req = (
        InformationRequest.objects.select_related("agency")
        .filter(registration_number=registration_number.strip().upper())
        .first()
    )
    if req is None:
        # Spend the same time as a real comparison so a wrong number is not told apart.
        hash_tracking_code("x" * 32, tracking_code)
        return None
    return req if req.check_tracking_code(tracking_code) else None


def register_request(
    *,
    agency: Agency,
    data: dict,
    channel: str = Channel.ONLINE,
    actor=None,
    uploads=(),
    received_at=None,
) -> tuple[InformationRequest, str]:
    """Save a new request with its registration number; return it and its tracking code.

    Online requests come from the public form (no actor); walk-in, phone and letter requests are
    entered by the agency's PPID staff.
    """
    if channel != Channel.ONLINE or actor is not None:
        require_ppid_staff(actor, agency)
    fields = {name: data.get(name, "") for name in APPLICANT_FIELDS}
    try:
        validate_identity(fields["applicant_type"], fields["nik"], fields["legal_entity_decree"])
    except ValidationError as error:
        raise PPIDError(error.messages[0]) from error
    if fields["applicant_type"] == ApplicantType.LEGAL_ENTITY:
        fields["nik"] = ""
    code = new_tracking_code()
    salt = secrets.token_hex(16)
    received_at = received_at or timezone.now()
    with transaction.atomic():
        year = timezone.localdate(received_at).year
        sequence = next_number(agency, year, "request")
        req = InformationRequest(
            agency=agency,
            year=year,
            sequence=sequence,
            registration_number=f"PPID/{agency_code(agency)}/{year}/{sequence:05d}",
            tracking_salt=salt,
            tracking_hash=hash_tracking_code(salt, code),
            channel=channel,
            received_at=received_at,
            # A file is taken as complete until the PPID asks for what is missing.
            completed_at=received_at,
            created_by=actor if channel != Channel.ONLINE else None,
            **fields,
        )
        req.due_date = compute_due_date(req)
        try:
            req.full_clean(exclude=["registration_number"])
        except ValidationError as error:
            raise PPIDError(" ".join(error.messages)) from error
        req.save()
        save_files(req, uploads, RequestAttachment.Kind.FROM_REQUESTER)
        title, text = notices.receipt(req)
        record_event(
            req,
            "ppid.request.received",
            _("Request received (%(channel)s)") % {"channel": req.get_channel_display()},
            actor=actor,
            notice_title=title,
            notice_text=text,
            mail_extra=_("Your tracking code: %(code)s (keep it secret; it opens your request).")
            % {"code": code},
            at=received_at,
        )
    return req, code


def start_processing(req: InformationRequest, *, actor) -> InformationRequest:
    with transaction.atomic():
        req = lock_request(req)
        step = check_step(req, "process", actor)
        req.status = step.target(req.status)
        req.save(update_fields=["status"])
        record_event(req, step.code, _("Request taken into process"), actor=actor)
    return req


def ask_for_completion(req: InformationRequest, *, actor, missing: str) -> InformationRequest:
    """Ask the requester to complete a deficient file (Perki 1/2021)."""
    missing = (missing or "").strip()
    with transaction.atomic():
        req = lock_request(req)
        step = check_step(req, "ask-completion", actor)
        if not missing:
            raise PPIDError(_("Say what is missing from the request."))
        req.status = step.target(req.status)
        req.completed_at = None
        req.due_date = compute_due_date(req)
        req.save(update_fields=["status", "completed_at", "due_date"])
        title, text = notices.completion_requested(req, missing)
        record_event(
            req,
            step.code,
            _("Completion requested: %(m)s") % {"m": missing},
            actor=actor,
            notice_title=title,
            notice_text=text,
        )
    return req


def record_completion(req: InformationRequest, *, actor, note: str = "") -> InformationRequest:
    with transaction.atomic():
        req = lock_request(req)
        step = check_step(req, "completed", actor)
        req.status = step.target(req.status)
        req.completed_at = timezone.now()
        req.due_date = compute_due_date(req)
        req.save(update_fields=["status", "completed_at", "due_date"])
        title, text = notices.completion_received(req)
        summary = _("Request completed by the requester")
        record_event(
            req,
            step.code,
            f"{summary}. {note}".strip(),
            actor=actor,
            notice_title=title,
            notice_text=text,
        )
    return req


def submit_completion(req: InformationRequest, *, uploads=(), note: str = "") -> InformationRequest:
    """The requester sends what the PPID asked for (files, a note) from the status page.

    The PPID then checks it and records the completion (``record_completion``).
    """
    note = (note or "").strip()
    if not uploads and not note:
        raise PPIDError(_("Attach a file or write a note."))
    with transaction.atomic():
        req = lock_request(req)
        step = check_step(req, "submit-completion", None)
        saved = save_files(req, uploads, RequestAttachment.Kind.FROM_REQUESTER)
        names = [attachment.original_name for attachment in saved]
        record_event(
            req,
            step.code,
            _("The requester sent the missing parts: %(what)s")
            % {"what": "; ".join([*names, note] if note else names)},
        )
    return req


def preview_decision(req: InformationRequest, *, actor, **decision) -> RequestEvent:
    """The written notice ``decide`` would send, without sending it: the real decision, rolled
    back (the same checks, the next letter number, no mail)."""
    with transaction.atomic():
        decided = decide(req, actor=actor, **decision)
        event = decided.events.order_by("-id").first()
        transaction.set_rollback(True)
    event.pk = None
    return event


def record_delivery(
    req: InformationRequest,
    *,
    actor,
    delivered_on: date,
    channel: str,
    note: str = "",
    today: date | None = None,
) -> InformationRequest:
    """Record that the information granted reached the requester (the end of the service)."""
    today = today or timezone.localdate()
    note = (note or "").strip()
    with transaction.atomic():
        req = lock_request(req)
        step = check_step(req, "deliver", actor, today)
        decided_on = timezone.localdate(req.decided_at)
        if delivered_on > today:
            raise PPIDError(_("The delivery date cannot be in the future."))
        if delivered_on < decided_on:
            raise PPIDError(
                _("The delivery date cannot be before the decision (%(date)s).")
                % {"date": notices._date(decided_on)}
            )
        if channel not in DeliveryMethod.values:
            raise PPIDError(_("Choose how the information was delivered."))
        req.delivered_on = delivered_on
        req.delivered_via = channel
        req.delivery_note = note
        req.save(update_fields=["delivered_on", "delivered_via", "delivery_note"])
        record_event(
            req,
            step.code,
            _("The information was delivered on %(date)s (%(channel)s).")
            % {"date": notices._date(delivered_on), "channel": req.get_delivered_via_display()}
            + (f" {note}" if note else ""),
            actor=actor,
        )
    return req


def withdraw(req: InformationRequest, *, reason: str = "", now=None) -> InformationRequest:
    """The requester withdraws an open request (from the status page); the PPID's deadline ends
    and a written confirmation goes to the requester. Decided requests cannot be withdrawn."""
    reason = (reason or "").strip()[:2000]
    now = now or timezone.now()
    with transaction.atomic():
        req = lock_request(req)
        step = check_step(req, "withdraw", None)
        req.status = step.target(req.status)
        req.withdrawn_at = now
        req.withdrawal_reason = reason
        req.save(update_fields=["status", "withdrawn_at", "withdrawal_reason"])
        title, text = notices.withdrawn(req)
        record_event(
            req,
            step.code,
            _("The requester withdrew the request.")
            + (" " + _("Reason: %(reason)s") % {"reason": reason} if reason else ""),
            notice_title=title,
            notice_text=text,
            at=now,
        )
    return req


def extend(
    req: InformationRequest, *, actor, days: int, reason: str, today=None
) -> InformationRequest:
    """UU 14/2008 Pasal 22(8): one extension, at most 7 working days, with written reasons."""
    reason = (reason or "").strip()
    today = today or timezone.localdate()
    with transaction.atomic():
        req = lock_request(req)
        # Once only and before the deadline: the table's guards (transitions.STEPS).
        step = check_step(req, "extend", actor, today)
        if not 1 <= int(days) <= deadlines.MAX_EXTENSION_DAYS:
            raise PPIDError(_("An extension is 1 to 7 working days."))
        if not reason:
            raise PPIDError(_("An extension needs written reasons."))
        req.extension_days = int(days)
        req.extension_reason = reason
        req.due_date = compute_due_date(req)
        req.status = step.target(req.status)
        req.save(update_fields=["extension_days", "extension_reason", "due_date", "status"])
        title, text = notices.extension(req)
        record_event(
            req,
            step.code,
            _("Extended by %(days)s working days: %(reason)s") % {"days": days, "reason": reason},
            actor=actor,
            notice_title=title,
            notice_text=text,
        )
    return req


def decide(
    req: InformationRequest,
    *,
    actor,
    outcome: str,
    reasons: str = "",
    withheld_information: str = "",
    exemption_ground: str = "",
    consequence_test: str = "",
    holder_of_information: str = "",
    documented_by: date | None = None,
    information_provided: str = "",
    provided_format: str = "",
    provided_via: str = "",
    fee_estimate: int | None = 0,
    payment_instructions: str = "",
    provide_by: date | None = None,
) -> InformationRequest:
    """Record the written notice's decision (UU 14/2008 Pasal 22(7), Perki 1/2021).

    A request granted in full or in part names what will be provided, in which form, how it is
    sent, what it costs and how to pay, and by when (Pasal 22(7) d, f, g). Left empty, they are
    what the requester asked for: the information requested, their form and way of delivery,
    free of charge, today.
    """
    if outcome not in Outcome.values:
        raise PPIDError(_("Choose a decision."))
    grants = outcome in (Outcome.GRANTED, Outcome.PARTIAL)
    information_provided = (information_provided or "").strip()
    payment_instructions = (payment_instructions or "").strip()
    fee_estimate = int(fee_estimate or 0)
    if grants:
        information_provided = information_provided or req.information_requested
        provided_format = provided_format or req.obtain_method
        provided_via = provided_via or req.delivery_method
        provide_by = provide_by or timezone.localdate()
        if provided_format not in ObtainMethod.values:
            raise PPIDError(_("Choose the form in which the information is provided."))
        if provided_via not in DeliveryMethod.values:
            raise PPIDError(_("Choose how the information is sent."))
        if provide_by < timezone.localdate():
            raise PPIDError(_("The date to provide the information cannot be in the past."))
        if fee_estimate < 0:
            raise PPIDError(_("The cost cannot be negative."))
        if fee_estimate and not payment_instructions:
            raise PPIDError(_("Say how the cost is paid."))
    else:
        information_provided = provided_format = provided_via = payment_instructions = ""
        fee_estimate, provide_by = 0, None
    if outcome in (Outcome.PARTIAL, Outcome.EXEMPT):
        if exemption_ground not in ExemptionGround.values:
            raise PPIDError(_("Withholding information needs its Pasal 17 ground."))
        if not consequence_test.strip():
            raise PPIDError(_("Withholding information needs the consequence test."))
    if outcome == Outcome.PARTIAL and not withheld_information.strip():
        raise PPIDError(_("Say which part of the information is withheld."))
    if outcome == Outcome.NOT_DOCUMENTED and documented_by is None:
        raise PPIDError(_("Say when the information will be documented."))
    if outcome not in (Outcome.PARTIAL, Outcome.EXEMPT):
        exemption_ground, consequence_test = "", ""
    with transaction.atomic():
        req = lock_request(req)
        step = check_step(req, "decide", actor)
        req.status = step.target(req.status)
        req.outcome = outcome
        req.decision_reasons = reasons.strip()
        req.withheld_information = (
            withheld_information.strip() if outcome == Outcome.PARTIAL else ""
        )
        req.exemption_ground = exemption_ground
        req.consequence_test = consequence_test.strip()
        req.holder_of_information = (
            holder_of_information.strip() if outcome == Outcome.NOT_HELD else ""
        )
        req.documented_by = documented_by if outcome == Outcome.NOT_DOCUMENTED else None
        req.information_provided = information_provided
        req.provided_format = provided_format
        req.provided_via = provided_via
        req.fee_estimate = fee_estimate
        req.payment_instructions = payment_instructions
        req.provide_by = provide_by
        req.decided_at = timezone.now()
        req.decided_by = actor
        req.save()
        title, text = notices.decision(req)
        record_event(
            req,
            step.code,
            _("Decided: %(outcome)s") % {"outcome": req.get_outcome_display()},
            actor=actor,
            notice_title=title,
            notice_text=text,
            audit_summary=req.get_outcome_display(),
        )
    return req
