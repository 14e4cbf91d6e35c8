"""The publishing model every public kind opts into (articles today; pages and the rest next).

Like Wagtail's DraftStateMixin and RevisionMixin for snippets, a kind of content becomes
publishable by inheriting :class:`Publishable` and naming its ``content_fields``; the review
workflow (``newsroom.workflow``), saves with optimistic locking (``newsroom.editing``), the one
revision and timeline tables (``newsroom.revisions``) and the admin mixin then work for it.

The public rule is written once, here: :meth:`PublishableQuerySet.public` (status published,
``publish_at`` reached, ``expire_at`` not reached). :meth:`PublishableQuerySet.next_change` tells
caches the next minute at which that answer changes by itself (a scheduled publication or an
expiry), so nothing needs a cron.
"""

from __future__ import annotations

from datetime import datetime

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

#: Fields kept in revision data as ISO text (JSON has no dates): DateTimeField is a DateField.
_TEMPORAL_FIELDS = (models.DateField, models.TimeField)


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    PUBLISHED = "published", _("Published")
    ARCHIVED = "archived", _("Archived")


def public_q(now: datetime | None = None) -> Q:
    """The public rule as a filter."""
    now = now or timezone.now()
    return Q(status=Status.PUBLISHED, publish_at__lte=now) & (
        Q(expire_at__isnull=True) | Q(expire_at__gt=now)
    )


def public_sql(alias: str) -> tuple[str, int]:
    """The public rule as SQL for raw queries: the text and how many times it takes ``now``.

    Parameters, in order: the published status, then ``now`` as often as the count says. Kept
    beside :func:`public_q` and tested against it (tests/newsroom/test_publishing.py).
    """
    a = alias
    sql = f"{a}.status = %s AND {a}.publish_at <= %s"
    return f"{sql} AND ({a}.expire_at IS NULL OR {a}.expire_at > %s)", 2


def site_kinds() -> list[type[Publishable]]:
    """The publishable kinds the public site shows (every kind but internal ones)."""
    return [model for model in kinds() if model.shown_on_site]


def kinds() -> list[type[Publishable]]:
    """Every concrete publishable model (articles, pages, ...)."""
    return [m for m in apps.get_models() if issubclass(m, Publishable)]


class PublishableQuerySet(models.QuerySet):
    def public(self, now: datetime | None = None):
        """What the public may see: published, its publication time has come, not yet expired."""
        return self.filter(public_q(now))

    def next_change(self, now: datetime | None = None) -> datetime | None:
        """The soonest future moment at which :meth:`public` answers differently by itself."""
        now = now or timezone.now()
        published = self.filter(status=Status.PUBLISHED)
        soonest = published.filter(publish_at__gt=now).aggregate(at=Min("publish_at"))["at"]
        expiry = published.filter(expire_at__gt=now).aggregate(at=Min("expire_at"))["at"]
        moments = [m for m in (soonest, expiry) if m is not None]
        return min(moments) if moments else None


class AgencyOwned(models.Model):
    """Content that belongs to one agency (instansi): its staff write and review it."""

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        verbose_name=_("agency"),
    )

    class Meta:
        abstract = True


