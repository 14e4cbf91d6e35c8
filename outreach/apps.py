from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutreachConfig(AppConfig):
    """The Digital PR desk: objectives, pillars, planned social posts, the content calendar and
    the comment desk. Named for the work (reaching the public beyond the website), not for one
    platform; it uses newsroom and accounts, never the other way round."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "outreach"
    verbose_name = _("Digital PR desk")
