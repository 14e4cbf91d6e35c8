"""The portal's own rows: the header and footer menus of each agency's site and of the portal."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Menu(models.Model):
    """The header or footer menu of one agency's site, or of the portal (no agency).

    Entries are :class:`MenuItem` rows, two levels deep. An agency without a menu of its own
    shows a default one built from its published pages (portal.menus).
    """

    class Location(models.TextChoices):
        HEADER = "header", _("Header (main menu)")
        FOOTER = "footer", _("Footer")

    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="menus",
        verbose_name=_("agency"),
        help_text=_("Empty: the menu of the portal itself."),
    )
    location = models.CharField(
        _("location"), max_length=10, choices=Location.choices, default=Location.HEADER
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("menu")
        verbose_name_plural = _("menus")
        ordering = ["agency__name", "location"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "location"], name="unique_agency_menu"),
            models.UniqueConstraint(
                fields=["location"], condition=Q(agency__isnull=True), name="unique_portal_menu"
            ),
        ]

    def __str__(self) -> str:
        owner = self.agency.name if self.agency_id else _("Portal")
        return f"{owner} · {self.get_location_display()}"

    def unique_error_message(self, model_class, unique_check):
        if model_class is Menu and set(unique_check) == {"agency", "location"}:
            return ValidationError(
                _("This agency already has a menu at this location: open it from the list."),
                code="unique",
            )
        return super().unique_error_message(model_class, unique_check)

    def validate_constraints(self, exclude=None):
        super().validate_constraints(exclude)
        if self.agency_id is None:  # NULL agencies are not equal in the database's eyes
            twin = Menu.objects.filter(agency__isnull=True, location=self.location)
            if twin.exclude(pk=self.pk).exists():
                raise ValidationError(_("The portal already has a menu at this location."))


class MenuItem(models.Model):
    """One entry of a menu: a page, one of the public lists, or an address; or, at the top level,
    a heading for the entries under it."""

    class ListTarget(models.TextChoices):
        HOME = "home", _("Home")
        NEWS = "news", _("News")
        ANNOUNCEMENTS = "announcements", _("Announcements")
        AGENDA = "agenda", _("Agenda")
        DOCUMENTS = "documents", _("Documents")
        GALLERIES = "galleries", _("Galleries")
        PPID = "ppid", _("PPID")

    menu = models.ForeignKey(
        Menu, on_delete=models.CASCADE, related_name="items", verbose_name=_("menu")
    )
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
        verbose_name=_("under"),
        help_text=_("Empty for an entry at the top. Save a new menu first to place entries."),
    )
    position = models.PositiveSmallIntegerField(
        _("order"), default=0, help_text=_("Smaller numbers come first.")
    )
    label = models.CharField(
        _("label"),
        max_length=80,
        blank=True,
        help_text=_("Empty: the page's title or the list's name."),
    )
    page = models.ForeignKey(
        "newsroom.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("page"),
    )
    list_target = models.CharField(_("list"), max_length=20, choices=ListTarget.choices, blank=True)
    url = models.CharField(
        _("address"),
        max_length=500,
        blank=True,
        help_text=_("On this site (/berita/) or elsewhere (https://...)."),
    )

    class Meta:
        verbose_name = _("menu entry")
        verbose_name_plural = _("menu entries")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        if self.label:
            return self.label
        if self.page_id:
            return self.page.title
        return self.get_list_target_display() if self.list_target else self.url

    def clean(self):
        targets = [bool(self.page_id), bool(self.list_target), bool(self.url)]
        if sum(targets) > 1:
            raise ValidationError(_("Choose one target: a page, a list or an address."))
        if self.parent_id is not None and not any(targets):
            raise ValidationError(_("An entry under another needs a page, a list or an address."))
        if not any(targets) and not self.label:
            raise ValidationError({"label": _("A heading needs a label.")})
        if self.url:
            self._check_url()
            if not self.label:
                raise ValidationError({"label": _("An address needs a label.")})
        menu = self._menu()
        if self.parent_id is not None:
            if self.parent_id == self.pk or self.parent.parent_id is not None:
                raise ValidationError({"parent": _("Menus have two levels: choose a top entry.")})
            if menu is not None and self.parent.menu_id != menu.pk:
                raise ValidationError({"parent": _("That entry belongs to another menu.")})
            if self.pk and self.children.exists():
                raise ValidationError({"parent": _("This entry has entries under it.")})
        if (
            self.page_id
            and menu is not None
            and menu.agency_id
            and self.page.agency_id != menu.agency_id
        ):
            raise ValidationError({"page": _("The page belongs to another agency.")})

    def _menu(self) -> Menu | None:
        try:
            return self.menu
        except Menu.DoesNotExist:
            return None

    def _check_url(self) -> None:
        if self.url.startswith("/") and not self.url.startswith("//"):
            return
        try:
            URLValidator(schemes=["http", "https"])(self.url)
        except ValidationError:
            raise ValidationError(
                {"url": _("Enter an address on this site (/berita/) or a full one (https://...).")}
            ) from None


# Redirects and the not-found log live beside their logic; imported here so Django registers them.
from .redirects import NotFoundPath, Redirect  # noqa: E402, F401
