"""Checks for uploaded photos: a real image of an allowed type, bounded in bytes and pixels."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from PIL import Image

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
