"""Staff admin for the newsroom, scoped to the staff member's agencies."""

from django.conf import settings
from django.contrib import admin
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.admin import AgencyScopedAdmin

from .models import Article, Category, Tag


def rich_text_widget():
    """The staff rich-text editor: chosen in one setting so it can be swapped in one place."""
    return import_string(settings.HUMAS_RICH_TEXT_WIDGET)()


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def has_module_permission(self, request):
        return permissions.has_any_role(request.user, permissions.NEWSROOM_ROLES)

    def has_view_permission(self, request, obj=None):
        return permissions.has_any_role(request.user, permissions.NEWSROOM_ROLES)

    def has_add_permission(self, request):
        return permissions.has_any_role(request.user, {"supervisor", "agency_admin"})

    has_change_permission = has_delete_permission = lambda self, request, obj=None: (
        permissions.is_superuser(request.user)
    )


@admin.register(Tag)
class TagAdmin(CategoryAdmin):
    def has_add_permission(self, request):
        return permissions.has_any_role(request.user, permissions.NEWSROOM_ROLES)


@admin.register(Article)
class ArticleAdmin(AgencyScopedAdmin):
    view_roles = permissions.NEWSROOM_ROLES
    list_display = ["title", "agency", "status", "publish_at", "author", "updated_at"]
    list_filter = ["status", "agency", "category"]
    list_select_related = ["agency", "author"]
    search_fields = ["title", "lead"]
    autocomplete_fields = ["tags"]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["agency", "title", "slug", "lead", "body"]}),
        (_("Photo"), {"fields": ["cover_image", "cover_caption", "cover_credit"]}),
        (None, {"fields": ["category", "tags", "is_featured"]}),
    ]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = rich_text_widget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.author = request.user
        super().save_model(request, obj, form, change)
