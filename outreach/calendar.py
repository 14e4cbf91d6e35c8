"""The content calendar: what the agency plans and publishes, day by day, coloured by pillar.

Reads (selectors): :func:`entries` gathers planned social posts (by their planned time) and every
other publishable kind (newsroom.publishing.kinds()) that is published, scheduled or expiring in a
period, with each item's pillar; :func:`pillar_mix` sets the period's output against the pillars'
target shares; :func:`empty_days` names the days without anything. The number of queries does not
grow with the number of items: one per kind, one for the plans of all of them.

Writes: :func:`move` is the one rule for dragging an item to another day. A planned post that is
still a draft only changes its planned time (saved as a revision, newsroom.editing); an approved
post's new time waits as a correction for a supervisor; any other scheduled item goes through the
workflow's ``reschedule`` step (newsroom.workflow), so the same people and checks apply as in its
own form. Published items and expiries are not moved from the calendar.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.apps import apps
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from newsroom import editing, workflow
from newsroom.publishing import Publishable, Status

from .planning import Pillar, plans_for
from .posts import PlannedPost, source_kinds


class CalendarError(Exception):
    """A move refused; ``message`` is shown to the person."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


#: What an entry on the calendar is, for its label and style.
STATE_LABELS = {
    "draft": gettext_lazy("Draft"),
    "in_review": gettext_lazy("In review"),
    "changes_requested": gettext_lazy("Changes requested"),
    "approved": gettext_lazy("Approved"),
    "posted": gettext_lazy("Posted"),
    "scheduled": gettext_lazy("Scheduled"),
    "published": gettext_lazy("Published"),
    "expiring": gettext_lazy("Expires"),
}


@dataclass
class Entry:
    model_label: str  # "outreach.plannedpost"
    pk: int
    title: str
    kind: str  # the model's verbose name
    at: datetime
    state: str  # a key of STATE_LABELS
    pillar: Pillar | None
    platform: str = ""
    platform_label: str = ""
    version: int = 0
    movable: bool = False

    @property
    def key(self) -> str:
        return f"{self.model_label}:{self.pk}"

    @property
    def state_label(self) -> str:
        return str(STATE_LABELS[self.state])

    @property
    def local_at(self) -> datetime:
        return timezone.localtime(self.at)

    @property
    def url(self) -> str:
        app_label, model_name = self.model_label.split(".")
        return reverse(f"admin:{app_label}_{model_name}_change", args=[self.pk])


def period_bounds(first: date, last: date) -> tuple[datetime, datetime]:
    """[first 00.00, the day after last 00.00) in the portal's time (WIB)."""
    zone = timezone.get_default_timezone()
    return (
        datetime.combine(first, time.min, tzinfo=zone),
        datetime.combine(last + timedelta(days=1), time.min, tzinfo=zone),
    )


def _post_state(post: PlannedPost) -> str:
    if post.status == Status.PUBLISHED:
        return "posted" if post.posted_at else "approved"
    return post.status


def entries(
    agency_ids,
    first: date,
    last: date,
    *,
    platform: str = "",
    pillar_id: int | None = None,
    now: datetime | None = None,
) -> list[Entry]:
    """Everything on the calendar of ``agency_ids`` (None: every agency) from ``first`` to
    ``last``, in time order. With ``platform`` only planned posts of that platform are shown
    (other kinds have none)."""
    now = now or timezone.now()
    start, end = period_bounds(first, last)
    found: list[Entry] = []

    posts = PlannedPost.objects.filter(planned_at__gte=start, planned_at__lt=end).exclude(
        status=Status.ARCHIVED
    )
    if agency_ids is not None:
        posts = posts.filter(agency_id__in=agency_ids)
    if platform:
        posts = posts.filter(platform=platform)
    if pillar_id:
        posts = posts.filter(pillar_id=pillar_id)
    label = str(PlannedPost._meta.verbose_name)
    for post in posts.select_related("pillar").defer("hashtags", "link", "image"):
        found.append(
            Entry(
                "outreach.plannedpost",
                post.pk,
                post.title or _post_title(post),
                label,
                post.planned_at,
                _post_state(post),
                post.pillar,
                post.platform,
                post.get_platform_display(),
                post.version,
                movable=post.status in (Status.DRAFT, Status.CHANGES_REQUESTED, Status.PUBLISHED),
            )  # fmt: skip
        )

    if not platform:
        items = []
        for kind in source_kinds():
            queryset = kind.objects.filter(status=Status.PUBLISHED).filter(
                _in_period("publish_at", start, end) | _in_period("expire_at", start, end)
            )
            if agency_ids is not None:
                queryset = queryset.filter(agency_id__in=agency_ids)
            if _has_field(kind, "title"):
                queryset = queryset.only(
                    "id", "agency_id", "status", "publish_at", "expire_at", "version", "title"
                )
            items.extend(queryset)
        plans = plans_for(items)
        for item in items:
            plan = plans.get((_content_type_id(item), item.pk))
            pillar = plan.pillar if plan else None
            if pillar_id and (pillar is None or pillar.pk != pillar_id):
                continue
            title = getattr(item, "title", "") or str(item)
            kind_label = str(type(item)._meta.verbose_name)
            model_label = type(item)._meta.label_lower
            if item.publish_at and start <= item.publish_at < end:
                scheduled = item.publish_at > now
                found.append(
                    Entry(
                        model_label,
                        item.pk,
                        title,
                        kind_label,
                        item.publish_at,
                        "scheduled" if scheduled else "published",
                        pillar,
                        version=item.version,
                        movable=scheduled,
                    )  # fmt: skip
                )
            if item.expire_at and start <= item.expire_at < end:
                found.append(
                    Entry(
                        model_label,
                        item.pk,
                        title,
                        kind_label,
                        item.expire_at,
                        "expiring",
                        pillar,
                        version=item.version,
                    )  # fmt: skip
                )
    return sorted(found, key=lambda e: (e.at, e.model_label, e.pk))


