"""Uploaded photos: checks (a real image of an allowed type, bounded in bytes and pixels) and the
resized renditions the portal shows instead of the originals."""

from __future__ import annotations

import hashlib
import io
import logging
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
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


ALT_TEXT_REQUIRED = gettext_lazy(
    "Describe the photo for people who cannot see it (alternative text)."
)


def require_alt_text(image, alt: str, alt_field: str) -> None:
    """Refuse a photo without its description for people who cannot see it (WCAG 1.1.1)."""
    if image and not (alt or "").strip():
        raise ValidationError({alt_field: ALT_TEXT_REQUIRED}, code="alt_required")


class AltTextRequired:
    """A model whose photos each need their alt text (``alt_text_fields``: (photo, its alt text)
    pairs). Checked with the fields, so a form that leaves either field out is not asked."""

    alt_text_fields: tuple[tuple[str, str], ...] = ()

    def clean_fields(self, exclude=None):
        errors = {}
        try:
            super().clean_fields(exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        skipped = set(exclude or ())
        for image, alt in self.alt_text_fields:
            if image in skipped or alt in skipped or alt in errors:
                continue
            try:
                require_alt_text(getattr(self, image), getattr(self, alt), alt)
            except ValidationError as error:
                errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)


def focal_point_field(verbose_name):
    """One coordinate of a photo's focal point: 0 (left or top) to 1, the centre by default."""
    return models.FloatField(
        verbose_name,
        default=0.5,
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=gettext_lazy("0 to 1; click the photo to set it."),
    )


# --- Renditions: what the portal shows instead of the uploaded original -------------------------

RENDITIONS_DIR = "renditions"
# Widths offered in srcset; never larger than the original.
COVER_WIDTHS = (480, 960, 1440)
CARD_WIDTHS = (400, 800)
LOGO_WIDTHS = (96, 192)
SHARE_WIDTH = 1200  # Open Graph / Twitter cards want at least 1200 px wide
ORIENTATION_TAG = 0x0112
#: Shapes of renditions cut to a fixed frame, as (width, height) ratios: the portal's cards
#: (``.card-media`` is 16:9 in static/css/site.css) and the link preview's 1200 × 630.
CARD_RATIO = (16, 9)
SHARE_RATIO = (1200, 630)
#: The centre of a photo: where a crop is placed when nobody chose a focal point.
CENTRE = (0.5, 0.5)


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


@dataclass(frozen=True)
class Crop:
    """A fixed shape (``ratio``, width to height) cut around ``focal`` (x and y from 0 to 1)."""

    ratio: tuple[int, int]
    focal: tuple[float, float] = CENTRE

    @classmethod
    def around(cls, ratio, focal=None) -> Crop:
        x, y = focal if focal is not None else CENTRE
        # Two decimals: a hundredth of the photo is finer than anyone clicks, and the names of
        # the files stay few.
        return cls(ratio, (round(_unit(x), 2), round(_unit(y), 2)))

    @property
    def tag(self) -> str:
        """Part of the rendition's name: another shape or point makes other files."""
        return f"c{self.ratio[0]}x{self.ratio[1]}-f{self.focal[0]:.2f}-{self.focal[1]:.2f}"

    def box(self, size: tuple[int, int]) -> tuple[int, int, int, int]:
        """The part of an upright image of ``size`` kept: as large as the shape allows,
        centred on the focal point as far as the edges let it be."""
        width, height = size
        want = self.ratio[0] / self.ratio[1]
        if width / height > want:  # wider than the shape: cut the sides
            kept = max(1, round(height * want))
            left = _clamp(round(self.focal[0] * width - kept / 2), 0, width - kept)
            return (left, 0, left + kept, height)
        kept = max(1, round(width / want))  # taller: cut the top and bottom
        top = _clamp(round(self.focal[1] * height - kept / 2), 0, height - kept)
        return (0, top, width, top + kept)


def _unit(value) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        return 0.5
    return 0.5 if number != number else min(1.0, max(0.0, number))  # NaN: the centre


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(high, value))


