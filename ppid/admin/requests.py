"""The request queue and the action pages of each request."""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.http import Http404
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

from .. import deadlines, forms, services
from ..models import InformationRequest, Outcome, RequestEvent
from ..models.requests import MailStatus
from ..services import PPIDError, mail, privacy, transitions
from .filters import DeadlineFilter

Status = InformationRequest.Status


def _attach(req, user, data):
    return services.attach_file(
        req, actor=user, uploaded=data["file"], description=data["description"]
    )


#: step -> (form class, call): the page of each staff step of ``transitions.STEPS`` only turns its
#: form into one ppid.services call. Which step is possible when is the table's business.
STEP_PAGES = {
    "process": (
        forms.CompletionForm,
        lambda req, user, data: services.start_processing(req, actor=user),
    ),
    "ask-completion": (
        forms.CompletionRequestForm,
        lambda req, user, data: services.ask_for_completion(req, actor=user, **data),
    ),
    "completed": (
        forms.CompletionForm,
        lambda req, user, data: services.record_completion(req, actor=user, **data),
    ),
    "extend": (forms.ExtendForm, lambda req, user, data: services.extend(req, actor=user, **data)),
    "close-incomplete": (
        forms.CompletionForm,
        lambda req, user, data: services.close_incomplete(req, actor=user, reasons=data["note"]),
    ),
    "attach": (forms.AttachForm, _attach),
    "deliver": (
        forms.DeliveryForm,
        lambda req, user, data: services.record_delivery(req, actor=user, **data),
    ),
    "fee": (forms.FeeForm, lambda req, user, data: services.record_fee(req, actor=user, **data)),
}


class DeliveryFilter(admin.SimpleListFilter):
    """Fulfilment: granted requests whose information has not reached the requester yet, and
    "not yet documented" promises whose date has passed."""

    title = gettext_lazy("delivery")
    parameter_name = "penyerahan"

    def lookups(self, request, model_admin):
        return [
            ("belum", gettext_lazy("Granted, not yet delivered")),
            ("janji-lewat", gettext_lazy("Promised date passed")),
            ("sudah", gettext_lazy("Delivered")),
        ]

    def queryset(self, request, queryset):
        owed = Q(status=Status.DECIDED, outcome__in=InformationRequest.DELIVERABLE_OUTCOMES)
        if self.value() == "belum":
            return queryset.filter(owed, delivered_on__isnull=True)
        if self.value() == "janji-lewat":
            return queryset.filter(
                owed,
                delivered_on__isnull=True,
                outcome=Outcome.NOT_DOCUMENTED,
                documented_by__lt=timezone.localdate(),
            )
        if self.value() == "sudah":
            return queryset.filter(delivered_on__isnull=False)
        return queryset


class MailFailedFilter(admin.SimpleListFilter):
    """Requests whose written notice could not be e-mailed: phone or write to the requester."""

    title = gettext_lazy("e-mail to the requester")
    parameter_name = "surel"

    def lookups(self, request, model_admin):
        return [("gagal", gettext_lazy("A notice's e-mail failed"))]

    def queryset(self, request, queryset):
        if self.value() == "gagal":
            return queryset.filter(events__mail_status=MailStatus.FAILED).distinct()
        return queryset


