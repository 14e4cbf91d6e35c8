"""What is published: articles with their category, tags and cover photo, and agency pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import connection, models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

from humas.links import slug_url

from .images import AltTextRequired, focal_point_field, validate_image
from .publishing import Publishable, Status, public_sql
from .sanitize import sanitize_html


class Category(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), max_length=100, unique=True)

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Tag(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)

    class Meta:
        verbose_name = _("tag")
        verbose_name_plural = _("tags")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


# The newest public articles (the public rule, publishing.public_sql) other than one, by relation.
_PUBLIC_SQL, _PUBLIC_NOW_COUNT = public_sql("a")
_NEWEST_PUBLIC = (
    "SELECT a.id, {points}, a.publish_at FROM newsroom_article a"  # noqa: S608 (constants only)
    " WHERE " + _PUBLIC_SQL + " AND a.id <> %s AND a.{relation} = %s"
    " ORDER BY a.publish_at DESC, a.id DESC LIMIT %s"
)
_SAME_AGENCY = _NEWEST_PUBLIC.format(points=1, relation="agency_id")
_SAME_CATEGORY = _NEWEST_PUBLIC.format(points=2, relation="category_id")
# The tag links have no date: newest by id, as ids grow with time.
_SHARES_TAG = (
    "SELECT a.id, 2, a.publish_at FROM newsroom_article_tags t"  # noqa: S608 (constants only)
    " JOIN newsroom_article a ON a.id = t.article_id"
    " WHERE " + _PUBLIC_SQL + " AND a.id <> %s AND t.tag_id IN ({tags})"
    " ORDER BY t.article_id DESC LIMIT %s"
)


def related_candidates(article, tag_ids, per_kind: int, now=None) -> list[tuple]:
    """``(pk, points, publish_at)`` of the newest ``per_kind`` public articles, other than
    ``article``, of its agency (1 point each), of its category (2) and with each of ``tag_ids`` (2).

    One query of index range scans, so its cost does not grow with the number of articles. In SQL
    rather than as three ORM querysets in a union: building and compiling those took about 20
    times the CPU of running this (6.5 ms against 0.3 ms, a third of an article page).
    """
    moment = connection.ops.adapt_datetimefield_value(now or timezone.now())
    public = [Status.PUBLISHED, *[moment] * _PUBLIC_NOW_COUNT, article.pk]
    kinds = [(_SAME_AGENCY, [*public, article.agency_id, per_kind])]
    if article.category_id:
        kinds.append((_SAME_CATEGORY, [*public, article.category_id, per_kind]))
    if tag_ids:
        placeholders = ", ".join(["%s"] * len(tag_ids))
        kinds.append((_SHARES_TAG.format(tags=placeholders), [*public, *tag_ids, per_kind]))
    # Only the constant SQL above is joined here; every value is a parameter.
    sql = " UNION ALL ".join(f"SELECT * FROM ({kind}) k{n}" for n, (kind, _) in enumerate(kinds))  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(sql, [value for _, params in kinds for value in params])
        return cursor.fetchall()


class Article(AltTextRequired, Publishable):
    """A news article (berita): the first publishable kind."""

    alt_text_fields = (("cover_image", "cover_alt"),)
    content_fields = (
        "title", "slug", "lead", "body", "cover_image", "cover_alt", "cover_caption",
        "cover_credit", "focal_x", "focal_y", "category", "tags", "is_featured", "documents",
    )  # fmt: skip

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=220,
        unique=True,
        blank=True,
        help_text=_("Made from the title when left empty."),
    )
    lead = models.TextField(
        _("lead paragraph"), help_text=_("One or two sentences shown in lists and when shared.")
    )
    body = models.TextField(_("body"))
    cover_image = models.ImageField(
        _("cover photo"), upload_to="covers/%Y/%m/", blank=True, validators=[validate_image]
    )
    cover_alt = models.CharField(
        _("photo description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the photo shows, for readers who cannot see it."),
    )
    cover_caption = models.CharField(_("photo caption"), max_length=300, blank=True)
    cover_credit = models.CharField(_("photo credit"), max_length=120, blank=True)
    # Where the cover's subject is (0 to 1 across and down): every rendition cut to a fixed
    # shape (cards, link previews) is cut around it (newsroom.images.Crop).
    focal_x = focal_point_field(_("focal point, across"))
    focal_y = focal_point_field(_("focal point, down"))
    category = models.ForeignKey(
        Category,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
        verbose_name=_("category"),
    )
    tags = models.ManyToManyField(Tag, blank=True, related_name="articles", verbose_name=_("tags"))
    is_featured = models.BooleanField(_("featured"), default=False)
    #: The public note of the last correction a supervisor chose to explain ("Koreksi, <date>:
    #: ..."); written by approve_correction, not by the editor.
    correction_note = models.TextField(_("public correction note"), blank=True, editable=False)
    correction_note_at = models.DateTimeField(
        _("correction note date"), null=True, blank=True, editable=False
    )
    # Files of the download centre shown under the article (newsroom.library).
    documents = models.ManyToManyField(
        "newsroom.Document",
        blank=True,
        related_name="articles",
        verbose_name=_("attached documents"),
    )

    # Search results set a highlighted snippet (portal.search.snippet_for); every other card
    # reads this empty one, where a missing attribute cost the template engine a dir() per card.
    snippet = ""

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["-publish_at", "-id"]
        indexes = [
            models.Index(fields=["status", "-publish_at", "-id"], name="article_public_idx"),
            models.Index(
                fields=["agency", "status", "-publish_at", "-id"], name="article_agency_idx"
            ),
            models.Index(
                fields=["category", "status", "-publish_at", "-id"], name="article_category_idx"
            ),
            models.Index(
                fields=["-publish_at", "-id"],
                condition=Q(status="published", is_featured=True),
                name="article_featured_idx",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def focal(self) -> tuple[float, float]:
        """The cover's focal point, (across, down)."""
        return (self.focal_x, self.focal_y)

    def save(self, *args, **kwargs):
        # Stored text is always sanitised, whichever entry point saved it.
        self.body = sanitize_html(self.body)
        if not self.slug:
            self.slug = unique_slug(self.title, exclude_pk=self.pk)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return slug_url("portal:article_detail", self.slug)


