"""Autosave: what a person typed in the form of a publishable object, kept every 30 seconds of
typing, so a crash or a closed tab loses at most that much; the form offers it back when opened.

Not a revision: revisions are what people saved on purpose (compare, restore and four-eyes all
read them, and each needs an object, which an add form does not have yet). An autosave is one row
per person and form, seen only by that person, never by the public or the history, and removed
by the person's next real save (``newsroom.editing``).
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions

from .publishing import Publishable

#: The largest autosave kept, as JSON (a long article with tables stays well under it).
MAX_CHARS = 400_000
#: An autosave nobody came back to in this long (a new form never saved, a deleted object) is
#: dropped the next time the same person's form is autosaved.
KEEP_FOR = timedelta(days=30)


def _no_right() -> str:
    return _("You do not have a role in this agency that allows this step.")


def interval_seconds() -> int:
    """How often a form being typed in is autosaved."""
    return int(getattr(settings, "HUMAS_AUTOSAVE_SECONDS", 30))


class AutosaveRefused(Exception):
    """The autosave was not kept (no right to edit, or the data is not a form's fields);
    ``message`` is ready to show to the person."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.message = message
        self.status = status  # 403: not theirs to edit; 400: not a form's fields


class Autosave(models.Model):
    """The fields of one person's form of one object (or of a new one) as last typed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    #: None: the form of a new object, not saved yet.
    object_id = models.PositiveBigIntegerField(null=True, blank=True)
    #: {"fields": {name: value or [values]}, "labels": {name: {value: text}}}
    data = models.JSONField(gettext_lazy("fields"))
    saved_at = models.DateTimeField(gettext_lazy("saved at"), default=timezone.now)

    class Meta:
        verbose_name = gettext_lazy("autosave")
        verbose_name_plural = gettext_lazy("autosaves")
        indexes = [
            models.Index(fields=["user", "content_type", "object_id"], name="autosave_form_idx")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} · {self.content_type_id}/{self.object_id or 'baru'}"

    @property
    def fields(self) -> dict:
        return self.data.get("fields", {})


def _rows(user, model, object_id: int | None):
    return Autosave.objects.filter(
        user=user,
        content_type=ContentType.objects.get_for_model(model),
        object_id=object_id,
    )


def store(
    user, model: type[Publishable], payload, *, obj: Publishable | None, allowed: set[str]
) -> Autosave:
    """Keep ``payload`` ({"fields": {...}, "labels": {...}}) as ``user``'s autosave of ``obj``
    (None: their form of a new ``model``). Only the form's own fields (``allowed``) are kept."""
    if obj is not None:
        if not permissions.can_edit_content(user, obj):
            raise AutosaveRefused(_no_right(), 403)
        from .editing import EDITABLE_STATES

        if obj.status not in EDITABLE_STATES:
            refused = _("This form cannot be changed now, so it is not autosaved.")
            raise AutosaveRefused(refused, 403)
    elif not permissions.has_any_role(user, permissions.CONTENT_EDIT_ROLES):
        raise AutosaveRefused(_no_right(), 403)
    data = clean_payload(payload, allowed)
    with transaction.atomic():
        Autosave.objects.filter(user=user, saved_at__lt=timezone.now() - KEEP_FOR).delete()
        rows = _rows(user, model, obj.pk if obj else None)
        kept = rows.order_by("-saved_at", "-pk").first()
        if kept is None:
            kept = Autosave(
                user=user,
                content_type=ContentType.objects.get_for_model(model),
                object_id=obj.pk if obj else None,
            )
        else:
            rows.exclude(pk=kept.pk).delete()  # two tabs of a new form: the newest wins
        kept.data = data
        kept.saved_at = timezone.now()
        kept.save()
    return kept


#: What no database keeps in text: NUL and the halves of a surrogate pair on their own (PostgreSQL's
#: jsonb refuses both; a broken emoji pasted from elsewhere carries one).
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def _storable(text: str) -> str:
    return _UNSTORABLE.sub("", text)


def clean_payload(payload, allowed: set[str]) -> dict:
    """The fields of ``payload`` that belong to the form, as strings; refuses anything else."""
    if not isinstance(payload, dict) or not isinstance(payload.get("fields"), dict):
        raise AutosaveRefused(_("The autosave did not contain the form's fields."))
    fields = {}
    for name, value in payload["fields"].items():
        if name not in allowed:
            continue
        if isinstance(value, str):
            fields[name] = _storable(value)
        elif isinstance(value, list) and all(isinstance(v, str) for v in value):
            fields[name] = [_storable(v) for v in value]
        else:
            raise AutosaveRefused(_("The autosave did not contain the form's fields."))
    labels = {}
    raw_labels = payload.get("labels")
    if isinstance(raw_labels, dict):
        # The visible text of chosen options of search-as-you-type fields (tags), which the
        # reopened form does not list until they are searched for again.
        for name, pairs in raw_labels.items():
            if name in fields and isinstance(pairs, dict):
                labels[name] = {
                    _storable(k): _storable(v)
                    for k, v in pairs.items()
                    if isinstance(v, str) and len(v) <= 300
                }
    data = {"fields": fields, "labels": labels}
    if len(json.dumps(data)) > MAX_CHARS:
        raise AutosaveRefused(_("The text is too long to be autosaved; save it with the button."))
    return data


def discard(user, model: type[Publishable], object_id: int | None) -> None:
    """Forget ``user``'s autosave of this form (they saved it, or chose "Discard")."""
    _rows(user, model, object_id).delete()


def forget_after_save(user, obj: Publishable, *, created: bool) -> None:
    """A real save: the autosave of that form is no longer work that could be lost."""
    if getattr(user, "pk", None) is None:
        return
    discard(user, type(obj), obj.pk)
    if created:
        discard(user, type(obj), None)


def last_saved_at(obj: Publishable) -> datetime:
    """When the object's text last changed on purpose (its row, or a correction's revision)."""
    newest = obj.revisions.order_by("-created_at").values_list("created_at", flat=True).first()
    return max(filter(None, [obj.updated_at, newest]))


def offered(user, model: type[Publishable], obj: Publishable | None) -> Autosave | None:
    """``user``'s autosave to offer back in the form, if it is newer than the last save."""
    found = _rows(user, model, obj.pk if obj else None).order_by("-saved_at", "-pk").first()
    if found is None or not found.fields:
        return None
    if obj is not None and found.saved_at <= last_saved_at(obj):
        return None  # saved since (by them or someone else): the saved text is the newer one
    return found
