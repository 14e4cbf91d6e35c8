"""Closure days: the staff-maintained part of the working-day calendar (see ppid.deadlines)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext_lazy as _


class ClosureDayQuerySet(models.QuerySet):
    def for_agency(self, agency_id):
        """Rows that apply to one agency: its own and those for every agency."""
        if agency_id is None:
            return self.filter(agency__isnull=True)
        return self.filter(Q(agency__isnull=True) | Q(agency_id=agency_id))


class ClosureDay(models.Model):
    """A day the PPID is closed (or, with ``is_closed`` off, open despite the package).

    The ``holidays`` package is the base calendar; rows copied from it (source "package") only make
    the whole calendar visible in the admin. Staff add local closures, for their agency or (a
    superuser) for all agencies. Every change recomputes the due dates of open requests.
    """

    class Source(models.TextChoices):
        PACKAGE = "package", _("National holiday / cuti bersama (holidays package)")
        LOCAL = "local", _("Entered by staff")

    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=200)
    agency = models.ForeignKey(
        "accounts.Agency",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="ppid_closure_days",
        verbose_name=_("agency"),
        help_text=_("Leave empty for a closure of every agency."),
    )
    is_closed = models.BooleanField(
        _("office closed"),
        default=True,
        help_text=_("Untick to mark a national holiday as a working day for this agency."),
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.LOCAL, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("entered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = ClosureDayQuerySet.as_manager()

    class Meta:
        verbose_name = _("closure day")
        verbose_name_plural = _("closure days")
        ordering = ["-date"]
        constraints = [
            models.UniqueConstraint(
                fields=["date", "agency"], name="ppid_closure_unique_per_agency"
            ),
            models.UniqueConstraint(
                fields=["date"],
                condition=Q(agency__isnull=True),
                name="ppid_closure_unique_national",
            ),
        ]

    def __str__(self) -> str:
        # Staff read it in the admin's title and breadcrumbs: the date the Indonesian way.
        return f"{formats.date_format(self.date, 'j F Y')}, {self.name}"