class Publishable(AgencyOwned):
    """Status, schedule, expiry, optimistic locking, revisions and a timeline.

    A kind sets ``content_fields``: the fields an editor writes, kept in every revision and
    compared, restored and corrected as one. Everything else here belongs to the workflow.
    """

    Status = Status

    #: The editor's fields, in the order the revision data keeps them.
    content_fields: tuple[str, ...] = ()
    #: False for a kind the public site never shows (planned social media posts): its changes
    #: leave the page cache alone (portal.cache, portal.cache_hooks).
    shown_on_site = True
    #: What site search reads (portal.search): field name -> weight, "A" (counts most) to "D".
    #: None: the title (A), lead or summary (B) and body or description (C) the kind has, when it
    #: has a public address; an empty dict keeps the kind out of search.
    search_fields: dict[str, str] | None = None
    #: How its search results are labelled ("Agenda"); None: its verbose name ("Berita").
    search_label = None
    #: What search engines and link previews show, when an editor writes it: separate from the
    #: title and the lead, which readers see. Part of every public kind's content_fields (below).
    seo_fields = ("seo_title", "seo_description")

    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT, editable=False
    )
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True, editable=False)
    expire_at = models.DateTimeField(
        _("unpublish at"),
        null=True,
        blank=True,
        help_text=_("Optional: the portal stops showing it at this time."),
    )
    first_published_at = models.DateTimeField(
        _("first published"), null=True, blank=True, editable=False
    )
    last_published_at = models.DateTimeField(
        _("last published"), null=True, blank=True, editable=False
    )
    corrected_at = models.DateTimeField(
        _("last correction published"), null=True, blank=True, editable=False
    )
    # Optimistic locking: every save and every step bumps it (newsroom.editing, newsroom.workflow).
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="%(class)ss",
        verbose_name=_("author"),
        editable=False,
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    seo_title = models.CharField(
        _("title for search engines"),
        max_length=70,
        blank=True,
        help_text=_(
            "Optional: the page title in search results and browser tabs (the title when empty)."
        ),
    )
    seo_description = models.CharField(
        _("description for search engines"),
        max_length=160,
        blank=True,
        help_text=_(
            "Optional: the text search results and shared links show (the lead when empty)."
        ),
    )

    revisions = GenericRelation("newsroom.Revision")
    events = GenericRelation("newsroom.TimelineEvent")

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        # A kind with a public page keeps its search-engine text in every revision and review,
        # like the rest of its text, without each kind listing it.
        fields = cls.__dict__.get("content_fields")
        if fields and hasattr(cls, "get_absolute_url"):
            cls.content_fields = (*fields, *(f for f in cls.seo_fields if f not in fields))

    @classmethod
    def action_prefix(cls) -> str:
        """The namespace of this kind's timeline codes, e.g. ``newsroom.article``."""
        return f"{cls._meta.app_label}.{cls._meta.model_name}"

    @property
    def is_public(self) -> bool:
        now = timezone.now()
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expire_at is None or self.expire_at > now)
        )

    @property
    def is_scheduled(self) -> bool:
        return (
            self.status == Status.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    # --- revision data: the content fields as JSON (files by name, relations by id) -----------

    def snapshot(self, m2m: dict[str, list[int]] | None = None) -> dict:
        """The content fields as JSON-ready data; ``m2m`` overrides many-to-many ids."""
        data = {}
        for name in self.content_fields:
            field = self._meta.get_field(name)
            if field.many_to_many:
                if m2m is not None and name in m2m:
                    ids = m2m[name]
                else:
                    ids = list(getattr(self, name).values_list("pk", flat=True)) if self.pk else []
                data[name] = sorted(ids)
            elif field.is_relation:
                data[name] = getattr(self, field.attname)
            elif isinstance(field, models.FileField):
                data[name] = getattr(self, name).name or ""
            elif isinstance(field, _TEMPORAL_FIELDS):
                # Revision data is JSON: dates and times as ISO text, read back by to_python.
                value = field.to_python(getattr(self, name))
                data[name] = value.isoformat() if value is not None else None
            else:
                data[name] = getattr(self, name)
        return data

    def apply_snapshot(self, data: dict) -> dict[str, list[int]]:
        """Put revision ``data`` on this object (unsaved); return the many-to-many ids to set
        after saving. A related row deleted since the revision was taken is left empty."""
        m2m = {}
        for name in self.content_fields:
            field = self._meta.get_field(name)
            if field.many_to_many:
                ids = data.get(name) or []
                m2m[name] = list(
                    field.related_model._default_manager.filter(pk__in=ids).values_list(
                        "pk", flat=True
                    )
                )
            elif name not in data:
                continue
            elif field.is_relation:
                value = data[name]
                exists = value and field.related_model._default_manager.filter(pk=value).exists()
                setattr(self, field.attname, value if exists else None)
            elif isinstance(field, models.FileField):
                setattr(self, name, data[name] or "")
            elif isinstance(field, _TEMPORAL_FIELDS):
                setattr(self, name, field.to_python(data[name]))
            else:
                setattr(self, name, data[name])
        return m2m

    def set_many_to_many(self, m2m: dict[str, list[int]]) -> None:
        for name, ids in m2m.items():
            getattr(self, name).set(ids)

    def copy_content_from(self, source: Publishable) -> None:
        """Take the editor's fields of ``source`` (an unsaved edited copy), not its relations."""
        for name in self.content_fields:
            field = self._meta.get_field(name)
            if field.many_to_many:
                continue
            attname = field.attname if field.is_relation else name
            setattr(self, attname, getattr(source, attname))
