"""Planned social posts: one post for one platform, drafted by a writer, approved by a supervisor
through the publishing workflow (newsroom.workflow), then marked as posted with its address.

A post is one more publishable kind: "published" means *approved for posting*; its planned time
is when the team means to put it online (a scheduling tool takes it from the CSV export). It may
come from an article, announcement, event or any other publishable item of the agency (its
*source*: link, photo and caption draft come from there) or stand alone.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from newsroom import editing
from newsroom.images import validate_image
from newsroom.publishing import Publishable, Status, kinds
from newsroom.workflow import WorkflowError, lock, record_event

from . import platforms, utm
from .planning import KeyMessage, Objective, Pillar, check_same_agency
from .platforms import Platform

#: The fields of a source item that may hold its photo, in order of preference.
SOURCE_IMAGE_FIELDS = ("cover_image", "image", "photo", "poster")


def source_kinds() -> list[type[Publishable]]:
    """The kinds a post can be made from: every publishable kind except posts themselves."""
    return [kind for kind in kinds() if not issubclass(kind, PlannedPost)]


class HashtagSet(models.Model):
    """Hashtags an agency uses together (#Dislutkan #KaltengBerkah ...), inserted into posts."""

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.CASCADE,
        related_name="hashtag_sets",
        verbose_name=_("agency"),
    )
    name = models.CharField(_("name"), max_length=80)
    hashtags = models.CharField(
        _("hashtags"), max_length=500, help_text=_("Separated by spaces, e.g. #Dislutkan #Kalteng")
    )

    class Meta:
        verbose_name = _("hashtag set")
        verbose_name_plural = _("hashtag sets")
        ordering = ["agency", "name"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "name"], name="outreach_hashtagset_name")
        ]

    def __str__(self) -> str:
        return self.name

    def clean(self):
        super().clean()
        self.hashtags = normalise_hashtags(self.hashtags)
        if not self.hashtags:
            raise ValidationError({"hashtags": _("Enter at least one hashtag, e.g. #Dislutkan.")})

    def tags(self) -> list[str]:
        return self.hashtags.split()


def normalise_hashtags(text: str) -> str:
    """'dislutkan, #Kalteng  #kalteng' -> '#dislutkan #Kalteng' (one '#', no repeats, spaces)."""
    seen, tags = set(), []
    for word in (text or "").replace(",", " ").split():
        tag = "#" + word.lstrip("#＃")
        if len(tag) > 1 and tag.lower() not in seen:
            seen.add(tag.lower())
            tags.append(tag)
    return " ".join(tags)


