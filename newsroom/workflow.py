"""The review workflow of every publishable kind: states, transitions, who may do each.

Every state change goes through :func:`_transition`: one database transaction with the object's
row locked (``select_for_update``), a check of the actor's role (``accounts.permissions``) and of
the state, then the step's own :meth:`Transition.check` and :meth:`Transition.execute`, one
timeline event, and the notifications queued for after the commit. Each step is one small object
in :data:`TRANSITIONS` (written once, for all kinds): ``_transition`` never branches on its name.
A refused step raises :class:`WorkflowError` with a message for people; it is never a 500.

Hook for caches, feeds and sitemaps: :data:`published_changed` is sent, after the transaction
commits, whenever what the public sees of an object changes or is scheduled to change.

Editing (saves with optimistic locking, corrections, restores) lives in ``newsroom.editing``.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.dispatch import Signal
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from accounts.models import User
from audit import log as audit

from . import checks, notifications
from .models import Article
from .publishing import Publishable, Status
from .revisions import Revision, TimelineEvent, add_revision

published_changed = Signal()
"""Sent (sender=the model class) after the commit of every step that changes, or schedules a
change of, what the public sees: approve, schedule, archive, approve_correction.

Keyword arguments: ``object_id``, ``agency_id``, ``slug``, ``action`` (e.g. ``"approve"``),
``publish_at`` and ``expire_at`` (aware datetimes or None; a future ``publish_at`` is a scheduled
publication, so a cache can expire at that minute) and ``status`` (the new status). Receivers
must not raise: the step has already been committed.
"""


class WorkflowError(Exception):
    """A refused workflow step; ``message`` is ready to show to the person who tried."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Step:
    """What a step is doing right now: the locked object, who, when, and its inputs."""

    obj: Publishable
    actor: object
    now: datetime
    comment: str
    pending: Revision | None
    publish_at: datetime | None = None
    #: approve_correction: what readers are told about the correction (empty: nothing).
    public_note: str = ""


@dataclass(frozen=True)
class Transition:
    """One workflow step. ``check`` refuses it (WorkflowError); ``execute`` changes the object
    (unsaved) and returns the names of the fields it changed."""

    name: str
    sources: frozenset[str]
    target: str | None  # None: the status stays (corrections of a live object)
    verb: str  # the timeline code is "<app>.<model>.<verb>"
    label: object  # lazy translation: the button text
    needs_comment: bool = False
    four_eyes: bool = False
    needs_pending_correction: bool = False
    #: After it, the public page (or its scheduled appearance) changes.
    changes_public: bool = False
    #: After it, the text the public sees (or will see) is recorded as approved.
    approves_text: bool = False
    #: Ends the pending correction, if any (it stays in the history).
    closes_pending: bool = False
    #: Only for a published object whose publication time is still to come.
    only_when_scheduled: bool = False

    def code(self, obj) -> str:
        return f"{obj.action_prefix()}.{self.verb}"

    def check(self, step: Step) -> None:
        """Refusals particular to this step (the common ones are in _transition)."""

    def execute(self, step: Step) -> list[str]:
        return []


class Publish(Transition):
    def execute(self, step):
        obj = step.obj
        obj.publish_at = step.publish_at or step.now
        if obj.first_published_at is None or obj.first_published_at > step.now:
            # Never seen by the public yet (or only scheduled): this is its first publication.
            obj.first_published_at = obj.publish_at
        obj.last_published_at = obj.publish_at
        return ["publish_at", "first_published_at", "last_published_at"]


#: How far ahead something can be scheduled: further is a typing slip (year 9999), not a plan.
SCHEDULE_AHEAD_LIMIT = timedelta(days=5 * 366)


class Schedule(Publish):
    def check(self, step):
        if step.publish_at is None or step.publish_at <= step.now:
            raise WorkflowError(
                _("Choose a time in the future, or use “Approve & publish” to publish now.")
            )
        if step.publish_at > step.now + SCHEDULE_AHEAD_LIMIT:
            raise WorkflowError(_("Choose a time within the next five years."))


