"""Objections (keberatan) to the atasan PPID, UU 14/2008 Pasal 35-36."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ObjectionGround(models.TextChoices):
    """UU 14/2008 Pasal 35(1) a-g: the seven grounds for an objection."""

    A = "35a", _("Request refused on an exemption ground (Pasal 17)")
    B = "35b", _("Periodic information (Pasal 9) not provided")
    C = "35c", _("Request not responded to")
    D = "35d", _("Request responded to other than as asked")
    E = "35e", _("Request not fulfilled")
    F = "35f", _("Unreasonable fee charged")
    G = "35g", _("Information delivered later than the law allows")


class Objection(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the PPID head's answer")
        DECIDED = "decided", _("Answered")

    class Decision(models.TextChoices):
        # The atasan PPID upholds the PPID's handling (objection rejected) or overturns it
        # (objection accepted, the PPID must act on it).
        UPHELD = "upheld", _("PPID decision upheld (objection rejected)")
        OVERTURNED = "overturned", _("PPID decision overturned (objection accepted)")

    # Empty for ground (b): periodic information not published needs no request (UU 14/2008
    # Pasal 35(1)(b)); the objection then names the agency and the information concerned.
    request = models.ForeignKey(
        "ppid.InformationRequest",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="objections",
        verbose_name=_("information request"),
    )
    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    registration_number = models.CharField(
        _("registration number"), max_length=60, unique=True, editable=False
    )
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    sequence = models.PositiveIntegerField(_("sequence"), editable=False)
    grounds = models.JSONField(_("grounds"), default=list)
    periodic_information = models.TextField(
        _("periodic information concerned"),
        blank=True,
        help_text=_("Ground (b) without a request: which periodic information is not published."),
    )
    # Who objects, when there is no request to take it from (ground (b) without a request).
    objector_name = models.CharField(_("name of the objector"), max_length=200, blank=True)
    objector_address = models.TextField(_("address of the objector"), blank=True)
    objector_phone = models.CharField(_("phone of the objector"), max_length=30, blank=True)
    objector_email = models.EmailField(_("e-mail of the objector"), blank=True)
    case_text = models.TextField(_("the case"))
    filed_at = models.DateTimeField(_("filed at"), default=timezone.now)
    due_date = models.DateField(_("answer due"), editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING, editable=False
    )
    decision = models.CharField(
        _("decision"), max_length=12, choices=Decision.choices, blank=True, editable=False
    )
    reasons = models.TextField(_("reasons"), blank=True, editable=False)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    class Meta:
        verbose_name = _("objection")
        verbose_name_plural = _("objections")
        ordering = ["-filed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["agency", "year", "sequence"], name="ppid_objection_number_unique"
            )
        ]

    def __str__(self) -> str:
        return self.registration_number

    @property
    def email(self) -> str:
        """Where the notices on this objection are e-mailed."""
        return self.request.email if self.request_id else self.objector_email

    @property
    def name(self) -> str:
        return self.request.name if self.request_id else self.objector_name

    def get_grounds_display(self) -> list[str]:
        labels = dict(ObjectionGround.choices)
        return [str(labels.get(code, code)) for code in self.grounds]
