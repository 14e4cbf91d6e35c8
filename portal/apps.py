from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """Everything an anonymous visitor sees: pages, feeds, sitemap, search, the page cache."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "portal"
    verbose_name = _("Public portal")

    def ready(self):
        # Page cache invalidation: every process bumps the shared generation on public changes.
        from . import cache_hooks, checks, redirects, sites  # noqa: F401 (checks: registered)

        cache_hooks.connect()
        # The shared map of agencies' own domains follows every change of an agency.
        sites.connect()
        # A public item's changed address leaves a redirect behind.
        redirects.connect()
