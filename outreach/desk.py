"""The comment desk's actions: one function per rule, each one transaction.

The admin, the CSV import and the demo call these and nothing else to change a comment. Each
checks the actor's role in the comment's agency (accounts.permissions) and the comment's state,
and refuses with a :class:`DeskError` whose message is shown to the person.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import Membership

from .comments import PLACEHOLDERS, Comment, ReplyTemplate, template_placeholders
from .office_hours import office_minutes_between

Status = Comment.Status

#: The national complaints service (SP4N-LAPOR!, Perpres 76/2013): complaints about public
#: services that the agency cannot settle in a comment thread are pointed there.
LAPOR_URL = "https://www.lapor.go.id"


class DeskError(Exception):
    """An action refused; ``message`` is ready to show to the person who tried."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def require_desk(actor, agency) -> None:
    if not permissions.can_work_comments(actor, agency):
        raise DeskError(_("You do not have a role in this agency that works the comment desk."))


def _lock(comment: Comment) -> Comment:
    return Comment.objects.select_for_update().select_related("agency").get(pk=comment.pk)


def save_comment(comment: Comment, *, actor) -> Comment:
    """Log a new comment by hand, or save changes to its details (class, sentiment, assignee)."""
    require_desk(actor, comment.agency_id)
    if comment.pk is None:
        comment.created_by = actor if getattr(actor, "pk", None) else None
        comment.source = comment.source or Comment.Source.MANUAL
    try:
        comment.full_clean()
    except ValidationError as error:
        raise DeskError(" ".join(error.messages)) from error
    with transaction.atomic():
        if comment.assigned_to_id and comment.status == Status.NEW:
            comment.status = Status.IN_PROGRESS
        comment.save()
    return comment


def take(comment: Comment, *, actor) -> Comment:
    """The actor takes the comment on: assigned to them, status "being handled"."""
    with transaction.atomic():
        comment = _lock(comment)
        require_desk(actor, comment.agency_id)
        if comment.status == Status.CLOSED:
            raise DeskError(_("This comment is closed. Reopen it first."))
        comment.assigned_to = actor
        if comment.status == Status.NEW:
            comment.status = Status.IN_PROGRESS
        comment.save(update_fields=["assigned_to", "status", "updated_at"])
    return comment


def assign(comment: Comment, *, actor, assignee) -> Comment:
    """Give the comment to a colleague of the same agency (None: to nobody)."""
    with transaction.atomic():
        comment = _lock(comment)
        require_desk(actor, comment.agency_id)
        if (
            assignee is not None
            and not Membership.objects.filter(user=assignee, agency_id=comment.agency_id).exists()
        ):
            raise DeskError(_("Choose someone who works for this agency."))
        comment.assigned_to = assignee
        if assignee is not None and comment.status == Status.NEW:
            comment.status = Status.IN_PROGRESS
        comment.save(update_fields=["assigned_to", "status", "updated_at"])
    return comment


def placeholder_values(comment: Comment, actor) -> dict[str, str]:
    agency = comment.agency
    base = f"https://{agency.domain}" if agency.domain else settings.SITE_URL
    return {
        "nama": comment.author_name,
        "akun": comment.author_handle or comment.author_name,
        "instansi": agency.short_name or agency.name,
        "petugas": getattr(actor, "first_name", "") or getattr(actor, "username", ""),
        "tautan_ppid": base + reverse("ppid:request"),
        "lapor": LAPOR_URL,
    }


def render_template(template: ReplyTemplate, comment: Comment, *, actor) -> str:
    """The template's text with its placeholders filled in for this comment."""
    if template.agency_id != comment.agency_id:
        raise DeskError(_("This reply template belongs to another agency."))
    values = placeholder_values(comment, actor)
    try:
        unknown = template_placeholders(template.body) - set(PLACEHOLDERS)
    except ValueError:
        unknown = {"?"}
    if unknown:
        raise DeskError(_("The template has a placeholder the desk does not know; fix it first."))
    return template.body.format_map(values)


def templates_for(comment: Comment):
    """The agency's templates in use, those meant for the comment's class first."""
    templates = list(ReplyTemplate.objects.filter(agency_id=comment.agency_id, is_active=True))
    return sorted(templates, key=lambda t: (t.category != comment.category, t.title.lower()))


