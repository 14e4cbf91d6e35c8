"""Redirects: an address that no longer exists answers 301 to where its content went.

- Left behind automatically: when a publishable item that has been public gets a new address (its
  slug, or for a page its place in the tree, which moves its sub-pages too), the old address
  points at the *item*, not at a written address, so its current one is read when it is used: two
  renames never make a chain, and an item that is not public (archived, expired) is a 404 again.
  Done by receivers on every publishable kind (:func:`connect`), so the workflow, the admin,
  commands and scripts all leave one; the old row is read (one query) only when a save writes an
  address field.
- An agency's changed slug leaves redirects from its old page, feed and calendar addresses and
  from each of its pages' old addresses.
- Entered by staff per agency in the admin (:class:`Redirect` with a ``target``): a path of this
  site, or an address on the agency's own domain; nothing else (no open redirect).
- Looked up only when a page is not found (:class:`RedirectFallbackMiddleware`): a normal page
  costs nothing. What is still not found is counted per path and day (:class:`NotFoundPath`;
  no visitor data: no query string, address, agent or referrer), so staff see the frequent
  404s and turn one into a redirect.
"""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, models, transaction
from django.db.models import F, Q
from django.db.models.signals import post_save, pre_save
from django.http import HttpResponsePermanentRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from newsroom.models import Page
from newsroom.publishing import Publishable, Status, kinds

from . import sites

logger = logging.getLogger("portal.redirects")

MAX_PATH = 400
#: Fields whose change can move a publishable item's address.
ADDRESS_FIELDS = frozenset({"slug", "path", "parent"})
#: Never counted as "not found" (files, the staff side).
UNCOUNTED_PREFIXES = ("/static/", "/media/", "/admin/")


class Redirect(models.Model):
    """A permanent redirect from an old address of an agency's site."""

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.CASCADE,
        related_name="redirects",
        verbose_name=_("agency"),
    )
    old_path = models.CharField(
        _("old address"),
        max_length=MAX_PATH,
        help_text=_("The path that no longer exists, e.g. /berita/judul-lama/."),
    )
    target = models.CharField(
        _("new address"),
        max_length=500,
        blank=True,
        help_text=_(
            "A path of this site (/instansi/dislutkan/kontak/) or an address on the agency's own "
            "domain. Empty for redirects left behind automatically."
        ),
    )
    # Left behind automatically: the item whose address changed (its current one is used).
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, null=True, blank=True, editable=False
    )
    object_id = models.PositiveBigIntegerField(null=True, blank=True, editable=False)
    item = GenericForeignKey("content_type", "object_id")
    created_at = models.DateTimeField(_("created at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("redirect")
        verbose_name_plural = _("redirects")
        ordering = ["agency", "old_path"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "old_path"], name="unique_redirect_path")
        ]
        indexes = [models.Index(fields=["old_path"], name="redirect_old_path_idx")]

    def __str__(self) -> str:
        target = self.target or _("(the moved item's address)")
        return f"{self.old_path} → {target}"

    def clean(self):
        self.old_path = normalise_path(self.old_path)
        if not self.old_path.startswith("/") or self.old_path.startswith("//"):
            raise ValidationError({"old_path": _("Write a path that starts with /.")})
        if self.content_type_id is None:
            if not self.target:
                raise ValidationError({"target": _("Write the new address.")})
            if not self.agency_id:
                return
            if not is_allowed_target(self.target, self.agency):
                raise ValidationError(
                    {
                        "target": _(
                            "Only a path of this site (starting with /) or an address on the "
                            "agency's own domain is allowed."
                        )
                    }
                )
            if urlsplit(self.target).path == self.old_path and not urlsplit(self.target).netloc:
                raise ValidationError({"target": _("The new address is the old one.")})

    def unique_error_message(self, model_class, unique_check):
        # Django's own Indonesian text for this says "... tidak ada" ("does not exist").
        if tuple(unique_check) == ("agency", "old_path"):
            return ValidationError(
                _("This agency already has a redirect from this address."), code="unique_together"
            )
        return super().unique_error_message(model_class, unique_check)

    @property
    def is_automatic(self) -> bool:
        return self.content_type_id is not None

    def destination(self) -> str | None:
        """Where this redirect sends a visitor now, or None (the item is not public)."""
        if not self.is_automatic:
            return self.target if is_allowed_target(self.target, self.agency) else None
        model = self.content_type.model_class()
        if model is None or not issubclass(model, Publishable):
            return None
        item = model.objects.public().select_related("agency").filter(pk=self.object_id).first()
        if item is None or not getattr(item, "is_reachable", True):
            return None
        return item.get_absolute_url()


