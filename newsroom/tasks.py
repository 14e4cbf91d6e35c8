"""Background tasks of the newsroom (django-tasks: a database queue in production, run at once in
development and tests; the worker is ``manage.py db_worker``)."""

from django_tasks import task

from . import images, notifications


@task()
def send_notification(notification_id: int) -> bool:
    """Send one notification e-mail; on failure, try again later where the queue can defer.

    On a queue that cannot defer (the immediate backend), failed e-mails wait for
    ``manage.py retry_notifications`` or the admin's "send again" action.
    """
    sent = notifications.deliver(notification_id)
    if not sent:
        note = notifications.Notification.objects.filter(pk=notification_id).first()
        backend = send_notification.get_backend()
        if (
            note is not None
            and note.status == notifications.Notification.Status.FAILED
            and note.attempts < notifications.MAX_ATTEMPTS
            and backend.supports_defer
        ):
            send_notification.using(run_after=note.next_attempt_at).enqueue(notification_id)
    return sent


@task()
def make_gallery_renditions(gallery_id: int) -> int:
    """Make the renditions of a published gallery's photos ahead of its first visitor (a gallery
    of fifty photos would otherwise make two hundred files during one page view)."""
    from .library import GalleryItem

    made = 0
    for item in GalleryItem.objects.filter(gallery_id=gallery_id, kind=GalleryItem.Kind.PHOTO):
        # The sizes the gallery page and its list ask for (templates/portal/gallery_*.html).
        made += images.picture(item.image, images.CARD_WIDTHS) is not None
        images.picture(item.image, images.COVER_WIDTHS, webp=False)
    return made
