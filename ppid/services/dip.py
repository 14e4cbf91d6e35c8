"""The public-information list (DIP): every change checked here and written to its timeline.

The admin (and any command or view that changes the list) goes through these functions. Each change
is one transaction that checks the actor (accounts.permissions) and the rules, and writes a
``DIPEvent``: ``ppid.dip.created``, ``.changed``, ``.published``, ``.withdrawn``, ``.deleted``.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from accounts import permissions
from audit import log as audit
from humas import filestore

from ..models.dip import DIPEntry, DIPEvent
from ..uploads import inspect_upload
from .base import PPIDError, next_number
from .files import FileNotStored

#: Fields whose change is named in the timeline ("Changed: title, summary").
TRACKED_FIELDS = [
    f for f in DIPEntry._meta.concrete_fields if f.editable and f.name not in {"id", "updated_at"}
]


class DIPEntryError(PPIDError):
    """A refused DIP change; ``problems`` pairs each message with the form field it is about."""

    def __init__(self, problems: list[tuple[str | None, str]]):
        super().__init__(" ".join(message for _field, message in problems))
        self.problems = problems


def _may_maintain(actor, agency_id) -> bool:
    # The DIP is the PPID's: its officers and heads maintain their agency's list.
    return agency_id is not None and permissions.can_handle_ppid(actor, agency_id)


def _new_upload(entry: DIPEntry):
    """The file being uploaded with this save, if any (not the file already stored)."""
    # FileField.pre_save uses the same flag: a FieldFile not yet committed holds a fresh upload.
    if entry.file and not entry.file._committed:
        return entry.file.file
    return None


def entry_problems(entry: DIPEntry, *, actor, previous: DIPEntry | None = None):
    """What stops ``actor`` from saving ``entry`` as it stands: [(field or None, message)]."""
    if previous is None and entry.pk:
        previous = DIPEntry.objects.filter(pk=entry.pk).first()
    if not _may_maintain(actor, entry.agency_id) or (
        previous is not None and not _may_maintain(actor, previous.agency_id)
    ):
        return [(None, _("Only the PPID staff of this agency may do this."))]
    problems = []
    try:
        entry.full_clean()
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            field = None if field == "__all__" else field
            problems += [(field, message) for message in messages]
    uploaded = _new_upload(entry)
    if uploaded is not None:
        try:
            inspect_upload(uploaded)
        except ValidationError as error:
            problems.append(("file", error.messages[0]))
    if entry.is_exempt:
        # UU 14/2008 Pasal 17 and Perki 1/2021: exempt information is listed with its ground, and
        # the list must not lead to the content itself.
        if not entry.exemption_ground:
            problems.append(("exemption_ground", _("An exempt entry needs its Pasal 17 ground.")))
        if entry.file or entry.link or entry.article_id:
            problems.append((None, _("An exempt entry must not point to its content.")))
    if entry.published:
        # Perki 1/2021: a listed entry carries all its columns; an exempt one its classification.
        required = entry.REQUIRED_WHEN_EXEMPT if entry.is_exempt else entry.REQUIRED_WHEN_PUBLISHED
        for name in required:
            if getattr(entry, name) in (None, "") and not any(f == name for f, _m in problems):
                problems.append((name, _("Required before the entry is published (Perki 1/2021).")))
        if entry.is_exempt and not (entry.consequence_id or entry.classification_reason.strip()):
            problems.append(
                ("consequence", _("An exempt entry needs its consequence test (or its summary)."))
            )
    if entry.consequence_id:
        test = entry.consequence
        if test.agency_id != entry.agency_id:
            problems.append(("consequence", _("Choose a consequence test of the same agency.")))
        elif test.conclusion != test.Conclusion.EXEMPT:
            problems.append(
                ("consequence", _("This consequence test concluded the information is open."))
            )
        elif entry.exemption_ground and test.exemption_ground != entry.exemption_ground:
            problems.append(
                ("exemption_ground", _("The ground differs from the consequence test's ground."))
            )
    if entry.article_id and entry.agency_id and entry.article.agency_id != entry.agency_id:
        problems.append(("article", _("Choose an article of the same agency.")))
    return problems


def check_dip_entry(entry: DIPEntry, *, actor, previous: DIPEntry | None = None) -> None:
    """Raise DIPEntryError unless ``actor`` may save ``entry`` as it stands (nothing is saved)."""
    problems = entry_problems(entry, actor=actor, previous=previous)
    if problems:
        raise DIPEntryError(problems)


def _record(entry: DIPEntry, action: str, summary: str, *, actor, comment: str = "") -> DIPEvent:
    # The list is public information: its title and what changed may go into the audit log.
    audit.record(
        action, agency=entry.agency_id, actor=actor, obj=entry, label=entry.title, summary=summary
    )
    return DIPEvent.objects.create(
        entry=entry,
        agency_id=entry.agency_id,
        entry_title=entry.title[:300],
        action=action,
        summary=summary[:300],
        comment=(comment or "").strip(),
        actor=actor if getattr(actor, "is_authenticated", False) else None,
    )


def _changed_fields(previous: DIPEntry, entry: DIPEntry) -> list[str]:
    return [
        str(f.verbose_name)
        for f in TRACKED_FIELDS
        if f.name != "published" and f.value_from_object(previous) != f.value_from_object(entry)
    ]


def assign_number(entry: DIPEntry) -> None:
    """Give a new entry the next number of its agency's list (inside the saving transaction)."""
    if entry.number is None and entry.agency_id:
        entry.number = next_number(entry.agency, 0, "dip")  # one standing list per agency


