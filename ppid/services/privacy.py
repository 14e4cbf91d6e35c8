"""Requesters' personal data (UU 27/2022 on personal data protection): every staff view of it
is logged, and identity scans are kept only as long as the agency's retention period.

A request's files from the requester (ID card scans, powers of attorney, completion papers) are
needed while the request, an objection or a dispute about it is open. Once the request has been
closed for the agency's retention period (``Agency.ppid_identity_retention_months``) and nothing
about it is still pending, they are removed; the request, its timeline and its notices stay.
``manage.py ppid_purge_identity_scans`` runs this (a dry run unless ``--apply``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import Agency

from ..models import Objection, PersonalDataView, RequestAttachment
from ..models.dip import months_before
from .base import record_event

ACTION = "ppid.request.identity_purged"
logger = logging.getLogger(__name__)


def log_view(viewer, what: str, *, request=None, objection=None) -> None:
    """Record that ``viewer`` (a staff member) saw a requester's personal data."""
    agency_id = request.agency_id if request is not None else objection.agency_id
    PersonalDataView.objects.create(
        agency_id=agency_id,
        request=request,
        objection=objection,
        viewer=viewer if getattr(viewer, "is_authenticated", False) else None,
        what=str(what)[:200],
    )


@dataclass
class Purged:
    agency: Agency
    files: int
    requests: int


def scans_past_retention(agency: Agency, today: date | None = None):
    """The agency's requester files whose retention period is over."""
    today = today or timezone.localdate()
    cutoff = months_before(today, agency.ppid_identity_retention_months)
    closed_before = timezone.make_aware(datetime.combine(cutoff, time.min))
    closed = Q(request__decided_at__lt=closed_before) | Q(request__withdrawn_at__lt=closed_before)
    still_open = Q(request__objections__status=Objection.Status.PENDING) | Q(
        request__objections__disputes__outcome=""
    )
    return (
        RequestAttachment.objects.filter(
            closed, request__agency=agency, kind=RequestAttachment.Kind.FROM_REQUESTER
        )
        .exclude(still_open)
        .select_related("request")
    )


def _delete_stored(field_file) -> None:
    try:
        field_file.delete(save=False)
    except OSError:  # the row is gone; a file the storage keeps is found by its own audit
        logger.exception("Could not delete %s from the private storage", field_file.name)


def purge_identity_scans(*, apply: bool = False, today: date | None = None) -> list[Purged]:
    """What is (dry run) or was removed, per agency. Each request gets a timeline row."""
    report = []
    for agency in Agency.objects.order_by("name"):
        due = list(scans_past_retention(agency, today))
        requests = {item.request_id: item.request for item in due}
        if apply:
            for req_id, req in requests.items():
                files = [item for item in due if item.request_id == req_id]
                with transaction.atomic():
                    for item in files:
                        item.delete()
                    record_event(
                        req,
                        ACTION,
                        _(
                            "%(count)s file(s) from the requester removed after the retention "
                            "period (%(months)s months)."
                        )
                        % {"count": len(files), "months": agency.ppid_identity_retention_months},
                    )
                # The stored files go once their rows are gone for good.
                for item in files:
                    _delete_stored(item.file)
        if due:
            report.append(Purged(agency, len(due), len(requests)))
    return report
