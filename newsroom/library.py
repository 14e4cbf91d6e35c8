"""The download centre (documents) and galleries: two publishable kinds, reviewed, scheduled,
expiring and revisioned like articles (newsroom.publishing).

- A :class:`Document` is one file (PDF, DOCX, XLSX, ODT, ODS or ZIP, sniffed from its content by
  newsroom.document_files) with its kind, number, year and agency. Its downloads are counted per
  document per day (:class:`DocumentDownload`, :func:`record_download`), nothing about the visitor.
- A :class:`Gallery` holds ordered :class:`GalleryItem` rows: photos (alt text required) and
  videos (YouTube embedded through youtube-nocookie.com, other platforms as link cards).
  The items are part of the gallery's reviewed content: each revision keeps them as a list
  (``items``, beside the content fields), a correction of a published gallery waits with its
  items, and approving or restoring a revision writes them back (:meth:`Gallery.set_many_to_many`).
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .document_files import CONTENT_TYPES, FileType, inspect_document
from .images import validate_image
from .publishing import Publishable, Status
from .videos import check_video_url, describe


def free_slug(model, title: str, fallback: str, exclude_pk=None, max_length: int = 200) -> str:
    """A slug from ``title`` that no other row of ``model`` uses (``judul``, ``judul-2``...)."""
    base = slugify(title)[:max_length] or fallback
    taken = set(
        model._default_manager.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def current_year() -> int:
    return timezone.localdate().year


class Document(Publishable):
    """One file of the download centre (pusat unduhan): a regulation, form, report, SOP..."""

    class Kind(models.TextChoices):
        REGULATION = "regulasi", _("Regulation")
        FORM = "formulir", pgettext_lazy("document kind", "Form")
        REPORT = "laporan", _("Report")
        SOP = "sop", _("Standard operating procedure (SOP)")
        SERVICE_STANDARD = "standar_pelayanan", _("Service standard")
        PUBLIC_INFORMATION = "informasi_publik", _("Public information")

    FileType = FileType

    content_fields = (
        "title", "slug", "kind", "number", "year", "description", "file", "file_type", "file_size",
    )  # fmt: skip

    title = models.CharField(_("title"), max_length=250)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Made from the title when left empty."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    number = models.CharField(
        _("number"),
        max_length=120,
        blank=True,
        help_text=_("The document's official number, e.g. “Nomor 12 Tahun 2025”."),
    )
    year = models.PositiveSmallIntegerField(_("year"), default=current_year)
    description = models.TextField(_("description"), blank=True)
    file = models.FileField(_("file"), upload_to="documents/%Y/%m/")
    # Read from the file when it is uploaded (Document.clean), kept in each revision with it.
    file_type = models.CharField(
        _("file type"), max_length=10, choices=FileType.choices, editable=False
    )
    file_size = models.PositiveBigIntegerField(_("file size"), default=0, editable=False)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["-publish_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-publish_at", "-id"], name="document_public_idx"),
            models.Index(fields=["agency", "status", "-publish_at"], name="document_agency_idx"),
            models.Index(fields=["kind", "status", "-publish_at"], name="document_kind_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        super().clean()
        if self.file and not self.file._committed:
            inspected = inspect_document(self.file.file)
            self.file_type, self.file_size = inspected.file_type, inspected.size
        if self.year and not 1945 <= self.year <= current_year() + 1:
            raise ValidationError({"year": _("Enter a year between 1945 and next year.")})

    def save(self, *args, **kwargs):
        if self.file and not self.file_type:
            # Saved without a form (a script, a shell): the same check as the admin's, on the
            # upload or on the stored file.
            if self.file._committed:
                with self.file.open("rb"):
                    inspected = inspect_document(self.file)
            else:
                inspected = inspect_document(self.file.file)
            self.file_type, self.file_size = inspected.file_type, inspected.size
        if not self.slug:
            self.slug = free_slug(Document, self.title, "dokumen", exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("portal:document_detail", args=[self.slug])

    def get_download_url(self) -> str:
        return reverse("portal:document_download", args=[self.slug])

    @property
    def content_type(self) -> str:
        return CONTENT_TYPES.get(self.file_type, "application/octet-stream")

    @property
    def download_name(self) -> str:
        """The name the visitor's browser saves: the slug and the sniffed extension only."""
        return f"{self.slug[:150] or 'dokumen'}.{self.file_type or 'bin'}"


class DocumentDownload(models.Model):
    """How many times a document was downloaded on one day (WIB). Nothing about who."""

    document = models.ForeignKey(
        Document, on_delete=models.CASCADE, related_name="downloads", verbose_name=_("document")
    )
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("downloads"), default=0)

    class Meta:
        verbose_name = _("downloads per day")
        verbose_name_plural = _("downloads per day")
        ordering = ["-day"]
        constraints = [
            models.UniqueConstraint(fields=["document", "day"], name="unique_download_day")
        ]

    def __str__(self) -> str:
        return f"{self.document_id} {self.day}: {self.count}"


def record_download(document: Document, day: datetime.date | None = None) -> None:
    """Count one download of ``document`` today: one atomic increment of the day's row, which
    the first download of the day creates (two first downloads at once: one creates, the other
    increments)."""
    day = day or timezone.localdate()
    rows = DocumentDownload.objects.filter(document=document, day=day)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            DocumentDownload.objects.create(document=document, day=day, count=1)
    except IntegrityError:
        rows.update(count=F("count") + 1)


