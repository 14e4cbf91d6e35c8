"""Writing uploads to storage, and what a person is told when the storage cannot take them.

A full, read-only or unwritable media folder makes the storage raise ``OSError`` (ENOSPC, EROFS,
EACCES...). Uploads are written here, before the rows that name them, so that error becomes
:class:`FileNotStored`, a refusal with a message for people: the form comes back with what was
typed, nothing is saved, and the operators find the cause in the log.
"""

from __future__ import annotations

import logging

from django.db.models.fields.files import FieldFile, FileField
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)


class FileNotStored(Exception):
    """An upload the storage could not take; ``message`` is ready to show."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def not_stored_message(shown_as: str) -> str:
    return _(
        "The file “%(name)s” could not be stored because the server's file storage is full or "
        "cannot be written to right now. Nothing has been saved; everything you typed is still in "
        "the form, but the file has to be chosen again. Please try again later."
    ) % {"name": shown_as}


def store(
    fieldfile: FieldFile,
    name: str | None = None,
    content=None,
    *,
    shown_as: str | None = None,
    refusal: type[FileNotStored] = FileNotStored,
) -> None:
    """Write ``content`` (by default the upload the field holds) to the field's storage.

    The model row is not saved. A storage failure raises ``refusal`` naming the file as the
    person knows it (``shown_as``, by default its uploaded name).
    """
    content = fieldfile.file if content is None else content
    shown_as = shown_as or getattr(content, "name", None) or fieldfile.name or _("file")
    try:
        fieldfile.save(name or fieldfile.name, content, save=False)
    except OSError as error:
        logger.error("Upload %r not stored (%s): %s", shown_as, type(error).__name__, error)
        raise refusal(not_stored_message(str(shown_as).rsplit("/", 1)[-1])) from error


def store_new_files(instance, names=None, *, refusal: type[FileNotStored] = FileNotStored) -> None:
    """Write the uploads ``instance``'s file fields (those in ``names``, or all) hold and have not
    stored yet.

    What ``FileField.pre_save`` would do while saving the row, done first so that a storage
    failure refuses the save before anything is written.
    """
    for field in instance._meta.concrete_fields:
        if isinstance(field, FileField) and (names is None or field.name in names):
            fieldfile = getattr(instance, field.attname)
            if fieldfile and not fieldfile._committed:
                store(fieldfile, refusal=refusal)


class ReshowFormWhenFileNotStored:
    """ModelAdmin mixin: a save refused because a file could not be stored re-shows the form with
    the message and everything typed, instead of an error page. The admin saves inside one
    transaction; the refused service call has rolled its own part back."""

    def _changeform_view(self, request, object_id, form_url, extra_context):
        try:
            return super()._changeform_view(request, object_id, form_url, extra_context)
        except FileNotStored as refused:
            if request.method != "POST":
                raise
            # The same view again, with a form that carries the refusal as an error: Django then
            # shows it as it shows any invalid form.
            request._file_not_stored = refused.message
            for _field, uploads in request.FILES.lists():
                for upload in uploads:
                    upload.seek(0)
            return super()._changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        message = getattr(request, "_file_not_stored", None)
        if message is None:
            return form

        class Refused(form):
            def full_clean(self):
                super().full_clean()
                if self.is_bound:
                    self.add_error(None, message)

        Refused.__name__ = form.__name__
        return Refused
