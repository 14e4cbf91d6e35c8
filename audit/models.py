"""One append-only table: a row per transition, decision or membership change of an agency."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class AuditEntryQuerySet(models.QuerySet):
    # Rows are evidence: nothing rewrites or removes them in bulk either. (An agency deleted by a
    # superuser still takes its rows with it: the database cascade bypasses these methods.)
    def update(self, **kwargs):
        raise TypeError("Audit entries are never changed.")

    def delete(self):
        raise TypeError("Audit entries are never deleted.")


class AuditEntry(models.Model):
    """Who did what to which object of an agency, and when.

    The actor's name and the object's label are copied in, so an entry still reads right after
    the person or the object is gone. A PPID request is named by its registration number only:
    the requester's personal data never enters this table (UU 27/2022).
    """

    agency = models.ForeignKey(
        "accounts.Agency", on_delete=models.CASCADE, related_name="+", verbose_name=_("agency")
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("person"),
    )
    actor_name = models.CharField(_("person"), max_length=200, blank=True)
    #: Namespaced action code, e.g. ``newsroom.article.approved`` or ``accounts.membership.added``.
    action = models.CharField(_("action"), max_length=60)
    #: ``app_label.model_name`` of the object acted on.
    object_type = models.CharField(_("object type"), max_length=100, blank=True)
    object_id = models.PositiveBigIntegerField(_("object id"), null=True, blank=True)
    object_label = models.CharField(_("object"), max_length=300, blank=True)
    summary = models.CharField(_("details"), max_length=500, blank=True)
    at = models.DateTimeField(_("time"), default=timezone.now)

    objects = AuditEntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("audit log entry")
        verbose_name_plural = _("audit log")
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["agency", "-at"], name="audit_agency_at_idx"),
            models.Index(fields=["agency", "action"], name="audit_agency_action_idx"),
            models.Index(fields=["agency", "actor"], name="audit_agency_actor_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.action} · {self.object_label}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise TypeError("Audit entries are never changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("Audit entries are never deleted.")