def _post_title(post: PlannedPost) -> str:
    return str(post).split(": ", 1)[-1]


def _in_period(field: str, start: datetime, end: datetime):
    from django.db.models import Q

    return Q(**{f"{field}__gte": start, f"{field}__lt": end})


def _has_field(model, name: str) -> bool:
    return any(f.name == name for f in model._meta.concrete_fields)


def _content_type_id(item) -> int:
    from django.contrib.contenttypes.models import ContentType

    return ContentType.objects.get_for_model(type(item)).pk


def by_day(found: list[Entry]) -> dict[date, list[Entry]]:
    days: dict[date, list[Entry]] = {}
    for entry in found:
        days.setdefault(entry.local_at.date(), []).append(entry)
    return days


def empty_days(found: list[Entry], first: date, last: date) -> list[date]:
    """Days of the period on which nothing is planned or published (expiries do not count)."""
    busy = {e.local_at.date() for e in found if e.state != "expiring"}
    return [
        first + timedelta(days=n)
        for n in range((last - first).days + 1)
        if first + timedelta(days=n) not in busy
    ]


@dataclass
class PillarShare:
    pillar: Pillar | None
    count: int
    share: int  # percent of the period's output
    target: int | None

    @property
    def gap(self) -> int | None:
        return None if self.target is None else self.share - self.target


def pillar_mix(found: list[Entry], pillars: list[Pillar]) -> list[PillarShare]:
    """The period's output per pillar (planned posts and publications, not expiries) against
    each pillar's target share; items without a pillar last."""
    counted = Counter(e.pillar.pk if e.pillar else None for e in found if e.state != "expiring")
    total = sum(counted.values())

    def share(n: int) -> int:
        return round(100 * n / total) if total else 0

    rows = [
        PillarShare(p, counted.get(p.pk, 0), share(counted.get(p.pk, 0)), p.target_share)
        for p in pillars
    ]
    if counted.get(None):
        rows.append(PillarShare(None, counted[None], share(counted[None]), None))
    return rows


# --- moving an item -----------------------------------------------------------------------------


def find_item(key: str, user) -> Publishable:
    """The publishable item ``"app.model:pk"`` if the user is newsroom staff of its agency."""
    try:
        label, pk = key.split(":", 1)
        model = apps.get_model(label)
        pk = int(pk)
    except (ValueError, LookupError):
        raise CalendarError(_("This item does not exist.")) from None
    if not issubclass(model, Publishable):
        raise CalendarError(_("This item does not exist."))
    item = model.objects.select_related("agency").filter(pk=pk).first()
    if item is None or not permissions.can_view_content(user, item):
        raise CalendarError(_("This item does not exist."))
    return item


def move(item: Publishable, *, actor, day: date, at: time | None = None, version=None) -> str:
    """Move ``item`` to ``day`` (keeping its time of day unless ``at`` is given); returns what
    happened, for the person. Raises CalendarError with the reason when it cannot move."""
    zone = timezone.get_default_timezone()
    if isinstance(item, PlannedPost):
        current = timezone.localtime(item.planned_at, zone)
        new = datetime.combine(day, at or current.timetz().replace(tzinfo=None), tzinfo=zone)
        if new == current:
            return _("Nothing to move.")
        was_live = item.status == Status.PUBLISHED
        edited = PlannedPost.objects.get(pk=item.pk)
        edited.planned_at = new
        try:
            editing.save(
                edited,
                actor=actor,
                expected_version=int(version) if version not in (None, "") else item.version,
            )
        except (workflow.WorkflowError, ValueError) as error:
            raise CalendarError(getattr(error, "message", str(error))) from error
        if was_live:
            return _(
                "The new time waits for a supervisor's approval, like any change to an "
                "approved post."
            )
        return _("Planned time changed to %(when)s.") % {"when": _when(new)}
    if item.is_scheduled:
        current = timezone.localtime(item.publish_at, zone)
        new = datetime.combine(day, at or current.timetz().replace(tzinfo=None), tzinfo=zone)
        try:
            workflow.perform("reschedule", item, actor=actor, publish_at=new)
        except workflow.WorkflowError as error:
            raise CalendarError(error.message) from error
        return _("Publication moved to %(when)s.") % {"when": _when(new)}
    raise CalendarError(
        _("Only planned posts and scheduled items can be moved; this one is already public.")
    )


def _when(moment: datetime) -> str:
    from django.utils.formats import date_format

    return date_format(timezone.localtime(moment), "DATETIME_FORMAT")
