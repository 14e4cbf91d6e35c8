"""Maintenance of the public-information list (DIP)."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy, ngettext

from accounts import permissions
from accounts.admin import AgencyScopedAdmin
from humas.filestore import ReshowFormWhenFileNotStored
from newsroom.models import Article, Document

from ..models import ConsequenceTest, DIPEntry
from ..models.dip import exemption_ended_q, periodic_stale_q
from ..services import PPIDError, dip


class DIPEntryForm(forms.ModelForm):
    """Only translates what was typed into the service call; the rules are ppid.services.dip's."""

    note = forms.CharField(
        label=gettext_lazy("Note for the timeline"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy("Optional: why the entry is added, changed or withdrawn."),
    )

    class Meta:
        model = DIPEntry
        fields = [
            "agency", "title", "category", "summary", "published", "holding_unit",
            "person_responsible", "made_when", "made_where", "form", "retention_period", "file",
            "link", "article", "documents", "exemption_ground", "consequence",
            "classification_reason", "exempt_until",
        ]  # fmt: skip

    user = None  # set by DIPEntryAdmin.get_form

    def _post_clean(self):
        # The instance holds what was typed only after ModelForm's own _post_clean; ask the
        # service then, so a refusal is shown in the form with the input kept.
        super()._post_clean()
        if self.errors:
            return
        for field, message in dip.entry_problems(self.instance, actor=self.user):
            self.add_error(field if field in self.fields else None, message)


class ReviewDueFilter(admin.SimpleListFilter):
    """Entries due for review: an exemption that has ended, periodic information gone stale."""

    title = gettext_lazy("review")
    parameter_name = "tinjau"

    def lookups(self, request, model_admin):
        return [
            ("semua", gettext_lazy("Needs review")),
            ("pengecualian-berakhir", gettext_lazy("Exemption ended")),
            ("berkala-usang", gettext_lazy("Periodic, not updated for 6 months")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "semua":
            return queryset.needing_review(today)
        if self.value() == "pengecualian-berakhir":
            return queryset.filter(exemption_ended_q(today))
        if self.value() == "berkala-usang":
            return queryset.filter(periodic_stale_q(today))
        return queryset


@admin.register(DIPEntry)
class DIPEntryAdmin(ReshowFormWhenFileNotStored, AgencyScopedAdmin):
    form = DIPEntryForm
    change_form_template = "admin/ppid/dipentry/change_form.html"
    actions = ["publish_selected", "withdraw_selected"]
    view_roles = permissions.PPID_ROLES
    list_display = [
        "number", "title", "agency", "category", "published", "exempt_until", "updated_at",
        "review",
    ]  # fmt: skip
    list_filter = [ReviewDueFilter, "category", "published", "agency"]
    search_fields = ["title", "summary"]
    list_select_related = ["agency"]
    fieldsets = [
        (None, {"fields": ["agency", "title", "category", "summary", "published"]}),
        (
            gettext_lazy("Details"),
            {
                "fields": [
                    "holding_unit",
                    "person_responsible",
                    "made_when",
                    "made_where",
                    "form",
                    "retention_period",
                    "file",
                    "link",
                    "article",
                    "documents",
                ]
            },
        ),  # fmt: skip
        (
            gettext_lazy("Exempt information"),
            {
                "fields": [
                    "exemption_ground",
                    "consequence",
                    "classification_reason",
                    "exempt_until",
                ]
            },  # fmt: skip
        ),
        (None, {"fields": ["note"]}),
    ]

    @admin.display(description=gettext_lazy("review"))
    def review(self, obj):
        reason = obj.review_reason()
        return format_html('<span class="ppid-due overdue">{}</span>', reason) if reason else ""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        form.user = request.user
        return form

    def save_model(self, request, obj, form, change):
        # The form has asked the same service (DIPEntryForm._post_clean); this is the one write.
        dip.save_dip_entry(obj, actor=request.user, comment=form.cleaned_data.get("note", ""))

    def delete_model(self, request, obj):
        dip.delete_dip_entry(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for entry in queryset:
            dip.delete_dip_entry(entry, actor=request.user)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        entry = self.get_object(request, object_id)
        extra = {}
        if entry is not None:
            extra["dip_events"] = entry.events.select_related("actor")
            if request.method == "GET" and (reason := entry.review_reason()):
                messages.warning(request, reason)
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def _set_published(self, request, queryset, service, done_message):
        done = 0
        for entry in queryset:
            try:
                service(entry, actor=request.user)
            except PPIDError as error:
                messages.error(request, f"{entry}: {error.message}")
            else:
                done += 1
        if done:
            messages.success(request, done_message(done) % {"count": done})

    @admin.action(description=gettext_lazy("Publish the selected entries"))
    def publish_selected(self, request, queryset):
        self._set_published(
            request,
            queryset,
            dip.publish_dip_entry,
            lambda n: ngettext("%(count)d entry published.", "%(count)d entries published.", n),
        )

    @admin.action(description=gettext_lazy("Withdraw the selected entries from the public list"))
    def withdraw_selected(self, request, queryset):
        self._set_published(
            request,
            queryset,
            dip.withdraw_dip_entry,
            lambda n: ngettext("%(count)d entry withdrawn.", "%(count)d entries withdrawn.", n),
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "documents":
            # Published (or scheduled) files of the download centre of the person's agencies.
            documents = Document.objects.filter(status=Document.Status.PUBLISHED)
            kwargs["queryset"] = permissions.scope_to_agencies(
                documents, request.user, permissions.PPID_ROLES
            ).order_by("-year", "title")
            kwargs["help_text"] = gettext_lazy(
                "Published files of the download centre shown with this entry. Hold Ctrl "
                "(Cmd on a Mac) to choose more than one."
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "consequence":
            tests = ConsequenceTest.objects.filter(conclusion=ConsequenceTest.Conclusion.EXEMPT)
            kwargs["queryset"] = permissions.scope_to_agencies(
                tests, request.user, permissions.PPID_ROLES
            )
        if db_field.name == "article":
            articles = permissions.scope_to_agencies(
                Article.objects.public(), request.user, permissions.PPID_ROLES
            )
            kwargs["queryset"] = articles.select_related("agency")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)
