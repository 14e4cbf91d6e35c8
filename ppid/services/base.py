"""What every PPID action shares: the domain error, numbers, the timeline row, the notice mail."""

from __future__ import annotations

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from accounts import permissions
from audit import log as audit

from ..models import InformationRequest, RegistrationCounter, RequestEvent
from ..models.requests import MailStatus

logger = logging.getLogger("ppid")


class PPIDError(Exception):
    """An action refused: the message is shown to the person who asked."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def require_ppid_staff(actor, agency) -> None:
    if not permissions.can_handle_ppid(actor, agency):
        raise PPIDError(_("Only the PPID staff of this agency may do this."))


def lock_request(req: InformationRequest) -> InformationRequest:
    """Re-read the request with a row lock: two staff acting at once are applied one after the
    other, each seeing the other's result (no lost update, no double decision)."""
    return InformationRequest.objects.select_for_update().select_related("agency").get(pk=req.pk)


def next_number(agency, year: int, register: str) -> int:
    """Take the next number of a register; the caller must be inside the saving transaction.

    The counter row is locked (SELECT ... FOR UPDATE) until that transaction ends, so parallel
    submissions wait for each other instead of colliding, and a rolled-back submission gives its
    number back: numbers are never reused and never skipped.
    """
    RegistrationCounter.objects.bulk_create(
        [RegistrationCounter(agency=agency, year=year, register=register)],
        ignore_conflicts=True,
    )
    counter = RegistrationCounter.objects.select_for_update().get(
        agency=agency, year=year, register=register
    )
    counter.last_number += 1
    counter.save(update_fields=["last_number"])
    return counter.last_number


def agency_code(agency) -> str:
    return agency.slug.upper()


ROMAN_MONTHS = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII")
DEFAULT_LETTER_FORMAT = "{nomor:03d}/PPID-{kode}/{bulan}/{tahun}"


def letter_number(agency, when) -> str:
    """The next number of the agency's PPID letters for the year of ``when``, in its format.

    Inside the saving transaction (``next_number``): numbers are neither skipped nor reused.
    A format the agency broke after the form's check falls back to the default one.
    """
    number = next_number(agency, when.year, "notice")
    values = {
        "nomor": number,
        "kode": agency_code(agency),
        "bulan": ROMAN_MONTHS[when.month - 1],
        "tahun": when.year,
    }
    try:
        return (agency.ppid_letter_format or DEFAULT_LETTER_FORMAT).format(**values)
    except (KeyError, IndexError, ValueError):
        return DEFAULT_LETTER_FORMAT.format(**values)


def record_event(
    request,
    action: str,
    summary: str,
    *,
    actor=None,
    notice_title: str = "",
    notice_text: str = "",
    objection=None,
    mail_extra: str = "",
    at=None,
    audit_summary: str = "",
) -> RequestEvent:
    """Write one timeline row; a notice is e-mailed to the requester after the commit.

    A notice is a letter: it takes the next letter number of its agency, the agency's place and
    the name and NIP of the staff member who sent it.

    The step also goes into the agency's audit log, naming the request (or the objection) by its
    registration number only. ``summary`` is not copied there, since it may quote what a requester
    wrote; ``audit_summary`` is what the log may say (an outcome, never a requester's data).
    """
    recipient = request.email if request is not None else getattr(objection, "email", "")
    mail = {}
    if notice_text and recipient:
        mail = {"mail_status": MailStatus.PENDING, "mail_extra": mail_extra}
    letter = {}
    if notice_text:
        agency = request.agency if request is not None else objection.agency
        signer = actor if getattr(actor, "is_authenticated", False) else None
        letter = {
            "letter_number": letter_number(agency, timezone.localdate(at or timezone.now())),
            "letter_place": agency.ppid_letter_place,
            "signer_name": (signer.get_full_name() or signer.username) if signer else "",
            "signer_nip": signer.nip if signer else "",
        }
    event = RequestEvent.objects.create(
        request=request,
        objection=objection,
        action=action,
        summary=summary[:300],
        notice_title=notice_title,
        notice_text=notice_text,
        actor=actor if getattr(actor, "is_authenticated", False) else None,
        **({"created_at": at} if at else {}),
        **letter,
        **mail,
    )
    subject = objection if objection is not None else request
    audit.record(
        action,
        agency=subject.agency_id,
        actor=actor,
        obj=subject,
        label=subject.registration_number,
        summary=audit_summary,
        at=event.created_at,
    )
    if mail:
        transaction.on_commit(lambda: _enqueue_notice_mail(event.pk))
    return event


def _enqueue_notice_mail(event_id: int) -> None:
    # The action is committed by now; a broken queue or mail server must not undo or break it:
    # the row stays "pending" and ppid_retry_mails sends it.
    from ..tasks import send_notice_email

    try:
        send_notice_email.enqueue(event_id)
    except Exception:
        logger.exception("PPID notice e-mail for event %s could not be queued", event_id)


def audit_labels() -> dict[str, object]:
    """What the PPID's action codes mean in the audit log (registered by ppid.apps)."""
    from audit.log import kind_labels

    due_date = pgettext_lazy("audit log", "Due date recomputed (holiday table changed)")
    return {
        **kind_labels(
            "ppid.request",
            pgettext_lazy("audit log", "Information request"),
            {
                "received": pgettext_lazy("audit log", "Received"),
                "in_process": pgettext_lazy("audit log", "Taken into process"),
                "completion_requested": pgettext_lazy("audit log", "Completion requested"),
                "completion_submitted": pgettext_lazy(
                    "audit log", "Missing parts sent by the requester"
                ),
                "completed": pgettext_lazy("audit log", "Completion recorded"),
                "closed_incomplete": pgettext_lazy(
                    "audit log", "Closed: not completed by the requester"
                ),
                "extended": pgettext_lazy("audit log", "Time extended"),
                "decided": pgettext_lazy("audit log", "Decided"),
                "file_sent": pgettext_lazy("audit log", "File sent"),
                "fee_recorded": pgettext_lazy("audit log", "Fee recorded"),
                "delivered": pgettext_lazy("audit log", "Information delivered"),
                "withdrawn": pgettext_lazy("audit log", "Withdrawn by the requester"),
                "due_date_recomputed": due_date,
                "identity_purged": pgettext_lazy(
                    "audit log", "Identity files removed after the retention period"
                ),
            },
        ),
        **kind_labels(
            "ppid.objection",
            pgettext_lazy("audit log", "Objection"),
            {
                "filed": pgettext_lazy("audit log", "Filed"),
                "decided": pgettext_lazy("audit log", "Answered by the PPID head"),
                "due_date_recomputed": due_date,
            },
        ),
        **kind_labels(
            "ppid.dispute",
            pgettext_lazy("audit log", "Dispute at the Komisi Informasi"),
            {
                "recorded": pgettext_lazy("audit log", "Recorded"),
                "updated": pgettext_lazy("audit log", "Updated"),
            },
        ),
        **kind_labels(
            "ppid.dip",
            pgettext_lazy("audit log", "DIP entry"),
            {
                "created": pgettext_lazy("audit log", "Added"),
                "changed": pgettext_lazy("audit log", "Changed"),
                "published": pgettext_lazy("audit log", "Published"),
                "withdrawn": pgettext_lazy("audit log", "Withdrawn from the public list"),
                "deleted": pgettext_lazy("audit log", "Deleted"),
            },
        ),
    }
