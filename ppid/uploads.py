"""Checks on files people upload: the type is read from the content, never from the name."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

#: Leading bytes -> (content type, extension). PDF, JPEG and PNG only: what ID-card scans,
#: powers of attorney and the documents a PPID sends are made of.
SIGNATURES: list[tuple[bytes, str, str]] = [
    (b"%PDF-", "application/pdf", "pdf"),
    (b"\xff\xd8\xff", "image/jpeg", "jpg"),
    (b"\x89PNG\r\n\x1a\n", "image/png", "png"),
]
MAX_FILES = 3


def max_upload_bytes() -> int:
    return getattr(settings, "PPID_UPLOAD_MAX_BYTES", 5 * 1024 * 1024)


def inspect_upload(uploaded) -> tuple[str, str]:
    """Return (content type, extension) of an acceptable upload, or raise ValidationError."""
    limit = max_upload_bytes()
    if uploaded.size > limit:
        raise ValidationError(
            _("The file %(name)s is too large (%(size)s); the limit is %(limit)s.")
            % {
                "name": uploaded.name,
                "size": filesizeformat(uploaded.size),
                "limit": filesizeformat(limit),
            },
            code="too_large",
        )
    uploaded.seek(0)
    head = uploaded.read(16)
    uploaded.seek(0)
    for signature, content_type, extension in SIGNATURES:
        if head.startswith(signature):
            return content_type, extension
    raise ValidationError(
        _("The file %(name)s is not a PDF, JPEG or PNG file.") % {"name": uploaded.name},
        code="file_type",
    )
