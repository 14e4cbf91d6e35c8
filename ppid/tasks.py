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
    event = RequestEvent.objects.select_related("request__agency").filter(pk=event_id).first()
    if event is None or not event.request.email:
        return False
    req = event.request
    body = event.notice_text
    if extra:
        body = f"{body}\n\n{extra}"
    body += "\n\n" + _("Track your request at %(url)s") % {
        "url": f"{settings.SITE_URL}/ppid/status/"
    }
    send_mail(
        subject=f"[{req.registration_number}] {event.notice_title}",
        message=body,
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[req.email],
    )
    return True
