"""The written parts of the PPID's service report (Perki 1/2021: the policy, how the service
ran, its obstacles and what follows), beside the figures the report computes itself."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportNarrative(models.Model):
    class Period(models.IntegerChoices):
        YEAR = 0, _("Whole year")
        FIRST = 1, _("First semester (January-June)")
        SECOND = 2, _("Second semester (July-December)")

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    year = models.PositiveSmallIntegerField(_("year"))
    period = models.PositiveSmallIntegerField(
        _("period"), choices=Period.choices, default=Period.YEAR
    )
    policy = models.TextField(_("general policy of the information service"), blank=True)
    implementation = models.TextField(_("how the service ran"), blank=True)
    obstacles = models.TextField(_("internal and external obstacles"), blank=True)
    follow_up = models.TextField(_("recommendations and follow-up"), blank=True)
    updated_at = models.DateTimeField(_("last updated"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("updated by"),
    )

    class Meta:
        verbose_name = _("report text")
        verbose_name_plural = _("report texts")
        ordering = ["-year", "period", "agency__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "period"], name="ppid_report_narrative_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.agency} {self.year} ({self.get_period_display()})"

    #: The sections in the order of the report.
    SECTIONS = ("policy", "implementation", "obstacles", "follow_up")

    def sections(self) -> list[tuple[str, str]]:
        return [
            (self._meta.get_field(name).verbose_name, getattr(self, name))
            for name in self.SECTIONS
            if getattr(self, name).strip()
        ]