class NotFoundPath(models.Model):
    """How often a path was not found on one day (no visitor data)."""

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="not_found_paths",
        verbose_name=_("agency"),
        help_text=_("The agency whose site was asked (its own domain or its /instansi/ pages)."),
    )
    path = models.CharField(_("address"), max_length=MAX_PATH)
    day = models.DateField(_("day"))
    count = models.PositiveIntegerField(_("times"), default=0)

    class Meta:
        verbose_name = _("address not found")
        verbose_name_plural = _("addresses not found")
        ordering = ["-day", "-count"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "path", "day"],
                condition=Q(agency__isnull=False),
                name="unique_not_found_per_agency_day",
            ),
            models.UniqueConstraint(
                fields=["path", "day"],
                condition=Q(agency__isnull=True),
                name="unique_not_found_portal_day",
            ),
        ]

    def __str__(self) -> str:
        return self.path


def normalise_path(path: str) -> str:
    """The path part only (no host, query or fragment)."""
    return urlsplit((path or "").strip()).path[:MAX_PATH]


def is_allowed_target(target: str, agency) -> bool:
    """A local path, or an http(s) address on ``agency``'s own domain: never anywhere else."""
    parts = urlsplit(target or "")
    if not parts.scheme and not parts.netloc:
        return target.startswith("/") and not target.startswith("//") and "\\" not in target
    return (
        parts.scheme in ("http", "https")
        and agency is not None
        and bool(agency.domain)
        and (parts.hostname or "") == agency.domain
        and not parts.username
    )


# -- the 404 path ---------------------------------------------------------------------------------


def find_redirect(request) -> str | None:
    """The address this not-found request should go to, if a redirect names its path."""
    path = request.path
    if len(path) > MAX_PATH:
        return None
    agency = sites.site_agency(request)
    redirects = Redirect.objects.filter(old_path=path).select_related("agency", "content_type")
    if agency is not None:
        redirects = redirects.filter(agency=agency)
    # The portal's hosts: left-behind addresses first (they are unique across agencies).
    for redirect in redirects.order_by(F("content_type").desc(nulls_last=True), "id")[:3]:
        destination = redirect.destination()
        if destination and destination != path:
            return destination
    return None


def record_not_found(request) -> None:
    """Count this not-found path for today (path only: no query string, no visitor data)."""
    path = request.path
    if (
        request.method not in ("GET", "HEAD")
        or len(path) > MAX_PATH
        or path.startswith(UNCOUNTED_PREFIXES)
    ):
        return
    agency = sites.site_agency(request) or _agency_in_path(path)
    day = timezone.localdate()
    rows = NotFoundPath.objects.filter(agency=agency, path=path, day=day)
    if rows.update(count=F("count") + 1):
        return
    try:
        with transaction.atomic():
            NotFoundPath.objects.create(agency=agency, path=path, day=day, count=1)
    except IntegrityError:  # another request created today's row meanwhile
        rows.update(count=F("count") + 1)


def _agency_in_path(path: str):
    from accounts.models import Agency

    parts = path.split("/")
    if len(parts) > 2 and parts[1] == "instansi" and parts[2]:
        return Agency.objects.filter(slug=parts[2]).only("pk").first()
    return None


