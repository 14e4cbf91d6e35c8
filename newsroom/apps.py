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

        from . import library, workflow

        # A gallery just published (or corrected) gets its photo renditions made in the background.
        workflow.published_changed.connect(
            library.on_gallery_published, sender=library.Gallery, dispatch_uid="gallery_renditions"
        )