class Unschedule(Transition):
    """A scheduled publication is called off: the object waits in review again."""

    def execute(self, step):
        obj = step.obj
        if obj.first_published_at and obj.first_published_at > step.now:
            obj.first_published_at = None
        obj.publish_at = obj.last_published_at = None
        return ["publish_at", "first_published_at", "last_published_at"]


class ApproveCorrection(Transition):
    def execute(self, step):
        obj = step.obj
        m2m = obj.apply_snapshot(step.pending.data)
        obj.set_many_to_many(m2m)
        # "Diperbarui" only for an object the public has already seen.
        if obj.publish_at and obj.publish_at <= step.now:
            obj.corrected_at = step.now
        noted = []
        if step.public_note and hasattr(obj, "correction_note"):
            # "Koreksi, 3 Desember 2026: ..." under the text (kinds that have the field).
            obj.correction_note, obj.correction_note_at = step.public_note, step.now
            noted = ["correction_note", "correction_note_at"]
        return [name for name in obj.content_fields if name not in m2m] + ["corrected_at", *noted]


_EDITABLE = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})

#: Every step of every publishable kind, written once.
TRANSITIONS: dict[str, Transition] = {
    step.name: step
    for step in [
        Transition("submit", _EDITABLE, Status.IN_REVIEW, "submitted",
                   gettext_lazy("Submit for review")),
        Publish("approve", frozenset({Status.IN_REVIEW}), Status.PUBLISHED, "approved",
                gettext_lazy("Approve & publish"), four_eyes=True, changes_public=True,
                approves_text=True),
        Schedule("schedule", frozenset({Status.IN_REVIEW}), Status.PUBLISHED, "scheduled",
                 gettext_lazy("Schedule"), four_eyes=True, changes_public=True,
                 approves_text=True),
        Transition("request_changes", frozenset({Status.IN_REVIEW}), Status.CHANGES_REQUESTED,
                   "changes_requested", gettext_lazy("Request changes"), needs_comment=True),
        ApproveCorrection("approve_correction", frozenset({Status.PUBLISHED}), None,
                          "correction_approved", gettext_lazy("Approve correction"),
                          four_eyes=True, needs_pending_correction=True, changes_public=True,
                          approves_text=True, closes_pending=True),
        Transition("reject_correction", frozenset({Status.PUBLISHED}), None,
                   "correction_rejected", gettext_lazy("Reject correction"), needs_comment=True,
                   needs_pending_correction=True, closes_pending=True),
        Transition("archive", frozenset({Status.PUBLISHED}), Status.ARCHIVED, "archived",
                   gettext_lazy("Archive"), needs_comment=True, changes_public=True,
                   closes_pending=True),
        Transition("reopen", frozenset({Status.ARCHIVED}), Status.DRAFT, "reopened",
                   gettext_lazy("Reopen as draft")),
        Publish("publish_now", frozenset({Status.PUBLISHED}), None, "published_now",
                gettext_lazy("Publish now"), changes_public=True, only_when_scheduled=True),
        Schedule("reschedule", frozenset({Status.PUBLISHED}), None, "rescheduled",
                 gettext_lazy("Change the time"), changes_public=True, only_when_scheduled=True),
        Unschedule("unschedule", frozenset({Status.PUBLISHED}), Status.IN_REVIEW, "unscheduled",
                   gettext_lazy("Cancel the schedule"), changes_public=True,
                   only_when_scheduled=True),
    ]
}  # fmt: skip


def pending_correction(obj: Publishable) -> Revision | None:
    """The correction of a published object waiting for approval, if any."""
    return obj.revisions.filter(pending=True).order_by("-number").first()


def last_approved_revision(obj: Publishable) -> Revision | None:
    return obj.revisions.filter(kind=Revision.Kind.APPROVED).order_by("-number").first()


def wrote_text(obj: Publishable, user) -> bool:
    """True when ``user`` wrote the text awaiting approval: the author, or anyone who saved a
    revision since the last approval (four-eyes covers editors, not only the first author)."""
    if obj.author_id == user.pk:
        return True
    approved = last_approved_revision(obj)
    since = approved.number if approved else 0
    return obj.revisions.filter(
        number__gt=since,
        created_by=user,
        kind__in=[Revision.Kind.DRAFT, Revision.Kind.CORRECTION],
    ).exists()


