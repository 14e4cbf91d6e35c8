"""Staff admin for the newsroom, scoped to the staff member's agencies.

Each publishable kind's admin is ``PublishableAdmin`` (newsroom.admin_publishing: the form with
optimistic locking, workflow buttons, review queue, preview, compare, restore, timeline) plus the
kind's own fields; every save and step goes through newsroom.editing and newsroom.workflow.
"""

from django.contrib import admin
from django.db.models import Q
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.models import Role

from . import media_library, notifications
from .admin_images import LibraryCoverFormMixin
from .admin_publishing import PublishableAdmin, PublishableAdminForm, ReviewQueueAdminMixin
from .models import Article, Category, Notification, Page, Tag


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
        return permissions.has_any_role(request.user, {Role.SUPERVISOR, Role.AGENCY_ADMIN})

    # Categories and tags are shared by every agency: only a superuser renames or removes one.
    def has_change_permission(self, request, obj=None):
        return permissions.is_superuser(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.is_superuser(request.user)


@admin.register(Tag)
class TagAdmin(CategoryAdmin):
    def has_add_permission(self, request):
        return permissions.has_any_role(request.user, permissions.NEWSROOM_ROLES)


class ArticleAdminForm(LibraryCoverFormMixin, PublishableAdminForm):
    """An article's form: its cover can also be chosen from the agency's photo library."""


@admin.register(Article)
class ArticleAdmin(ReviewQueueAdminMixin, PublishableAdmin):
    """News articles: the first publishable kind; it also hosts the review queue of all kinds."""

    list_display = ["title", "agency", "status_label", "publish_at", "author", "updated_at"]
    list_filter = ["status", "agency", "category"]
    list_select_related = ["agency", "author"]
    search_fields = ["title", "lead"]
    autocomplete_fields = ["tags", "documents"]
    date_hierarchy = "created_at"
    fieldsets = [
        (None, {"fields": ["agency", "title", "slug", "lead", "body", "expected_version"]}),
        (
            _("Photo"),
            {
                "fields": [
                    "cover_image",
                    "from_library",
                    ("focal_x", "focal_y"),
                    "cover_alt",
                    "cover_caption",
                    "cover_credit",
                ]
            },
        ),
        (None, {"fields": ["category", "tags", "is_featured"]}),
        (_("Attached documents"), {"fields": ["documents"]}),
    ]
    form = ArticleAdminForm
    focal_point_image = "cover_image"
    preview_template = "portal/article_detail.html"
    preview_name = "article"

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if "cover_image" in form.changed_data and obj.cover_image:
            # A photo uploaded once can be found again for the next article.
            media_library.record_cover(obj, uploaded_by=request.user)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only (in review, archived): no library to choose from.
        return [
            (name, {**opts, "fields": [f for f in opts["fields"] if f != "from_library"]})
            for name, opts in fieldsets
        ]

    def preview_context(self, request, obj):
        return {"article": obj, "related": []}


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    """An agency's own pages, in a tree; reviewed and published like articles."""

    list_display = ["path", "title", "agency", "status_label", "updated_at"]
    list_filter = ["status", "agency"]
    list_select_related = ["agency"]
    search_fields = ["title", "path"]
    fieldsets = [
        (None, {"fields": ["agency", "parent", "title", "slug", "position", "expected_version"]}),
        (None, {"fields": ["lead", "body"]}),
        (_("Image"), {"fields": ["image", "image_alt", "image_caption"]}),
    ]
    frozen_when_published = ("slug", "parent")
    preview_template = "portal/page_detail.html"
    preview_name = "page"

    def preview_context(self, request, obj):
        children = Page.objects.public().filter(parent=obj).order_by("position", "title")
        return {"page": obj, "children": children}

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if db_field.name == "parent" and field is not None:
            # Named by agency and address ("Dislutkan · profil/visi-misi"): titles repeat.
            field.queryset = field.queryset.select_related("agency")
            field.label_from_instance = lambda page: f"{page.agency.short_name} · {page.path}"
            match = getattr(request, "resolver_match", None)
            editing_pk = match.kwargs.get("object_id") if match else None
            if editing_pk and str(editing_pk).isdigit():
                # Not under itself or its own sub-pages.
                own = Page.objects.filter(pk=editing_pk).values_list("path", flat=True).first()
                if own is not None:
                    field.queryset = field.queryset.exclude(pk=editing_pk).exclude(
                        path__startswith=f"{own}/"
                    )
        return field


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    """E-mail notices: everyone sees their own; superusers and agency admins (for their agencies'
    articles) see the rest too, with failures, errors, and a "send again" action."""

    list_display = ["subject", "recipient", "status", "attempts", "created_at", "sent_at"]
    list_filter = ["status"]
    search_fields = ["subject", "email"]
    readonly_fields = [f.name for f in Notification._meta.fields]
    actions = ["send_again"]

    def _oversees(self, request) -> bool:
        return permissions.has_any_role(request.user, {Role.AGENCY_ADMIN})

    def get_queryset(self, request):
        qs = super().get_queryset(request).select_related("recipient")
        overseen = permissions.agency_ids_for(request.user, {Role.AGENCY_ADMIN})
        if overseen is None:
            return qs
        return qs.filter(Q(recipient=request.user) | Q(agency__in=overseen))

    def has_module_permission(self, request):
        return permissions.has_any_role(request.user, permissions.NEWSROOM_ROLES)

    def has_view_permission(self, request, obj=None):
        if obj is not None and obj.recipient_id != request.user.pk:
            return permissions.has_role(request.user, obj.agency_id, Role.AGENCY_ADMIN)
        return permissions.has_any_role(request.user, permissions.NEWSROOM_ROLES)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_list_display(self, request):
        if self._oversees(request):
            return [*self.list_display, "last_error"]
        return self.list_display

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not self._oversees(request):
            actions.pop("send_again", None)
        return actions

    @admin.action(description=_("Send the selected e-mails again now"))
    def send_again(self, request, queryset):
        sent = sum(1 for pk in queryset.values_list("pk", flat=True) if notifications.deliver(pk))
        self.message_user(
            request,
            _("%(sent)s of %(total)s e-mails sent.") % {"sent": sent, "total": queryset.count()},
        )

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404


# Announcements and the agenda (admin_agenda), the download centre and galleries (admin_library)
# have their own admin modules; importing them registers them.
from . import admin_agenda, admin_library, admin_media  # noqa: E402, F401
