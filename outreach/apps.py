from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """The Digital PR desk: objectives, pillars, planned social posts, the content calendar and
    the comment desk. Named for the work (reaching the public beyond the website), not for one
    platform; it uses newsroom and accounts, never the other way round."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "outreach"
    verbose_name = _("Digital PR desk")

    def ready(self):
        from django.contrib import admin
        from django.db.models.signals import post_delete

        from humas import dashboard
        from newsroom.publishing import kinds

        from .admin_planning import attach_content_plans, forget_plan

        # The comment desk and the calendar on the staff dashboard (outreach.dashboard_desk).
        dashboard.register("outreach.dashboard_desk.panels", order=40)

        from audit.log import register_actions

        from .posts import PlannedPost

        register_actions(
            {f"{PlannedPost.action_prefix()}.posted": _("Planned post: marked as posted")}
        )

        # Every app's admin module is loaded by now (the admin app autodiscovers in its ready).
        attach_content_plans(admin.site)
        for kind in kinds():
            post_delete.connect(forget_plan, sender=kind, dispatch_uid=f"outreach_plan_{kind}")
