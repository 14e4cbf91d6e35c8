"""The consequence test (uji konsekuensi, UU 14/2008 Pasal 2(4) and 19; Perki 1/2021): the
written weighing, signed by the PPID, that lets a public body withhold information."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .requests import ExemptionGround


class ConsequenceTest(models.Model):
    class Conclusion(models.TextChoices):
        EXEMPT = "exempt", _("Exempt: the harm outweighs the public interest")
        OPEN = "open", _("Open: the public interest outweighs the harm")

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    information = models.CharField(_("information or document tested"), max_length=300)
    withheld_part = models.TextField(
        _("part withheld"), help_text=_("The whole document, or which parts of it.")
    )
    exemption_ground = models.CharField(
        _("exemption ground (Pasal 17)"), max_length=4, choices=ExemptionGround.choices
    )
    legal_basis = models.TextField(
        _("other legal basis"),
        blank=True,
        help_text=_("Other laws or regulations that protect the information, if any."),
    )
    harm = models.TextField(_("harm if it is opened"))
    public_interest = models.TextField(_("public interest weighed"))
    conclusion = models.CharField(
        _("conclusion"), max_length=8, choices=Conclusion.choices, default=Conclusion.EXEMPT
    )
    exempt_until = models.DateField(
        _("exempt until"),
        null=True,
        blank=True,
        help_text=_("When the exemption ends (required when the conclusion is exempt)."),
    )
    tested_on = models.DateField(_("tested on"), default=timezone.localdate)
    signatories = models.TextField(
        _("signed by"), help_text=_("One per line: name, position (e.g. Ir. Budi, Atasan PPID).")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        verbose_name=_("entered by"),
    )

    class Meta:
        verbose_name = _("consequence test")
        verbose_name_plural = _("consequence tests")
        ordering = ["-tested_on", "-id"]

    def __str__(self) -> str:
        return f"{self.information} ({self.get_exemption_ground_display()})"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.conclusion == self.Conclusion.EXEMPT and self.exempt_until is None:
            raise ValidationError(
                {"exempt_until": _("An exemption needs the date it ends (UU 14/2008 Pasal 20).")}
            )

    def signatory_lines(self) -> list[str]:
        return [line.strip() for line in self.signatories.splitlines() if line.strip()]