def blocked_by_four_eyes(obj: Publishable, user) -> bool:
    """True when ``user`` may not approve this text because they wrote it (and the agency does
    not allow self-approval)."""
    return not obj.agency.allow_self_approval and wrote_text(obj, user)


def available_actions(obj: Publishable, user) -> list[str]:
    """The actions the user's roles, the object's state and four-eyes allow now (the buttons)."""
    has_pending = None
    blocked = None
    found = []
    for action, step in TRANSITIONS.items():
        if obj.status not in step.sources:
            continue
        if step.only_when_scheduled and not obj.is_scheduled:
            continue
        if not permissions.can_do_publishing_action(user, obj, action):
            continue
        if step.four_eyes:
            if blocked is None:
                blocked = blocked_by_four_eyes(obj, user)
            if blocked:
                continue
        if step.needs_pending_correction:
            if has_pending is None:
                has_pending = pending_correction(obj) is not None
            if not has_pending:
                continue
        found.append(action)
    return found


def review_queue(user, model=Article) -> list[dict]:
    """What waits for this supervisor, oldest first: objects in review (with who submitted them
    and when) and corrections of published ones. Rows: article, kind, at, by."""
    agency_ids = permissions.review_agency_ids(user)
    content_type = ContentType.objects.get_for_model(model)
    submitted = TimelineEvent.objects.filter(
        content_type=content_type,
        object_id=OuterRef("pk"),
        action=TRANSITIONS["submit"].code(model),
    ).order_by("-created_at", "-id")
    in_review = model.objects.filter(status=Status.IN_REVIEW).select_related("agency")
    corrections = Revision.objects.filter(content_type=content_type, pending=True)
    live = model.objects.filter(status=Status.PUBLISHED)
    if agency_ids is not None:
        in_review = in_review.filter(agency__in=agency_ids)
        live = live.filter(agency__in=agency_ids)
    in_review = in_review.annotate(
        submitted_at=Subquery(submitted.values("created_at")[:1]),
        submitted_by_id=Subquery(submitted.values("actor")[:1]),
    )
    objects = list(in_review)
    submitters = User.objects.in_bulk({o.submitted_by_id for o in objects if o.submitted_by_id})
    rows = [
        {
            "article": obj,
            "kind": gettext_lazy("New article"),
            "at": obj.submitted_at or obj.updated_at,
            "by": submitters.get(obj.submitted_by_id),
        }
        for obj in objects
    ]
    corrections = list(
        corrections.filter(object_id__in=live.values("pk")).select_related("created_by")
    )
    corrected = live.select_related("agency").in_bulk([r.object_id for r in corrections])
    rows += [
        {
            "article": corrected[revision.object_id],
            "kind": gettext_lazy("Correction of a published article"),
            "at": revision.created_at,
            "by": revision.created_by,
        }
        for revision in corrections
        if revision.object_id in corrected
    ]
    return sorted(rows, key=lambda row: row["at"])


def submit(obj: Publishable | int, *, actor, comment: str = "") -> Publishable:
    """Writer hands a draft (or a sent-back object) to the supervisors."""
    return _transition(obj, "submit", actor=actor, comment=comment)


def approve(
    obj: Publishable | int, *, actor, comment: str = "", confirm_checks: bool | None = None
) -> Publishable:
    """Supervisor publishes it now (``confirm_checks``: see :func:`_check_before_publishing`)."""
    return _transition(obj, "approve", actor=actor, comment=comment, confirm_checks=confirm_checks)


def schedule(
    obj: Publishable | int,
    *,
    actor,
    publish_at: datetime,
    comment: str = "",
    confirm_checks: bool | None = None,
) -> Publishable:
    """Supervisor approves it to appear at ``publish_at`` (naive: Asia/Jakarta)."""
    return _transition(obj, "schedule", actor=actor, comment=comment, publish_at=publish_at,
                       confirm_checks=confirm_checks)  # fmt: skip


