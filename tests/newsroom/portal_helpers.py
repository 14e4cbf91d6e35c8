"""Helpers shared by the portal tests (not a test module)."""

import io

from django.core.files.base import ContentFile
from PIL import Image


def image_bytes(fmt="JPEG", size=(1600, 900), mode="RGB", color=(30, 90, 160)) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, color).save(out, fmt)
    return out.getvalue()


def give_cover(article, name="cover.jpg", **image_kwargs):
    """Attach a real uploaded cover photo to ``article`` (stored under the test MEDIA_ROOT)."""
    article.cover_image.save(name, ContentFile(image_bytes(**image_kwargs)), save=False)
    type(article).objects.filter(pk=article.pk).update(cover_image=article.cover_image.name)
    return article
