"""Who hears about a workflow step, and the outbox that gets the e-mail out.

A notification row is written in the same transaction as the step it reports (so a rolled-back
step notifies no one), then a django-tasks task is enqueued after the commit to send the e-mail.
A mail server that fails only marks the row failed with its error: the step itself has already
been committed. Failed rows are retried (``manage.py retry_notifications``, the admin action, or by
the task itself on a queue that can defer) and are listed in the admin with their last error.
The same rows are the in-admin notices (``read_at``).
"""

from __future__ import annotations

import functools
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Membership, Role

logger = logging.getLogger(__name__)

#: Attempts before a failed e-mail is left for a person to look at.
MAX_ATTEMPTS = 5


def retry_delay(attempts: int) -> timedelta:
    """Back off: 1, 4, 16, 64 minutes..."""
    return timedelta(minutes=4 ** max(attempts - 1, 0))


class Notification(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", gettext_lazy("Waiting to be sent")
        SENT = "sent", gettext_lazy("Sent")
        FAILED = "failed", gettext_lazy("Failed")
        NO_EMAIL = "no_email", gettext_lazy("No e-mail address")

    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="newsroom_notifications",
        verbose_name=gettext_lazy("recipient"),
    )
    #: The agency whose content the notice is about (its administrators oversee the outbox).
    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=gettext_lazy("agency"),
    )
    #: Set for articles; notices about other kinds link to them through ``body``.
    article = models.ForeignKey(
        "newsroom.Article",
        on_delete=models.CASCADE,
        null=True,
        related_name="notifications",
        verbose_name=gettext_lazy("article"),
    )
    subject = models.CharField(gettext_lazy("subject"), max_length=250)
    #: Shown in the admin as a warning (sent back, rejected) rather than as plain news.
    is_warning = models.BooleanField(gettext_lazy("needs action"), default=False)
    body = models.TextField(gettext_lazy("message"))
    email = models.EmailField(gettext_lazy("e-mail"), blank=True)
    status = models.CharField(
        gettext_lazy("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(gettext_lazy("attempts"), default=0)
    last_error = models.TextField(gettext_lazy("last error"), blank=True)
    next_attempt_at = models.DateTimeField(gettext_lazy("next attempt"), null=True, blank=True)
    created_at = models.DateTimeField(gettext_lazy("created at"), default=timezone.now)
    sent_at = models.DateTimeField(gettext_lazy("sent at"), null=True, blank=True)
    read_at = models.DateTimeField(gettext_lazy("read at"), null=True, blank=True)

    class Meta:
        verbose_name = gettext_lazy("notification")
        verbose_name_plural = gettext_lazy("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["recipient", "read_at"]),
            models.Index(fields=["status", "next_attempt_at"]),
        ]

    def __str__(self) -> str:
        return self.subject


# --- who hears about what ------------------------------------------------------------------------


def in_portal_language(function):
    """Notices are written in the portal's language, whatever language the actor's browser uses."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        with translation.override(settings.LANGUAGE_CODE):
            return function(*args, **kwargs)

    return wrapper


@in_portal_language
def notify_transition(article, action: str, event, correction=None) -> None:
    """Queue the notices for one workflow step (called inside the step's transaction)."""
    actor = event.actor
    values = {
        "title": article.title,
        "agency": str(article.agency),
        "actor": str(actor) if actor else _("someone"),
        "comment": event.comment,
    }
    if action == "submit":
        _queue(
            supervisors_of(article.agency_id),
            article,
            exclude=actor,
            subject=gettext_lazy("Waiting for review: %(title)s"),
            body=gettext_lazy("%(actor)s submitted “%(title)s” (%(agency)s) for review."),
            values=values,
        )
    elif action in ("approve", "schedule", "request_changes"):
        messages = {
            "approve": (
                gettext_lazy("Published: %(title)s"),
                gettext_lazy("%(actor)s approved and published “%(title)s”."),
            ),
            "schedule": (
                gettext_lazy("Scheduled: %(title)s"),
                gettext_lazy("%(actor)s approved “%(title)s”; it will appear on %(when)s."),
            ),
            "request_changes": (
                gettext_lazy("Changes requested: %(title)s"),
                gettext_lazy("%(actor)s asks for changes to “%(title)s”:\n\n%(comment)s"),
            ),
        }
        subject, body = messages[action]
        values["when"] = _local(article.publish_at)
        _queue([article.author], article, exclude=actor, subject=subject, body=body,
               values=values, is_warning=action == "request_changes")  # fmt: skip
    elif action in ("approve_correction", "reject_correction") and correction is not None:
        if action == "approve_correction":
            subject = gettext_lazy("Correction published: %(title)s")
            body = gettext_lazy("%(actor)s approved your correction of “%(title)s”.")
        else:
            subject = gettext_lazy("Correction rejected: %(title)s")
            body = gettext_lazy("%(actor)s rejected your correction of “%(title)s”:\n\n%(comment)s")
        recipients = [correction.created_by] if correction.created_by else []
        _queue(recipients, article, exclude=actor, subject=subject, body=body, values=values,
               is_warning=action == "reject_correction")  # fmt: skip


@in_portal_language
def notify_correction_waiting(article, event) -> None:
    """A published article has a correction waiting: tell the agency's supervisors."""
    _queue(
        supervisors_of(article.agency_id),
        article,
        exclude=event.actor,
        subject=gettext_lazy("Correction waiting for review: %(title)s"),
        body=gettext_lazy("%(actor)s wrote a correction of the published article “%(title)s”."),
        values={"title": article.title, "actor": str(event.actor or _("someone"))},
    )


def supervisors_of(agency_id: int):
    from accounts.models import User

    ids = Membership.objects.filter(agency_id=agency_id, role=Role.SUPERVISOR).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True)


def _local(value) -> str:
    if value is None:
        return ""
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT")


def _queue(
    recipients, obj, *, exclude, subject, body, values, is_warning=False
) -> list[Notification]:
    opts = obj._meta
    url = settings.SITE_URL + reverse(
        f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
    )
    created = []
    text = str(body) % values + "\n\n" + _("Open in the staff admin: %(url)s") % {"url": url}
    title = str(subject) % values
    for user in recipients:
        if user is None or (exclude is not None and user.pk == exclude.pk):
            continue
        created.append(
            Notification.objects.create(
                recipient=user,
                agency_id=obj.agency_id,
                article=obj if opts.label == "newsroom.Article" else None,
                subject=title[:250],
                is_warning=is_warning,
                body=text,
                email=user.email or "",
                status=Notification.Status.PENDING if user.email else Notification.Status.NO_EMAIL,
            )
        )
    ids = [n.pk for n in created if n.status == Notification.Status.PENDING]
    if ids:
        transaction.on_commit(lambda: enqueue_sending(ids), robust=True)
    return created


# --- sending ---------------------------------------------------------------------------------


def enqueue_sending(ids: list[int]) -> None:
    """Hand the e-mails to the task queue; a queue that is down leaves them pending for retry."""
    from .tasks import send_notification

    for pk in ids:
        try:
            send_notification.enqueue(pk)
        except Exception:
            logger.exception("Could not enqueue notification %s; it stays pending", pk)


def deliver(notification_id: int) -> bool:
    """Send one e-mail now; record success or the error. True when it has been sent."""
    with transaction.atomic():
        note = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if note is None or note.status in (Notification.Status.SENT, Notification.Status.NO_EMAIL):
            return note is not None and note.status == Notification.Status.SENT
        note.attempts += 1
        try:
            send_mail(note.subject, note.body, None, [note.email], fail_silently=False)
        except Exception as error:  # any mail failure: record it, never break the caller
            note.status = Notification.Status.FAILED
            note.last_error = f"{type(error).__name__}: {error}"[:2000]
            note.next_attempt_at = timezone.now() + retry_delay(note.attempts)
            logger.warning(
                "Notification %s not sent (attempt %s): %s", note.pk, note.attempts, error
            )
        else:
            note.status = Notification.Status.SENT
            note.sent_at = timezone.now()
            note.next_attempt_at = None
        note.save(update_fields=["attempts", "status", "last_error", "next_attempt_at", "sent_at"])
        return note.status == Notification.Status.SENT


def due_for_retry(now=None):
    """Failed e-mails whose next attempt is due, and pending ones whose task never ran."""
    now = now or timezone.now()
    stale = now - timedelta(minutes=10)
    return Notification.objects.filter(
        Q(status=Notification.Status.FAILED, next_attempt_at__lte=now, attempts__lt=MAX_ATTEMPTS)
        | Q(status=Notification.Status.PENDING, created_at__lte=stale)
    )


def retry_due(now=None) -> tuple[int, int]:
    """Try every due e-mail again; return (sent, still failing)."""
    sent = failed = 0
    for pk in due_for_retry(now).values_list("pk", flat=True):
        if deliver(pk):
            sent += 1
        else:
            failed += 1
    return sent, failed


# --- in-admin notices ----------------------------------------------------------------------------


def unread_for(user):
    return Notification.objects.filter(recipient=user, read_at__isnull=True).order_by("created_at")


def mark_read(notes) -> None:
    Notification.objects.filter(pk__in=[n.pk for n in notes]).update(read_at=timezone.now())
