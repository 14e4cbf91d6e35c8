"""History of any publishable object: a revision for every save, an event for every transition.

One table each for every kind (content type + object id, the fields as JSON), like Wagtail's
Revision. Revisions are never rewritten: restoring one creates a new revision (newsroom.editing).
The live text sits on the object's row; a pending correction of a published object lives only
in a revision until a supervisor approves it (newsroom.workflow.approve_correction).
"""

from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Max
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from .publishing import Status
from .sanitize import plain_text


class Revision(models.Model):
    """One saved state of the editor's fields of any publishable object (``content_fields``)."""

    class Kind(models.TextChoices):
        DRAFT = "draft", _("Draft")
        CORRECTION = "correction", _("Correction")
        APPROVED = "approved", _("Approved")

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
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
        ordering = ["content_type", "object_id", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "number"],
                name="unique_revision_number_per_object",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.number} · {self.get_kind_display()}"


class TimelineEvent(models.Model):
    """One line of an object's timeline: who did what, when, from which state to which."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
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
        Revision,
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
        indexes = [
            models.Index(
                fields=["content_type", "object_id", "created_at"], name="timeline_object_idx"
            )
        ]

    def __str__(self) -> str:
        return self.action

    @property
    def label(self) -> str:
        verb = self.action.rsplit(".", 1)[-1]
        return str(EVENT_LABELS.get(verb, self.action))

    @property
    def from_label(self) -> str:
        return _status_label(self.from_status)

    @property
    def to_label(self) -> str:
        return _status_label(self.to_status)


def _status_label(value: str) -> str:
    return str(Status(value).label) if value in Status.values else value


#: Timeline labels by the last part of the action code (the same verbs for every kind).
EVENT_LABELS = {
    "created": _("Created"),
    "saved": _("Saved"),
    "correction_saved": _("Correction saved"),
    "submitted": _("Submitted for review"),
    "approved": _("Approved and published"),
    "scheduled": _("Scheduled"),
    "changes_requested": _("Changes requested"),
    "archived": _("Archived"),
    "reopened": _("Reopened as draft"),
    "correction_approved": _("Correction approved"),
    "correction_rejected": _("Correction rejected"),
    "revision_restored": _("Revision restored"),
    "published_now": _("Published now (schedule brought forward)"),
    "rescheduled": _("Schedule changed"),
    "unscheduled": _("Schedule cancelled"),
}


def add_revision(
    obj,
    actor,
    kind: str,
    *,
    data: dict | None = None,
    pending: bool = False,
    restored_from: Revision | None = None,
) -> Revision:
    """Append a revision (the next number) holding ``data`` or the object's current fields."""
    last = obj.revisions.aggregate(n=Max("number"))["n"] or 0
    return obj.revisions.create(
        number=last + 1,
        kind=kind,
        pending=pending,
        data=data if data is not None else obj.snapshot(),
        created_by=actor if getattr(actor, "pk", None) else None,
        restored_from=restored_from,
    )


# --- readable diff of title, lead and body ------------------------------------------------------

_BLOCK_END = re.compile(r"(</(p|h[1-6]|li|blockquote|tr|figcaption)>|<br\s*/?>)", re.IGNORECASE)


def body_text(body_html: str) -> str:
    """The words of a rich-text body, one block per line, for comparing."""
    # Line breaks in the HTML source are not the reader's: only block ends start a new line.
    flowing = re.sub(r"\s+", " ", body_html or "")
    text = html.unescape(plain_text(_BLOCK_END.sub(r"\1\n", flowing)))
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


def diff_snapshots(old: dict, new: dict, model=None) -> list[FieldDiff]:
    """The text fields of two snapshots compared word by word, labelled as the model's form
    labels them (title, lead and body when no model is given)."""
    if model is None:
        fields = [(_("Title"), "title"), (_("Lead paragraph"), "lead"), (_("Body"), "body")]
    else:
        fields = [
            (model._meta.get_field(name).verbose_name, name)
            for name in model.content_fields
            if isinstance(model._meta.get_field(name), models.CharField | models.TextField)
        ]
    result = []
    for label, key in fields:
        to_text = body_text if key == "body" else str
        changed, rendered = word_diff(to_text(old.get(key) or ""), to_text(new.get(key) or ""))
        result.append(FieldDiff(label=str(label)[:1].upper() + str(label)[1:], changed=changed,
                                html=rendered))  # fmt: skip
    return result