class RedirectFallbackMiddleware:
    """Answers a 404 with the redirect of its path, if any, and counts the rest (see above)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        try:
            destination = find_redirect(request)
            if destination:
                return HttpResponsePermanentRedirect(destination)
            record_not_found(request)
        except DatabaseError:  # the 404 stays a 404 whatever happens to the database
            logger.exception("Redirect lookup failed")
        return response


# -- addresses left behind ------------------------------------------------------------------------


def _remember_old_address(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or instance.pk is None or not hasattr(instance, "get_absolute_url"):
        return
    if update_fields is not None and not ADDRESS_FIELDS & set(update_fields):
        return
    old = sender._default_manager.select_related("agency").filter(pk=instance.pk).first()
    if old is None or (old.first_published_at is None and old.status not in _SEEN):
        return  # never public: nobody has its address
    old_url, new_url = old.get_absolute_url(), instance.get_absolute_url()
    if old_url != new_url:
        instance._humas_moved_from = old_url


_SEEN = frozenset({Status.PUBLISHED, Status.ARCHIVED})


def _leave_redirect(sender, instance, raw=False, **kwargs):
    old_url = instance.__dict__.pop("_humas_moved_from", None)
    if raw or old_url is None:
        return
    leave_redirect(instance, old_url)


def leave_redirect(item, old_url: str) -> None:
    """``old_url`` now leads to ``item`` wherever it lives (and its new address is no redirect)."""
    content_type = ContentType.objects.get_for_model(item)
    Redirect.objects.update_or_create(
        agency_id=item.agency_id,
        old_path=old_url,
        defaults={"content_type": content_type, "object_id": item.pk, "target": ""},
    )
    Redirect.objects.filter(agency_id=item.agency_id, old_path=item.get_absolute_url()).delete()


#: An agency's own addresses below /instansi/<slug>/ besides its pages (page, feed, calendar).
AGENCY_ADDRESSES = ("", "feed/", "agenda.ics")


def _remember_agency_slug(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old = sender._default_manager.filter(pk=instance.pk).values_list("slug", flat=True).first()
    if old and old != instance.slug:
        instance._humas_old_slug = old


def _leave_agency_redirects(sender, instance, raw=False, **kwargs):
    old = instance.__dict__.pop("_humas_old_slug", None)
    if raw or old is None:
        return
    old_prefix, new_prefix = f"/instansi/{old}/", f"/instansi/{instance.slug}/"
    # Earlier redirects to the old addresses now go straight to the new ones (no chain).
    for redirect in Redirect.objects.filter(agency=instance, target__startswith=old_prefix):
        redirect.target = new_prefix + redirect.target.removeprefix(old_prefix)
        redirect.save(update_fields=["target"])
    for suffix in AGENCY_ADDRESSES:
        Redirect.objects.update_or_create(
            agency=instance,
            old_path=old_prefix + suffix,
            defaults={"target": new_prefix + suffix, "content_type": None, "object_id": None},
        )
    # Its pages' addresses start with the agency's: each old one leads to its page.
    pages = Page.objects.filter(agency=instance).select_related("agency")
    for page in pages.exclude(first_published_at=None):
        leave_redirect(page, f"{old_prefix}{page.path}/")


def connect() -> None:
    """Watch the address of every publishable kind and of agencies (PortalConfig.ready)."""
    from accounts.models import Agency

    for model in kinds():
        label = model._meta.label_lower
        pre_save.connect(_remember_old_address, sender=model, dispatch_uid=f"redirect_pre_{label}")
        post_save.connect(_leave_redirect, sender=model, dispatch_uid=f"redirect_post_{label}")
    pre_save.connect(_remember_agency_slug, sender=Agency, dispatch_uid="redirect_pre_agency")
    post_save.connect(_leave_agency_redirects, sender=Agency, dispatch_uid="redirect_post_agency")
