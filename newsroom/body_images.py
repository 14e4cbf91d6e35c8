"""Photos inside rich text, served like covers: each ``<img>`` whose source is one of our own
uploads becomes a ``<picture>`` of WebP and JPEG renditions with ``srcset``, its width and height
(no layout shift) and ``loading="lazy"``.

Done when the text is shown, on the sanitised HTML (``portal`` templates' ``sanitized`` filter),
never stored: the text in the database stays what the editor wrote. The result for one text is
kept in the cache by the text itself, so a page costs one cache read for all its photos and no
database query. An image from another site, or a file that is missing or unreadable, keeps its
original tag: nothing here can break a page.
"""

from __future__ import annotations

import hashlib
import html
import logging
import posixpath
import re
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.core.cache import cache
from django.core.files.storage import default_storage

from . import images

logger = logging.getLogger(__name__)

#: Widths offered for a photo in the text (the text column is at most 48rem, about 768 px).
BODY_WIDTHS = (480, 800, 1200)
SIZES = "(min-width: 52rem) 48rem, 100vw"
CACHE_SECONDS = 24 * 60 * 60

# nh3 writes every attribute as name="value" with '"' escaped, so this reads its output exactly.
_IMG = re.compile(r"<img((?:\s+[a-zA-Z_:][-a-zA-Z0-9_:.]*(?:=\"[^\"]*\")?)*)\s*/?>")
_ATTRIBUTE = re.compile(r'\s+([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:="([^"]*)")?')


@dataclass(frozen=True)
class StoredImage:
    """A file of the media storage by name, as ``images.picture`` reads an image field."""

    name: str

    @property
    def storage(self):
        return default_storage


def responsive_images(sanitised: str) -> str:
    """``sanitised`` HTML with our own uploaded images as ``<picture>`` with renditions."""
    if not sanitised or "<img" not in sanitised:
        return sanitised or ""
    key = (
        "body-images:"
        + hashlib.blake2b(f"{settings.MEDIA_URL}\0{sanitised}".encode(), digest_size=16).hexdigest()
    )
    done = cache.get(key)
    if done is None:
        done = _IMG.sub(_picture_of, sanitised)
        cache.set(key, done, CACHE_SECONDS)
    return done


def media_name(src: str) -> str | None:
    """The storage name of an address of our media (``/media/uploads/3/...``), or None for an
    address elsewhere, a rendition, or anything that climbs out of the media folder."""
    prefix = settings.MEDIA_URL
    if not src.startswith(prefix):
        return None
    parts = urlsplit(src)
    if parts.query or parts.fragment:
        return None
    name = unquote(src[len(prefix) :].split("?", 1)[0])
    clean = posixpath.normpath(name)
    if not name or clean != name or clean.startswith(("/", "..")) or "\\" in name:
        return None
    if clean.startswith(images.RENDITIONS_DIR + "/"):
        return None  # already a rendition
    return clean


def _picture_of(match: re.Match) -> str:
    original = match[0]
    attributes = {
        name.lower(): html.unescape(value or "") for name, value in _ATTRIBUTE.findall(match[1])
    }
    name = media_name(attributes.get("src", ""))
    if name is None:
        return original
    try:
        pic = images.picture(StoredImage(name), BODY_WIDTHS)
    except Exception:  # a storage that refuses the name (SuspiciousFileOperation...) or fails
        logger.warning("No renditions for the image %s in a text", name, exc_info=True)
        pic = None
    if pic is None:
        return original
    default = pic.default
    width, height = default.width, default.height
    sizes = SIZES
    asked = attributes.get("width", "")
    if asked.isdigit() and 0 < int(asked) < width:
        # The editor made the photo smaller: keep that size, with the height that fits it,
        # and let the browser fetch the rendition for that size only.
        width, height = int(asked), max(1, round(int(asked) * height / width))
        sizes = f"(min-width: {width}px) {width}px, 100vw"
    alt = attributes.get("alt", "")
    title = attributes.get("title")
    image = (
        f'<img src="{_e(default.url)}" srcset="{_e(pic.fallback_srcset)}" sizes="{sizes}"'
        f' width="{width}" height="{height}" alt="{_e(alt)}"'
        + (f' title="{_e(title)}"' if title else "")
        + ' loading="lazy" decoding="async">'
    )
    webp = (
        f'<source type="image/webp" srcset="{_e(pic.webp_srcset)}" sizes="{sizes}">'
        if pic.webp
        else ""
    )
    return f"<picture>{webp}{image}</picture>"


def _e(value: str) -> str:
    return html.escape(value, quote=True)
