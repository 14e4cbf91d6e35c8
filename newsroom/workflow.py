"""The review workflow of articles: states, allowed transitions, who may do each.

Every state change goes through :func:`_transition`: one database transaction with the article row
locked (``select_for_update``), a check of the actor's role (``accounts.permissions``) and of the
state, one timeline event, and the notifications queued for after the commit. A refused transition
raises :class:`WorkflowError` with a message for people; the admin shows it, it is never a 500.

Hook for caches, feeds and sitemaps: :data:`article_published_changed` is sent, after the
transaction commits, whenever what the public sees of an article changes or is scheduled to change
(see its docstring).

Editing (saves with optimistic locking, corrections, restores) lives in ``newsroom.editing``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.db.models import OuterRef, Subquery
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from accounts.models import User

from . import notifications
from .models import Article
from .revisions import ArticleEvent, ArticleRevision, add_revision, apply_snapshot

Status = Article.Status

article_published_changed = Signal()
"""Sent (sender=Article) after the commit of every transition that changes, or schedules a change
of, what the public sees: approve, schedule, archive, approve_correction.

Keyword arguments: ``article_id``, ``agency_id``, ``slug``, ``action`` (e.g. ``"approve"``),
``publish_at`` (aware datetime or None; in the future for a scheduled article, so a cache can
expire at that minute) and ``status`` (the new status). Receivers must not raise: the action has
already been committed.
"""


class WorkflowError(Exception):
    """A refused workflow step; ``message`` is ready to show to the person who tried."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    target: str | None  # None: the status stays (corrections of a live article)
    code: str
    label: object  # lazy translation: the button text
    needs_comment: bool = False
    four_eyes: bool = False
    needs_pending_correction: bool = False


TRANSITIONS: dict[str, Transition] = {
    "submit": Transition(
        frozenset({Status.DRAFT, Status.CHANGES_REQUESTED}),
        Status.IN_REVIEW,
        "newsroom.article.submitted",
        gettext_lazy("Submit for review"),
    ),
    "approve": Transition(
        frozenset({Status.IN_REVIEW}),
        Status.PUBLISHED,
        "newsroom.article.approved",
        gettext_lazy("Approve & publish"),
        four_eyes=True,
    ),
    "schedule": Transition(
        frozenset({Status.IN_REVIEW}),
        Status.PUBLISHED,
        "newsroom.article.scheduled",
        gettext_lazy("Schedule"),
        four_eyes=True,
    ),
    "request_changes": Transition(
        frozenset({Status.IN_REVIEW}),
        Status.CHANGES_REQUESTED,
        "newsroom.article.changes_requested",
        gettext_lazy("Request changes"),
        needs_comment=True,
    ),
    "approve_correction": Transition(
        frozenset({Status.PUBLISHED}),
        None,
        "newsroom.article.correction_approved",
        gettext_lazy("Approve correction"),
        four_eyes=True,
        needs_pending_correction=True,
    ),
    "reject_correction": Transition(
        frozenset({Status.PUBLISHED}),
        None,
        "newsroom.article.correction_rejected",
        gettext_lazy("Reject correction"),
        needs_comment=True,
        needs_pending_correction=True,
    ),
    "archive": Transition(
        frozenset({Status.PUBLISHED}),
        Status.ARCHIVED,
        "newsroom.article.archived",
        gettext_lazy("Archive"),
        needs_comment=True,
    ),
    "reopen": Transition(
        frozenset({Status.ARCHIVED}),
        Status.DRAFT,
        "newsroom.article.reopened",
        gettext_lazy("Reopen as draft"),
    ),
}

# Actions after which the public page (or its scheduled appearance) changes.
PUBLIC_CHANGE_ACTIONS = frozenset({"approve", "schedule", "archive", "approve_correction"})


def pending_correction(article: Article) -> ArticleRevision | None:
    """The correction of a published article waiting for approval, if any."""
    return article.revisions.filter(pending=True).order_by("-number").first()


def last_approved_revision(article: Article) -> ArticleRevision | None:
    return article.revisions.filter(kind=ArticleRevision.Kind.APPROVED).order_by("-number").first()


def wrote_text(article: Article, user) -> bool:
    """True when ``user`` wrote the text awaiting approval: the author, or anyone who saved a
    revision since the last approval (four-eyes covers editors, not only the first author)."""
    if article.author_id == user.pk:
        return True
    approved = last_approved_revision(article)
    since = approved.number if approved else 0
    return article.revisions.filter(
        number__gt=since,
        created_by=user,
        kind__in=[ArticleRevision.Kind.DRAFT, ArticleRevision.Kind.CORRECTION],
    ).exists()


