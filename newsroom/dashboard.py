"""What waits for newsroom staff, for every publishable kind: the writer's and the supervisor's
dashboard panels (humas.dashboard) and the named queues their numbers link to.

A queue is one filter, written once in :func:`queue_q`: the dashboard counts it and the admin
list shows it (``?antrean=<name>``, :class:`newsroom.admin_publishing.QueueFilter`), so the number
and the list it opens always agree. Queries: one aggregate per kind for the numbers; on the
dashboard one more per kind for the writer's items, the review queue (newsroom.workflow) and one
per kind for the week's schedule: bounded by the number of kinds, never by the number of items.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib import admin
from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Exists, OuterRef, Q, Subquery
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from accounts.models import Role
from humas.dashboard import Counter, Item, Panel, Section, Stat

from . import workflow
from .publishing import Status, kinds, public_q
from .revisions import Revision, TimelineEvent

#: "Recently published" looks back this far.
RECENT_DAYS = 14
#: The supervisor's schedule looks this far ahead.
SCHEDULE_DAYS = 7
#: Lines per dashboard list.
LIST_LENGTH = 8

#: The URL parameter of the queue filter in every publishable kind's admin list.
QUEUE_PARAMETER = "antrean"

#: Queue name -> its label; the writer's first, then the supervisor's.
WRITER_QUEUES = {
    "drafts": gettext_lazy("My drafts"),
    "sent_back": gettext_lazy("Sent back to me for changes"),
    "my_scheduled": gettext_lazy("My scheduled items"),
    "my_published": gettext_lazy("Published in the last 14 days"),
}
SUPERVISOR_QUEUES = {
    "review": gettext_lazy("Waiting for review"),
    "corrections": gettext_lazy("Corrections waiting"),
    "this_week": gettext_lazy("Scheduled in the next 7 days"),
}
QUEUES = {**WRITER_QUEUES, **SUPERVISOR_QUEUES}


def with_pending_correction(queryset):
    """Annotate ``has_pending_correction``: a correction of the live text waits for approval."""
    pending = Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(queryset.model),
        object_id=OuterRef("pk"),
        pending=True,
    )
    return queryset.annotate(has_pending_correction=Exists(pending))


def queue_q(name: str, user, now: datetime | None = None) -> Q:
    """The filter of one queue for ``user`` (on a queryset annotated by
    :func:`with_pending_correction`). The writer's queues hold what they wrote; the supervisor's
    what waits in the agencies they review."""
    now = now or timezone.now()
    scheduled = Q(status=Status.PUBLISHED, publish_at__gt=now)
    if name in WRITER_QUEUES:
        mine = Q(author=user)
        return (
            mine
            & {
                "drafts": Q(status=Status.DRAFT),
                "sent_back": Q(status=Status.CHANGES_REQUESTED),
                "my_scheduled": scheduled,
                "my_published": public_q(now)
                & Q(last_published_at__gte=now - timedelta(days=RECENT_DAYS)),
            }[name]
        )
    reviewed = permissions.review_agency_ids(user)
    scope = Q() if reviewed is None else Q(agency__in=reviewed)
    return (
        scope
        & {
            "review": Q(status=Status.IN_REVIEW),
            "corrections": Q(status=Status.PUBLISHED, has_pending_correction=True),
            "this_week": scheduled & Q(publish_at__lte=now + timedelta(days=SCHEDULE_DAYS)),
        }[name]
    )


def queue_url(model, name: str) -> str:
    opts = model._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    return f"{url}?{QUEUE_PARAMETER}={name}"


def admin_kinds(request) -> list:
    """The publishable kinds whose admin list this person may open (a kind still without an
    admin, or one their roles do not reach, has no list to count for)."""
    registry = admin.site._registry
    return [
        model
        for model in kinds()
        if model in registry and registry[model].has_view_permission(request)
    ]


def queues_for(user) -> tuple[list[str], list[str]]:
    writer = list(WRITER_QUEUES) if permissions.has_any_role(user, {Role.WRITER}) else []
    if not writer and permissions.has_any_role(user, permissions.CONTENT_EDIT_ROLES):
        writer = list(WRITER_QUEUES)  # supervisors write too: shown when they have some
    supervisor = list(SUPERVISOR_QUEUES) if permissions.review_agency_ids(user) != set() else []
    return writer, supervisor


def panels(request, *, detail: bool = False) -> list[Panel]:
    """The writer's and the supervisor's panels (humas.dashboard)."""
    user = request.user
    writer_queues, supervisor_queues = queues_for(user)
    names = writer_queues + supervisor_queues
    if not names:
        return []
    now = timezone.now()
    models = admin_kinds(request)
    counts = {}
    for model in models:
        queryset = with_pending_correction(model.objects.all())
        counts[model] = queryset.aggregate(
            **{name: Count("pk", filter=queue_q(name, user, now)) for name in names}
        )

    def stat(name, tone="", in_menu=False):
        parts = [
            Counter(
                label=str(model._meta.verbose_name_plural).capitalize(),
                count=counts[model][name],
                url=queue_url(model, name),
                model=model._meta.label_lower,
            )
            for model in models
        ]
        return Stat(str(QUEUES[name]), parts, tone=tone, in_menu=in_menu)

    found = []
    if writer_queues:
        stats = [
            stat("sent_back", "warning", in_menu=True),
            stat("drafts"),
            stat("my_scheduled"),
            stat("my_published"),
        ]
        is_writer = permissions.has_any_role(user, {Role.WRITER})
        if is_writer or any(s.count for s in stats[:3]):
            panel = Panel("writer", _("My writing"), stats)
            if detail:
                panel.sections = _writer_sections(user, now, models)
            found.append(panel)
    if supervisor_queues:
        stats = [
            stat("review", "warning", in_menu=True),
            stat("corrections", "warning", in_menu=True),
            stat("this_week"),
        ]
        panel = Panel("supervisor", _("Review desk"), stats)
        if detail:
            panel.sections = _supervisor_sections(user, now, models)
        found.append(panel)
    return found


def _change_url(obj) -> str:
    opts = obj._meta
    return reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])


def _when(value) -> str:
    return formats.date_format(timezone.localtime(value), "DATETIME_FORMAT") if value else ""


def _meta(obj, *parts) -> str:
    return " · ".join(
        str(p) for p in (obj._meta.verbose_name.capitalize(), obj.agency, *parts) if p
    )


def _writer_sections(user, now, models) -> list[Section]:
    """My drafts, what came back (with the supervisor's comment), scheduled, recently published:
    one query per kind."""
    buckets = {name: [] for name in WRITER_QUEUES}
    for model in models:
        sent_back = TimelineEvent.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id=OuterRef("pk"),
            action=workflow.TRANSITIONS["request_changes"].code(model),
        ).order_by("-created_at", "-id")
        wanted = Q()
        for name in WRITER_QUEUES:
            wanted |= queue_q(name, user, now)
        rows = (
            model.objects.filter(wanted)
            .select_related("agency")
            .annotate(
                sent_back_comment=Subquery(sent_back.values("comment")[:1]),
                sent_back_at=Subquery(sent_back.values("created_at")[:1]),
            )
            .order_by("-updated_at")[: LIST_LENGTH * len(WRITER_QUEUES)]
        )
        for obj in rows:
            if obj.status == Status.DRAFT:
                buckets["drafts"].append((obj.updated_at, obj))
            elif obj.status == Status.CHANGES_REQUESTED:
                buckets["sent_back"].append((obj.sent_back_at or obj.updated_at, obj))
            elif obj.publish_at and obj.publish_at > now:
                buckets["my_scheduled"].append((obj.publish_at, obj))
            else:
                buckets["my_published"].append((obj.last_published_at, obj))
    sections = []
    for name, label in WRITER_QUEUES.items():
        soonest_first = name == "my_scheduled"
        rows = sorted(buckets[name], key=lambda row: row[0], reverse=not soonest_first)
        items = []
        for at, obj in rows[:LIST_LENGTH]:
            if name == "sent_back":
                items.append(
                    Item(
                        obj.title,
                        _change_url(obj),
                        _meta(obj, _when(at)),
                        note=obj.sent_back_comment or "",
                        tone="warning",
                    )  # fmt: skip
                )
            elif name == "my_scheduled":
                meta = _meta(obj, _("appears on %(when)s") % {"when": _when(at)})
                items.append(Item(obj.title, _change_url(obj), meta))
            else:
                items.append(Item(obj.title, _change_url(obj), _meta(obj, _when(at))))
        sections.append(Section(str(label), items, empty=_("Nothing here.")))
    return sections


def _supervisor_sections(user, now, models) -> list[Section]:
    """The review queue with how long each item has waited, and the week's schedule."""
    rows = []
    for model in models:
        rows += workflow.review_queue(user, model)
    rows.sort(key=lambda row: row["at"])
    queue = [
        Item(
            row["article"].title,
            _change_url(row["article"]),
            _meta(row["article"], row["kind"], row["by"]),
            note=_("waiting %(age)s") % {"age": timesince(row["at"], now)},
            tone="warning" if now - row["at"] > timedelta(days=2) else "",
        )
        for row in rows[:LIST_LENGTH]
    ]
    scheduled = []
    for model in models:
        found = (
            model.objects.filter(queue_q("this_week", user, now))
            .select_related("agency")
            .order_by("publish_at")[:LIST_LENGTH]
        )
        scheduled += list(found)
    scheduled.sort(key=lambda obj: obj.publish_at)
    week = [
        Item(obj.title, _change_url(obj), _meta(obj), note=_when(obj.publish_at))
        for obj in scheduled[:LIST_LENGTH]
    ]
    return [
        Section(
            _("Review queue, oldest first"),
            queue,
            empty=_("Nothing is waiting for review."),
        ),
        Section(_("This week's schedule"), week, empty=_("Nothing is scheduled for this week.")),
    ]
