"""/api/v1/: the router of every resource, the OpenAPI schema, and JSON 404s for the rest.

The portal registers its own resources; other apps' come from ``settings.HUMAS_API_MODULES``
(each a module with ``register(router)``), so the portal names no other app.
"""

from importlib import import_module

from django.conf import settings
from django.http import JsonResponse
from django.urls import include, path, re_path
from django.utils.translation import gettext as _
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView
from rest_framework.routers import DefaultRouter

from . import resources

app_name = "api"


class SchemaView(SpectacularAPIView):
    """The OpenAPI 3 schema, in JSON; it changes only with the code, so the page cache keeps it."""

    renderer_classes = [OpenApiJsonRenderer]

    @classmethod
    def as_view(cls, **initkwargs):
        view = super().as_view(**initkwargs)
        view.page_cacheable = True
        return view


def not_found(request, rest=""):
    """Any other address under /api/v1/: a JSON 404, like the resources'."""
    return JsonResponse({"detail": _("No public item has this address.")}, status=404)


router = DefaultRouter()
router.include_format_suffixes = False
resources.register(router)
for module in getattr(settings, "HUMAS_API_MODULES", ()):
    import_module(module).register(router)

urlpatterns = [
    path("schema/", SchemaView.as_view(), name="schema"),
    path("", include(router.urls)),
    re_path(r"^(?P<rest>.*)$", not_found),
]
