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
        return str(EVENT_LABELS.get(self._verb, self.action))

    @property
    def from_label(self) -> str:
        if self._verb in LEAVES_SCHEDULE:
            return str(EVENT_LABELS["scheduled"])
        return _status_label(self.from_status)

    @property
    def to_label(self) -> str:
        if self._verb in ENTERS_SCHEDULE:
            return str(EVENT_LABELS["scheduled"])
        return _status_label(self.to_status)

    @property
    def _verb(self) -> str:
        return self.action.rsplit(".", 1)[-1]


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


#: A scheduled object is stored as published with a future time: the timeline names the state
#: people see ("Terjadwal") instead of "Terbit → Terbit".
ENTERS_SCHEDULE = frozenset({"scheduled", "rescheduled"})
LEAVES_SCHEDULE = frozenset({"rescheduled", "published_now", "unscheduled"})


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
    """One field of two revisions: ``html`` marks removed and added words in one text;
    ``old_html`` and ``new_html`` are the two sides (removed words in the first, added in the
    second); ``image_urls`` holds the two photos of a file field."""

    label: str
    changed: bool
    html: SafeString
    old_html: SafeString = mark_safe("")  # noqa: RUF009 (an immutable empty string)
    new_html: SafeString = mark_safe("")  # noqa: RUF009
    image_urls: tuple[str, str] | None = None


def _render(tokens: list[str]) -> str:
    return " ".join("<br>" if word == "\n" else escape(word) for word in tokens)


def _word_diff_sides(old: str, new: str) -> tuple[bool, str, str, str]:
    old_words = re.findall(r"\S+|\n", old or "")
    new_words = re.findall(r"\S+|\n", new or "")
    merged: list[str] = []
    left: list[str] = []
    right: list[str] = []
    changed = False
    matcher = difflib.SequenceMatcher(a=old_words, b=new_words, autojunk=False)
    for op, a1, a2, b1, b2 in matcher.get_opcodes():
        if op == "equal":
            same = _render(old_words[a1:a2])
            merged.append(same)
            left.append(same)
            right.append(same)
            continue
        changed = True
        if a2 > a1:
            removed = f"<del>{_render(old_words[a1:a2])}</del>"
            merged.append(removed)
            left.append(removed)
        if b2 > b1:
            added = f"<ins>{_render(new_words[b1:b2])}</ins>"
            merged.append(added)
            right.append(added)
    return changed, " ".join(merged), " ".join(left), " ".join(right)


def word_diff(old: str, new: str) -> tuple[bool, SafeString]:
    """``new`` with removed words in <del> and added words in <ins> (every word escaped)."""
    changed, merged, _left, _right = _word_diff_sides(old, new)
    return changed, mark_safe(merged)  # noqa: S308 (every word escaped by _render)


def _text_diff(label, old: str, new: str) -> FieldDiff:
    changed, merged, left, right = _word_diff_sides(old, new)
    return FieldDiff(
        label=str(label)[:1].upper() + str(label)[1:],
        changed=changed,
        html=mark_safe(merged),  # noqa: S308 (every word escaped by _render)
        old_html=mark_safe(left),  # noqa: S308
        new_html=mark_safe(right),  # noqa: S308
    )


def link_targets(body_html: str) -> str:
    """The links of a rich-text body, one per line: “text → address”, for comparing."""
    found = re.findall(r"<a\b[^>]*?href=\"([^\"]*)\"[^>]*>(.*?)</a>", body_html or "", re.S)
    return "\n".join(
        f"{' '.join(html.unescape(plain_text(text)).split()) or '—'} → {html.unescape(href)}"
        for href, text in found
    )


def _shown(field, value, names: dict) -> str:
    """A non-text value as people read it: related rows by name, yes/no, dates the local way."""
    if field.many_to_many:
        return ", ".join(names.get(pk, f"#{pk}") for pk in value or [])
    if field.is_relation:
        return names.get(value, f"#{value}") if value else "—"
    if isinstance(field, models.BooleanField):
        return str(_("Yes") if value else _("No"))
    if value in (None, ""):
        return "—"
    return str(value)


def _related_names(model, snapshots) -> dict[str, dict]:
    """{field name: {pk: name}} for the relations of both snapshots, one query per relation."""
    names = {}
    for name in model.content_fields:
        field = model._meta.get_field(name)
        if not field.is_relation:
            continue
        ids = set()
        for data in snapshots:
            value = data.get(name)
            ids.update(value if isinstance(value, list) else [value] if value else [])
        rows = field.related_model._default_manager.in_bulk(ids) if ids else {}
        names[name] = {pk: str(row) for pk, row in rows.items()}
    return names


def diff_snapshots(old: dict, new: dict, model=None) -> list[FieldDiff]:
    """Two snapshots compared field by field, labelled as the model's form labels them.

    With a model, every content field is compared: text word by word, the photo by file (with
    both pictures), relations by name (category, tags), other values as shown, and the links of
    rich text by text and address. Without one: title, lead and body (older callers).
    """
    if model is None:
        fields = [(_("Title"), "title"), (_("Lead paragraph"), "lead"), (_("Body"), "body")]
        return [
            _text_diff(label, *[(body_text if key == "body" else str)(d.get(key) or "")
                                for d in (old, new)])
            for label, key in fields
        ]  # fmt: skip
    rich = getattr(model, "rich_text_fields", ("body",))
    names = _related_names(model, (old, new))
    result = []
    for name in model.content_fields:
        field = model._meta.get_field(name)
        label = field.verbose_name
        before, after = old.get(name), new.get(name)
        if isinstance(field, models.FileField):
            diff = _text_diff(label, before or "—", after or "—")
            if isinstance(field, models.ImageField):  # a document's PDF is no picture
                storage = field.storage
                diff.image_urls = tuple(storage.url(v) if v else "" for v in (before, after))
            result.append(diff)
        elif isinstance(field, models.CharField | models.TextField) and not field.choices:
            to_text = body_text if name in rich else str
            result.append(_text_diff(label, to_text(before or ""), to_text(after or "")))
            if name in rich:
                result.append(_text_diff(_("Links in the %(field)s") % {"field": label},
                                         link_targets(before), link_targets(after)))  # fmt: skip
        else:
            shown = [_shown(field, value, names.get(name, {})) for value in (before, after)]
            if field.choices:
                labels = dict(field.flatchoices)
                shown = [str(labels.get(v, v)) for v in (before, after)]
            result.append(_text_diff(label, *shown))
    # What a kind keeps beside its fields (a gallery's photos and videos), as text per side.
    extra = getattr(model, "snapshot_diff_texts", None)
    for label, before, after in extra(old, new) if extra else ():
        result.append(_text_diff(label, before, after))
    return result
