"""Social platforms and their limits: the one table, the superuser's overrides, and the counting.

Platforms change their limits without notice, so each number below names its source and the date
it was checked; a superuser who learns of a change overrides it in the admin (PlatformLimit) at
once, and the table is corrected in the next release. The browser counts as one types with the
same numbers (static/js/outreach-post-form.js reads them from the form); the server decides.

Counting: X counts a *weighted* length (the twitter-text v3 rules: every URL is 23, an emoji or a
CJK character 2, Latin text 1), done by the ``twitter-text-parser`` library (a port of Twitter's
own twitter-text, with its conformance cases). Every other platform counts characters (Unicode code
points after NFC normalisation, as a person counts them).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from twitter_text import parse_tweet


class Platform(models.TextChoices):
    """Where a post is published (the keys match the comment desk's SocialPlatform)."""

    INSTAGRAM = "instagram", "Instagram"
    FACEBOOK = "facebook", "Facebook"
    X = "x", "X (Twitter)"
    TIKTOK = "tiktok", "TikTok"
    YOUTUBE = "youtube", "YouTube"
    WHATSAPP = "whatsapp", _("WhatsApp Channel")
    THREADS = "threads", "Threads"
    LINKEDIN = "linkedin", "LinkedIn"


@dataclass(frozen=True)
class Limits:
    """What one platform accepts in one post. None: no limit we check."""

    caption: int  # characters (X: weighted length) of the whole text: caption, hashtags, link
    hashtags: int | None = None  # hashtags in the whole text
    title: int | None = None  # a separate title (YouTube)
    weighted: bool = False  # counted with the twitter-text weights
    link_in_text: bool = True  # the portal link goes into the text (clickable there)
    needs_title: bool = False
    needs_media: bool = False  # a photo is required to post at all


# The table. Each row: source, and the date it was checked.
LIMITS: dict[str, Limits] = {
    # Instagram Help Centre, "caption length" (2,200 characters); at most 5 hashtags per post since
    # Instagram's change of December 2025 (announced by Instagram, Dec 2025). Links in captions are
    # not clickable: the link goes in the bio. Checked 2026-11-29.
    Platform.INSTAGRAM: Limits(caption=2200, hashtags=5, link_in_text=False, needs_media=True),
    # Facebook: 63,206 characters per post (Meta, Facebook Help Centre). Checked 2026-11-29.
    Platform.FACEBOOK: Limits(caption=63206),
    # X: 280 weighted characters for accounts without X Premium; weights of twitter-text v3
    # (github.com/twitter/twitter-text, config/v3.json; developer.x.com "Counting characters").
    # Checked 2026-11-29.
    Platform.X: Limits(caption=280, weighted=True),
    # TikTok Content Posting API, "title" of a video post: at most 2,200 UTF-16 runes
    # (developers.tiktok.com, Content Posting API reference). Checked 2026-11-29.
    # (The video itself is uploaded on TikTok and YouTube; the post here carries its text.)
    Platform.TIKTOK: Limits(caption=2200, link_in_text=False),
    # YouTube Data API v3, videos resource: title at most 100 characters, description at most
    # 5,000 bytes (developers.google.com/youtube/v3/docs/videos). Checked 2026-11-29.
    Platform.YOUTUBE: Limits(caption=5000, title=100, needs_title=True),
    # WhatsApp Channels: WhatsApp documents no separate limit for channel updates; 65,536
    # characters is the message limit of WhatsApp's clients (WhatsApp Help Centre). Checked
    # 2026-11-29.
    Platform.WHATSAPP: Limits(caption=65536),
    # Threads: 500 characters per post and one topic tag per post (Threads Help Centre,
    # "Create a post"; Meta Threads API reference, "text" up to 500). Checked 2026-11-29.
    Platform.THREADS: Limits(caption=500, hashtags=1),
    # LinkedIn: 3,000 characters per post (LinkedIn Help, "Share posts"). Checked 2026-11-29.
    Platform.LINKEDIN: Limits(caption=3000),
}


class PlatformLimit(models.Model):
    """A superuser's correction of one number in the table, in force until the next release."""

    class Kind(models.TextChoices):
        CAPTION = "caption", _("Text length")
        HASHTAGS = "hashtags", _("Number of hashtags")
        TITLE = "title", _("Title length")

    platform = models.CharField(_("platform"), max_length=12, choices=Platform.choices)
    kind = models.CharField(_("limit"), max_length=10, choices=Kind.choices)
    value = models.PositiveIntegerField(_("new value"))
    reason = models.CharField(
        _("reason and source"),
        max_length=300,
        help_text=_("Where the new limit is announced, e.g. the platform's help page and date."),
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("changed by"),
        editable=False,
    )
    updated_at = models.DateTimeField(_("changed at"), auto_now=True)

    class Meta:
        verbose_name = _("platform limit")
        verbose_name_plural = _("platform limits")
        ordering = ["platform", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "kind"], name="outreach_platformlimit_one_per_kind"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_platform_display()} · {self.get_kind_display()}: {self.value}"

    def clean(self):
        super().clean()
        if self.value is not None and self.value < 1:
            raise ValidationError({"value": _("A limit is at least 1.")})


