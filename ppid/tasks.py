"""Background tasks of the PPID service (django-tasks; run at once in development and tests)."""

from django.conf import settings
from django.core.mail import send_mail
from django.utils.translation import gettext as _
from django_tasks import task

from .models import RequestEvent


@task()
def send_notice_email(event_id: int, extra: str = "") -> bool:
    """E-mail one written notice to the requester. ``extra`` carries the tracking code once.

    Runs after the action's commit: a failure here leaves the request and its notice intact (the
    requester still sees the notice on the status page).
    """
    event = (
        RequestEvent.objects.select_related("request__agency", "objection")
        .filter(pk=event_id)
        .first()
    )
    if event is None:
        return False
    # An objection on ground (b) has no request: its notices go to the objector.
    source = event.request or event.objection
    if source is None or not source.email:
        return False
    body = event.notice_text
    if extra:
        body = f"{body}\n\n{extra}"
    if event.request is not None:
        body += "\n\n" + _("Track your request at %(url)s") % {
            "url": f"{settings.SITE_URL}/ppid/status/"
        }
    send_mail(
        subject=f"[{source.registration_number}] {event.notice_title}",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[source.email],
    )
    return True
