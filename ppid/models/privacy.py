"""Who on the staff looked at a requester's personal data, and when (visible to the PPID head)."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PersonalDataView(models.Model):
    """One staff view of a request, an objection or a requester's file. Never edited."""

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    request = models.ForeignKey(
        "ppid.InformationRequest",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("request"),
    )
    objection = models.ForeignKey(
        "ppid.Objection",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("objection"),
    )
    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("viewed by"),
    )
    what = models.CharField(_("what was viewed"), max_length=200)
    viewed_at = models.DateTimeField(_("viewed at"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("personal data view")
        verbose_name_plural = _("personal data views")
        ordering = ["-viewed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.viewer} — {self.what}"
