"""Staff admin of the download centre and the galleries (newsroom.library), on PublishableAdmin.

A gallery's photos and videos are an ordered inline, but they are part of the reviewed content
(see newsroom.library): the inline's rows are never saved by the formset. The admin reads them
from the formset and hands them to newsroom.editing with the gallery's fields, so they go into
the same revision and, for a published gallery, wait in the correction with its text. The inline
can be changed while the gallery is a draft or sent back for changes; once it is in review or
published it is shown read-only (the live rows), like the other fields in review.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from humas import filestore

from . import editing
from .admin_images import ImageFieldsAdminMixin
from .admin_publishing import PublishableAdmin
from .document_files import max_bytes
from .library import Document, DocumentDownload, Gallery, GalleryItem, download_figures
from .publishing import Status

#: States in which a gallery's items may be changed in the form.
ITEMS_EDITABLE = frozenset({Status.DRAFT, Status.CHANGES_REQUESTED})


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    """Regulations, forms, reports, SOPs... published through the same review as articles."""

    list_display = [
        "title", "kind", "year", "agency_short", "file_label", "downloads", "status_label",
    ]  # fmt: skip
    list_filter = ["status", "kind", "year", "agency"]
    list_select_related = ["agency"]
    search_fields = ["title", "number"]
    rich_text_fields = ()
    fieldsets = [
        (None, {"fields": ["agency", "title", "slug", "kind", "number", "year"]}),
        (
            None,
            {"fields": ["description", "file", "file_label", "download_label", "expected_version"]},
        ),
    ]
    preview_template = "portal/document_detail.html"
    preview_name = "document"

    def get_queryset(self, request):
        totals = (
            DocumentDownload.objects.filter(document=OuterRef("pk"))
            .values("document")
            .annotate(total=Sum("count"))
            .values("total")
        )
        return (
            super()
            .get_queryset(request)
            .annotate(download_total=Coalesce(Subquery(totals, output_field=IntegerField()), 0))
        )

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "file_label", "download_label"]

    @admin.display(description=gettext_lazy("agency"), ordering="agency__short_name")
    def agency_short(self, obj):
        return obj.agency.short_name or obj.agency.name

    @admin.display(description=gettext_lazy("type and size"))
    def file_label(self, obj):
        if not obj.file_type:
            return "—"
        return f"{obj.get_file_type_display()}, {filesizeformat(obj.file_size)}"

    @admin.display(description=gettext_lazy("downloads"))
    def download_label(self, obj):
        if not obj.pk:
            return "—"
        figures = download_figures(obj)
        return _("%(total)s in all, %(recent)s in the last 30 days") % figures

    @admin.display(description=gettext_lazy("downloads"), ordering="download_total")
    def downloads(self, obj):
        return getattr(obj, "download_total", 0)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "file" in form.base_fields:
            form.base_fields["file"].help_text = _(
                "PDF, Word (DOCX), Excel (XLSX), OpenDocument (ODT, ODS) or ZIP, at most "
                "%(limit)s. The type is read from the file's content."
            ) % {"limit": filesizeformat(max_bytes())}
        return form

    def preview_context(self, request, obj):
        return {"document": obj, "articles": [], "dip_entries": []}


class GalleryItemInline(ImageFieldsAdminMixin, admin.StackedInline):
    model = GalleryItem
    extra = 1
    ordering = ["position", "id"]
    fields = ["position", "kind", "image", "alt_text", "caption", "credit", "video_url"]
    verbose_name = gettext_lazy("photo or video")
    verbose_name_plural = gettext_lazy("photos and videos (in order of the position number)")

    def _editable(self, request, obj) -> bool:
        if obj is None:
            return permissions.has_any_role(request.user, permissions.CONTENT_EDIT_ROLES)
        return permissions.can_edit_content(request.user, obj) and obj.status in ITEMS_EDITABLE

    def has_view_permission(self, request, obj=None):
        return permissions.has_any_role(request.user, permissions.NEWSROOM_ROLES)

    def has_add_permission(self, request, obj=None):
        return self._editable(request, obj)

    def has_change_permission(self, request, obj=None):
        return self._editable(request, obj)

    def has_delete_permission(self, request, obj=None):
        return self._editable(request, obj)


@admin.register(Gallery)
class GalleryAdmin(PublishableAdmin):
    """Photo and video galleries; their items are reviewed with them (module docstring)."""

    list_display = ["title", "agency_short", "item_count", "status_label", "publish_at"]
    list_filter = ["status", "agency"]
    list_select_related = ["agency"]
    search_fields = ["title", "description"]
    rich_text_fields = ()
    inlines = [GalleryItemInline]
    fieldsets = [
        (None, {"fields": ["agency", "title", "slug", "description", "expected_version"]}),
    ]
    preview_template = "portal/gallery_detail.html"
    preview_name = "gallery"

    agency_short = DocumentAdmin.agency_short

    @admin.display(description=gettext_lazy("photos and videos"), ordering="item_total")
    def item_count(self, obj):
        return obj.item_total

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(item_total=Count("items"))

    def preview_context(self, request, obj):
        # A correction waiting for approval is previewed with its own photos and videos.
        pending = (getattr(obj, "pending_m2m", None) or {}).get("items")
        if pending is None:
            return {"gallery": obj, "items": list(obj.items.all())}
        items = [GalleryItem.from_data(obj, n, data) for n, data in enumerate(pending, start=1)]
        return {"gallery": obj, "items": items}

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if request.method == "GET" and obj is not None and obj.status == Status.PUBLISHED:
            messages.info(
                request,
                _(
                    "The photos and videos of a published gallery cannot be changed here. "
                    "Archive it and reopen it as a draft to change them; its title and "
                    "description can be corrected as usual."
                ),
            )
        return super().change_view(request, object_id, form_url, extra_context)

    # The gallery and its items are saved together, once the items are known (save_related).
    def save_model(self, request, obj, form, change):
        request._gallery_save = (obj, change)

    def save_related(self, request, form, formsets, change):
        obj, change = request._gallery_save
        m2m = {}
        items = self._items_from(formsets, obj)
        if items is not None:
            m2m["items"] = items
        if not change:
            editing.create(obj, actor=request.user, m2m=m2m)
        else:
            revision = editing.save(
                obj,
                actor=request.user,
                expected_version=form.cleaned_data.get("expected_version"),
                m2m=m2m,
            )
            if revision is not None and revision.pending:
                messages.info(
                    request,
                    _(
                        "The correction is saved and waits for a supervisor's approval; "
                        "the public page is unchanged until then."
                    ),
                )
        for formset in formsets:
            # Django's change message reads what a formset saved; the items were saved above.
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def _items_from(self, formsets, obj) -> list[dict] | None:
        """The items as the form shows them, in position order; None when they cannot change."""
        if obj.pk and obj.status not in ITEMS_EDITABLE:
            return None
        formset = next((f for f in formsets if f.model is GalleryItem), None)
        if formset is None:
            return None
        rows = []
        for index, form in enumerate(formset.forms):
            if form.instance.pk is None and not form.has_changed():
                continue  # an empty extra form
            if formset.can_delete and formset._should_delete_form(form):
                continue
            item = form.instance
            if item.image and not item.image._committed:
                filestore.store(item.image, refusal=editing.FileNotStored)
            rows.append((item.position, index, item.as_data()))
        return [data for _position, _index, data in sorted(rows, key=lambda r: r[:2])]
