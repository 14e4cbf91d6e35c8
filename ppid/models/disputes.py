"""Disputes (sengketa informasi) taken to the Komisi Informasi after an objection.

UU 14/2008 Pasal 37-38 and Perki 1/2013: the requester files the dispute with the Komisi
Informasi, which first mediates and then, if mediation fails or is not possible, adjudicates. The
PPID records each dispute here: the register the annual report counts.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Dispute(models.Model):
    class Stage(models.TextChoices):
        MEDIATION = "mediation", _("Mediation")
        ADJUDICATION = "adjudication", _("Non-litigation adjudication")

    class Outcome(models.TextChoices):
        MEDIATED = "mediated", _("Settled by mediation")
        GRANTED = "granted", _("Requester's application granted in full")
        PARTLY_GRANTED = "partly_granted", _("Requester's application granted in part")
        REJECTED = "rejected", _("Requester's application rejected")
        WITHDRAWN = "withdrawn", _("Withdrawn or not pursued")

    objection = models.ForeignKey(
        "ppid.Objection",
        on_delete=models.PROTECT,
        related_name="disputes",
        verbose_name=_("objection"),
    )
    filed_on = models.DateField(_("filed at the Komisi Informasi on"))
    commission_number = models.CharField(
        _("registration number at the Komisi Informasi"), max_length=100, blank=True
    )
    stage = models.CharField(
        _("stage"), max_length=12, choices=Stage.choices, default=Stage.MEDIATION
    )
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices, blank=True)
    outcome_on = models.DateField(_("outcome date"), null=True, blank=True)
    carried_out = models.BooleanField(
        _("ruling carried out"),
        default=False,
        help_text=_("Tick once the agency has done what the mediation or the ruling requires."),
    )
    notes = models.TextField(_("notes"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    created_at = models.DateTimeField(_("recorded at"), default=timezone.now, editable=False)

    class Meta:
        verbose_name = _("dispute at the Komisi Informasi")
        verbose_name_plural = _("disputes at the Komisi Informasi")
        ordering = ["-filed_on", "-id"]

    def __str__(self) -> str:
        return self.commission_number or str(self.objection)

    def clean(self):
        errors = {}
        if self.filed_on and self.filed_on > timezone.localdate():
            errors["filed_on"] = _("The filing date cannot be in the future.")
        if self.outcome and not self.outcome_on:
            errors["outcome_on"] = _("Give the date of the outcome.")
        if self.outcome_on and not self.outcome:
            errors["outcome"] = _("Choose the outcome for this date.")
        if self.outcome_on and self.filed_on and self.outcome_on < self.filed_on:
            errors["outcome_on"] = _("The outcome cannot come before the filing.")
        if self.carried_out and not self.outcome:
            errors["carried_out"] = _("Only an outcome can be carried out.")
        if errors:
            raise ValidationError(errors)
