"""Saving article text: every save keeps a revision, and no one's work is silently overwritten.

- Drafts (and articles sent back for changes) are saved on the article row.
- A published article is never changed by a save: the new text waits as a pending correction
  revision until a supervisor approves it (``newsroom.workflow.approve_correction``).
- Optimistic locking: the editor sends the ``version`` they started from; if someone else saved
  or moved the article since, the save is refused with who and when (:class:`EditConflict`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import permissions

from . import notifications
from .models import Article
from .revisions import ArticleEvent, ArticleRevision, add_revision, apply_snapshot, snapshot
from .sanitize import sanitize_html
from .workflow import WorkflowError, lock_article, pending_correction, record_event

Status = Article.Status
EDITABLE_STATES = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED, Status.PUBLISHED})


class EditConflict(WorkflowError):
    """Someone else changed the article after this editor opened it."""


def create_article(edited: Article, *, actor, tag_ids: list[int] | None = None) -> Article:
    """Save a new draft written by ``actor`` (its agency must be one where they write)."""
    if not permissions.can_create_article(actor, edited.agency_id):
        raise WorkflowError(_("You do not have a role in this agency that allows this step."))
    with transaction.atomic():
        edited.author = actor
        edited.status = Status.DRAFT
        edited.publish_at = None
        edited.version = 1
        edited.save()
        if tag_ids is not None:
            edited.tags.set(tag_ids)
        revision = add_revision(edited, actor, ArticleRevision.Kind.DRAFT)
        record_event(
            edited,
            "newsroom.article.created",
            actor=actor,
            to_status=edited.status,
            revision=revision,
        )
    return edited


def save_article(
    edited: Article,
    *,
    actor,
    expected_version: int,
    tag_ids: list[int] | None = None,
) -> ArticleRevision | None:
    """Save the text of ``edited`` (an unsaved copy with the editor's changes) as a new revision.

    Draft-like states write the article row; a published article gets a pending correction
    (None when the live article was saved without any change).
    """
    with transaction.atomic():
        article = lock_article(edited.pk)
        check_can_edit(article, actor, expected_version)
        if tag_ids is None:
            tag_ids = list(article.tags.values_list("pk", flat=True))
        if article.status == Status.PUBLISHED:
            revision = _save_correction(article, edited, actor, tag_ids)
        else:
            _copy_content(edited, article)
            article.version += 1
            article.save()
            article.tags.set(tag_ids)
            revision = add_revision(article, actor, ArticleRevision.Kind.DRAFT)
            record_event(article, "newsroom.article.saved", actor=actor, revision=revision)
    edited.version = article.version
    return revision


def check_can_edit(article: Article, actor, expected_version: int | None) -> None:
    """Refuse a save by role, by state, or because someone else saved first."""
    if not permissions.can_edit_article(actor, article):
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


def conflict_message(article: Article) -> str:
    last = (
        ArticleEvent.objects.filter(article=article, actor__isnull=False)
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
    article: Article | int, revision_number: int, *, actor, expected_version: int | None = None
) -> ArticleRevision:
    """Bring back the text of an earlier revision as a new revision (history is never rewritten):
    a new draft, or a pending correction when the article is published."""
    with transaction.atomic():
        article = lock_article(article)
        check_can_edit(article, actor, expected_version)
        try:
            old = article.revisions.get(number=revision_number)
        except ArticleRevision.DoesNotExist:
            raise WorkflowError(_("That revision does not exist.")) from None
        data = {**old.data, "slug": article.slug}
        if article.status == Status.PUBLISHED:
            revision = _add_correction(article, actor, data, restored_from=old)
        else:
            tag_ids = apply_snapshot(article, data)
            article.version += 1
            article.save()
            article.tags.set(tag_ids)
            revision = add_revision(article, actor, ArticleRevision.Kind.DRAFT, restored_from=old)
        record_event(
            article,
            "newsroom.article.revision_restored",
            actor=actor,
            comment=_("Restored from revision #%(number)s") % {"number": old.number},
            revision=revision,
        )
    return revision


def form_copy(article: Article) -> Article:
    """The article as its editor should see it: with the pending correction's text, if any."""
    if article.status == Status.PUBLISHED:
        pending = pending_correction(article)
        if pending is not None:
            article.pending_tag_ids = apply_snapshot(article, pending.data)
            article.pending_revision = pending
    return article


def _copy_content(source: Article, target: Article) -> None:
    for name in ("title", "slug", "lead", "body", "cover_caption", "cover_credit", "is_featured"):
        setattr(target, name, getattr(source, name))
    target.cover_image = source.cover_image
    target.category_id = source.category_id


def _save_correction(article, edited, actor, tag_ids) -> ArticleRevision | None:
    image = edited.cover_image
    if image and not image._committed:
        # A new photo for a correction is stored now and referenced by the revision only.
        image.save(image.name, image.file, save=False)
    data = snapshot(edited, tag_ids)
    data["slug"] = article.slug  # the public address of a live article does not change
    data["body"] = sanitize_html(data["body"])
    pending = pending_correction(article)
    unchanged = pending.data if pending is not None else snapshot(article)
    if data == unchanged:
        # Saved without a change: nothing new to review, and nobody is notified again.
        return pending
    return _add_correction(article, actor, data)


def _add_correction(article, actor, data, restored_from=None) -> ArticleRevision:
    was_pending = article.revisions.filter(pending=True).exists()
    # Only the newest correction waits; earlier ones stay in the history.
    article.revisions.filter(pending=True).update(pending=False)
    revision = add_revision(
        article,
        actor,
        ArticleRevision.Kind.CORRECTION,
        data=data,
        pending=True,
        restored_from=restored_from,
    )
    Article.objects.filter(pk=article.pk).update(version=article.version + 1)
    article.version += 1
    event = record_event(
        article, "newsroom.article.correction_saved", actor=actor, revision=revision
    )
    if not was_pending:
        notifications.notify_correction_waiting(article, event)
    return revision
