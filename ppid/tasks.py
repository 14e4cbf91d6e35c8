"""Background tasks of the PPID service (django-tasks; run at once in development and tests)."""

from django_tasks import task

from .models import RequestEvent
from .models.requests import MailStatus
from .services import mail


@task()
def send_notice_email(event_id: int, extra: str = "") -> bool:
    """E-mail one written notice to the requester (``ppid.services.mail``); on failure, try again
    later where the queue can defer, else ``manage.py ppid_retry_mails`` does.

    ``extra`` is accepted for tasks queued before the outbox kept it on the notice row.
    """
    if extra:
        RequestEvent.objects.filter(pk=event_id, mail_extra="").update(mail_extra=extra)
    sent = mail.deliver(event_id)
    if not sent:
        event = (
            RequestEvent.objects.filter(pk=event_id)
            .only("mail_status", "mail_attempts", "mail_next_attempt_at")
            .first()
        )
        if (
            event is not None
            and event.mail_status == MailStatus.FAILED
            and event.mail_attempts < mail.MAX_ATTEMPTS
            and send_notice_email.get_backend().supports_defer
        ):
            send_notice_email.using(run_after=event.mail_next_attempt_at).enqueue(event_id)
    return sent
