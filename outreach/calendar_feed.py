"""A private calendar feed (ICS) per staff member: the content calendar in their own calendar app.

Calendar apps fetch a feed without a session, so the address itself is the key: a random token,
shown once when it is made. Only its SHA-256 is stored, so a copy of the database does not give
anyone the feeds; making a new address or revoking the feed makes the old address answer 404.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: The feed covers this window around today.
FEED_PAST = timedelta(days=31)
FEED_FUTURE = timedelta(days=120)


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class CalendarFeed(models.Model):
    """The one feed address of one staff member (its token as a hash)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feed",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("made at"), default=timezone.now, editable=False)
    last_used_at = models.DateTimeField(_("last fetched"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)


def issue_feed(user) -> str:
    """Make a new feed address for ``user`` (the old one stops working); returns the token."""
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        CalendarFeed.objects.filter(user=user).delete()
        CalendarFeed.objects.create(user=user, token_hash=_digest(token))
    return token


def revoke_feed(user) -> bool:
    """Switch the feed off; True when there was one."""
    deleted, _rows = CalendarFeed.objects.filter(user=user).delete()
    return bool(deleted)


def feed_user(token: str):
    """The active user whose feed ``token`` opens, or None."""
    if not token or len(token) > 100:
        return None
    feed = (
        CalendarFeed.objects.select_related("user")
        .filter(token_hash=_digest(token), user__is_active=True)
        .first()
    )
    if feed is None:
        return None
    now = timezone.now()
    if feed.last_used_at is None or now - feed.last_used_at > timedelta(hours=1):
        CalendarFeed.objects.filter(pk=feed.pk).update(last_used_at=now)
    return feed.user
