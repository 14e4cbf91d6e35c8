"""The comment desk's data: comments and direct messages from social platforms, and the agency's
reply templates.

A comment is logged by hand or imported from a platform's CSV export (outreach.comment_import),
classified, assigned to a colleague of the same agency, answered (often from a template) and
closed. Its response time is counted in office hours (outreach.office_hours). The rules that change
a comment live in outreach.desk; this module holds the tables and their own consistency checks.
"""

from __future__ import annotations

import string

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class SocialPlatform(models.TextChoices):
    """Where a comment or message was written."""

    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X (Twitter)"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    WHATSAPP = "whatsapp", "WhatsApp"
    THREADS = "threads", "Threads"
    OTHER = "other", _("Other")


class CommentQuerySet(models.QuerySet):
    def open(self):
        """Still waiting for the desk: new or being handled."""
        return self.filter(status__in=[Comment.Status.NEW, Comment.Status.IN_PROGRESS])


class Comment(models.Model):
    """One comment or direct message from the public on a social platform."""

    class Kind(models.TextChoices):
        COMMENT = "comment", _("Comment")
        DIRECT_MESSAGE = "dm", _("Direct message")

    class Category(models.TextChoices):
        QUESTION = "question", _("Question")
        COMPLAINT = "complaint", _("Complaint")
        APPRECIATION = "appreciation", _("Appreciation")
        HOAX = "hoax", _("Hoax / misinformation")
        OTHER = "other", _("Other")

    class Sentiment(models.TextChoices):
        POSITIVE = "positive", _("Positive")
        NEUTRAL = "neutral", _("Neutral")
        NEGATIVE = "negative", _("Negative")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("Being handled")
        ANSWERED = "answered", _("Answered")
        CLOSED = "closed", _("Closed")

    class Source(models.TextChoices):
        MANUAL = "manual", _("Logged by hand")
        IMPORT = "import", _("Imported from CSV")

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.PROTECT,
        related_name="social_comments",
        verbose_name=_("agency"),
    )
    platform = models.CharField(_("platform"), max_length=12, choices=SocialPlatform.choices)
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices, default=Kind.COMMENT)
    author_name = models.CharField(_("name of the sender"), max_length=200)
    author_handle = models.CharField(
        _("account"), max_length=200, blank=True, help_text=_("e.g. @nelayan_kapuas")
    )
    text = models.TextField(_("text"))
    posted_at = models.DateTimeField(
        _("written at"),
        default=timezone.now,
        help_text=_("When the sender wrote it: the response time counts from here."),
    )
    post_url = models.URLField(
        _("link to the post"),
        max_length=500,
        blank=True,
        help_text=_("The post it was written on."),
    )
    planned_post = models.ForeignKey(
        "outreach.PlannedPost",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="comments",
        verbose_name=_("planned post"),
        help_text=_("The agency's planned post it was written on, if it is one."),
    )
    category = models.CharField(
        _("class"), max_length=14, choices=Category.choices, default=Category.OTHER
    )
    sentiment = models.CharField(
        _("sentiment"), max_length=10, choices=Sentiment.choices, default=Sentiment.NEUTRAL
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.NEW, editable=False
    )
    assigned_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="assigned_comments",
        verbose_name=_("assigned to"),
    )
    reply_text = models.TextField(_("reply"), blank=True, editable=False)
    replied_at = models.DateTimeField(_("answered at"), null=True, blank=True, editable=False)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("answered by"),
        editable=False,
    )
    #: Office minutes between posted_at and replied_at, counted when the reply is recorded.
    response_minutes = models.PositiveIntegerField(
        _("response time (office minutes)"), null=True, blank=True, editable=False
    )
    # Where a question that was really an information request went.
    information_request = models.ForeignKey(
        "ppid.InformationRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="social_comments",
        verbose_name=_("PPID request"),
        editable=False,
    )
    ppid_consent = models.TextField(
        _("consent to a PPID request"),
        blank=True,
        editable=False,
        help_text=_("How and when the sender agreed that their question becomes a request."),
    )
    lapor_referred_at = models.DateTimeField(
        _("pointed to SP4N-LAPOR!"), null=True, blank=True, editable=False
    )
    source = models.CharField(
        _("source"), max_length=8, choices=Source.choices, default=Source.MANUAL, editable=False
    )
    #: The platform's id of the comment (or a fingerprint of an imported row): a re-import of the
    #: same export adds nothing twice.
    external_id = models.CharField(_("id on the platform"), max_length=200, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logged by"),
        editable=False,
    )
    created_at = models.DateTimeField(_("logged at"), default=timezone.now, editable=False)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = CommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("social media comment")
        verbose_name_plural = _("social media comments")
        ordering = ["-posted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "platform", "external_id"],
                condition=~Q(external_id=""),
                name="outreach_comment_unique_external_id",
            )
        ]
        indexes = [
            models.Index(fields=["agency", "status"]),
            models.Index(fields=["agency", "posted_at"]),
        ]

    def __str__(self) -> str:
        text = " ".join(self.text.split())
        return f"{self.author_name}: {text[:60]}{'…' if len(text) > 60 else ''}"

    def clean(self):
        super().clean()
        if (
            self.planned_post_id
            and self.agency_id
            and self.planned_post.agency_id != self.agency_id
        ):
            raise ValidationError({"planned_post": _("Choose one of this agency's own posts.")})
        if self.assigned_to_id and self.agency_id:
            from accounts.models import Membership

            if not Membership.objects.filter(
                user_id=self.assigned_to_id, agency_id=self.agency_id
            ).exists():
                raise ValidationError(
                    {"assigned_to": _("Choose someone who works for this agency.")}
                )

    @property
    def response_hours(self) -> float | None:
        return None if self.response_minutes is None else round(self.response_minutes / 60, 1)


