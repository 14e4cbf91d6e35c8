"""History of an article: a revision for every save, an event for every transition.

Revisions are never rewritten: restoring one creates a new revision (see newsroom.editing).
The live text sits on the Article row; a pending correction of a published article lives only
in a revision until a supervisor approves it (newsroom.workflow.approve_correction).
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .sanitize import plain_text

#: The fields a revision keeps: everything an editor writes, nothing the workflow owns.
CONTENT_FIELDS = (
    "title",
    "slug",
    "lead",
    "body",
    "cover_image",
    "cover_caption",
    "cover_credit",
    "category",
    "tags",
    "is_featured",
)


class ArticleRevision(models.Model):
    class Kind(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CORRECTION = "correction", _("Correction")
        APPROVED = "approved", _("Approved")

    article = models.ForeignKey(
        "newsroom.Article",
        on_delete=models.CASCADE,
        related_name="revisions",
        verbose_name=_("article"),
    )
    number = models.PositiveIntegerField(_("number"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    # Only corrections are ever pending: written, not yet approved or rejected.
    pending = models.BooleanField(_("awaiting approval"), default=False)
    data = models.JSONField(_("fields"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    restored_from = models.ForeignKey(
        "self",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("restored from"),
    )

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["article", "number"]
        constraints = [
            models.UniqueConstraint(fields=["article", "number"], name="unique_revision_number")
        ]

    def __str__(self) -> str:
        return f"#{self.number} · {self.get_kind_display()}"


class ArticleEvent(models.Model):
    """One line of an article's timeline: who did what, when, from which state to which."""

    article = models.ForeignKey(
        "newsroom.Article",
        on_delete=models.CASCADE,
        related_name="events",
        verbose_name=_("article"),
    )
    #: Namespaced action code, e.g. ``newsroom.article.approved``.
    action = models.CharField(_("action"), max_length=60)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    created_at = models.DateTimeField(_("at"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20, blank=True)
    comment = models.TextField(_("comment"), blank=True)
    revision = models.ForeignKey(
        ArticleRevision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("revision"),
    )
    # Four-eyes was waived by the agency's self-approval switch for this action.
    self_approved = models.BooleanField(_("self-approved"), default=False)

    class Meta:
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["created_at", "id"]
        indexes = [models.Index(fields=["article", "created_at"])]

    def __str__(self) -> str:
        return self.action

    @property
    def label(self) -> str:
        return str(EVENT_LABELS.get(self.action, self.action))

    @property
    def from_label(self) -> str:
        return _status_label(self.from_status)

    @property
    def to_label(self) -> str:
        return _status_label(self.to_status)


def _status_label(value: str) -> str:
    from .models import Article

    return str(Article.Status(value).label) if value in Article.Status.values else value


EVENT_LABELS = {
    "newsroom.article.created": _("Created"),
    "newsroom.article.saved": _("Saved"),
    "newsroom.article.correction_saved": _("Correction saved"),
    "newsroom.article.submitted": _("Submitted for review"),
    "newsroom.article.approved": _("Approved and published"),
    "newsroom.article.scheduled": _("Scheduled"),
    "newsroom.article.changes_requested": _("Changes requested"),
    "newsroom.article.archived": _("Archived"),
    "newsroom.article.reopened": _("Reopened as draft"),
    "newsroom.article.correction_approved": _("Correction approved"),
    "newsroom.article.correction_rejected": _("Correction rejected"),
    "newsroom.article.revision_restored": _("Revision restored"),
}


def snapshot(article, tag_ids: list[int] | None = None) -> dict:
    """The content fields of ``article`` as JSON-ready data (files by name, relations by id)."""
    if tag_ids is None:
        tag_ids = list(article.tags.values_list("pk", flat=True)) if article.pk else []
    return {
        "title": article.title,
        "slug": article.slug,
        "lead": article.lead,
        "body": article.body,
        "cover_image": article.cover_image.name or "",
        "cover_caption": article.cover_caption,
        "cover_credit": article.cover_credit,
        "category": article.category_id,
        "tags": sorted(tag_ids),
        "is_featured": article.is_featured,
    }


def apply_snapshot(article, data: dict) -> list[int]:
    """Put the fields of ``data`` on ``article`` (unsaved); return the tag ids to set after save."""
    from .models import Category, Tag

    for name in ("title", "slug", "lead", "body", "cover_caption", "cover_credit", "is_featured"):
        if name in data:
            setattr(article, name, data[name])
    article.cover_image = data.get("cover_image") or ""
    category_id = data.get("category")
    # A category deleted since the revision was taken is left empty, not an error.
    exists = category_id and Category.objects.filter(pk=category_id).exists()
    article.category_id = category_id if exists else None
    return list(Tag.objects.filter(pk__in=data.get("tags") or []).values_list("pk", flat=True))


def add_revision(
    article,
    actor,
    kind: str,
    *,
    data: dict | None = None,
    pending: bool = False,
    restored_from: ArticleRevision | None = None,
) -> ArticleRevision:
    """Append a revision (the next number) holding ``data`` or the article's current fields."""
    last = article.revisions.aggregate(n=Max("number"))["n"] or 0
    return ArticleRevision.objects.create(
        article=article,
        number=last + 1,
        kind=kind,
        pending=pending,
        data=data if data is not None else snapshot(article),
        created_by=actor if getattr(actor, "pk", None) else None,
        restored_from=restored_from,
    )


# --- readable diff of title, lead and body ------------------------------------------------------

_BLOCK_END = re.compile(r"(</(p|h[1-6]|li|blockquote|tr|figcaption)>|<br\s*/?>)", re.IGNORECASE)


def body_text(body_html: str) -> str:
    """The words of a rich-text body, one block per line, for comparing."""
    text = html.unescape(plain_text(_BLOCK_END.sub(r"\1\n", body_html or "")))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())


@dataclass
class FieldDiff:
    label: str
    changed: bool
    html: SafeString


def _render(tokens: list[str]) -> str:
    return " ".join("<br>" if word == "\n" else escape(word) for word in tokens)


def word_diff(old: str, new: str) -> tuple[bool, SafeString]:
    """``new`` with removed words in <del> and added words in <ins> (every word escaped)."""
    old_words = re.findall(r"\S+|\n", old or "")
    new_words = re.findall(r"\S+|\n", new or "")
    parts: list[str] = []
    changed = False
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            parts.append(_render(old_words[a1:a2]))
            continue
        changed = True
        if a2 > a1:
            parts.append(f"<del>{_render(old_words[a1:a2])}</del>")
        if b2 > b1:
            parts.append(f"<ins>{_render(new_words[b1:b2])}</ins>")
    return changed, mark_safe(" ".join(parts))  # noqa: S308 (every word escaped by _render)


def diff_snapshots(old: dict, new: dict) -> list[FieldDiff]:
    """Title, lead and body of two snapshots compared word by word."""
    result = []
    for label, key, to_text in (
        (_("Title"), "title", str),
        (_("Lead paragraph"), "lead", str),
        (_("Body"), "body", body_text),
    ):
        changed, rendered = word_diff(to_text(old.get(key) or ""), to_text(new.get(key) or ""))
        result.append(FieldDiff(label=str(label), changed=changed, html=rendered))
    return result
