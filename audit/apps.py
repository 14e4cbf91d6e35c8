from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The append-only audit log. Its models and :mod:`audit.log` import no app of ours (they
    name ``accounts.Agency`` by string), so every app, accounts included, may write to it; only
    its admin asks ``accounts.permissions`` who may read it."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "audit"
    verbose_name = _("Audit")

    def ready(self):
        from humas import dashboard

        # Agency administrators and PPID heads see the latest entries on their dashboard.
        dashboard.register("audit.dashboard.panels", order=35)
