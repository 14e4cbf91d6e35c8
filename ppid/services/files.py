"""Files the PPID sends, and the fee ledger for printed copies."""

from __future__ import annotations

from uuid import uuid4

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from humas import filestore

from ..models import Fee, InformationRequest, RequestAttachment
from ..uploads import inspect_upload
from . import notices
from .base import PPIDError, lock_request, record_event
from .transitions import check_step


class FileNotStored(PPIDError, filestore.FileNotStored):
    """The storage could not take an upload (full, read-only): nothing of the action is saved."""


def save_file(req, uploaded, kind, actor=None, description="") -> RequestAttachment:
    """Store one upload under PRIVATE_MEDIA_ROOT after checking its real type and size.

    Raises FileNotStored when the storage cannot take it; the caller's transaction then rolls
    back, so no row names a file that is not there.
    """
    try:
        content_type, extension = inspect_upload(uploaded)
    except ValidationError as error:
        raise PPIDError(error.messages[0]) from error
    attachment = RequestAttachment(
        request=req,
        kind=kind,
        original_name=(uploaded.name or "berkas")[-200:],
        content_type=content_type,
        size=uploaded.size,
        description=description,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    # A generated name: the uploader's file name never reaches the file system.
    filestore.store(
        attachment.file,
        f"{uuid4().hex}.{extension}",
        uploaded,
        shown_as=attachment.original_name,
        refusal=FileNotStored,
    )
    attachment.save()
    return attachment


def save_files(req, uploads, kind, actor=None) -> list[RequestAttachment]:
    """Store several uploads; when one cannot be stored, those already written are removed too
    (the transaction that would name them rolls back) and FileNotStored names the one that
    failed."""
    saved = []
    try:
        for uploaded in uploads:
            saved.append(save_file(req, uploaded, kind, actor))
    except FileNotStored:
        for attachment in saved:
            attachment.file.delete(save=False)
        raise
    return saved


def attach_file(
    req: InformationRequest, *, actor, uploaded, description: str = ""
) -> RequestAttachment:
    """A file the PPID sends to the requester (a copy of the information)."""
    with transaction.atomic():
        req = lock_request(req)
        step = check_step(req, "attach", actor)
        attachment = save_file(
            req, uploaded, RequestAttachment.Kind.SENT, actor, description.strip()
        )
        title, text = notices.file_sent(req, attachment)
        record_event(
            req,
            step.code,
            _("File sent: %(name)s") % {"name": attachment.original_name},
            actor=actor,
            notice_title=title,
            notice_text=text,
        )
    return attachment


def record_fee(
    req: InformationRequest, *, actor, description: str, pages: int, amount: int, paid_at=None
) -> Fee:
    """Printed copies are charged at cost (UU 14/2008 Pasal 21); electronic copies are free."""
    if not description.strip():
        raise PPIDError(_("Describe what the fee is for."))
    if int(amount) < 0 or int(pages) < 0:
        raise PPIDError(_("Pages and amount cannot be negative."))
    with transaction.atomic():
        req = lock_request(req)
        step = check_step(req, "fee", actor)
        fee = Fee.objects.create(
            request=req,
            description=description.strip(),
            pages=int(pages),
            amount=int(amount),
            paid_at=paid_at,
            recorded_by=actor,
        )
        title, text = notices.fee(req, fee)
        record_event(
            req,
            step.code,
            _("Fee recorded: %(description)s, Rp %(amount)s")
            % {"description": fee.description, "amount": fee.amount},
            actor=actor,
            notice_title=title,
            notice_text=text,
        )
    return fee
