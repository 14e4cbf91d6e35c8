"""Writing to the audit log, and what its action codes mean to people.

``record`` is the one way in: every app calls it from the function that makes the change, inside
that change's transaction, so an entry exists exactly when the change does. Each app registers
labels for its action codes (``register_actions``, from its ``AppConfig.ready``); a code without
a label is shown as it is.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from django.utils.text import format_lazy

from .models import AuditEntry

#: Action code -> what people read (lazy translations), filled by the apps.
_LABELS: dict[str, object] = {}


def register_actions(labels: Mapping[str, object]) -> None:
    """Give action codes their labels (``{"accounts.membership.added": _("Role given")}``)."""
    _LABELS.update(labels)


def kind_labels(prefix: str, kind, verbs: Mapping[str, object]) -> dict[str, object]:
    """Labels "<Kind>: <verb>" for the codes ``<prefix>.<verb>`` (one kind, many verbs)."""
    return {f"{prefix}.{verb}": format_lazy("{}: {}", kind, label) for verb, label in verbs.items()}


def action_label(code: str) -> str:
    return str(_LABELS.get(code, code))


def actor_name(actor) -> str:
    if not getattr(actor, "is_authenticated", False):
        return ""
    return (actor.get_full_name() or actor.get_username())[:200]


def record(
    action: str,
    *,
    agency,
    actor=None,
    obj=None,
    label: str = "",
    summary: str = "",
    at: datetime | None = None,
) -> AuditEntry:
    """Append one entry: ``actor`` did ``action`` to ``obj`` (of ``agency``, an Agency or its id).

    ``label`` names the object (default ``str(obj)``). Never pass a PPID requester's personal
    data in ``label`` or ``summary``: name a request by its registration number.
    """
    person = actor if getattr(actor, "is_authenticated", False) else None
    entry = AuditEntry(
        agency_id=getattr(agency, "pk", agency),
        actor=person,
        actor_name=actor_name(person),
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=getattr(obj, "pk", None),
        object_label=(label or (str(obj) if obj is not None else ""))[:300],
        summary=" ".join((summary or "").split())[:500],
    )
    if at is not None:
        entry.at = at
    entry.save(force_insert=True)
    return entry
