"""Project-level endpoints: health check, robots.txt and the favicon."""

from django.http import HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.templatetags.static import static
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_safe

from . import health


@never_cache
@require_GET
def healthz(request):
    """Each dependency with ``ok`` / ``degraded`` / ``down`` and an overall status (humas.health).

    503 only when the site cannot serve (the database is down); 200 otherwise, "degraded" when a
    part the site can do without for a while (cache, task worker, media folder) is failing.
    """
    overall, checks = health.report()
    return JsonResponse(
        {"status": overall, "checks": checks}, status=503 if overall == health.DOWN else 200
    )


@require_GET
def robots_txt(request):
    sitemap = request.build_absolute_uri(reverse("sitemap_index"))
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /ppid/status/",
        "Disallow: /cari/",
        f"Sitemap: {sitemap}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")


@require_safe
def favicon(request):
    """Browsers ask /favicon.ico on every page whatever the <link rel=icon> says: point them at
    the SVG icon (one file, every size) instead of answering 404 and logging it."""
    response = HttpResponsePermanentRedirect(static("img/favicon.svg"))
    response["Cache-Control"] = "public, max-age=86400"
    return response