def limits_for(platform: str) -> Limits:
    """The limits in force for ``platform``: the table, with any superuser override applied."""
    base = LIMITS[platform]
    overrides = dict(PlatformLimit.objects.filter(platform=platform).values_list("kind", "value"))
    return replace(base, **overrides) if overrides else base


# --- counting --------------------------------------------------------------------------------

_URL = re.compile(r"(?:https?://|www\.)[^\s<>\"]+", re.IGNORECASE)
_SCHEME_URL = re.compile(r"https?://[^\s<>\"]+?(?=[.,;:!?)\]]*(?:\s|$))", re.IGNORECASE)
# What X makes of every link: a t.co address of 23 characters.
_TCO = "https://t.co/0123456789"
# A hashtag: '#' not inside a word or URL, then letters/digits/underscore with at least one letter.
_HASHTAG = re.compile(r"(?<![\w&/#])[#＃](\w*[^\W\d_]\w*)")


def text_length(text: str, platform: str, limits: Limits | None = None) -> int:
    """The length of ``text`` as ``platform`` counts it."""
    limits = limits or LIMITS[platform]
    if limits.weighted:
        # Every http(s) link counts 23, also one twitter-text would not recognise (a portal on
        # http://127.0.0.1:8000 in development), as the browser's counter counts it.
        return parse_tweet(_SCHEME_URL.sub(_TCO, text or "")).weightedLength
    return len(unicodedata.normalize("NFC", text or "").replace("\r\n", "\n"))


def hashtags_in(text: str) -> list[str]:
    """The hashtags of ``text`` (without '#'), in order, ignoring '#' inside links."""
    return _HASHTAG.findall(_URL.sub(" ", text or ""))


def check_text(
    platform: str, text: str, *, title: str = "", limits: Limits | None = None
) -> dict[str, str]:
    """Problems of a post's whole text for ``platform``, by field (``caption``, ``title``), each
    with the count, e.g. "Keterangan untuk X 301 dari 280 karakter"."""
    limits = limits or limits_for(platform)
    name = Platform(platform).label
    problems = {}
    length = text_length(text, platform, limits)
    if length > limits.caption:
        problems["caption"] = gettext(
            "Caption for %(platform)s: %(count)s of %(limit)s characters; shorten it by %(over)s."
        ) % {
            "platform": name,
            "count": length,
            "limit": limits.caption,
            "over": length - limits.caption,
        }
        if limits.weighted:
            problems["caption"] += " " + gettext("(X counts every link as 23 and an emoji as 2.)")
    if limits.hashtags is not None:
        count = len(hashtags_in(text))
        if count > limits.hashtags:
            problems["hashtags"] = gettext(
                "%(platform)s accepts at most %(limit)s hashtags; this post has %(count)s."
            ) % {"platform": name, "limit": limits.hashtags, "count": count}
    if limits.title is not None:
        title_length = text_length(title, platform, limits)
        if limits.needs_title and not (title or "").strip():
            problems["title"] = gettext("%(platform)s needs a title.") % {"platform": name}
        elif title_length > limits.title:
            problems["title"] = gettext(
                "The title for %(platform)s is %(count)s of %(limit)s characters."
            ) % {"platform": name, "count": title_length, "limit": limits.title}
    return problems


def all_limits() -> dict[str, Limits]:
    """Every platform's limits in force, overrides applied (one query, for lists and exports)."""
    overrides: dict[str, dict[str, int]] = {}
    for platform, kind, value in PlatformLimit.objects.values_list("platform", "kind", "value"):
        overrides.setdefault(platform, {})[kind] = value
    return {str(p): replace(base, **overrides.get(p, {})) for p, base in LIMITS.items()}


def limits_as_data() -> dict[str, dict]:
    """Every platform's limits in force, for the browser's live counter (one query)."""
    data = {}
    for platform, limits in all_limits().items():
        data[platform] = {
            "name": str(Platform(platform).label),
            "caption": limits.caption,
            "hashtags": limits.hashtags,
            "title": limits.title,
            "weighted": limits.weighted,
            "link_in_text": limits.link_in_text,
        }
    return data
