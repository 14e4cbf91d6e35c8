"""Uploaded photos: checks (a real image of an allowed type, bounded in bytes and pixels) and the
resized renditions the portal shows instead of the originals."""

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext as _
from PIL import Image, ImageOps

logger = logging.getLogger(__name__)

ALLOWED_FORMATS = {"JPEG", "PNG", "WEBP", "GIF"}


def validate_image(upload) -> None:
    """Raise ValidationError unless ``upload`` is a JPEG, PNG, WebP or GIF within the limits.

    The type is read from the content, never from the file name, and the pixel count is checked
    from the header before anything is decoded, so a decompression bomb is refused cheaply.
    """
    max_bytes = settings.HUMAS_IMAGE_MAX_BYTES
    if upload.size is not None and upload.size > max_bytes:
        raise ValidationError(
            _("The photo is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": round(upload.size / 1_048_576, 1), "limit": max_bytes // 1_048_576},
            code="too_large",
        )
    position = upload.tell() if hasattr(upload, "tell") else None
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            fmt = image.format
            width, height = image.size
            if fmt not in ALLOWED_FORMATS:
                raise ValidationError(
                    _("Only JPEG, PNG, WebP or GIF photos can be uploaded."), code="bad_type"
                )
            if width * height > settings.HUMAS_IMAGE_MAX_PIXELS:
                raise ValidationError(
                    _(
                        "The photo has too many pixels (%(w)s × %(h)s); "
                        "please resize it below %(limit)s megapixels."
                    )
                    % {"w": width, "h": height, "limit": settings.HUMAS_IMAGE_MAX_PIXELS // 10**6},
                    code="too_many_pixels",
                )
            image.verify()
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError(
            _("The photo has too many pixels; please resize it."), code="too_many_pixels"
        ) from None
    except Exception:
        raise ValidationError(
            _("The file is not a valid image. Upload a JPEG, PNG, WebP or GIF photo."),
            code="not_image",
        ) from None
    finally:
        if position is not None:
            upload.seek(position)


# --- Renditions: what the portal shows instead of the uploaded original -------------------------

RENDITIONS_DIR = "renditions"
# Widths offered in srcset; never larger than the original.
COVER_WIDTHS = (480, 960, 1440)
CARD_WIDTHS = (400, 800)
LOGO_WIDTHS = (96, 192)
SHARE_WIDTH = 1200
ORIENTATION_TAG = 0x0112  # Open Graph / Twitter cards want at least 1200 px wide


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class Picture:
    """A set of renditions of one image: WebP plus a JPEG (or PNG, when transparent) fallback."""

    webp: list[Rendition]
    fallback: list[Rendition]
    fallback_type: str

    @property
    def default(self) -> Rendition:
        """The middle fallback size, for ``<img src>``."""
        return self.fallback[len(self.fallback) // 2 if len(self.fallback) > 1 else 0]

    @property
    def webp_srcset(self) -> str:
        return ", ".join(f"{r.url} {r.width}w" for r in self.webp)

    @property
    def fallback_srcset(self) -> str:
        return ", ".join(f"{r.url} {r.width}w" for r in self.fallback)

    @property
    def fallback_srcset_x(self) -> str:
        """Density descriptors (1x, 2x) for images shown at a fixed size, such as logos."""
        base = self.fallback[0].width
        return ", ".join(f"{r.url} {round(r.width / base)}x" for r in self.fallback)


def rendition_name(original_name: str, width: int, fmt: str) -> str:
    """Where the rendition of ``original_name`` at ``width`` lives (stable, so cached by name)."""
    digest = hashlib.sha256(original_name.encode()).hexdigest()[:16]
    stem = Path(original_name).stem[:40]
    return f"{RENDITIONS_DIR}/{digest[:2]}/{stem}-{digest}-{width}w.{fmt}"


def picture(image_field, widths=COVER_WIDTHS, webp: bool = True) -> Picture | None:
    """Renditions of ``image_field`` at ``widths`` (made on first use), or None without a file.

    An unreadable original is logged and yields None, so one broken upload never breaks a page.
    """
    if not image_field or not image_field.name:
        return None
    # Remember the result by name: on object storage every exists() would be a network round trip.
    key = "picture:" + hashlib.sha256(f"{image_field.name}|{widths}|{webp}".encode()).hexdigest()
    pic = cache.get(key)
    if pic is None:
        pic = _make_picture(image_field.storage, image_field.name, widths, webp)
        if pic is not None:
            cache.set(key, pic, 24 * 60 * 60)
    return pic


def _make_picture(storage, name: str, widths, with_webp: bool) -> Picture | None:
    try:
        with storage.open(name, "rb") as fh, Image.open(fh) as image:
            size, has_alpha = _upright_size(image), _has_alpha(image)
    except Exception:
        logger.warning("Cannot read image %s for renditions", name, exc_info=True)
        return None
    targets = sorted({min(w, size[0]) for w in widths})
    fallback_fmt = "png" if has_alpha else "jpg"
    try:
        webp = [_ensure(storage, name, w, "webp", size) for w in targets] if with_webp else []
        fallback = [_ensure(storage, name, w, fallback_fmt, size) for w in targets]
    except Exception:
        logger.warning("Cannot make renditions of %s", name, exc_info=True)
        return None
    return Picture(webp, fallback, "image/png" if has_alpha else "image/jpeg")


def share_image(image_field) -> Rendition | None:
    """One JPEG rendition for link previews (Open Graph, Twitter)."""
    pic = picture(image_field, widths=(SHARE_WIDTH,), webp=False)  # crawlers want JPEG/PNG
    return pic.fallback[-1] if pic else None


def _is_turned(image) -> bool:
    """Whether the camera's EXIF orientation turns the picture a quarter (portrait phone photos)."""
    return image.getexif().get(ORIENTATION_TAG) in (5, 6, 7, 8)


def _upright_size(image) -> tuple[int, int]:
    width, height = image.size
    return (height, width) if _is_turned(image) else (width, height)


def _has_alpha(image) -> bool:
    return image.mode in ("RGBA", "LA", "PA") or (
        image.mode == "P" and "transparency" in image.info
    )


def _ensure(storage, original: str, width: int, fmt: str, size: tuple[int, int]) -> Rendition:
    name = rendition_name(original, width, fmt)
    height = max(1, round(size[1] * width / size[0]))
    if not storage.exists(name):
        data = _render(storage, original, width, height, fmt)
        saved = storage.save(name, ContentFile(data))
        if saved != name:
            # Another worker made the same rendition meanwhile: keep theirs, drop ours.
            storage.delete(saved)
    return Rendition(storage.url(name), width, height)


def _render(storage, original: str, width: int, height: int, fmt: str) -> bytes:
    with storage.open(original, "rb") as fh, Image.open(fh) as image:
        # JPEGs decode straight at a smaller scale: a 40 Mpx photo never fills memory whole.
        image.draft("RGB", (height, width) if _is_turned(image) else (width, height))
        image = ImageOps.exif_transpose(image)
        if fmt == "jpg":
            image = image.convert("RGB")
        elif image.mode not in ("RGB", "RGBA"):
            image = image.convert("RGBA" if _has_alpha(image) else "RGB")
        image = image.resize((width, height), Image.Resampling.LANCZOS, reducing_gap=3.0)
        out = io.BytesIO()
        if fmt == "webp":
            image.save(out, "WEBP", quality=80, method=4)
        elif fmt == "png":
            image.save(out, "PNG", optimize=True)
        else:
            image.save(out, "JPEG", quality=82, optimize=True, progressive=True)
        return out.getvalue()
