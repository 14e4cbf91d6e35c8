from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PpidConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "ppid"
    verbose_name = _("PPID information service")

    def ready(self):
        from humas import dashboard

        # What waits for this app's staff, on the dashboard at /admin/ and in the admin menu.
        dashboard.register("ppid.dashboard.panels", order=20)

        from audit.log import register_actions

        from .services.base import audit_labels

        # What each PPID step is called in the agency's audit log (audit.admin).
        register_actions(audit_labels())
