"""An agency's own pages (newsroom's Page kind) at /instansi/<agency>/<path>/."""

from django.shortcuts import get_object_or_404, render

from newsroom.models import Page


def page_detail(request, slug, path):
    """One public page, with its public sub-pages (only ``Page.objects.public()`` is shown)."""
    page = get_object_or_404(
        Page.objects.public().select_related("agency", "parent"),
        agency__slug=slug,
        path=path.strip("/"),
    )
    children = Page.objects.public().filter(parent=page).order_by("position", "title")
    return render(request, "portal/page_detail.html", {"page": page, "children": children})


def top_pages(agency):
    """The agency's public pages at the top of its tree, in their order (its site's sections)."""
    return Page.objects.public().filter(agency=agency, parent=None).order_by("position", "title")