def reply(comment: Comment, *, actor, text: str, at: datetime | None = None) -> Comment:
    """Record the answer given on the platform; the first answer fixes the response time.

    ``at`` is when it was posted on the platform (default: now). A later correction of the text
    keeps the first answer's time, so the figures measure how long the public waited.
    """
    text = (text or "").strip()
    if not text:
        raise DeskError(_("Write the reply."))
    at = at or timezone.now()
    with transaction.atomic():
        comment = _lock(comment)
        require_desk(actor, comment.agency_id)
        if comment.status == Status.CLOSED:
            raise DeskError(_("This comment is closed. Reopen it first."))
        if at < comment.posted_at:
            raise DeskError(_("The reply cannot be earlier than the comment."))
        comment.reply_text = text
        fields = ["reply_text", "status", "updated_at"]
        if comment.replied_at is None:
            comment.replied_at = at
            comment.replied_by = actor
            comment.response_minutes = office_minutes_between(
                comment.posted_at, at, agency=comment.agency
            )
            fields += ["replied_at", "replied_by", "response_minutes"]
        if comment.assigned_to_id is None:
            comment.assigned_to = actor
            fields.append("assigned_to")
        comment.status = Status.ANSWERED
        comment.save(update_fields=fields)
    return comment


def close(comment: Comment, *, actor) -> Comment:
    """Nothing more to do (answered, or needs no answer: spam, a thank-you)."""
    with transaction.atomic():
        comment = _lock(comment)
        require_desk(actor, comment.agency_id)
        if comment.status == Status.CLOSED:
            raise DeskError(_("This comment is already closed."))
        comment.status = Status.CLOSED
        comment.save(update_fields=["status", "updated_at"])
    return comment


def reopen(comment: Comment, *, actor) -> Comment:
    with transaction.atomic():
        comment = _lock(comment)
        require_desk(actor, comment.agency_id)
        if comment.status != Status.CLOSED:
            raise DeskError(_("Only a closed comment can be reopened."))
        if comment.replied_at:
            comment.status = Status.ANSWERED
        elif comment.assigned_to_id:
            comment.status = Status.IN_PROGRESS
        else:
            comment.status = Status.NEW
        comment.save(update_fields=["status", "updated_at"])
    return comment


def lapor_reply(comment: Comment, *, actor) -> str:
    """A suggested answer pointing the sender to SP4N-LAPOR!."""
    values = placeholder_values(comment, actor)
    return _(
        "Hello {nama}, thank you for your report. So that it is followed up and can be tracked, "
        "please submit it through SP4N-LAPOR! at {lapor}. Regards, {instansi}."
    ).format_map(values)


def refer_to_lapor(comment: Comment, *, actor, text: str, at: datetime | None = None) -> Comment:
    """Point the sender to SP4N-LAPOR! (the answer must name it) and record that it was done."""
    if LAPOR_URL.removeprefix("https://") not in (text or ""):
        raise DeskError(
            _("The reply must give the SP4N-LAPOR! address (%(url)s).") % {"url": LAPOR_URL}
        )
    with transaction.atomic():
        comment = reply(comment, actor=actor, text=text, at=at)
        comment.lapor_referred_at = at or timezone.now()
        comment.save(update_fields=["lapor_referred_at"])
    return comment


def convert_to_information_request(comment: Comment, *, actor, data: dict, consent: str):
    """Turn a question that is really a request for information into a PPID request.

    Only with the sender's recorded consent (their identity goes into the PPID register), only by
    the agency's PPID staff (ppid.services.register_request checks that), and once. Returns the
    request and its tracking code, which the staff pass on to the sender privately.
    """
    from ppid.models import Channel
    from ppid.services import PPIDError, register_request

    consent = (consent or "").strip()
    if not consent:
        raise DeskError(
            _("Record how the sender agreed that their question becomes a PPID request.")
        )
    with transaction.atomic():
        comment = _lock(comment)
        require_desk(actor, comment.agency_id)
        if comment.information_request_id:
            raise DeskError(
                _("This comment is already PPID request %(number)s.")
                % {"number": comment.information_request.registration_number}
            )
        try:
            # Received now: the request exists from the sender's consent, not from the comment.
            req, code = register_request(
                agency=comment.agency,
                data=data,
                channel=Channel.ONLINE,
                actor=actor,
                received_at=timezone.now(),
            )
        except PPIDError as error:
            raise DeskError(error.message) from error
        comment.information_request = req
        comment.ppid_consent = consent
        if comment.status == Status.NEW:
            comment.status = Status.IN_PROGRESS
        if comment.assigned_to_id is None:
            comment.assigned_to = actor
        comment.save(
            update_fields=[
                "information_request",
                "ppid_consent",
                "status",
                "assigned_to",
                "updated_at",
            ]
        )
    return req, code