#: Placeholders a reply template may use, with what they stand for (shown to the writer).
PLACEHOLDERS = {
    "nama": _("the sender's name"),
    "akun": _("the sender's account"),
    "instansi": _("the agency's short name"),
    "petugas": _("the first name of the person answering"),
    "tautan_ppid": _("the address of the online information-request form"),
    "lapor": _("the address of SP4N-LAPOR!"),
}


def template_placeholders(body: str) -> set[str]:
    """The {names} used in ``body``; raises ValueError for a malformed brace."""
    return {name for _text, name, _spec, _conv in string.Formatter().parse(body) if name}


class ReplyTemplate(models.Model):
    """A reply the agency reuses, with placeholders such as {nama}."""

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.CASCADE,
        related_name="reply_templates",
        verbose_name=_("agency"),
    )
    title = models.CharField(_("title"), max_length=120)
    category = models.CharField(
        _("for comments of class"),
        max_length=14,
        choices=Comment.Category.choices,
        blank=True,
        help_text=_("Offered first for comments of this class. Empty: for every class."),
    )
    body = models.TextField(
        _("text"),
        help_text=_("Placeholders: {nama}, {akun}, {instansi}, {petugas}, {tautan_ppid}, {lapor}."),
    )
    is_active = models.BooleanField(_("in use"), default=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reply template")
        verbose_name_plural = _("reply templates")
        ordering = ["agency", "title"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "title"], name="outreach_replytemplate_unique_title"
            )
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        try:
            used = template_placeholders(self.body or "")
        except ValueError:
            raise ValidationError(
                {"body": _("A brace { or } is not closed. Write placeholders as {nama}.")}
            ) from None
        unknown = sorted(used - set(PLACEHOLDERS))
        if unknown:
            raise ValidationError(
                {
                    "body": _("Unknown placeholder: %(names)s. Use only: %(known)s.")
                    % {
                        "names": ", ".join("{" + name + "}" for name in unknown),
                        "known": ", ".join("{" + name + "}" for name in PLACEHOLDERS),
                    }
                }
            )