def blocked_by_four_eyes(article: Article, user) -> bool:
    """True when ``user`` may not approve this text because they wrote it (and the agency does
    not allow self-approval)."""
    return not article.agency.allow_self_approval and wrote_text(article, user)


def available_actions(article: Article, user) -> list[str]:
    """The actions the user's roles, the article's state and four-eyes allow now (the buttons)."""
    has_pending = None
    blocked = None
    found = []
    for action, step in TRANSITIONS.items():
        if article.status not in step.sources:
            continue
        if not permissions.can_do_article_action(user, article, action):
            continue
        if step.four_eyes:
            if blocked is None:
                blocked = blocked_by_four_eyes(article, user)
            if blocked:
                continue
        if step.needs_pending_correction:
            if has_pending is None:
                has_pending = pending_correction(article) is not None
            if not has_pending:
                continue
        found.append(action)
    return found


def review_queue(user) -> list[dict]:
    """What waits for this supervisor, oldest first: articles in review (with who submitted them
    and when) and corrections of published articles. Rows: article, kind, at, by."""
    agency_ids = permissions.review_agency_ids(user)
    submitted = ArticleEvent.objects.filter(
        article=OuterRef("pk"), action=TRANSITIONS["submit"].code
    ).order_by("-created_at", "-id")
    in_review = Article.objects.filter(status=Status.IN_REVIEW).select_related("agency")
    corrections = ArticleRevision.objects.filter(
        pending=True, article__status=Status.PUBLISHED
    ).select_related("article__agency", "created_by")
    if agency_ids is not None:
        in_review = in_review.filter(agency__in=agency_ids)
        corrections = corrections.filter(article__agency__in=agency_ids)
    in_review = in_review.annotate(
        submitted_at=Subquery(submitted.values("created_at")[:1]),
        submitted_by_id=Subquery(submitted.values("actor")[:1]),
    )
    articles = list(in_review)
    submitters = User.objects.in_bulk({a.submitted_by_id for a in articles if a.submitted_by_id})
    rows = [
        {
            "article": article,
            "kind": gettext_lazy("New article"),
            "at": article.submitted_at or article.updated_at,
            "by": submitters.get(article.submitted_by_id),
        }
        for article in articles
    ]
    rows += [
        {
            "article": revision.article,
            "kind": gettext_lazy("Correction of a published article"),
            "at": revision.created_at,
            "by": revision.created_by,
        }
        for revision in corrections
    ]
    return sorted(rows, key=lambda row: row["at"])


def submit(article: Article | int, *, actor, comment: str = "") -> Article:
    """Writer hands a draft (or a sent-back article) to the supervisors."""
    return _transition(article, "submit", actor=actor, comment=comment)


def approve(article: Article | int, *, actor, comment: str = "") -> Article:
    """Supervisor publishes the article now."""
    return _transition(article, "approve", actor=actor, comment=comment)


def schedule(article: Article | int, *, actor, publish_at: datetime, comment: str = "") -> Article:
    """Supervisor approves the article to appear at ``publish_at`` (naive: Asia/Jakarta)."""
    if timezone.is_naive(publish_at):
        publish_at = timezone.make_aware(publish_at, timezone.get_default_timezone())
    if publish_at <= timezone.now():
        raise WorkflowError(
            _("Choose a time in the future, or use “Approve & publish” to publish now.")
        )
    return _transition(article, "schedule", actor=actor, comment=comment, publish_at=publish_at)


def request_changes(article: Article | int, *, actor, comment: str) -> Article:
    """Supervisor sends the article back to its writer with a comment (required)."""
    return _transition(article, "request_changes", actor=actor, comment=comment)


def archive(article: Article | int, *, actor, comment: str) -> Article:
    """Supervisor takes a published article off the portal, with a reason (required)."""
    return _transition(article, "archive", actor=actor, comment=comment)


def reopen(article: Article | int, *, actor, comment: str = "") -> Article:
    """Supervisor turns an archived article back into a draft."""
    return _transition(article, "reopen", actor=actor, comment=comment)


def approve_correction(article: Article | int, *, actor, comment: str = "") -> Article:
    """Supervisor puts the pending correction live; the page then shows “Diperbarui”."""
    return _transition(article, "approve_correction", actor=actor, comment=comment)