def rendition_name(original_name: str, width: int, fmt: str, crop: Crop | None = None) -> str:
    """Where the rendition of ``original_name`` at ``width`` lives (stable, so cached by name)."""
    digest = hashlib.sha256(original_name.encode()).hexdigest()[:16]
    stem = Path(original_name).stem[:40]
    shape = f"-{crop.tag}" if crop is not None else ""
    return f"{RENDITIONS_DIR}/{digest[:2]}/{stem}-{digest}-{width}w{shape}.{fmt}"


def picture(
    image_field, widths=COVER_WIDTHS, webp: bool = True, crop: Crop | None = None
) -> Picture | None:
    """Renditions of ``image_field`` at ``widths`` (made on first use), or None without a file;
    with ``crop``, cut to its shape around its focal point.

    An unreadable original is logged and yields None, so one broken upload never breaks a page.
    """
    if not image_field or not getattr(image_field, "name", None):
        return None
    # Remember the result by name: on object storage every exists() would be a network round trip.
    shape = crop.tag if crop is not None else ""
    what = f"{image_field.name}|{widths}|{webp}|{shape}"
    key = "picture:" + hashlib.sha256(what.encode()).hexdigest()
    pic = cache.get(key)
    if pic is None:
        pic = _make_picture(image_field.storage, image_field.name, widths, webp, crop)
        if pic is not None:
            cache.set(key, pic, 24 * 60 * 60)
    return pic


def _make_picture(storage, name: str, widths, with_webp: bool, crop=None) -> Picture | None:
    try:
        with storage.open(name, "rb") as fh, Image.open(fh) as image:
            size, has_alpha = _upright_size(image), _has_alpha(image)
    except Exception:
        logger.warning("Cannot read image %s for renditions", name, exc_info=True)
        return None
    box = crop.box(size) if crop is not None else None
    kept = (box[2] - box[0], box[3] - box[1]) if box else size
    targets = sorted({min(w, kept[0]) for w in widths})
    fallback_fmt = "png" if has_alpha else "jpg"
    try:
        webp = (
            [_ensure(storage, name, w, "webp", kept, crop, box) for w in targets]
            if with_webp
            else []
        )
        fallback = [_ensure(storage, name, w, fallback_fmt, kept, crop, box) for w in targets]
    except Exception:
        logger.warning("Cannot make renditions of %s", name, exc_info=True)
        return None
    return Picture(webp, fallback, "image/png" if has_alpha else "image/jpeg")


def share_image(image_field, focal=None) -> Rendition | None:
    """One JPEG rendition for link previews (Open Graph, Twitter). A photo with its ``focal``
    point is cut to 1200 × 630 around it; without one (a logo) it keeps its own shape."""
    crop = Crop.around(SHARE_RATIO, focal) if focal is not None else None
    pic = picture(image_field, widths=(SHARE_WIDTH,), webp=False, crop=crop)  # crawlers: JPEG
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


def _ensure(
    storage, original: str, width: int, fmt: str, size: tuple[int, int], crop=None, box=None
) -> Rendition:
    name = rendition_name(original, width, fmt, crop)
    height = max(1, round(size[1] * width / size[0]))
    if not storage.exists(name):
        data = _render(storage, original, width, height, fmt, box)
        saved = storage.save(name, ContentFile(data))
        if saved != name:
            # Another worker made the same rendition meanwhile: keep theirs, drop ours.
            storage.delete(saved)
    return Rendition(storage.url(name), width, height)


def _render(storage, original: str, width: int, height: int, fmt: str, box=None) -> bytes:
    with storage.open(original, "rb") as fh, Image.open(fh) as image:
        upright = _upright_size(image)
        # The whole upright image at the scale the rendition needs (all of it, or what the box
        # keeps of it): JPEGs decode straight at a smaller scale, so a 40 Mpx photo never fills
        # memory whole.
        scale = width / ((box[2] - box[0]) if box else upright[0])
        wanted = (max(1, round(upright[0] * scale)), max(1, round(upright[1] * scale)))
        image.draft("RGB", (wanted[1], wanted[0]) if _is_turned(image) else wanted)
        image = ImageOps.exif_transpose(image)
        if box is not None:
            # The box was measured on the original; the decoded image may be 1/2 to 1/8 of it.
            ratio = image.size[0] / upright[0]
            image = image.crop(tuple(round(edge * ratio) for edge in box))
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
