"""Each agency's photo library (pustaka foto): photos uploaded once and used again, found by
their caption.

Every image put into an article's text through the editor is recorded here
(``newsroom.uploads``), so is every cover uploaded in an article's form (:func:`record_cover`),
and a photo can be added to the library in the admin. A writer then picks
one as an article's cover (:func:`use_as_cover`): the cover points at the same file and takes
the library's caption, alt text, credit and focal point. Nobody sees another agency's library
(:func:`visible_to`, the admin's scoping, the editor's "browse server").
"""

from __future__ import annotations

import posixpath

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accounts import permissions

from .images import AltTextRequired, focal_point_field, validate_image
from .publishing import AgencyOwned


class MediaImageQuerySet(models.QuerySet):
    def visible_to(self, user) -> MediaImageQuerySet:
        """The photos of the agencies where ``user`` holds a newsroom role (all: superusers)."""
        agency_ids = permissions.editor_image_agency_ids(user)
        return self if agency_ids is None else self.filter(agency_id__in=agency_ids)

    def matching(self, text: str) -> MediaImageQuerySet:
        """Photos whose caption, alt text or credit contains ``text``."""
        text = (text or "").strip()
        if not text:
            return self
        return self.filter(
            models.Q(caption__icontains=text)
            | models.Q(alt_text__icontains=text)
            | models.Q(credit__icontains=text)
        )


class MediaImage(AltTextRequired, AgencyOwned):
    """One photo of an agency's library."""

    alt_text_fields = (("file", "alt_text"),)

    file = models.ImageField(_("photo"), upload_to="library/%Y/%m/", validators=[validate_image])
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    alt_text = models.CharField(
        _("photo description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    credit = models.CharField(_("photo credit"), max_length=120, blank=True)
    focal_x = focal_point_field(_("focal point, across"))
    focal_y = focal_point_field(_("focal point, down"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("uploaded by"),
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)

    objects = MediaImageQuerySet.as_manager()

    class Meta:
        verbose_name = _("library photo")
        verbose_name_plural = _("photo library")
        ordering = ["-uploaded_at", "-id"]
        indexes = [models.Index(fields=["agency", "-uploaded_at"], name="mediaimage_agency_idx")]

    def __str__(self) -> str:
        return self.caption or self.alt_text or posixpath.basename(self.file.name)


def record_upload(*, agency_id: int, name: str, uploaded_by=None) -> MediaImage:
    """Put an image the editor has just stored (``name`` in the media storage) in the library."""
    return MediaImage.objects.create(agency_id=agency_id, file=name, uploaded_by=uploaded_by)


def record_cover(article, *, uploaded_by=None) -> MediaImage | None:
    """Put an article's newly uploaded cover in its agency's library, with its description,
    caption, credit and focal point (once per file)."""
    name = article.cover_image.name
    if not name or not getattr(article.cover_image, "_committed", True):
        return None  # no photo, or one not stored (yet)
    photo, _created = MediaImage.objects.get_or_create(
        agency_id=article.agency_id,
        file=name,
        defaults={
            "caption": article.cover_caption,
            "alt_text": article.cover_alt,
            "credit": article.cover_credit,
            "focal_x": article.focal_x,
            "focal_y": article.focal_y,
            "uploaded_by": uploaded_by,
        },
    )
    return photo


def use_as_cover(values: dict, photo: MediaImage) -> dict:
    """The cover fields of an article's form set from ``photo``: the same file, its alt text,
    caption, credit and focal point (what the writer typed in them is replaced)."""
    return {
        **values,
        "cover_image": photo.file.name,
        "cover_alt": photo.alt_text or values.get("cover_alt", ""),
        "cover_caption": photo.caption,
        "cover_credit": photo.credit,
        "focal_x": photo.focal_x,
        "focal_y": photo.focal_y,
    }
