"""The written notices' e-mails to requesters: an outbox on the notice rows, retried until sent.

Like the newsroom's notifications: a notice is recorded with its action; its e-mail is queued
after the commit; a mail server that fails marks the row failed with its error and the next
attempt's time (4, 16, 64... minutes), the task queue or ``manage.py ppid_retry_mails`` tries
again, and staff see the failures on the request queue ("E-mail failed") to phone the
requester when it keeps failing. The request itself never depends on the mail.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..models import RequestEvent
from ..models.requests import MailStatus

logger = logging.getLogger(__name__)
#: Attempts before a failed e-mail is left for a person to look at.
MAX_ATTEMPTS = 5


def retry_delay(attempts: int) -> timedelta:
    return timedelta(minutes=4 ** max(attempts, 1))


def _message(event: RequestEvent) -> tuple[str, str, str] | None:
    """(subject, body, recipient) of a notice's e-mail, or None when there is nobody to mail."""
    source = event.request or event.objection
    if source is None or not source.email:
        return None
    body = event.notice_text
    if event.mail_extra:
        body = f"{body}\n\n{event.mail_extra}"
    if event.request is not None:
        with translation.override("id"):
            body += "\n\n" + _("Track your request at %(url)s") % {
                "url": f"{settings.SITE_URL}/ppid/status/"
            }
    return f"[{source.registration_number}] {event.notice_title}", body, source.email


def deliver(event_id: int) -> bool:
    """Send one notice's e-mail now and record the outcome. True when it has been sent."""
    with transaction.atomic():
        event = (
            RequestEvent.objects.select_for_update(of=("self",))
            .select_related("request", "objection")
            .filter(pk=event_id)
            .first()
        )
        if event is None or event.mail_status == MailStatus.SENT:
            return event is not None
        message = _message(event)
        if message is None:
            event.mail_status = ""
            event.save(update_fields=["mail_status"])
            return False
        subject, body, recipient = message
        event.mail_attempts += 1
        try:
            send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient])
        except Exception as error:  # any mail failure is recorded, never raised to the action
            event.mail_status = MailStatus.FAILED
            event.mail_error = f"{type(error).__name__}: {error}"[:2000]
            event.mail_next_attempt_at = timezone.now() + retry_delay(event.mail_attempts)
            logger.warning("PPID notice %s not mailed (attempt %s): %s", event_id,
                           event.mail_attempts, error)  # fmt: skip
        else:
            event.mail_status = MailStatus.SENT
            event.mail_error = ""
            event.mail_extra = ""  # the tracking code is not kept once it has left
            event.mail_next_attempt_at = None
        event.save(
            update_fields=[
                "mail_status", "mail_attempts", "mail_error", "mail_next_attempt_at", "mail_extra",
            ]
        )  # fmt: skip
        return event.mail_status == MailStatus.SENT


def failed_q() -> Q:
    return Q(mail_status=MailStatus.FAILED)


def due_for_retry(now=None):
    """Failed e-mails whose next attempt is due, and pending ones whose task never ran."""
    now = now or timezone.now()
    return RequestEvent.objects.filter(
        Q(mail_status=MailStatus.FAILED, mail_next_attempt_at__lte=now,
          mail_attempts__lt=MAX_ATTEMPTS)
        | Q(mail_status=MailStatus.PENDING, created_at__lte=now - timedelta(minutes=10))
    )  # fmt: skip


def retry(events) -> tuple[int, int]:
    """Try the given notices' e-mails again now; return (sent, still failing)."""
    sent = failed = 0
    for pk in events.values_list("pk", flat=True):
        if deliver(pk):
            sent += 1
        else:
            failed += 1
    return sent, failed