def unique_slug(title: str, exclude_pk: int | None = None) -> str:
    """A slug made from ``title`` that no other article uses (``judul``, ``judul-2``, ...)."""
    base = slugify(title)[:200] or "berita"
    taken = set(
        Article.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, n = base, 2
    while slug in taken:
        slug = f"{base}-{n}"
        n += 1
    return slug


class Page(AltTextRequired, Publishable):
    """A page of an agency's own site (Profil, Visi dan Misi, Kontak, Profil PPID...), in a tree
    shown at ``/instansi/<agency>/<path>/``; reviewed and published like articles."""

    alt_text_fields = (("image", "image_alt"),)
    content_fields = (
        "title", "slug", "parent", "position", "lead", "body", "image", "image_alt",
        "image_caption",
    )  # fmt: skip
    #: Addresses under /instansi/<agency>/ that belong to other views.
    RESERVED_SLUGS = frozenset({"feed", "agenda.ics"})

    parent = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("parent page"),
        help_text=_("Empty for a page at the top of the agency's site."),
    )
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Smaller numbers come first among sister pages.")
    )
    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=80,
        blank=True,
        help_text=_("The last part of the address. Made from the title when left empty."),
    )
    #: The address below the agency: the slugs from the top page down ("profil/visi-misi").
    path = models.CharField(_("address"), max_length=400, editable=False)
    lead = models.TextField(_("summary"), blank=True)
    body = models.TextField(_("body"), blank=True)
    image = models.ImageField(
        _("image"), upload_to="pages/%Y/%m/", blank=True, validators=[validate_image]
    )
    image_alt = models.CharField(
        _("image description (alt text)"),
        max_length=250,
        blank=True,
        help_text=_("What the image shows, for readers who cannot see it."),
    )
    image_caption = models.CharField(_("image caption"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["agency", "path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "path"], name="unique_page_path_per_agency")
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self):
        if self.parent_id is None and self.slug in self.RESERVED_SLUGS:
            raise ValidationError({"slug": _("This address is reserved; choose another.")})
        path = f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug
        if self.slug and self.agency_id:
            taken = Page.objects.filter(agency_id=self.agency_id, path=path).exclude(pk=self.pk)
            if taken.exists():
                raise ValidationError({"slug": _("Another page of the agency has this address.")})
        if self.parent_id is None:
            return
        if self.agency_id and self.parent.agency_id != self.agency_id:
            raise ValidationError({"parent": _("The parent page belongs to another agency.")})
        ancestor = self.parent
        while ancestor is not None:
            if self.pk and ancestor.pk == self.pk:
                raise ValidationError({"parent": _("A page cannot be placed under itself.")})
            ancestor = ancestor.parent

    def save(self, *args, **kwargs):
        self.body = sanitize_html(self.body)
        if not self.slug:
            self.slug = self._free_slug(slugify(self.title)[:70] or "halaman")
        old_path = self.path
        self.path = f"{self.parent.path}/{self.slug}" if self.parent_id else self.slug
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "path"}
        super().save(*args, **kwargs)
        if old_path and old_path != self.path:
            for child in self.children.all():
                child.save(update_fields=["path"])  # their addresses follow

    def _free_slug(self, base: str) -> str:
        siblings = Page.objects.filter(agency_id=self.agency_id, parent_id=self.parent_id)
        taken = set(siblings.exclude(pk=self.pk).values_list("slug", flat=True))
        slug, n = base, 2
        while slug in taken or (self.parent_id is None and slug in self.RESERVED_SLUGS):
            slug, n = f"{base}-{n}", n + 1
        return slug

    def get_absolute_url(self) -> str:
        return reverse("portal:page_detail", args=[self.agency.slug, self.path])

    @property
    def is_reachable(self) -> bool:
        """Public, and so is every page above it (a section unpublished hides what is in it)."""
        return self.is_public and all(page.is_public for page in self.ancestors())

    def ancestors(self) -> list[Page]:
        """The pages above this one, from the top down (for breadcrumbs)."""
        chain, page = [], self.parent
        while page is not None:
            chain.insert(0, page)
            page = page.parent
        return chain


# The workflow's models live beside their logic; imported here so Django registers them.
from .agenda import Announcement, Event  # noqa: E402, F401
from .autosave import Autosave  # noqa: E402, F401
from .library import Document, DocumentDownload, Gallery, GalleryItem  # noqa: E402, F401
from .media_library import MediaImage  # noqa: E402, F401
from .notifications import Notification  # noqa: E402, F401
from .revisions import Revision, TimelineEvent  # noqa: E402, F401