def download_figures(document: Document, today: datetime.date | None = None) -> dict[str, int]:
    """Downloads of ``document`` in all and in the last 30 days (today included), one query."""
    today = today or timezone.localdate()
    since = today - datetime.timedelta(days=29)
    figures = document.downloads.aggregate(
        total=models.Sum("count"), recent=models.Sum("count", filter=models.Q(day__gte=since))
    )
    return {name: value or 0 for name, value in figures.items()}


# --- galleries ---------------------------------------------------------------------------------

#: What a revision keeps of each gallery item, in order.
ITEM_FIELDS = ("kind", "image", "caption", "credit", "alt_text", "video_url")


class Gallery(Publishable):
    """A photo and video gallery (galeri) of an agency."""

    content_fields = ("title", "slug", "description")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Made from the title when left empty."),
    )
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("gallery")
        verbose_name_plural = _("galleries")
        ordering = ["-publish_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-publish_at", "-id"], name="gallery_public_idx"),
            models.Index(fields=["agency", "status", "-publish_at"], name="gallery_agency_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = free_slug(Gallery, self.title, "galeri", exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("portal:gallery_detail", args=[self.slug])

    # --- the items travel with the content fields in every revision -------------------------

    def item_data(self) -> list[dict]:
        if not self.pk:
            return []
        return [item.as_data() for item in self.items.all()]

    def snapshot(self, m2m=None) -> dict:
        data = super().snapshot(m2m)
        data["items"] = list(m2m["items"]) if m2m and "items" in m2m else self.item_data()
        return data

    def apply_snapshot(self, data: dict) -> dict:
        m2m = super().apply_snapshot(data)
        if "items" in data:
            m2m["items"] = list(data["items"])
        return m2m

    @classmethod
    def snapshot_diff_texts(cls, old: dict, new: dict) -> list[tuple[str, str, str]]:
        """The items of two revisions as text, one line each (newsroom.revisions.diff_snapshots
        compares them beside the fields), so a reviewer sees photos and videos change too."""
        return [
            (str(_("Photos and videos")), *[_items_text(d.get("items") or []) for d in (old, new)])
        ]

    def set_many_to_many(self, m2m) -> None:
        m2m = dict(m2m)
        items = m2m.pop("items", None)
        super().set_many_to_many(m2m)
        if items is not None and items != self.item_data():
            self.items.all().delete()
            GalleryItem.objects.bulk_create(
                GalleryItem.from_data(self, position, data)
                for position, data in enumerate(items, start=1)
            )


def _items_text(items: list[dict]) -> str:
    kinds = dict(GalleryItem.Kind.choices)
    lines = []
    for n, item in enumerate(items, start=1):
        kind = item.get("kind") or GalleryItem.Kind.PHOTO
        source = item.get("video_url") if kind == GalleryItem.Kind.VIDEO else item.get("image")
        parts = [f"{n}. {kinds.get(kind, kind)}: {source or '—'}"]
        parts += [item[name] for name in ("caption", "alt_text", "credit") if item.get(name)]
        lines.append(" · ".join(str(p) for p in parts))
    return "\n".join(lines) or "—"


def on_gallery_published(sender, object_id=None, status=None, **kwargs) -> None:
    """newsroom.workflow.published_changed: queue the photo renditions of a published gallery."""
    if status == Status.PUBLISHED:
        from .tasks import make_gallery_renditions

        make_gallery_renditions.enqueue(object_id)


class GalleryItem(models.Model):
    """One photo or video of a gallery, in its place."""

    class Kind(models.TextChoices):
        PHOTO = "photo", _("Photo")
        VIDEO = "video", _("Video")

    gallery = models.ForeignKey(
        Gallery, on_delete=models.CASCADE, related_name="items", verbose_name=_("gallery")
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.PHOTO)
    image = models.ImageField(
        _("photo"), upload_to="galleries/%Y/%m/", blank=True, validators=[validate_image]
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it. Required for photos."),
    )
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=120, blank=True)
    video_url = models.URLField(
        _("video address"),
        blank=True,
        help_text=_(
            "YouTube videos are shown on the page (without tracking cookies); Instagram, TikTok, "
            "Facebook and other platforms are shown as a link."
        ),
    )

    class Meta:
        verbose_name = _("gallery item")
        verbose_name_plural = _("gallery items")
        ordering = ["gallery", "position", "id"]

    def __str__(self) -> str:
        return self.caption or self.alt_text or self.video_url or str(self.pk)

    def clean(self):
        super().clean()
        if self.kind == self.Kind.PHOTO:
            errors = {}
            if not self.image:
                errors["image"] = _("Choose the photo.")
            if not self.alt_text.strip():
                errors["alt_text"] = _(
                    "Describe the photo for people who cannot see it (alternative text)."
                )
            if errors:
                raise ValidationError(errors)
        else:
            problem = (
                check_video_url(self.video_url)
                if self.video_url
                else _("Enter the video's address.")
            )
            if problem:
                raise ValidationError({"video_url": problem})

    @property
    def video(self):
        return describe(self.video_url) if self.kind == self.Kind.VIDEO else None

    def as_data(self) -> dict:
        return {
            "kind": self.kind,
            "image": self.image.name or "",
            "caption": self.caption,
            "credit": self.credit,
            "alt_text": self.alt_text,
            "video_url": self.video_url,
        }

    @classmethod
    def from_data(cls, gallery: Gallery, position: int, data: dict) -> GalleryItem:
        values = {name: data.get(name) or "" for name in ITEM_FIELDS}
        values["kind"] = values["kind"] or cls.Kind.PHOTO
        return cls(gallery=gallery, position=position, **values)
