"""The download centre (/dokumen/) and the galleries (/galeri/): public documents and galleries
only (``.public()``), limited to the agency on its own domain (portal.sites.for_site).

The lists and detail pages hold nothing per visitor, so the page cache keeps them
(portal.cache.DEFAULT_VIEWS). The download address is never cached: every download is counted
(newsroom.library.record_download) and then the file is sent.
"""

from __future__ import annotations

from django.db.models import Count, OuterRef, Q, Subquery
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from accounts.models import Agency
from newsroom.library import Document, Gallery, GalleryItem, record_download

from .sites import for_site, public_url, site_agency
from .views import paginate

DOCUMENT_PAGE_SIZE = 20
GALLERY_PAGE_SIZE = 12
MAX_QUERY = 100
#: What a row of the document list shows.
DOCUMENT_COLUMNS = (
    *("slug", "title", "kind", "number", "year", "file_type", "file_size", "publish_at"),
    *("agency", "agency__slug", "agency__name", "agency__short_name"),
)


def _choice(request, name: str, allowed) -> str:
    value = (request.GET.get(name) or "").strip()
    return value if value in allowed else ""


def _year(request) -> int | None:
    value = (request.GET.get("tahun") or "").strip()
    return int(value) if value.isdigit() and len(value) == 4 else None


def document_list(request):
    """Every public document, newest first; filters by kind, year and agency, search by title or
    number."""
    documents = for_site(Document.objects.public(), request)
    params = {}
    kind = _choice(request, "jenis", Document.Kind.values)
    if kind:
        documents = documents.filter(kind=kind)
        params["jenis"] = kind
    year = _year(request)
    if year:
        documents = documents.filter(year=year)
        params["tahun"] = year
    agency = None
    own_site = site_agency(request)
    if own_site is None and (slug := request.GET.get("instansi")):
        agency = get_object_or_404(Agency, slug=slug)
        documents = documents.filter(agency=agency)
        params["instansi"] = slug
    query = " ".join((request.GET.get("q") or "").split())[:MAX_QUERY]
    if query:
        documents = documents.filter(Q(title__icontains=query) | Q(number__icontains=query))
        params["q"] = query
    page = paginate(
        request,
        documents.select_related("agency").only(*DOCUMENT_COLUMNS),
        params,
        per_page=DOCUMENT_PAGE_SIZE,
    )
    years = (
        for_site(Document.objects.public(), request)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )
    return render(
        request,
        "portal/document_list.html",
        {
            "page": page,
            "kinds": Document.Kind.choices,
            "kind": kind,
            "years": list(years),
            "year": year,
            "agencies": [] if own_site else Agency.objects.only("slug", "name", "short_name"),
            "agency": agency,
            "query": query,
            "filtered": bool(params),
        },
    )


def _public_document(request, slug):
    return get_object_or_404(
        for_site(Document.objects.public(), request).select_related("agency"), slug=slug
    )


def document_detail(request, slug):
    """One document: what it is, its type and size, and where it is used (articles, the DIP)."""
    document = _public_document(request, slug)
    articles = document.articles.public().only("slug", "title", "publish_at")[:10]
    dip_entries = (
        document.dip_entries.filter(published=True)
        .select_related("agency")
        .only("title", "category", "agency__slug")[:10]
    )
    return render(
        request,
        "portal/document_detail.html",
        {
            "document": document,
            "articles": articles,
            "dip_entries": dip_entries,
            "canonical_url": public_url(request, document.get_absolute_url(), document.agency),
        },
    )


@require_safe
def document_download(request, slug):
    """Count the download, then send the file under a safe name (slug and sniffed extension)."""
    document = _public_document(request, slug)
    try:
        handle = document.file.open("rb")
    except (FileNotFoundError, OSError, ValueError):
        raise Http404(_("The file of this document is not available right now.")) from None
    if request.method == "GET":  # a HEAD asks about the file; it is not a download
        record_download(document)
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=document.download_name,
        content_type=document.content_type,
    )
    # Each download must reach the counter: no shared cache may answer for it.
    response["Cache-Control"] = "private, no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


def gallery_list(request):
    """Public galleries, newest first, each with its first photo and its number of items."""
    first_photo = (
        GalleryItem.objects.filter(gallery=OuterRef("pk"), kind=GalleryItem.Kind.PHOTO)
        .order_by("position", "id")
        .values("image")[:1]
    )
    galleries = (
        for_site(Gallery.objects.public(), request)
        .select_related("agency")
        .annotate(item_total=Count("items"), first_photo=Subquery(first_photo))
    )
    page = paginate(request, galleries, per_page=GALLERY_PAGE_SIZE)
    field = GalleryItem._meta.get_field("image")
    for gallery in page.items:
        # The cover as the image field the picture tag reads (renditions by file name).
        gallery.cover = field.attr_class(None, field, gallery.first_photo or "")
    return render(request, "portal/gallery_list.html", {"page": page})


def gallery_detail(request, slug):
    gallery = get_object_or_404(
        for_site(Gallery.objects.public(), request).select_related("agency"), slug=slug
    )
    return render(
        request,
        "portal/gallery_detail.html",
        {
            "gallery": gallery,
            "items": list(gallery.items.all()),
            "canonical_url": public_url(request, gallery.get_absolute_url(), gallery.agency),
        },
    )


def public_documents_of(queryset):
    """The public documents among ``queryset`` (an article's or a DIP entry's), for listing."""
    return queryset.public().only("slug", "title", "file_type", "file_size")