class PlannedPost(Publishable):
    """One post for one social platform, with its caption, hashtags, photo and tracked link."""

    content_fields = (
        "platform", "source_type", "source_id", "title", "caption", "hashtags", "image",
        "link", "planned_at", "pillar", "objective", "key_message",
    )  # fmt: skip
    #: Posted on social media, never shown on the portal: approving one keeps the page cache.
    shown_on_site = False

    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    source_type = models.ForeignKey(
        ContentType,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("source type"),
    )
    source_id = models.PositiveBigIntegerField(_("source id"), null=True, blank=True)
    source = GenericForeignKey("source_type", "source_id")
    #: YouTube's video title; on other platforms a working title for the team's lists, the review
    #: queue and the notices (made from the caption when left empty).
    title = models.CharField(
        _("title"),
        max_length=200,
        blank=True,
        help_text=_(
            "For YouTube, the video's title. Elsewhere a short name for the team's lists; made "
            "from the caption when left empty."
        ),
    )
    caption = models.TextField(_("caption"))
    hashtags = models.CharField(
        _("hashtags"),
        max_length=500,
        blank=True,
        help_text=_("Added after the caption, separated by spaces."),
    )
    image = models.ImageField(
        _("photo"),
        upload_to="outreach/%Y/%m/",
        blank=True,
        validators=[validate_image],
        help_text=_("Empty: the source's photo is used."),
    )
    link = models.URLField(
        _("link to the portal"),
        max_length=500,
        blank=True,
        help_text=_("Empty: the source's address. Campaign tags (UTM) are added by themselves."),
    )
    planned_at = models.DateTimeField(_("planned time"))
    pillar = models.ForeignKey(
        Pillar, on_delete=models.PROTECT, related_name="posts", verbose_name=_("content pillar")
    )
    objective = models.ForeignKey(
        Objective,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("content objective"),
    )
    key_message = models.ForeignKey(
        KeyMessage,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="posts",
        verbose_name=_("key message"),
    )
    # Set by mark_posted once the post is online.
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True, editable=False)
    posted_url = models.URLField(_("post address"), max_length=500, blank=True, editable=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("posted by"),
        editable=False,
    )

    class Meta:
        verbose_name = _("planned social post")
        verbose_name_plural = _("planned social posts")
        ordering = ["planned_at", "id"]
        indexes = [
            models.Index(fields=["agency", "planned_at"], name="plannedpost_agency_time_idx"),
            models.Index(fields=["agency", "status"], name="plannedpost_agency_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()}: {self.title or working_title(self.caption, 60)}"

    def save(self, *args, **kwargs):
        if not (self.title or "").strip():
            # The source's headline names the post best; a post on its own, its first words.
            source = self.source if self.source_type_id and self.source_id else None
            self.title = working_title(getattr(source, "title", "") or self.caption)
            if kwargs.get("update_fields") is not None:
                kwargs["update_fields"] = {*kwargs["update_fields"], "title"}
        super().save(*args, **kwargs)

    def get_status_display(self) -> str:
        """A post is never "published" on the portal: approved means ready to post."""
        if self.status == Status.PUBLISHED:
            return gettext("Posted") if self.is_posted else gettext("Approved")
        return super()._get_FIELD_display(self._meta.get_field("status"))

    # --- what goes online -------------------------------------------------------------------

    @property
    def limits(self) -> platforms.Limits:
        return platforms.limits_for(self.platform)

    def campaign(self) -> str:
        """utm_campaign: the objective's slug, else the pillar's."""
        if self.objective_id:
            return self.objective.slug
        return self.pillar.slug if self.pillar_id else ""

    def portal_link(self) -> str:
        """The portal address the post points to (the chosen link, else the source's)."""
        if self.link:
            return self.link
        source = self.source
        if source is not None and hasattr(source, "get_absolute_url"):
            return utm.absolute(source.get_absolute_url(), self.agency)
        return ""

    def tracked_link(self) -> str:
        return utm.with_utm(self.portal_link(), platform=self.platform, campaign=self.campaign())

    def full_text(self, limits: platforms.Limits | None = None) -> str:
        """The whole text as it goes online: caption, hashtags, then the tracked link where the
        platform makes links clickable."""
        limits = limits or self.limits
        link = self.tracked_link() if limits.link_in_text else ""
        return compose(self.caption, self.hashtags, link)

    def media(self):
        """The photo to post: its own, else the source's (a FieldFile), or None."""
        if self.image:
            return self.image
        source = self.source
        for name in SOURCE_IMAGE_FIELDS:
            photo = getattr(source, name, None) if source is not None else None
            if photo:
                return photo
        return None

    @property
    def is_posted(self) -> bool:
        return self.posted_at is not None

    # --- checks -----------------------------------------------------------------------------

    def clean(self):
        super().clean()
        self.hashtags = normalise_hashtags(self.hashtags)
        # Browsers send line breaks as CR LF; the platforms (and the counts) take one LF.
        self.caption = (self.caption or "").replace("\r\n", "\n")
        if self.agency_id:
            check_same_agency(
                self.agency_id,
                pillar=self.pillar if self.pillar_id else None,
                objective=self.objective,
                key_message=self.key_message,
            )
            source = self.source if self.source_type_id and self.source_id else None
            if self.source_type_id and self.source_id and source is None:
                raise ValidationError({"source_id": _("The source no longer exists.")})
            if source is not None and getattr(source, "agency_id", None) != self.agency_id:
                raise ValidationError({"source_id": _("Choose one of this agency's own items.")})
        if self.platform in platforms.LIMITS and self.caption is not None:
            self.check_limits()

    def check_limits(self) -> None:
        """Refuse a text the platform would not take, naming the count (see outreach.platforms)."""
        limits = self.limits
        problems = platforms.check_text(
            self.platform, self.full_text(limits), title=self.title, limits=limits
        )
        if limits.needs_media and self.agency_id and not self.media():
            problems["image"] = gettext(
                "%(platform)s posts need a photo: upload one, or make the post from an item "
                "that has a photo."
            ) % {"platform": self.get_platform_display()}
        if problems:
            raise ValidationError(problems)


def working_title(caption: str, length: int = 80) -> str:
    """The first words of the caption, up to ``length`` characters, as a name in lists."""
    words = " ".join((caption or "").split())
    if len(words) <= length:
        return words
    return words[: length - 1].rsplit(" ", 1)[0] + "…"


def compose(caption: str, hashtags: str = "", link: str = "") -> str:
    """The caption, the link on the line after it (after the call to action that closes the
    caption), then the hashtags as the last paragraph."""
    text = "\n".join(part for part in ((caption or "").strip(), (link or "").strip()) if part)
    hashtags = (hashtags or "").strip()
    return f"{text}\n\n{hashtags}" if text and hashtags else text or hashtags


# --- services ------------------------------------------------------------------------------


def mark_posted(
    post: PlannedPost | int, *, actor, url: str, posted_at: datetime | None = None
) -> PlannedPost:
    """Record that an approved post is online at ``url`` (since ``posted_at``, default now)."""
    url = (url or "").strip()
    now = timezone.now()
    posted_at = posted_at or now
    if timezone.is_naive(posted_at):
        posted_at = timezone.make_aware(posted_at, timezone.get_default_timezone())
    if not url.lower().startswith(("https://", "http://")):
        raise WorkflowError(gettext("Enter the address of the post, starting with https://."))
    if len(url) > 500:
        raise WorkflowError(gettext("The address of the post is too long."))
    if posted_at > now + timezone.timedelta(minutes=5):
        raise WorkflowError(gettext("The time it was posted cannot be in the future."))
    with transaction.atomic():
        post = lock(post, PlannedPost)
        if not permissions.can_edit_content(actor, post):
            raise WorkflowError(
                gettext("You do not have a role in this agency that allows this step.")
            )
        if post.status != Status.PUBLISHED:
            raise WorkflowError(gettext("Only an approved post can be marked as posted."))
        post.posted_at = posted_at
        post.posted_url = url
        post.posted_by = actor
        post.version += 1
        post.save(update_fields=["posted_at", "posted_url", "posted_by", "version", "updated_at"])
        record_event(post, "posted", actor=actor, comment=url)
    return post


def plan_from_source(
    source,
    *,
    platforms_wanted: list[str],
    planned_at: datetime,
    pillar: Pillar,
    actor,
    objective: Objective | None = None,
    key_message: KeyMessage | None = None,
    hashtags: str = "",
) -> list[PlannedPost]:
    """Draft one post per platform from ``source`` (a news item, announcement, event...), each
    caption drafted by the caption helper for its platform; all or none are created.

    Refused (ValidationError, by platform) when a platform cannot take the post, for example
    Instagram without a photo, so the writer can drop that platform and try again.
    """
    from .captions import draft_caption, draft_title

    if not platforms_wanted:
        raise ValidationError(gettext("Choose at least one platform."))
    if not permissions.can_create_content(actor, source.agency_id):
        raise ValidationError(
            gettext("You do not have a role in this agency that allows this step.")
        )
    drafts, problems = [], []
    for platform in platforms_wanted:
        tags = normalise_hashtags(hashtags)
        limits = platforms.limits_for(platform)
        if limits.hashtags is not None:
            tags = " ".join(tags.split()[: limits.hashtags])  # Threads: one topic tag
        post = PlannedPost(
            agency_id=source.agency_id,
            platform=platform,
            source=source,
            hashtags=tags,
            planned_at=planned_at,
            pillar=pillar,
            objective=objective,
            key_message=key_message,
        )
        post.caption = draft_caption(source, platform, hashtags=tags, link=post.tracked_link())
        if limits.title is not None:
            post.title = draft_title(source, platform)
        try:
            post.full_clean(exclude=["author"])
        except ValidationError as refused:
            messages = [m for errors in refused.message_dict.values() for m in errors]
            problems.append(f"{Platform(platform).label}: {' '.join(messages)}")
            continue
        drafts.append(post)
    if problems:
        raise ValidationError(problems)
    with transaction.atomic():
        return [editing.create(post, actor=actor) for post in drafts]