def save_dip_entry(entry: DIPEntry, *, actor, comment: str = "") -> DIPEntry:
    """Add or change an entry (its ``published`` flag included) and write its timeline row."""
    with transaction.atomic():
        previous = None
        if entry.pk:
            previous = DIPEntry.objects.select_for_update().filter(pk=entry.pk).first()
        check_dip_entry(entry, actor=actor, previous=previous)
        filestore.store_new_files(entry, refusal=FileNotStored)
        assign_number(entry)
        entry.save()
        if previous is None:
            if entry.published:
                _record(
                    entry,
                    "ppid.dip.created",
                    _("Entry added and published"),
                    actor=actor,
                    comment=comment,
                )
            else:
                _record(
                    entry,
                    "ppid.dip.created",
                    _("Entry added, not yet published"),
                    actor=actor,
                    comment=comment,
                )
            return entry
        changed = _changed_fields(previous, entry)
        if entry.published != previous.published:
            action = "ppid.dip.published" if entry.published else "ppid.dip.withdrawn"
            what = (
                _("Entry published")
                if entry.published
                else _("Entry withdrawn from the public list")
            )
            if changed:
                what = _("%(what)s; changed: %(fields)s") % {
                    "what": what,
                    "fields": ", ".join(changed),
                }
            _record(entry, action, what, actor=actor, comment=comment)
        elif changed or (comment or "").strip():
            summary = (
                _("Changed: %(fields)s") % {"fields": ", ".join(changed)}
                if changed
                else _("Note added")
            )
            _record(entry, "ppid.dip.changed", summary, actor=actor, comment=comment)
    return entry


def _set_published(entry: DIPEntry, published: bool, *, actor, comment: str) -> DIPEntry:
    with transaction.atomic():
        entry = DIPEntry.objects.select_for_update().get(pk=entry.pk)
        if published:
            # A stored entry made before today's rules may break them: check it as it is.
            check_dip_entry(entry, actor=actor, previous=entry)
        elif not _may_maintain(actor, entry.agency_id):
            raise DIPEntryError([(None, _("Only the PPID staff of this agency may do this."))])
        if entry.published == published:
            return entry
        entry.published = published
        entry.save(update_fields=["published", "updated_at"])
        if published:
            _record(entry, "ppid.dip.published", _("Entry published"), actor=actor, comment=comment)
        else:
            _record(
                entry,
                "ppid.dip.withdrawn",
                _("Entry withdrawn from the public list"),
                actor=actor,
                comment=comment,
            )
    return entry


def publish_dip_entry(entry: DIPEntry, *, actor, comment: str = "") -> DIPEntry:
    """Show the entry on /ppid/informasi/ (an exempt one shows only its classification)."""
    return _set_published(entry, True, actor=actor, comment=comment)


def withdraw_dip_entry(entry: DIPEntry, *, actor, comment: str = "") -> DIPEntry:
    """Take the entry off the public list; it stays in the admin with its timeline."""
    return _set_published(entry, False, actor=actor, comment=comment)


def delete_dip_entry(entry: DIPEntry, *, actor, comment: str = "") -> None:
    """Delete an entry; its timeline rows stay (with the agency and title) and say who did it."""
    with transaction.atomic():
        entry = DIPEntry.objects.select_for_update().get(pk=entry.pk)
        if not _may_maintain(actor, entry.agency_id):
            raise DIPEntryError([(None, _("Only the PPID staff of this agency may do this."))])
        _record(entry, "ppid.dip.deleted", _("Entry deleted"), actor=actor, comment=comment)
        entry.delete()
