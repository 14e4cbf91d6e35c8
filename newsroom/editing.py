"""Saving the text of any publishable object: every save keeps a revision, and no one's work is
silently overwritten.

- Drafts (and objects sent back for changes) are saved on the object's row.
- A published object is never changed by a save: the new text waits as a pending correction
  revision until a supervisor approves it (``newsroom.workflow.approve_correction``).
- Optimistic locking: the editor sends the ``version`` they started from; if someone else saved
  or moved the article since, the save is refused with who and when (:class:`EditConflict`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import permissions
from humas import filestore

from . import autosave, notifications
from .publishing import Publishable, Status
from .revisions import Revision, add_revision
from .sanitize import sanitize_html
from .workflow import WorkflowError, lock, pending_correction, record_event

EDITABLE_STATES = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED, Status.PUBLISHED})


class EditConflict(WorkflowError):
    """Someone else changed the article after this editor opened it."""


class FileNotStored(WorkflowError, filestore.FileNotStored):
    """A new photo could not be stored (storage full or not writable): nothing is saved."""


def create(edited: Publishable, *, actor, m2m: dict[str, list[int]] | None = None) -> Publishable:
    """Save a new draft written by ``actor`` (its agency must be one where they write)."""
    if not permissions.can_create_content(actor, edited.agency_id):
        raise WorkflowError(_("You do not have a role in this agency that allows this step."))
    with transaction.atomic():
        # Files first: a storage that cannot take them refuses the save before any row is written.
        filestore.store_new_files(edited, refusal=FileNotStored)
        edited.author = actor
        edited.status = Status.DRAFT
        edited.publish_at = None
        edited.version = 1
        edited.save()
        edited.set_many_to_many(m2m or {})
        revision = add_revision(edited, actor, Revision.Kind.DRAFT)
        autosave.forget_after_save(actor, edited, created=True)
        record_event(
            edited,
            "created",
            actor=actor,
            to_status=edited.status,
            revision=revision,
        )
    return edited


def save(
    edited: Publishable,
    *,
    actor,
    expected_version: int,
    m2m: dict[str, list[int]] | None = None,
) -> Revision | None:
    """Save the text of ``edited`` (an unsaved copy with the editor's changes) as a new revision.

    Draft-like states write the article row; a published article gets a pending correction
    (None when the live article was saved without any change).
    """
    with transaction.atomic():
        article = lock(edited)
        check_can_edit(article, actor, expected_version)
        # New files first (a correction's are referenced by its revision only): a storage that
        # cannot take them refuses the save before any row is written.
        filestore.store_new_files(edited, edited.content_fields, refusal=FileNotStored)
        if article.status == Status.PUBLISHED:
            revision = _save_correction(article, edited, actor, m2m)
        else:
            article.copy_content_from(edited)
            article.version += 1
            article.save()
            article.set_many_to_many(m2m or {})
            revision = add_revision(article, actor, Revision.Kind.DRAFT)
            record_event(article, "saved", actor=actor, revision=revision)
        # What was typed is saved now: nothing to offer back when the form is opened again.
        autosave.forget_after_save(actor, article, created=False)
    edited.version = article.version
    return revision


def check_can_edit(article: Publishable, actor, expected_version: int | None) -> None:
    """Refuse a save by role, by state, or because someone else saved first."""
    if not permissions.can_edit_content(actor, article):
        raise WorkflowError(_("You do not have a role in this agency that allows this step."))
    if article.status == Status.IN_REVIEW:
        raise WorkflowError(
            _(
                "The article is in review and cannot be changed until a supervisor approves "
                "it or sends it back."
            )
        )
    if article.status not in EDITABLE_STATES:
        raise WorkflowError(_("An archived article cannot be changed; reopen it as a draft first."))
    if expected_version is not None and article.version != expected_version:
        raise EditConflict(conflict_message(article))


def conflict_message(article: Publishable) -> str:
    last = (
        article.events.filter(actor__isnull=False)
        .select_related("actor")
        .order_by("-created_at", "-id")
        .first()
    )
    who = str(last.actor) if last else _("another user")
    when = (
        formats.date_format(timezone.localtime(last.created_at), "DATETIME_FORMAT") if last else ""
    )
    return _(
        "Not saved: %(who)s changed this article on %(when)s, after you opened it. "
        "Your text is still in the form: copy it, reload the page and apply your changes again."
    ) % {"who": who, "when": when}


def restore_revision(
    article: Publishable | int,
    revision_number: int,
    *,
    actor,
    expected_version: int | None = None,
) -> Revision:
    """Bring back the text of an earlier revision as a new revision (history is never rewritten):
    a new draft, or a pending correction when the article is published."""
    with transaction.atomic():
        article = lock(article)
        check_can_edit(article, actor, expected_version)
        try:
            old = article.revisions.get(number=revision_number)
        except Revision.DoesNotExist:
            raise WorkflowError(_("That revision does not exist.")) from None
        data = {**old.data, "slug": article.slug}
        if article.status == Status.PUBLISHED:
            revision = _add_correction(article, actor, data, restored_from=old)
        else:
            m2m = article.apply_snapshot(data)
            article.version += 1
            article.save()
            article.set_many_to_many(m2m)
            revision = add_revision(article, actor, Revision.Kind.DRAFT, restored_from=old)
        record_event(
            article,
            "revision_restored",
            actor=actor,
            comment=_("Restored from revision #%(number)s") % {"number": old.number},
            revision=revision,
        )
    return revision


def form_copy(article: Publishable) -> Publishable:
    """The object as its editor should see it: with the pending correction's text, if any."""
    if article.status == Status.PUBLISHED:
        pending = pending_correction(article)
        if pending is not None:
            article.pending_m2m = article.apply_snapshot(pending.data)
            article.pending_revision = pending
    return article


def _save_correction(article, edited, actor, m2m) -> Revision | None:
    # Its new files are stored (by save()) and referenced by the revision only.
    if m2m is None:
        m2m = {name: ids for name, ids in article.snapshot().items() if isinstance(ids, list)}
    data = edited.snapshot(m2m)
    if "slug" in data:
        data["slug"] = article.slug  # the public address of a live object does not change
    if "body" in data:
        data["body"] = sanitize_html(data["body"])
    pending = pending_correction(article)
    unchanged = pending.data if pending is not None else article.snapshot()
    if data == unchanged:
        # Saved without a change: nothing new to review, and nobody is notified again.
        return pending
    return _add_correction(article, actor, data)


def _add_correction(article, actor, data, restored_from=None) -> Revision:
    was_pending = article.revisions.filter(pending=True).exists()
    # Only the newest correction waits; earlier ones stay in the history.
    article.revisions.filter(pending=True).update(pending=False)
    revision = add_revision(
        article,
        actor,
        Revision.Kind.CORRECTION,
        data=data,
        pending=True,
        restored_from=restored_from,
    )
    type(article).objects.filter(pk=article.pk).update(version=article.version + 1)
    article.version += 1
    event = record_event(article, "correction_saved", actor=actor, revision=revision)
    if not was_pending:
        notifications.notify_correction_waiting(article, event)
    return revision
