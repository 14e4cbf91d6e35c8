"""Staff admin for the newsroom, scoped to the staff member's agencies.

The article admin edits and moves articles only through newsroom.editing and newsroom.workflow;
the workflow pages (buttons, review queue, preview, compare, restore) are in admin_workflow.
"""

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.http import Http404
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.admin import AgencyScopedAdmin
from accounts.models import Role

from . import editing, notifications, workflow
from .admin_workflow import ArticleWorkflowAdminMixin
from .models import Article, Category, Notification, Revision, Tag
from .sanitize import sanitize_html


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


class ArticleAdminForm(forms.ModelForm):
    """The article form, with the version the editor started from (optimistic locking)."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "agency", "title", "slug", "lead", "body", "cover_image", "cover_caption",
            "cover_credit", "category", "tags", "is_featured",
        ]  # fmt: skip

    user = None  # set by ArticleAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version
        # A correction waiting for approval: the form shows its relations, not the live ones.
        for name, ids in (getattr(self.instance, "pending_m2m", None) or {}).items():
            if name in self.fields:
                self.initial[name] = ids

    def clean(self):
        cleaned = super().clean()
        try:
            if self.instance.pk:
                # The admin saves inside one transaction: the row lock taken here is held until
                # the save, so nobody can slip in between this check and the write.
                with transaction.atomic():
                    locked = workflow.lock(self.instance)
                    editing.check_can_edit(locked, self.user, cleaned.get("expected_version"))
            elif cleaned.get("agency") and not permissions.can_create_content(
                self.user, cleaned["agency"]
            ):
                raise workflow.WorkflowError(
                    _("You do not have a role in this agency that allows this step.")
                )
        except workflow.WorkflowError as refused:
            raise forms.ValidationError(refused.message) from None
        return cleaned


@admin.register(Article)
class ArticleAdmin(ArticleWorkflowAdminMixin, AgencyScopedAdmin):
    """Articles of the staff member's agencies; every save and step goes through the workflow."""

    form = ArticleAdminForm
    view_roles = permissions.NEWSROOM_ROLES
    change_roles = permissions.CONTENT_EDIT_ROLES
    list_display = ["title", "agency", "status_label", "publish_at", "author", "updated_at"]
    list_filter = ["status", "agency", "category"]
    list_select_related = ["agency", "author"]
    search_fields = ["title", "lead"]
    autocomplete_fields = ["tags"]
    date_hierarchy = "created_at"
    change_form_template = "admin/newsroom/article/change_form.html"
    change_list_template = "admin/newsroom/article/change_list.html"
    fieldsets = [
        (None, {"fields": ["agency", "title", "slug", "lead", "body", "expected_version"]}),
        (_("Photo"), {"fields": ["cover_image", "cover_caption", "cover_credit"]}),
        (None, {"fields": ["category", "tags", "is_featured"]}),
    ]

    def view_on_site(self, article):
        # Only a public article has a page to view; the rest use "Preview".
        return article.get_absolute_url() if article.is_public else None

    def get_queryset(self, request):
        pending = Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=OuterRef("pk"),
            pending=True,
        )
        return super().get_queryset(request).annotate(has_pending_correction=Exists(pending))

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        # The editor continues from the correction waiting for approval, not the live text.
        return editing.form_copy(article) if article is not None else None

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only (in review, archived): show the body as the reader will see it, not as HTML.
        return [
            (
                name,
                {**opts, "fields": ["body_as_read" if f == "body" else f for f in opts["fields"]]},
            )
            for name, opts in fieldsets
        ]

    @admin.display(description=_("body"))
    def body_as_read(self, article):
        return mark_safe(sanitize_html(article.body))  # noqa: S308 (allow-list sanitised)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        readonly = ["agency", "body_as_read"]
        if obj.status == Article.Status.PUBLISHED:
            readonly.append("slug")  # the public address of a live article stays
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        body = form.base_fields.get("body")
        if obj is not None and body is not None:
            # Images uploaded in the editor belong to the article's agency (newsroom.uploads);
            # on a new article the editor reads the form's agency field instead.
            body.widget.attrs["data-upload-agency"] = obj.agency_id
        return form

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.has_any_role(request.user, permissions.CONTENT_EDIT_ROLES)
        if not permissions.can_edit_content(request.user, obj):
            return False
        # In review or archived the form is read-only; the workflow buttons still work. A save
        # from a form opened before the article moved still reaches the form's validation, which
        # refuses it with a message and keeps the editor's text (never a bare 403).
        return obj.status in editing.EDITABLE_STATES or request.method == "POST"

    def has_delete_permission(self, request, obj=None):
        # No editor's work is lost: archive instead; only a superuser removes an article.
        return permissions.is_superuser(request.user)

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article):
        label = article.get_status_display()
        if article.status == Article.Status.PUBLISHED and not article.is_public:
            label = _("Scheduled")
        if getattr(article, "has_pending_correction", False):
            label = _("%(status)s, correction waiting") % {"status": label}
        return label

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "body":
            kwargs["widget"] = rich_text_widget()
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def save_model(self, request, obj, form, change):
        m2m = {
            name: [row.pk for row in form.cleaned_data.get(name) or []]
            for name in obj.content_fields
            if name in form.cleaned_data and obj._meta.get_field(name).many_to_many
        }
        if not change:
            editing.create(obj, actor=request.user, m2m=m2m)
            return
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

    def save_related(self, request, form, formsets, change):
        # Tags are saved by the workflow (on the row for drafts, in the revision for
        # corrections); form.save_m2m() would change a live article's tags behind review.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def changelist_view(self, request, extra_context=None):
        self.show_notices(request)
        queue = permissions.review_agency_ids(request.user)
        extra = {"show_review_queue": queue is None or bool(queue)}
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = dict(extra_context or {})
        if request.method == "GET":
            self.show_notices(request)
        # Also on a refused POST: the form comes back with the buttons and history beside it.
        article = self.get_object(request, object_id)
        if article is not None and self.has_view_permission(request, article):
            extra.update(self.workflow_context(request, article))
        return super().change_view(request, object_id, form_url, extra)


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
        return qs.filter(Q(recipient=request.user) | Q(article__agency__in=overseen))

    def has_module_permission(self, request):
        return permissions.has_any_role(request.user, permissions.NEWSROOM_ROLES)

    def has_view_permission(self, request, obj=None):
        if obj is not None and obj.recipient_id != request.user.pk:
            agency_id = obj.article.agency_id if obj.article_id else None
            return permissions.has_role(request.user, agency_id, Role.AGENCY_ADMIN)
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
