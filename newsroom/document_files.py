"""Files of the download centre: what a file really is (read from its content, never from its name)
and whether it is small enough.

PDF is recognised by its signature. DOCX, XLSX, ODT, ODS and plain ZIP are all zip archives, told
apart by their members, as office suites do: OOXML by ``[Content_Types].xml`` with
``word/document.xml`` or ``xl/workbook.xml``; OpenDocument by its first member ``mimetype``.
Python's own ``zipfile`` reads only the archive's directory (nothing is unpacked), so a zip bomb
costs nothing here.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy


class FileType(models.TextChoices):
    PDF = "pdf", "PDF"
    DOCX = "docx", gettext_lazy("Word (DOCX)")
    XLSX = "xlsx", gettext_lazy("Excel (XLSX)")
    ODT = "odt", gettext_lazy("OpenDocument text (ODT)")
    ODS = "ods", gettext_lazy("OpenDocument spreadsheet (ODS)")
    ZIP = "zip", gettext_lazy("ZIP archive")


CONTENT_TYPES = {
    FileType.PDF: "application/pdf",
    FileType.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    FileType.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    FileType.ODT: "application/vnd.oasis.opendocument.text",
    FileType.ODS: "application/vnd.oasis.opendocument.spreadsheet",
    FileType.ZIP: "application/zip",
}
_OPENDOCUMENT = {
    b"application/vnd.oasis.opendocument.text": FileType.ODT,
    b"application/vnd.oasis.opendocument.spreadsheet": FileType.ODS,
}


@dataclass(frozen=True)
class Inspected:
    file_type: str
    size: int


def max_bytes() -> int:
    return getattr(settings, "HUMAS_DOCUMENT_MAX_MB", 20) * 1024 * 1024


def inspect_document(upload) -> Inspected:
    """The type and size of an acceptable file, or ValidationError with a message for people."""
    size = upload.size
    if size is not None and size > max_bytes():
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(max_bytes())},
            code="too_large",
        )
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        upload.seek(0)
        file_type = sniff(upload)
    finally:
        if position is not None:
            upload.seek(position)
    if file_type is None:
        raise ValidationError(
            _(
                "This file cannot be published in the download centre. Upload a PDF, Word "
                "(DOCX), Excel (XLSX), OpenDocument (ODT, ODS) or ZIP file; the type is read "
                "from the file's content, not from its name."
            ),
            code="bad_type",
        )
    return Inspected(file_type, size)


def sniff(fileobj) -> str | None:
    """The :class:`FileType` of an open binary file, or None for anything else."""
    head = fileobj.read(8)
    fileobj.seek(0)
    if head.startswith(b"%PDF-"):
        return FileType.PDF
    if not head.startswith(b"PK\x03\x04"):
        return None  # also refuses empty and "spanned" archives
    try:
        with zipfile.ZipFile(fileobj) as archive:
            names = archive.namelist()
            if names and names[0] == "mimetype":
                with archive.open("mimetype") as member:
                    declared = member.read(100).strip()
                return _OPENDOCUMENT.get(declared, FileType.ZIP)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, KeyError):
        return None
    finally:
        fileobj.seek(0)
    members = set(names)
    if "[Content_Types].xml" in members:
        if "word/document.xml" in members:
            return FileType.DOCX
        if "xl/workbook.xml" in members:
            return FileType.XLSX
    return FileType.ZIP
