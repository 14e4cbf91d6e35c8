"""Videos in galleries and rich text: YouTube is embedded, only from youtube-nocookie.com (no
tracking cookie before the visitor presses play); every other platform is a plain link card, so no
third-party script ever runs on the portal's pages.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.utils.translation import gettext_lazy as _

EMBED_HOST = "www.youtube-nocookie.com"
EMBED_ORIGIN = f"https://{EMBED_HOST}"
EMBED_PREFIX = f"{EMBED_ORIGIN}/embed/"
#: A YouTube video id: 11 characters of base64url.
VIDEO_ID = re.compile(r"[A-Za-z0-9_-]{11}")
#: The only iframe source the sanitiser lets through (newsroom.sanitize).
EMBED_SRC = re.compile(r"https://www\.youtube-nocookie\.com/embed/([A-Za-z0-9_-]{11})")

_YOUTUBE_HOSTS = {"youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"}
_NOCOOKIE_HOSTS = {"youtube-nocookie.com", "www.youtube-nocookie.com"}
#: Hosts named on link cards (the rest show their host name).
PLATFORMS = {
    "instagram.com": "Instagram",
    "tiktok.com": "TikTok",
    "facebook.com": "Facebook",
    "fb.watch": "Facebook",
    "vimeo.com": "Vimeo",
    "x.com": "X",
    "twitter.com": "X",
    "dailymotion.com": "Dailymotion",
}


def youtube_id(url: str) -> str | None:
    """The video id of a YouTube address (watch, youtu.be, shorts, live, embed), else None."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    segments = [s for s in parts.path.split("/") if s]
    candidate = None
    if host == "youtu.be" and segments:
        candidate = segments[0]
    elif host in _YOUTUBE_HOSTS:
        if segments[:1] == ["watch"]:
            candidate = (parse_qs(parts.query).get("v") or [""])[0]
        elif len(segments) >= 2 and segments[0] in ("shorts", "live", "embed", "v"):
            candidate = segments[1]
    elif host in _NOCOOKIE_HOSTS and len(segments) >= 2 and segments[0] == "embed":
        candidate = segments[1]
    return candidate if candidate and VIDEO_ID.fullmatch(candidate) else None


def embed_url(video_id: str) -> str:
    return EMBED_PREFIX + video_id


@dataclass(frozen=True)
class Video:
    """How a gallery shows one video address: an embed (YouTube) or a link card."""

    url: str
    embed: str  # the youtube-nocookie.com address, or "" for a link card
    platform: str

    @property
    def is_embedded(self) -> bool:
        return bool(self.embed)


def describe(url: str) -> Video:
    video_id = youtube_id(url)
    if video_id:
        return Video(url, embed_url(video_id), "YouTube")
    host = (urlsplit(url).hostname or "").lower().removeprefix("www.").removeprefix("m.")
    return Video(url, "", _platform(host))


def _platform(host: str) -> str:
    for domain, name in PLATFORMS.items():
        if host == domain or host.endswith("." + domain):
            return name
    return host


def check_video_url(url: str) -> str | None:
    """Why ``url`` cannot be a gallery video (a message), or None when it can."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        parts = None
    if parts is None or parts.scheme != "https" or not parts.hostname:
        return str(_("Enter the full video address, starting with https://."))
    host = parts.hostname.lower()
    if (host in _YOUTUBE_HOSTS or host in _NOCOOKIE_HOSTS or host == "youtu.be") and not (
        youtube_id(url)
    ):
        return str(
            _("This YouTube address does not name a video. Copy the address of the video itself.")
        )
    return None