def reject_correction(article: Article | int, *, actor, comment: str) -> Article:
    """Supervisor discards the pending correction (it stays in the history), with a comment."""
    return _transition(article, "reject_correction", actor=actor, comment=comment)


def perform(action: str, article: Article | int, *, actor, **kwargs) -> Article:
    """Run ``action`` by name (the admin's buttons come here)."""
    functions = {
        "submit": submit,
        "approve": approve,
        "schedule": schedule,
        "request_changes": request_changes,
        "archive": archive,
        "reopen": reopen,
        "approve_correction": approve_correction,
        "reject_correction": reject_correction,
    }
    if action not in functions:
        raise WorkflowError(_("Unknown action."))
    return functions[action](article, actor=actor, **kwargs)


def lock_article(article: Article | int) -> Article:
    """Re-read the article row locked for this transaction (callers hold ``atomic``)."""
    pk = article.pk if isinstance(article, Article) else article
    try:
        return Article.objects.select_for_update().select_related("agency").get(pk=pk)
    except Article.DoesNotExist:
        raise WorkflowError(_("This article no longer exists.")) from None


def record_event(article: Article, action_code: str, *, actor, **fields) -> ArticleEvent:
    return ArticleEvent.objects.create(
        article=article,
        action=action_code,
        actor=actor if getattr(actor, "pk", None) else None,
        **fields,
    )


def _transition(
    article: Article | int,
    action: str,
    *,
    actor,
    comment: str = "",
    publish_at: datetime | None = None,
) -> Article:
    """The single way an article changes state (see the module docstring)."""
    step = TRANSITIONS[action]
    comment = (comment or "").strip()
    with transaction.atomic():
        article = lock_article(article)
        if not permissions.can_do_article_action(actor, article, action):
            raise WorkflowError(_("You do not have a role in this agency that allows this step."))
        if article.status not in step.sources:
            raise WorkflowError(
                _("This step is not possible while the article is “%(status)s”.")
                % {"status": article.get_status_display()}
            )
        if step.needs_comment and not comment:
            raise WorkflowError(_("Please write a comment or reason."))
        pending = pending_correction(article) if step.needs_pending_correction else None
        if step.needs_pending_correction and pending is None:
            raise WorkflowError(_("There is no correction waiting for approval."))
        self_approved = False
        if step.four_eyes and wrote_text(article, actor):
            if not article.agency.allow_self_approval:
                raise WorkflowError(
                    _(
                        "Four-eyes rule: you cannot approve text you wrote yourself. "
                        "Ask another supervisor."
                    )
                )
            self_approved = True

        from_status = article.status
        changed = ["status", "version", "updated_at"]
        now = timezone.now()
        revision = None
        if action == "approve":
            article.publish_at = now
            changed.append("publish_at")
        elif action == "schedule":
            article.publish_at = publish_at
            changed.append("publish_at")
        elif action == "approve_correction":
            tag_ids = apply_snapshot(article, pending.data)
            # "Diperbarui" only for an article the public has already seen.
            if article.publish_at and article.publish_at <= now:
                article.corrected_at = now
            changed += [f for f in pending.data if f != "tags"]
            changed += ["category", "corrected_at"]
        if action in ("approve_correction", "reject_correction", "archive"):
            article.revisions.filter(pending=True).update(pending=False)
        if step.target:
            article.status = step.target
        article.version += 1
        article.save(update_fields=sorted(set(changed)))
        if action == "approve_correction":
            article.tags.set(tag_ids)
        if action in ("approve", "schedule", "approve_correction"):
            revision = add_revision(article, actor, ArticleRevision.Kind.APPROVED)
        event = record_event(
            article,
            step.code,
            actor=actor,
            from_status=from_status,
            to_status=article.status,
            comment=comment,
            revision=revision or pending,
            self_approved=self_approved,
        )
        notifications.notify_transition(article, action, event, correction=pending)
        if action in PUBLIC_CHANGE_ACTIONS:
            _send_published_changed_on_commit(article, action)
    return article


def _send_published_changed_on_commit(article: Article, action: str) -> None:
    kwargs = {
        "article_id": article.pk,
        "agency_id": article.agency_id,
        "slug": article.slug,
        "action": action,
        "publish_at": article.publish_at,
        "status": article.status,
    }
    transaction.on_commit(
        lambda: article_published_changed.send_robust(sender=Article, **kwargs), robust=True
    )
