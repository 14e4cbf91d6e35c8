from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "newsroom"
    verbose_name = _("Newsroom")

    def ready(self):
        from humas import dashboard

        # What waits for this app's staff, on the dashboard at /admin/ and in the admin menu.
        dashboard.register("newsroom.dashboard.panels", order=10)

        from django.utils.text import capfirst

        from audit.log import kind_labels, register_actions

        from . import library, workflow
        from .publishing import kinds
        from .revisions import EVENT_LABELS

        # What each step is called in the agency's audit log, for every publishable kind.
        for kind in kinds():
            name = capfirst(kind._meta.verbose_name)
            register_actions(kind_labels(kind.action_prefix(), name, EVENT_LABELS))

        # A gallery just published (or corrected) gets its photo renditions made in the background.
        workflow.published_changed.connect(
            library.on_gallery_published, sender=library.Gallery, dispatch_uid="gallery_renditions"
        )
