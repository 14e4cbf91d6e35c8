"""One workflow step over many publishable objects at once (issue 14, item 8).

A supervisor selects items in a list and approves, schedules or archives them together.
:func:`plan` says, before anything changes, what will happen to each item and why not; it reads
the whole selection in a fixed number of queries, so the confirmation page costs the same for 5
items as for 100. :func:`run` then hands each item to :func:`newsroom.workflow.perform` in its
own transaction: the workflow decides (roles, state, four-eyes, the agency's checklist), one
refused or failing item never undoes the others, and every item gets its own result.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.contenttypes.models import ContentType
from django.db import DatabaseError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions

from . import checks, workflow
from .publishing import Publishable, Status
from .revisions import Revision

#: The steps offered in bulk, with what the confirmation page says each will do.
ACTIONS = {
    "approve": gettext_lazy("Will be published now."),
    "schedule": gettext_lazy("Will be scheduled to appear at the chosen time."),
    "archive": gettext_lazy("Will be taken off the portal and archived."),
}
#: The most items one bulk step takes (each is its own transaction and its own result line).
LIMIT = 100


@dataclass
class Item:
    """One selected object: what the step will do to it, or why it will be skipped."""

    obj: Publishable
    will: str = ""  # what happens, when it goes ahead
    skip: str = ""  # why not, when it is skipped
    problems: list[str] = field(default_factory=list)  # checklist failures (approve, schedule)
    checks_block: bool = False  # the agency refuses approval while a check fails
    #: After run(): True done, False skipped, None not run yet.
    done: bool | None = None
    reason: str = ""  # after run(): why it was skipped

    @property
    def needs_confirmation(self) -> bool:
        """An agency that warns: the supervisor ticks "publish anyway" for this item."""
        return not self.skip and bool(self.problems) and not self.checks_block


def plan(action: str, objects: Iterable[Publishable], actor) -> list[Item]:
    """What ``action`` would do to each object, read in a constant number of queries.

    The objects need their ``agency`` loaded (``select_related``). The workflow checks again
    when the step runs: this is what the supervisor reads before confirming, not the rule.
    """
    step = workflow.TRANSITIONS[action]
    items = [Item(obj) for obj in objects]
    wrote = _wrote_text([item.obj for item in items], actor) if step.four_eyes else set()
    for item in items:
        obj = item.obj
        if not permissions.can_do_publishing_action(actor, obj, action):
            item.skip = _("You do not have a role in this agency that allows this step.")
        elif obj.status not in step.sources:
            item.skip = state_reason(action, obj)
        elif step.four_eyes and obj.pk in wrote and not obj.agency.allow_self_approval:
            item.skip = _("You wrote this text — another supervisor is needed (four-eyes).")
        elif action == "archive" and obj.is_scheduled:
            item.will = _("Not public yet: the schedule is cancelled and it is archived.")
        else:
            item.will = str(ACTIONS[action])
        if step.approves_text and not item.skip:
            item.problems = checks.problems(obj)
            item.checks_block = checks.blocks(obj.agency)
            if item.problems and item.checks_block:
                item.skip = _("The agency publishes only text that passes every check.")
                item.will = ""
    return items


def state_reason(action: str, obj: Publishable) -> str:
    """Why ``action`` does not apply to an object in its current state."""
    status = obj.get_status_display().lower()
    if action == "archive":
        if obj.status == Status.ARCHIVED:
            why = _("already archived")
        else:
            why = _("not published; only published items are archived")
    elif obj.status == Status.DRAFT:
        why = _("not submitted yet")
    elif obj.status == Status.CHANGES_REQUESTED:
        why = _("sent back to the writer for changes")
    elif obj.status == Status.PUBLISHED and obj.is_scheduled:
        status, why = _("scheduled"), _("already approved; change its time on its page")
    elif obj.status == Status.PUBLISHED:
        why = _("already approved")
    else:
        why = _("reopen it as a draft first")
    return _("Status: %(status)s — %(why)s") % {"status": status, "why": why}


def run(
    action: str,
    items: list[Item],
    actor,
    *,
    comment: str = "",
    publish_at: datetime | None = None,
    confirmed: Iterable[int] = (),
) -> list[Item]:
    """Perform ``action`` on every item through the workflow, each in its own transaction.

    ``confirmed``: ids whose failing checks the supervisor saw and accepted ("publish anyway");
    every other item of an agency that warns is refused by the workflow if a check fails.
    """
    confirmed = set(confirmed)
    step = workflow.TRANSITIONS[action]
    for item in items:
        kwargs = {"comment": comment}
        if action == "schedule":
            kwargs["publish_at"] = publish_at
        if step.approves_text:
            # The checks were listed on the confirmation page: an unticked item is an answer.
            kwargs["confirm_checks"] = item.obj.pk in confirmed
        if item.obj.status not in step.sources:
            # The confirmation page's words ("terjadwal — sudah disetujui"), not the workflow's
            # generic refusal, which calls a scheduled item "Terbit"; perform() checks it again.
            item.done, item.reason = False, state_reason(action, item.obj)
            continue
        try:
            # perform() is one transaction: a refusal or a database error here rolls back this
            # item only; the ones before it stay done and the ones after it still run.
            item.obj = workflow.perform(action, item.obj, actor=actor, **kwargs)
        except workflow.WorkflowError as refused:
            item.done, item.reason = False, refused.message
        except DatabaseError:
            item.done = False
            item.reason = _("It could not be saved just now (the database refused). Try again.")
        else:
            item.done = True
    return items


def _wrote_text(objects: list[Publishable], actor) -> set[int]:
    """Ids of the objects whose text ``actor`` wrote (:func:`newsroom.workflow.wrote_text`), in
    one query for the whole selection instead of two per object."""
    wrote = {obj.pk for obj in objects if obj.author_id == actor.pk}
    rest = [obj for obj in objects if obj.pk not in wrote]
    if not rest:
        return wrote
    content_type = ContentType.objects.get_for_model(type(rest[0]))
    rows = Revision.objects.filter(
        Q(kind=Revision.Kind.APPROVED)
        | Q(created_by=actor, kind__in=[Revision.Kind.DRAFT, Revision.Kind.CORRECTION]),
        content_type=content_type,
        object_id__in=[obj.pk for obj in rest],
    ).values_list("object_id", "number", "kind")
    approved: dict[int, int] = {}
    mine: dict[int, list[int]] = {}
    for object_id, number, kind in rows:
        if kind == Revision.Kind.APPROVED:
            approved[object_id] = max(approved.get(object_id, 0), number)
        else:
            mine.setdefault(object_id, []).append(number)
    for object_id, numbers in mine.items():
        if any(number > approved.get(object_id, 0) for number in numbers):
            wrote.add(object_id)
    return wrote