def request_changes(obj: Publishable | int, *, actor, comment: str) -> Publishable:
    """Supervisor sends it back to its writer with a comment (required)."""
    return _transition(obj, "request_changes", actor=actor, comment=comment)


def archive(obj: Publishable | int, *, actor, comment: str) -> Publishable:
    """Supervisor takes a published object off the portal, with a reason (required)."""
    return _transition(obj, "archive", actor=actor, comment=comment)


def reopen(obj: Publishable | int, *, actor, comment: str = "") -> Publishable:
    """Supervisor turns an archived object back into a draft."""
    return _transition(obj, "reopen", actor=actor, comment=comment)


def approve_correction(
    obj: Publishable | int,
    *,
    actor,
    comment: str = "",
    confirm_checks: bool | None = None,
    public_note: str = "",
) -> Publishable:
    """Supervisor puts the pending correction live; the page then shows “Diperbarui”, and
    ``public_note`` (optional) as “Koreksi, <date>: <note>”."""
    return _transition(obj, "approve_correction", actor=actor, comment=comment,
                       confirm_checks=confirm_checks, public_note=public_note)  # fmt: skip


def reject_correction(obj: Publishable | int, *, actor, comment: str) -> Publishable:
    """Supervisor discards the pending correction (it stays in the history), with a comment."""
    return _transition(obj, "reject_correction", actor=actor, comment=comment)


def perform(action: str, obj: Publishable | int, *, actor, **kwargs) -> Publishable:
    """Run ``action`` by name (the admin's buttons come here)."""
    if action not in TRANSITIONS:
        raise WorkflowError(_("Unknown action."))
    return _transition(obj, action, actor=actor, **kwargs)


def lock(obj: Publishable | int, model=Article) -> Publishable:
    """Re-read the object's row locked for this transaction (callers hold ``atomic``)."""
    if isinstance(obj, Publishable):
        model, pk = type(obj), obj.pk
    else:
        pk = obj
    try:
        return model.objects.select_for_update().select_related("agency").get(pk=pk)
    except model.DoesNotExist:
        raise WorkflowError(_("This article no longer exists.")) from None


#: Timeline verbs that also go into the agency's audit log: every step of TRANSITIONS, and the
#: other changes of state or of the approved text. Plain saves (drafts, corrections waiting for
#: review) stay in the object's own history: they are many and change nothing the public sees.
AUDITED_VERBS = frozenset(
    {step.verb for step in TRANSITIONS.values()}
    | {"created", "revision_restored", "posted"}  # posted: outreach.posts.mark_posted
)


def record_event(obj: Publishable, verb: str, *, actor, **fields) -> TimelineEvent:
    """Add a line to the object's timeline, coded ``<app>.<model>.<verb>`` (and, for a change of
    state, to the agency's audit log, in the same transaction)."""
    event = obj.events.create(
        action=f"{obj.action_prefix()}.{verb}",
        actor=actor if getattr(actor, "pk", None) else None,
        **fields,
    )
    if verb in AUDITED_VERBS:
        audit.record(
            event.action,
            agency=obj.agency_id,
            actor=actor,
            obj=obj,
            summary=_audit_summary(obj, verb, event),
            at=event.created_at,
        )
    return event


def _audit_summary(obj: Publishable, verb: str, event: TimelineEvent) -> str:
    parts = []
    if verb in {"scheduled", "rescheduled"} and obj.publish_at:
        when = formats.date_format(timezone.localtime(obj.publish_at), "DATETIME_FORMAT")
        parts.append(_("To appear on %(when)s.") % {"when": when})
    if event.self_approved:
        parts.append(_("Self-approved (the agency allows it)."))
    if event.comment:
        parts.append(event.comment)
    return " ".join(parts)