@admin.register(InformationRequest)
class InformationRequestAdmin(AgencyScopedAdmin):
    view_roles = permissions.PPID_ROLES
    change_form_template = "admin/ppid/informationrequest/change_form.html"
    # The requester in one column (name over kind and NIK) so the queue fits a 1366 px screen.
    list_display = ["registration_number", "deadline", "status", "requester", "channel", "agency"]
    # DeadlineFilter: "due within 3 working days" and "overdue", the dashboard's numbers.
    list_filter = [
        DeadlineFilter, "status", DeliveryFilter, MailFailedFilter, "channel", "applicant_type",
        "outcome", "agency",
    ]  # fmt: skip
    actions = ["retry_mails"]
    search_fields = ["registration_number", "name"]
    list_select_related = ["agency"]

    @admin.action(description=gettext_lazy("Send the notices' failed e-mails again"))
    def retry_mails(self, request, queryset):
        events = RequestEvent.objects.filter(
            request__in=queryset, mail_status__in=[MailStatus.FAILED, MailStatus.PENDING]
        )
        sent, failed = mail.retry(events)
        self.message_user(
            request,
            _("%(sent)s e-mail(s) sent, %(failed)s still failing.")
            % {"sent": sent, "failed": failed},
            messages.WARNING if failed else messages.SUCCESS,
        )

    def get_ordering(self, request):
        # Open requests first, the nearest due date first (the queue), then closed ones.
        return [
            Case(
                When(status__in=InformationRequest.CLOSED_STATUSES, then=Value(1)),
                default=Value(0),
            ).asc(),
            F("due_date").asc(nulls_last=True),
            "received_at",
        ]

    show_full_result_count = False

    class Media:
        css = {"all": ["ppid/admin.css"]}

    def get_queryset(self, request):
        """Annotate how urgent each open request is: 2 overdue, 1 due within 3 working days."""
        qs = super().get_queryset(request)
        today = timezone.localdate()
        agency_ids = permissions.ppid_agency_ids(request.user)
        if agency_ids is None:
            agency_ids = set(qs.values_list("agency_id", flat=True).distinct())
        soon = [
            When(agency_id=agency_id, due_date__lte=deadlines.add_working_days(
                today, deadlines.DUE_SOON_DAYS, agency=agency_id), then=Value(1))
            for agency_id in agency_ids
        ]  # fmt: skip
        return qs.annotate(
            urgency=Case(
                When(
                    Q(status__in=InformationRequest.CLOSED_STATUSES) | Q(due_date__isnull=True),
                    then=Value(0),
                ),
                When(due_date__lt=today, then=Value(2)),
                *soon,
                default=Value(0),
                output_field=IntegerField(),
            ),
        )

    @admin.display(description=gettext_lazy("due date"), ordering="due_date")
    def deadline(self, obj):
        if obj.due_date is None:
            return "-"
        css = {2: "overdue", 1: "due-soon"}.get(getattr(obj, "urgency", 0), "")
        label = {2: _("overdue"), 1: _("due soon")}.get(getattr(obj, "urgency", 0), "")
        return format_html(
            '<span class="ppid-due {}">{}{}</span>',
            css,
            formats.date_format(obj.due_date, "j F Y"),
            f" ({label})" if label else "",
        )

    @admin.display(description=gettext_lazy("NIK"))
    def nik_masked(self, obj):
        return obj.masked_nik or obj.legal_entity_decree

    @admin.display(description=gettext_lazy("requester"), ordering="name")
    def requester(self, obj):
        return format_html(
            '{}<span class="list-note">{} · {}</span>',
            obj.name,
            obj.get_applicant_type_display(),
            self.nik_masked(obj),
        )

    fieldsets = [
        (gettext_lazy("Request"), {"fields": [
            "registration_number", "agency", "channel", "received_at", "completed_at", "status",
            "due_date", "extension_days", "extension_reason", "created_by",
        ]}),
        (gettext_lazy("Applicant"), {"fields": [
            "applicant_type", "name", "nik", "legal_entity_decree", "address", "phone", "email",
        ]}),
        (gettext_lazy("Information"), {"fields": [
            "information_requested", "purpose", "obtain_method", "delivery_method",
            "accessible_format",
        ]}),
        (gettext_lazy("Decision"), {"fields": [
            "outcome", "withheld_information", "exemption_ground", "consequence_test",
            "holder_of_information", "documented_by", "decision_reasons", "decided_at",
            "decided_by",
        ]}),
        (gettext_lazy("Delivery"), {"fields": ["delivered_on", "delivered_via", "delivery_note"]}),
    ]  # fmt: skip

    def get_readonly_fields(self, request, obj=None):
        # The request is a record: it changes only through the actions (services).
        return [name for _title, options in self.fieldsets for name in options["fields"]]

    def has_delete_permission(self, request, obj=None):
        return False  # registration numbers are never reused or removed

    # --- adding walk-in, phone and letter requests --------------------------------------------

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        agencies = permissions.agencies_for(request.user, permissions.PPID_ROLES)
        form = forms.StaffRequestForm(
            request.POST or None, request.FILES or None, agencies=agencies
        )
        if request.method == "POST" and form.is_valid():
            try:
                req, code = services.register_request(
                    agency=form.cleaned_data["agency"],
                    data=form.applicant_data(),
                    channel=form.cleaned_data["channel"],
                    actor=request.user,
                    uploads=form.cleaned_data.get("uploads") or [],
                )
            except PPIDError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Request %(number)s registered. Give the requester this tracking code: "
                      "%(code)s (it is shown only now).") % {"number": req, "code": code},
                )  # fmt: skip
                return redirect(reverse("admin:ppid_informationrequest_change", args=[req.pk]))
        return self._form_page(request, form, _("Register a walk-in, phone or letter request"))

    def _form_page(self, request, form, title, obj=None, refusal=None):
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "form": form,
            "original": obj,
            "refusal": refusal,
        }
        return TemplateResponse(request, "admin/ppid/action_form.html", context)

    # --- the actions ----------------------------------------------------------------------------

    def get_urls(self):
        return [
            path(
                "<path:object_id>/aksi/<slug:action>/",
                self.admin_site.admin_view(self.action_view),
                name="ppid_informationrequest_action",
            ),
            *super().get_urls(),
        ]

    def action_view(self, request, object_id, action):
        req = object_or_404(self, request, object_id)
        if action == "decide" and self.has_change_permission(request, req):
            return self.decide_view(request, req)
        if action not in STEP_PAGES or not self.has_change_permission(request, req):
            raise Http404
        step = transitions.STEPS[action]
        form_class, call = STEP_PAGES[action]
        form = form_class(request.POST or None, request.FILES or None)
        refusal = None
        if request.method == "POST" and form.is_valid():
            try:
                call(req, request.user, form.cleaned_data)
            except PPIDError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("%(action)s: done.") % {"action": step.label})
                return redirect(reverse("admin:ppid_informationrequest_change", args=[req.pk]))
        elif request.method != "POST":
            # Opened from an old tab or a bookmark: say at once why the step is not possible now.
            refusal = transitions.refusal(req, step, request.user)
        title = f"{step.label} — {req.registration_number}"
        return self._form_page(request, form, title, req, refusal)

    def decide_view(self, request, req):
        """The written notice in three steps, none needing script: choose the outcome (GET),
        fill that outcome's fields, see the notice exactly as it will be sent ("Pratinjau"),
        then "Putuskan & kirim". Nothing typed is lost on a refusal."""
        step = transitions.STEPS["decide"]
        title = f"{step.label} — {req.registration_number}"
        refusal = transitions.refusal(req, step, request.user)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": title,
            "original": req,
            "refusal": refusal,
        }
        outcome = request.POST.get("outcome") or request.GET.get("keputusan")
        if refusal or outcome not in forms.OUTCOME_FIELDS:
            context["choice_form"] = forms.OutcomeChoiceForm(request.GET or None)
            return TemplateResponse(request, "admin/ppid/decide_form.html", context)
        initial = {
            "information_provided": req.information_requested,
            "provided_format": req.obtain_method,
            "provided_via": req.delivery_method,
            "provide_by": timezone.localdate(),
        }
        form = forms.DecideForm(request.POST or None, outcome=outcome, initial=initial)
        context.update(form=form, outcome_label=Outcome(outcome).label)
        if request.method == "POST" and form.is_valid():
            try:
                if "_send" in request.POST:
                    services.decide(req, actor=request.user, **form.decision())
                    messages.success(
                        request, _("Decided; the written notice has been sent to the requester.")
                    )
                    return redirect(reverse("admin:ppid_informationrequest_change", args=[req.pk]))
                context["preview"] = services.preview_decision(
                    req, actor=request.user, **form.decision()
                )
            except PPIDError as error:
                form.add_error(None, error.message)
        return TemplateResponse(request, "admin/ppid/decide_form.html", context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        req = self.get_object(request, object_id)
        extra = {}
        if req is not None and request.method == "GET":
            privacy.log_view(
                request.user,
                _("Request %(number)s") % {"number": req.registration_number},
                request=req,
            )
        if req is not None:
            if request.method == "GET" and req.accessible_format:
                messages.warning(
                    request,
                    _(
                        "The requester asked for the information in an accessible format: "
                        "%(format)s."
                    )
                    % {"format": req.get_accessible_format_display()},
                )
            extra = {
                "events": req.events.select_related("actor", "objection"),
                "files": req.attachments.all(),
                "fees": req.fees.all(),
                "objections": req.objections.all(),
                "actions": [
                    (step.name, step.label)
                    for step in transitions.available_steps(req, request.user)
                ],
                "show_save": False,
                "show_save_and_continue": False,
                "show_save_and_add_another": False,
                "show_delete": False,
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})
