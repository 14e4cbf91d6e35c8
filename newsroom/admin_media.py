"""The photo library in the staff admin: each agency's photos with thumbnails, found by caption,
and the list a cover's "choose from the library" link opens (newsroom.media_library)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.admin import AgencyScopedAdmin

from .admin_images import ImageFieldsAdminMixin, thumbnail
from .media_library import MediaImage


@admin.register(MediaImage)
class MediaImageAdmin(ImageFieldsAdminMixin, AgencyScopedAdmin):
    """Newsroom staff see their agencies' photos; writers and supervisors add and describe them."""

    view_roles = permissions.NEWSROOM_ROLES
    change_roles = permissions.CONTENT_EDIT_ROLES
    list_display = ["thumb", "caption", "alt_text", "credit", "agency", "uploaded_at"]
    list_display_links = ["thumb", "caption"]
    list_filter = ["agency"]
    list_select_related = ["agency"]
    search_fields = ["caption", "alt_text", "credit"]
    search_help_text = _("Search the captions, descriptions and credits.")
    fields = ["agency", "file", ("focal_x", "focal_y"), "alt_text", "caption", "credit"]
    readonly_fields = ["uploaded_by", "uploaded_at"]
    focal_point_image = "file"
    list_per_page = 40

    def get_fields(self, request, obj=None):
        return [*self.fields, *(self.readonly_fields if obj is not None else [])]

    @admin.display(description=_("photo"))
    def thumb(self, obj):
        found = thumbnail(obj.file)
        if found is None:
            return _("(the file cannot be read)")
        return format_html(
            '<img class="media-thumb" src="{}" width="{}" height="{}" alt="{}">',
            found.url,
            found.width,
            found.height,
            obj.alt_text,
        )

    def save_model(self, request, obj, form, change):
        if not change:
            obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)
