"""Server-side allow-list sanitising of rich text (nh3), applied before text is stored and shown.

Whatever the editor in the browser does, only this markup reaches the database and the portal.
The one frame allowed is a YouTube video from youtube-nocookie.com (newsroom.videos): its source
must be exactly ``https://www.youtube-nocookie.com/embed/<id>`` and every other attribute is
fixed here, whatever the editor sent; any other frame is removed with what it contained.
"""

import html
import re

import nh3
from django.utils.translation import gettext as _

from .videos import EMBED_PREFIX, EMBED_SRC, embed_url, youtube_id

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "strong", "b", "em", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "a", "img", "figure", "figcaption",
    "table", "thead", "tbody", "tr", "th", "td", "caption", "iframe",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title", "width", "height"},
    "th": {"colspan", "rowspan", "scope"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
    # Only these two pass nh3; the frame is then rebuilt with the fixed attributes below.
    "iframe": {"src", "title"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}

#: What every embedded video frame carries, and nothing else: no autoplay, no top navigation,
#: no referrer beyond the origin.
EMBED_ATTRIBUTES = (
    ("width", "560"),
    ("height", "315"),
    ("loading", "lazy"),
    ("referrerpolicy", "strict-origin-when-cross-origin"),
    ("allow", "encrypted-media; picture-in-picture; fullscreen"),
    ("sandbox", "allow-scripts allow-same-origin allow-presentation allow-popups"),
)
DEFAULT_EMBED_TITLE = "Video YouTube"

# nh3 serialises every attribute as name="value" with '"' escaped, so this reads its output
# exactly; an iframe's content is raw text up to the first "</iframe".
_FRAME = re.compile(
    r'<iframe((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:="[^"]*")?)*)\s*>.*?</iframe>', re.DOTALL
)
_ATTRIBUTE = re.compile(r'\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')


def _frame_attribute(tag: str, attribute: str, value: str):
    if tag == "iframe" and attribute == "src":
        return value if EMBED_SRC.fullmatch(value) else None
    return value


def embed_html(video_id: str, title: str = "") -> str:
    """The one form of embedded video the portal shows (also used by gallery pages)."""
    attributes = [("src", embed_url(video_id)), ("title", title or DEFAULT_EMBED_TITLE)]
    rendered = "".join(
        f' {name}="{html.escape(value, quote=True)}"'
        for name, value in (*attributes, *EMBED_ATTRIBUTES)
    )
    return f"<iframe{rendered}></iframe>"


def _rebuild_frame(match: re.Match) -> str:
    attributes = {
        name.lower(): html.unescape(value or "") for name, value in _ATTRIBUTE.findall(match[1])
    }
    source = EMBED_SRC.fullmatch(attributes.get("src", ""))
    if source is None:
        return ""  # a frame of anything else is dropped whole
    return embed_html(source[1], attributes.get("title", "").strip())


def sanitize_html(html_text: str) -> str:
    """Return ``html_text`` with every tag, attribute and URL scheme outside the allow-list removed.

    Scripts, styles, event handlers, ``javascript:`` and ``data:`` URLs never survive; links get
    ``rel="noopener noreferrer"``; frames survive only as youtube-nocookie.com video embeds.
    """
    if not html_text:
        return ""
    cleaned = nh3.clean(
        html_text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        attribute_filter=_frame_attribute,
    )
    if "<iframe" not in cleaned:
        return cleaned
    return _FRAME.sub(_rebuild_frame, cleaned)


def plain_text(html_text: str) -> str:
    """The text of ``html_text`` without any markup (for leads, feeds and meta descriptions)."""
    return nh3.clean(html_text or "", tags=set(), clean_content_tags={"iframe"}).strip()


def refused_frames(html_text: str) -> list[str]:
    """What :func:`sanitize_html` would remove of the frames in ``html_text``: one message for
    people per frame, so the editor is told before saving instead of losing the video silently."""
    if "<iframe" not in (html_text or "").lower():
        return []
    frames = nh3.clean(html_text, tags={"iframe"}, attributes={"iframe": {"src"}},
                       url_schemes={"http", "https"}, strip_comments=True)  # fmt: skip
    messages = []
    for attributes in re.findall(r"<iframe([^>]*)>", frames):
        found = re.search(r'\ssrc="([^"]*)"', attributes)
        source = html.unescape(found[1]) if found else ""
        if EMBED_SRC.fullmatch(source):
            continue
        video_id = youtube_id(source)
        if video_id:
            messages.append(
                _(
                    "YouTube videos can only be embedded through youtube-nocookie.com. Use "
                    "this address for the frame instead: %(url)s"
                )
                % {"url": embed_url(video_id)}
            )
        else:
            messages.append(
                _(
                    "A frame from “%(source)s” cannot be kept. Only YouTube videos can be "
                    "embedded, with an address starting %(prefix)s; for other platforms add an "
                    "ordinary link."
                )
                % {"source": source or "?", "prefix": EMBED_PREFIX}
            )
    return messages
