"""An agency's own pages (newsroom's Page kind) at /instansi/<agency>/<path>/."""

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from newsroom.models import Page

from . import sites


def page_detail(request, slug, path):
    """One public page under public sections, with its public sub-pages."""
    page = get_object_or_404(
        Page.objects.public().select_related("agency", "parent"),
        agency__slug=slug,
        path=path.strip("/"),
    )
    if not page.is_reachable:
        raise Http404
    sites.check_agency(request, page.agency_id)
    children = Page.objects.public().filter(parent=page).order_by("position", "title")
    canonical_url = sites.public_url(request, page.get_absolute_url(), page.agency)
    return render(
        request,
        "portal/page_detail.html",
        {"page": page, "children": children, "canonical_url": canonical_url},
    )


def top_pages(agency):
    """The agency's public pages at the top of its tree, in their order (its site's sections)."""
    return Page.objects.public().filter(agency=agency, parent=None).order_by("position", "title")
