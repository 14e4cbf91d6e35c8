"""The comment desk in the staff admin: the list, logging, answering, the CSV import, the weekly
figures, and the reply templates. Every page only turns its form into an outreach.desk call."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from accounts.admin import AgencyScopedAdmin
from accounts.models import User
from humas.admin_input import object_or_404
from ppid.forms import RequestForm

from . import comment_figures, comment_import, desk
from .comments import PLACEHOLDERS, Comment, ReplyTemplate, SocialPlatform
from .office_hours import format_office_minutes

Status = Comment.Status


class ReplyForm(forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Reply"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy("The answer as it was posted on the platform."),
    )
    answered_at = forms.DateTimeField(
        label=gettext_lazy("Answered at"),
        required=False,
        input_formats=["%Y-%m-%dT%H:%M", "%d/%m/%Y %H.%M", "%d/%m/%Y %H:%M"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        help_text=gettext_lazy("Leave empty if you answered just now (time in WIB)."),
    )


class ImportForm(forms.Form):
    agency = forms.ModelChoiceField(queryset=None, label=gettext_lazy("Agency"))
    file = forms.FileField(
        label=gettext_lazy("CSV file"),
        help_text=gettext_lazy(
            "Columns: platform, jenis, nama, akun, waktu, teks, tautan, id (nama, waktu and teks "
            "are required). Exports of Meta Business Suite, Instagram and YouTube are read as "
            "they are."
        ),
    )
    platform = forms.ChoiceField(
        label=gettext_lazy("Platform of the whole file"),
        required=False,
        choices=[("", gettext_lazy("from the file's platform column")), *SocialPlatform.choices],
    )
    kind = forms.ChoiceField(
        label=gettext_lazy("Type"),
        required=False,
        choices=[("", gettext_lazy("from the file's jenis column")), *Comment.Kind.choices],
    )

    def __init__(self, *args, agencies, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = agencies
        if len(agencies) == 1:
            self.fields["agency"].initial = agencies[0].pk


class ToRequestForm(RequestForm):
    """The PPID request form, filled in by PPID staff from what the sender gave them, plus the
    sender's consent."""

    consent = forms.CharField(
        label=gettext_lazy("The sender's consent"),
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=gettext_lazy(
            "How and when they agreed, e.g. “Agreed by Instagram DM, 28 November 2026 10.15”."
        ),
    )
    consent_given = forms.BooleanField(
        label=gettext_lazy(
            "The sender agreed that their question is registered as a request for public "
            "information, with the personal data above."
        )
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("agency", "uploads", "website", "started"):
            self.fields.pop(name, None)

    def applicant_data(self) -> dict:
        skip = {"consent", "consent_given", "agency", "uploads"}
        return {k: v for k, v in self.cleaned_data.items() if k not in skip}


@admin.register(Comment)
class CommentAdmin(AgencyScopedAdmin):
    view_roles = permissions.COMMENT_DESK_ROLES
    change_form_template = "admin/outreach/comment/change_form.html"
    change_list_template = "admin/outreach/comment/change_list.html"
    list_display = ["written", "comment", "classified", "handling"]
    list_display_links = ["written"]
    list_filter = ["status", "category", "sentiment", "platform", "kind", "agency"]
    search_fields = ["author_name", "author_handle", "text", "reply_text"]
    list_select_related = ["agency", "assigned_to"]
    autocomplete_fields = ["planned_post"]
    list_per_page = 50
    show_full_result_count = False
    fieldsets = [
        (None, {"fields": [
            "agency", "platform", "kind", "author_name", "author_handle", "posted_at", "text",
            "post_url", "planned_post",
        ]}),
        (gettext_lazy("Handling"), {"fields": ["category", "sentiment", "assigned_to"]}),
    ]  # fmt: skip
    record_fieldset = (
        gettext_lazy("Answer and record"),
        {"fields": [
            "status", "reply_text", "replied_at", "replied_by", "response_time",
            "information_request", "ppid_consent", "lapor_referred_at", "source", "created_by",
            "created_at",
        ]},
    )  # fmt: skip
    readonly_fields = record_fieldset[1]["fields"]

    class Media:
        css = {"all": ["outreach/desk.css"]}

    def get_fieldsets(self, request, obj=None):
        return [*self.fieldsets, self.record_fieldset] if obj is not None else self.fieldsets

    def get_readonly_fields(self, request, obj=None):
        # A comment's origin stays as it was logged; its class and handling may change.
        if obj is not None and obj.source == Comment.Source.IMPORT:
            return [*self.readonly_fields, "platform", "kind", "author_name", "author_handle",
                    "posted_at", "text"]  # fmt: skip
        return self.readonly_fields

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "posted_at":
            # One labelled field (the admin's split date and time inputs have no labels).
            return db_field.formfield(
                form_class=forms.DateTimeField,
                widget=forms.DateTimeInput(
                    attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"
                ),
            )
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "assigned_to":
            # The agency's own people (clean() refuses someone of another agency).
            agencies = permissions.agencies_for(request.user, permissions.COMMENT_DESK_ROLES)
            kwargs["queryset"] = (
                User.objects.filter(is_active=True, memberships__agency__in=agencies)
                .distinct()
                .order_by("first_name", "username")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        # The desk's record is kept: only supervisors remove an entry (spam, a duplicate).
        if obj is None:
            return permissions.has_any_role(request.user, permissions.CONTENT_REVIEW_ROLES)
        return permissions.has_role(request.user, obj.agency_id, *permissions.CONTENT_REVIEW_ROLES)

    def save_model(self, request, obj, form, change):
        desk.save_comment(obj, actor=request.user)

    # --- list columns -------------------------------------------------------------------------

    @admin.display(description=gettext_lazy("written at"), ordering="posted_at")
    def written(self, obj):
        moment = timezone.localtime(obj.posted_at)
        return format_html("{}<br>{}", date_format(moment, "j M Y"), date_format(moment, "H.i T"))

    @admin.display(description=gettext_lazy("comment"))
    def comment(self, obj):
        return format_html(
            '<span class="desk-who"><strong>{}</strong> {} · {} · {}</span>'
            '<span class="desk-text">{}</span>',
            obj.author_name,
            obj.author_handle if obj.author_handle != obj.author_name else "",
            obj.get_platform_display(),
            obj.get_kind_display(),
            Truncator(" ".join(obj.text.split())).chars(110),
        )

    @admin.display(description=gettext_lazy("class"), ordering="category")
    def classified(self, obj):
        return format_html(
            '{}<span class="desk-sentiment desk-sentiment-{}">{}</span>',
            obj.get_category_display(),
            obj.sentiment,
            obj.get_sentiment_display(),
        )

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def handling(self, obj):
        return format_html(
            '<span class="desk-status desk-status-{}">{}</span><span class="desk-who">{}</span>'
            '<span class="desk-who">{}</span>',
            obj.status,
            obj.get_status_display(),
            obj.assigned_to or "",
            _("answered in %(time)s") % {"time": format_office_minutes(obj.response_minutes)}
            if obj.response_minutes is not None
            else "",
        )

    @admin.display(description=gettext_lazy("response time"), ordering="response_minutes")
    def response_time(self, obj):
        return format_office_minutes(obj.response_minutes)

    # --- pages ----------------------------------------------------------------------------------

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("impor/", view(self.import_view), name="outreach_comment_import"),
            path("impor/ditolak.csv", view(self.rejected_view), name="outreach_comment_rejected"),
            path("angka/", view(self.figures_view), name="outreach_comment_figures"),
            path("<path:object_id>/jawab/", view(self.reply_view), name="outreach_comment_reply"),
            path("<path:object_id>/lapor/", view(self.lapor_view), name="outreach_comment_lapor"),
            path("<path:object_id>/ppid/", view(self.ppid_view), name="outreach_comment_ppid"),
            path(
                "<path:object_id>/langkah/<slug:step>/",
                view(self.step_view),
                name="outreach_comment_step",
            ),
            *super().get_urls(),
        ]

    def _page(self, request, template, title, obj=None, **context):
        return TemplateResponse(
            request,
            f"admin/outreach/comment/{template}",
            {
                **self.admin_site.each_context(request),
                "opts": self.model._meta,
                "title": title,
                "original": obj,
                **context,
            },
        )

    def _changeable(self, request, object_id):
        obj = object_or_404(self, request, object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        return obj

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = object_or_404(self, request, object_id)
        extra_context["desk_actions"] = self.has_change_permission(request, obj)
        extra_context["can_ppid"] = permissions.can_handle_ppid(request.user, obj.agency_id)
        extra_context["response_text"] = format_office_minutes(obj.response_minutes)
        return super().change_view(request, object_id, form_url, extra_context)

    def reply_view(self, request, object_id, lapor=False):
        obj = self._changeable(request, object_id)
        templates = desk.templates_for(obj)
        initial = {"text": obj.reply_text}
        chosen = request.GET.get("templat", "")
        if lapor:
            initial["text"] = desk.lapor_reply(obj, actor=request.user)
        elif chosen.isdigit():
            template = next((t for t in templates if t.pk == int(chosen)), None)
            if template is not None:
                try:
                    initial["text"] = desk.render_template(template, obj, actor=request.user)
                except desk.DeskError as error:
                    messages.error(request, error.message)
        form = ReplyForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            act = desk.refer_to_lapor if lapor else desk.reply
            try:
                act(obj, actor=request.user, text=form.cleaned_data["text"],
                    at=form.cleaned_data["answered_at"])  # fmt: skip
            except desk.DeskError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The reply is recorded."))
                return redirect(reverse("admin:outreach_comment_change", args=[obj.pk]))
        title = _("Point to SP4N-LAPOR!") if lapor else _("Answer the comment")
        return self._page(
            request, "reply.html", title, obj, form=form, templates=templates,
            chosen=chosen, lapor=lapor, placeholders=PLACEHOLDERS,
        )  # fmt: skip

    def lapor_view(self, request, object_id):
        return self.reply_view(request, object_id, lapor=True)

    def ppid_view(self, request, object_id):
        obj = self._changeable(request, object_id)
        if not permissions.can_handle_ppid(request.user, obj.agency_id):
            return self._page(
                request, "to_request.html", _("Turn into a PPID request"), obj,
                refusal=_("Only the agency's PPID staff register requests. Assign the comment "
                          "to the PPID officer, or point the sender to the online form."),
            )  # fmt: skip
        if obj.information_request_id:
            return self._page(
                request, "to_request.html", _("Turn into a PPID request"), obj,
                refusal=_("This comment is already PPID request %(number)s.")
                % {"number": obj.information_request.registration_number},
            )  # fmt: skip
        initial = {"name": obj.author_name, "information_requested": obj.text}
        form = ToRequestForm(request.POST or None, initial=initial)
        if request.method == "POST" and form.is_valid():
            try:
                req, code = desk.convert_to_information_request(
                    obj, actor=request.user, data=form.applicant_data(),
                    consent=form.cleaned_data["consent"],
                )  # fmt: skip
            except desk.DeskError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Request %(number)s registered. Send the sender this tracking code "
                      "privately (it is shown only now): %(code)s")
                    % {"number": req.registration_number, "code": code},
                )  # fmt: skip
                return redirect(reverse("admin:outreach_comment_change", args=[obj.pk]))
        return self._page(request, "to_request.html", _("Turn into a PPID request"), obj, form=form)

    STEPS = {"ambil": desk.take, "tutup": desk.close, "buka": desk.reopen}

    def step_view(self, request, object_id, step):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self._changeable(request, object_id)
        action = self.STEPS.get(step)
        if action is None:
            messages.error(request, _("Unknown action."))
        else:
            try:
                action(obj, actor=request.user)
            except desk.DeskError as error:
                messages.error(request, error.message)
            else:
                messages.success(request, _("Saved."))
        return redirect(reverse("admin:outreach_comment_change", args=[obj.pk]))

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        agencies = permissions.agencies_for(request.user, permissions.COMMENT_DESK_ROLES)
        form = ImportForm(request.POST or None, request.FILES or None, agencies=agencies)
        result = None
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            try:
                result = comment_import.import_comments(
                    agency=data["agency"], actor=request.user, raw=data["file"].read(),
                    platform=data["platform"], kind=data["kind"],
                )  # fmt: skip
            except desk.DeskError as error:
                form.add_error(None, error.message)
            else:
                if result.error:
                    form.add_error("file", result.error)
                    result = None
        return self._page(
            request, "import.html", _("Import comments from CSV"), form=form, result=result
        )

    def rejected_view(self, request):
        """The rejected rows sent back as a file to fix and import again (nothing is stored)."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        response = HttpResponse(
            request.POST.get("rows", ""), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="komentar-ditolak.csv"'
        return response

    def figures_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        weeks = comment_figures.weekly_figures(self.get_queryset(request), weeks=8)
        return self._page(
            request, "figures.html", _("Comment desk figures per week"), weeks=weeks,
            categories=Comment.Category.choices, sentiments=Comment.Sentiment.choices,
        )  # fmt: skip


@admin.register(ReplyTemplate)
class ReplyTemplateAdmin(AgencyScopedAdmin):
    """Everyone at the desk reads the templates; supervisors write them."""

    view_roles = permissions.COMMENT_DESK_ROLES
    change_roles = permissions.REPLY_TEMPLATE_ROLES
    list_display = ["title", "category", "is_active", "agency"]
    list_filter = ["is_active", "category", "agency"]
    search_fields = ["title", "body"]
    list_select_related = ["agency"]
