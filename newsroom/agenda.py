"""Announcements (pengumuman) and the agenda (events): two publishable kinds of an agency's site.

Both are reviewed, scheduled, expiring and revisioned like articles (``newsroom.publishing``).
- An announcement is short-lived: unless the editor chose a date, it leaves the portal
  :data:`ANNOUNCEMENT_LIFETIME` after its publication (the publishing model's ``expire_at``, filled
  in :meth:`Announcement.save` whichever entry point published it).
- An event has a start and an end, all-day or timed, in WIB (Asia/Jakarta). What the editor types
  (dates and optional times) is kept as typed; ``starts_at`` and ``ends_at`` are derived from it on
  every save, so lists split upcoming from past and calendars read one instant each.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Min
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from humas.links import slug_url

from .publishing import Publishable, PublishableQuerySet
from .sanitize import sanitize_html

#: How long an announcement stays on the portal when its editor sets no end (issue 15, item 3).
ANNOUNCEMENT_LIFETIME = timedelta(days=30)
#: Event times are Western Indonesian Time, whatever the server's clock.
EVENT_TIME_ZONE = ZoneInfo("Asia/Jakarta")


def unique_slug(model, title: str, exclude_pk: int | None, fallback: str, max_length: int) -> str:
    """A slug made from ``title`` that no other row of ``model`` uses (``judul``, ``judul-2``)."""
    base = slugify(title)[: max_length - 10].strip("-") or fallback
    taken = set(
        model.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def _with_field(kwargs: dict, *names: str) -> None:
    """A save limited to some fields also writes the derived ``names``."""
    if kwargs.get("update_fields") is not None:
        kwargs["update_fields"] = {*kwargs["update_fields"], *names}


class Announcement(Publishable):
    """A notice to the public (pengumuman): recruitment, service closures, tenders, results."""

    content_fields = ("title", "slug", "lead", "body", "expire_at")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Made from the title when left empty."),
    )
    lead = models.TextField(
        _("summary"), help_text=_("One or two sentences shown in the strip and in lists.")
    )
    body = models.TextField(_("body"), blank=True)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-publish_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-publish_at", "-id"], name="announcement_public_idx"),
            models.Index(
                fields=["agency", "status", "-publish_at", "-id"], name="announcement_agency_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.expire_at is not None and self.expire_at <= timezone.now():
            raise ValidationError(
                {"expire_at": _("Choose a time in the future, or leave it empty.")}
            )

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if not self.slug:
            self.slug = unique_slug(Announcement, self.title, self.pk, "pengumuman", 220)
        if self.publish_at is not None and (
            self.expire_at is None or self.expire_at <= self.publish_at
        ):
            # Published without an end chosen, or published again (reopened from the archive)
            # after its old end: the default lifetime, from this publication.
            self.expire_at = self.publish_at + ANNOUNCEMENT_LIFETIME
            _with_field(kwargs, "expire_at")
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("portal:announcement_detail", self.slug)


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, now: datetime | None = None):
        """Events not yet over, soonest first."""
        return self.filter(ends_at__gt=now or timezone.now()).order_by("starts_at", "id")

    def past(self, now: datetime | None = None):
        """Events that are over, the latest first (the archive)."""
        return self.filter(ends_at__lte=now or timezone.now()).order_by("-starts_at", "-id")

    def next_change(self, now: datetime | None = None) -> datetime | None:
        """Also the end of a public event: it then moves from the agenda to the archive, so a
        cached agenda page must not outlive that minute."""
        now = now or timezone.now()
        soonest = super().next_change(now)
        ends = self.public(now).filter(ends_at__gt=now).aggregate(at=Min("ends_at"))["at"]
        moments = [m for m in (soonest, ends) if m is not None]
        return min(moments) if moments else None


class Event(Publishable):
    """An agenda item (kegiatan): a date or a time span in WIB, a place, who organises it."""

    #: Search results name it after the list it belongs to (portal.search).
    search_label = _("Agenda")
    content_fields = (
        "title", "slug", "lead", "body", "start_date", "start_time", "end_date", "end_time",
        "location", "organizer", "registration_url",
    )  # fmt: skip

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Made from the title when left empty."),
    )
    lead = models.TextField(_("summary"), help_text=_("One or two sentences shown in lists."))
    body = models.TextField(_("description"), blank=True)
    start_date = models.DateField(_("start date"))
    start_time = models.TimeField(
        _("start time (WIB)"), null=True, blank=True, help_text=_("Empty for an all-day event.")
    )
    end_date = models.DateField(
        _("end date"), null=True, blank=True, help_text=_("Empty when it ends on the start date.")
    )
    end_time = models.TimeField(_("end time (WIB)"), null=True, blank=True)
    location = models.CharField(
        _("place"), max_length=300, help_text=_("Building, room and address, or “Daring (Zoom)”.")
    )
    organizer = models.CharField(
        _("organiser"),
        max_length=200,
        blank=True,
        help_text=_("Empty when the agency itself organises it."),
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    #: Derived from the dates and times above on every save (WIB), for lists and calendars.
    starts_at = models.DateTimeField(_("starts"), editable=False)
    ends_at = models.DateTimeField(_("ends"), editable=False)

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "ends_at", "starts_at"], name="event_public_idx"),
            models.Index(
                fields=["agency", "status", "ends_at", "starts_at"], name="event_agency_idx"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def all_day(self) -> bool:
        return self.start_time is None

    @property
    def last_date(self) -> date:
        return self.end_date or self.start_date

    @property
    def organizer_name(self) -> str:
        return self.organizer or self.agency.name

    def clean(self):
        errors = {}
        if self.start_time is None and self.end_time is not None:
            errors["end_time"] = _("An all-day event has no end time; enter a start time too.")
        if self.start_date and self.end_date and self.end_date < self.start_date:
            errors["end_date"] = _("The end date is before the start date.")
        elif (
            self.start_date
            and self.start_time is not None
            and self.end_time is not None
            and self.last_date == self.start_date
            and self.end_time <= self.start_time
        ):
            errors["end_time"] = _("The end time is not after the start time.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if not self.slug:
            self.slug = unique_slug(Event, self.title, self.pk, "kegiatan", 220)
        self.starts_at, self.ends_at = self.span()
        _with_field(kwargs, "starts_at", "ends_at")
        super().save(*args, **kwargs)

    def span(self) -> tuple[datetime, datetime]:
        """(start, end) as aware datetimes. All-day: from midnight of the first day to midnight
        after the last. Timed without an end time: until the end of its last day (it stays on
        the agenda that day)."""
        first, last = _as_date(self.start_date), _as_date(self.last_date)
        if self.start_time is None:
            return _wib(first, time.min), _wib(last + timedelta(days=1), time.min)
        start = _wib(first, _as_time(self.start_time))
        if self.end_time is None:
            return start, _wib(last + timedelta(days=1), time.min)
        return start, max(start, _wib(last, _as_time(self.end_time)))

    @property
    def has_end_time(self) -> bool:
        return self.start_time is not None and self.end_time is not None

    @property
    def is_multi_day(self) -> bool:
        return self.last_date != self.start_date

    def get_absolute_url(self) -> str:
        return slug_url("portal:event_detail", self.slug)


def _as_date(value) -> date:
    return models.DateField().to_python(value)


def _as_time(value) -> time:
    return models.TimeField().to_python(value)


def _wib(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=EVENT_TIME_ZONE)


def public_announcements(now: datetime | None = None):
    """Live announcements, newest first (the strip, the list, the feed)."""
    return Announcement.objects.public(now).select_related("agency").order_by("-publish_at", "-id")


def public_events(now: datetime | None = None):
    return Event.objects.public(now).select_related("agency")