def _transition(
    obj: Publishable | int,
    action: str,
    *,
    actor,
    comment: str = "",
    publish_at: datetime | None = None,
    confirm_checks: bool | None = None,
    public_note: str = "",
) -> Publishable:
    """The single way a publishable object changes state (see the module docstring)."""
    step = TRANSITIONS[action]
    comment = (comment or "").strip()
    if publish_at is not None and timezone.is_naive(publish_at):
        publish_at = timezone.make_aware(publish_at, timezone.get_default_timezone())  # WIB
    with transaction.atomic():
        obj = lock(obj)
        if not permissions.can_do_publishing_action(actor, obj, action):
            raise WorkflowError(_("You do not have a role in this agency that allows this step."))
        if obj.status not in step.sources:
            raise WorkflowError(
                _("This step is not possible while the article is “%(status)s”.")
                % {"status": obj.get_status_display()}
            )
        if step.only_when_scheduled and not obj.is_scheduled:
            raise WorkflowError(_("This is not scheduled: it is already public."))
        if step.needs_comment and not comment:
            raise WorkflowError(_("Please write a comment or reason."))
        pending = pending_correction(obj) if step.needs_pending_correction else None
        if step.needs_pending_correction and pending is None:
            raise WorkflowError(_("There is no correction waiting for approval."))
        self_approved = False
        if step.four_eyes and wrote_text(obj, actor):
            if not obj.agency.allow_self_approval:
                raise WorkflowError(
                    _(
                        "Four-eyes rule: you cannot approve text you wrote yourself. "
                        "Ask another supervisor."
                    )
                )
            self_approved = True
        now = timezone.now()
        current = Step(obj, actor, now, comment, pending, publish_at, (public_note or "").strip())
        step.check(current)
        if step.approves_text:
            _check_before_publishing(obj, pending, confirm_checks)

        from_status = obj.status
        changed = {"status", "version", "updated_at", *step.execute(current)}
        if step.closes_pending:
            obj.revisions.filter(pending=True).update(pending=False)
        if step.target:
            obj.status = step.target
        obj.version += 1
        obj.save(update_fields=sorted(changed))
        revision = add_revision(obj, actor, Revision.Kind.APPROVED) if step.approves_text else None
        event = record_event(
            obj,
            step.verb,
            actor=actor,
            from_status=from_status,
            to_status=obj.status,
            comment=comment,
            revision=revision or pending,
            self_approved=self_approved,
        )
        notifications.notify_transition(obj, action, event, correction=pending)
        if step.changes_public:
            _send_published_changed_on_commit(obj, action)
    return obj


def text_going_public(obj: Publishable, pending: Revision | None = None) -> Publishable:
    """The object as approval would publish it: with the pending correction's text, if any."""
    if pending is None:
        return obj
    text = copy.copy(obj)
    text.apply_snapshot(pending.data)
    return text


def _check_before_publishing(obj, pending, confirmed: bool | None) -> None:
    """The agency's pre-publication checklist (newsroom.checks) on the text about to go public.

    An agency that blocks refuses while a check fails. One that warns lets it through, except
    when the caller says the supervisor saw the list and did not confirm (``confirmed=False``,
    the admin's "publish anyway" box); callers that show no list (commands, tasks) pass None.
    """
    found = checks.problems(text_going_public(obj, pending))
    if not found:
        return
    listed = " ".join(f"• {problem}" for problem in found)
    if checks.blocks(obj.agency):
        raise WorkflowError(
            _(
                "Not approved: this agency publishes only text that passes every check. To fix: "
                "%(problems)s"
            )
            % {"problems": listed}
        )
    if confirmed is False:
        raise WorkflowError(
            _(
                "Not approved yet: some checks fail. %(problems)s Tick “Publish anyway” to approve "
                "it as it is."
            )
            % {"problems": listed}
        )


def _send_published_changed_on_commit(obj: Publishable, action: str) -> None:
    kwargs = {
        "object_id": obj.pk,
        "agency_id": obj.agency_id,
        "slug": getattr(obj, "slug", ""),
        "action": action,
        "publish_at": obj.publish_at,
        "expire_at": obj.expire_at,
        "status": obj.status,
    }
    transaction.on_commit(
        lambda: published_changed.send_robust(sender=type(obj), **kwargs), robust=True
    )
