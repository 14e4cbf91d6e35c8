"""Objections for the atasan PPID: their own 30-working-day clock and the decision page."""

from __future__ import annotations

from django.contrib import admin, messages
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from accounts.admin import AgencyScopedAdmin
from humas.admin_input import object_or_404

from .. import forms, services
from ..models import Objection
from ..services import PPIDError, privacy
from ..services.objections import conflict_message, conflict_of_interest


@admin.register(Objection)
class ObjectionAdmin(AgencyScopedAdmin):
    view_roles = permissions.PPID_ROLES
    change_form_template = "admin/ppid/objection/change_form.html"
    list_display = ["registration_number", "request", "status", "answer_due", "decision", "agency"]
    list_filter = ["status", "decision", "agency"]
    search_fields = ["registration_number", "request__registration_number"]
    list_select_related = ["request", "agency"]
    ordering = ["-status", "due_date"]

    class Media:
        css = {"all": ["ppid/admin.css"]}

    @admin.display(description=gettext_lazy("answer due"), ordering="due_date")
    def answer_due(self, obj):
        overdue = obj.status == Objection.Status.PENDING and obj.due_date < timezone.localdate()
        return format_html(
            '<span class="ppid-due {}">{}</span>',
            "overdue" if overdue else "",
            formats.date_format(obj.due_date, "j F Y"),
        )

    #: Shown only for an objection on ground (b) made without a request.
    WITHOUT_REQUEST = [
        "periodic_information",
        "objector_name",
        "objector_address",
        "objector_phone",
        "objector_email",
    ]

    def get_fields(self, request, obj=None):
        # The number says the year and sequence; the grounds are listed in words below the form.
        hidden = {"id", "year", "sequence", "grounds"}
        if obj is not None and obj.request_id:
            hidden.update(self.WITHOUT_REQUEST)
        elif obj is not None:
            hidden.add("request")
        return [f.name for f in self.model._meta.fields if f.name not in hidden]

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields if f.name != "id"]

    def has_add_permission(self, request):
        return False  # objections come from the requester (the public form)

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        return [
            path(
                "<path:object_id>/putuskan/",
                self.admin_site.admin_view(self.decide_view),
                name="ppid_objection_decide",
            ),
            *super().get_urls(),
        ]

    def decide_view(self, request, object_id):
        objection = object_or_404(self, request, object_id)
        form = forms.DecideObjectionForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.decide_objection(objection, actor=request.user, **form.cleaned_data)
            except PPIDError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("The objection has been answered."))
                return redirect(reverse("admin:ppid_objection_change", args=[objection.pk]))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Answer objection %(number)s") % {"number": objection},
            "form": form,
            "original": objection,
        }
        return TemplateResponse(request, "admin/ppid/action_form.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        objection = self.get_object(request, object_id)
        extra = {"show_save": False, "show_save_and_continue": False, "show_delete": False}
        if objection is not None and request.method == "GET":
            privacy.log_view(
                request.user,
                _("Objection %(number)s") % {"number": objection.registration_number},
                request=objection.request,
                objection=objection,
            )
        if objection is not None:
            pending = objection.status == Objection.Status.PENDING
            # Whoever decided the request does not answer its objection (design.md §7).
            conflict = pending and conflict_of_interest(objection, request.user)
            extra["may_decide"] = (
                pending
                and not conflict
                and permissions.can_decide_objection(request.user, objection.agency_id)
            )
            extra["conflict_note"] = conflict_message() if conflict else ""
            extra["grounds"] = objection.get_grounds_display()
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})
