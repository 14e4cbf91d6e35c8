"""The staff admin of every publishable kind: the form with optimistic locking, the workflow
buttons, review queue, preview, compare, restore and timeline.

A kind's admin is ``PublishableAdmin`` plus its fields (see ArticleAdmin and PageAdmin in
newsroom.admin). Each view only turns the request into a call of ``newsroom.workflow`` or
``newsroom.editing`` and shows a refusal as a message (never a 500).
"""

from __future__ import annotations

from datetime import datetime

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import render
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from accounts.admin import AgencyScopedAdmin
from humas.admin_input import object_or_404
from humas.filestore import ReshowFormWhenFileNotStored

from . import checks, dashboard, editing, notifications, workflow
from .admin_bulk import BulkWorkflowAdminMixin
from .admin_images import ImageFieldsAdminMixin
from .admin_no_lost_work import NoLostWorkAdminMixin
from .publishing import Status, kinds
from .revisions import Revision, diff_snapshots
from .sanitize import refused_frames, sanitize_html


def rich_text_widget():
    """The staff rich-text editor: chosen in one setting so it can be swapped in one place."""
    return import_string(settings.HUMAS_RICH_TEXT_WIDGET)()


class PublishableAdminForm(forms.ModelForm):
    """The form of a publishable kind, with the version the editor started from."""

    expected_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    user = None  # set by PublishableAdmin.get_form

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["expected_version"].initial = self.instance.version
        # A correction waiting for approval: the form shows its relations, not the live ones.
        for name, ids in (getattr(self.instance, "pending_m2m", None) or {}).items():
            if name in self.fields:
                self.initial[name] = ids

    def clean(self):
        cleaned = super().clean()
        # A frame the sanitiser would drop is named here, so no video disappears unnoticed.
        for name in ("body",):
            for message in refused_frames(cleaned.get(name) or ""):
                self.add_error(name, message)
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


class QueueFilter(admin.SimpleListFilter):
    """The dashboard's queues as a filter of every publishable kind's list (newsroom.dashboard):
    "my drafts", "sent back to me", "waiting for review"... The dashboard's numbers link here."""

    title = gettext_lazy("queue")
    parameter_name = dashboard.QUEUE_PARAMETER

    def lookups(self, request, model_admin):
        writer, supervisor = dashboard.queues_for(request.user)
        return [(name, dashboard.QUEUES[name]) for name in writer + supervisor]

    def queryset(self, request, queryset):
        if self.value() not in dashboard.QUEUES:
            return queryset
        return queryset.filter(dashboard.queue_q(self.value(), request.user))


class StatusFilter(admin.SimpleListFilter):
    """The status filter of every publishable kind's list, with "Scheduled" as its own state:
    the list shows an approved item waiting for its time as "Terjadwal", not as "Terbit"."""

    title = gettext_lazy("status")
    parameter_name = "status__exact"  # the address Django's own status filter used
    SCHEDULED = "scheduled"

    def lookups(self, request, model_admin):
        choices = []
        for value, label in model_admin.model._meta.get_field("status").flatchoices:
            if value == Status.PUBLISHED:
                choices.append((self.SCHEDULED, _("Scheduled")))
            choices.append((value, label))
        return choices

    def queryset(self, request, queryset):
        value = self.value()
        scheduled = Q(status=Status.PUBLISHED, publish_at__gt=timezone.now())
        if value == self.SCHEDULED:
            return queryset.filter(scheduled)
        if value == Status.PUBLISHED:
            return queryset.filter(status=Status.PUBLISHED).exclude(scheduled)
        if value in Status.values:
            return queryset.filter(status=value)
        return queryset


class PublishableAdmin(
    NoLostWorkAdminMixin,
    ImageFieldsAdminMixin,
    BulkWorkflowAdminMixin,
    ReshowFormWhenFileNotStored,
    AgencyScopedAdmin,
):
    """Objects of the staff member's agencies; every save and step goes through the workflow.

    A save whose photo the storage cannot take comes back as the form (ReshowFormWhenFileNotStored).
    """

    form = PublishableAdminForm
    view_roles = permissions.NEWSROOM_ROLES
    change_roles = permissions.CONTENT_EDIT_ROLES
    change_form_template = "admin/newsroom/publishable/change_form.html"
    change_list_template = "admin/newsroom/publishable/change_list.html"
    #: Fields edited with the rich-text editor (shown as the reader sees them when read-only).
    rich_text_fields = ("body",)
    #: Fields frozen once the public has seen the object (its address).
    frozen_when_published = ("slug",)

    def _url(self, view: str, *args) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)

    def get_urls(self):
        view = self.admin_site.admin_view  # staff login, and never cached
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        return [
            path(
                "<path:object_id>/workflow/<str:action>/",
                view(self.workflow_view),
                name=f"{name}_workflow",
            ),
            path("<path:object_id>/preview/", view(self.preview_view), name=f"{name}_preview"),
            path("<path:object_id>/compare/", view(self.compare_view), name=f"{name}_compare"),
            path(
                "<path:object_id>/revisions/<int:number>/restore/",
                view(self.restore_view),
                name=f"{name}_restore",
            ),
            *super().get_urls(),
        ]

    # --- the list and the form ------------------------------------------------------------------

    def view_on_site(self, obj):
        # Only a public object has a page to view; the rest use "Preview".
        return obj.get_absolute_url() if obj.is_public else None

    def get_queryset(self, request):
        return dashboard.with_pending_correction(super().get_queryset(request))

    def get_list_filter(self, request):
        filters = super().get_list_filter(request)
        return [QueueFilter, *(StatusFilter if f == "status" else f for f in filters)]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        # The editor continues from the correction waiting for approval, not the live text.
        return editing.form_copy(obj) if obj is not None else None

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        listed = {name for _name, opts in fieldsets for name in opts["fields"]}
        seo = [name for name in self.model.seo_fields if name in self.model.content_fields]
        if seo and not listed & set(seo):
            # Every public kind's search-engine text, in one place at the end of its form.
            fieldsets = [*fieldsets, (gettext_lazy("Search engines"), {"fields": seo})]
        if obj is None or self.has_change_permission(request, obj):
            return fieldsets
        # Read-only (in review, archived): show rich text as the reader will see it, not as HTML.
        return [
            (
                name,
                {
                    **opts,
                    "fields": [
                        "body_as_read" if f in self.rich_text_fields else f for f in opts["fields"]
                    ],
                },
            )
            for name, opts in fieldsets
        ]

    @admin.display(description=gettext_lazy("body"))
    def body_as_read(self, obj):
        return mark_safe(sanitize_html(obj.body))  # noqa: S308 (allow-list sanitised)

    def get_readonly_fields(self, request, obj=None):
        if obj is None:
            return []
        readonly = ["agency", "body_as_read"]
        if obj.status == Status.PUBLISHED:
            readonly += self.frozen_when_published  # the public address of a live object stays
        return readonly

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.user = request.user
        for name in self.rich_text_fields:
            field = form.base_fields.get(name)
            if obj is not None and field is not None:
                # Images uploaded in the editor belong to the object's agency (newsroom.uploads);
                # on a new object the editor reads the form's agency field instead.
                field.widget.attrs["data-upload-agency"] = obj.agency_id
        return form

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.has_any_role(request.user, permissions.CONTENT_EDIT_ROLES)
        if not permissions.can_edit_content(request.user, obj):
            return False
        # In review or archived the form is read-only; the workflow buttons still work. A save
        # from a form opened before the object moved still reaches the form's validation, which
        # refuses it with a message and keeps the editor's text (never a bare 403).
        return obj.status in editing.EDITABLE_STATES or request.method == "POST"

    def has_delete_permission(self, request, obj=None):
        # No editor's work is lost: archive instead; only a superuser removes an object.
        return permissions.is_superuser(request.user)

    @admin.display(description=gettext_lazy("status"), ordering="status")
    def status_label(self, obj):
        label = obj.get_status_display()
        if obj.is_scheduled:
            label = _("Scheduled")
        elif obj.status == Status.PUBLISHED and not obj.is_public:
            label = _("Expired")
        if getattr(obj, "has_pending_correction", False):
            label = _("%(status)s, correction waiting") % {"status": label}
        return label

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name in self.rich_text_fields:
            kwargs["widget"] = rich_text_widget()
        elif db_field.name == "seo_description":
            kwargs["widget"] = forms.Textarea(attrs={"rows": 3})  # 160 characters: a short text
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
        # Many-to-many fields are saved by the workflow (on the row for drafts, in the revision
        # for corrections); form.save_m2m() would change a live object's relations behind review.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def changelist_view(self, request, extra_context=None):
        if request.method == "GET":  # not on a bulk step's confirmation or result page
            self.show_notices(request)
        queue = permissions.review_agency_ids(request.user)
        extra = {"show_review_queue": queue is None or bool(queue)}
        return super().changelist_view(request, {**extra, **(extra_context or {})})

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra = dict(extra_context or {})
        if request.method == "GET":
            self.show_notices(request)
        # Also on a refused POST: the form comes back with the buttons and history beside it.
        obj = self.get_object(request, object_id)  # None for a bad or foreign id: Django's 404
        if obj is not None and self.has_view_permission(request, obj):
            extra.update(self.workflow_context(request, obj))
        return super().change_view(request, object_id, form_url, extra)

    # --- the workflow beside the form ---------------------------------------------------------

    def show_notices(self, request) -> None:
        """Unread in-admin notices of the current user, shown once as messages."""
        notes = list(notifications.unread_for(request.user)[:10])
        shown = set()
        for note in notes:
            if note.subject in shown:
                continue  # e.g. one article's planned posts on three platforms: one line
            shown.add(note.subject)
            # "Perlu perbaikan" asks the writer to act: a warning, not news in green.
            (messages.warning if note.is_warning else messages.info)(request, note.subject)
        if notes:
            notifications.mark_read(notes)

    def workflow_context(self, request, obj) -> dict:
        """What the change form shows beside the fields: buttons, comments, timeline, history."""
        events = list(obj.events.select_related("actor"))
        revisions = list(obj.revisions.select_related("created_by").order_by("-number"))
        changes_code = workflow.TRANSITIONS["request_changes"].code(obj)
        last_changes = next((e for e in reversed(events) if e.action == changes_code), None)
        can_restore = (
            permissions.can_edit_content(request.user, obj)
            and obj.status in editing.EDITABLE_STATES
        )
        for revision in revisions:
            revision.restore_url = self._url("restore", obj.pk, revision.number)
        checklist = checks.run(obj)  # obj is the form's copy: a pending correction's text
        return {
            "checklist": checklist,
            "checks_failing": any(not result.ok for result in checklist),
            "checks_block": checks.blocks(obj.agency),
            "has_correction_note": hasattr(obj, "correction_note"),
            "workflow_actions": [
                {
                    "name": name,
                    "label": workflow.TRANSITIONS[name].label,
                    "needs_comment": workflow.TRANSITIONS[name].needs_comment,
                    "approves_text": workflow.TRANSITIONS[name].approves_text,
                    "url": self._url("workflow", obj.pk, name),
                }
                for name in workflow.available_actions(obj, request.user)
            ],
            "four_eyes_note": any(
                permissions.can_do_publishing_action(request.user, obj, name)
                for name, step in workflow.TRANSITIONS.items()
                if step.four_eyes and obj.status in step.sources
            )
            and obj.status in (Status.IN_REVIEW, Status.PUBLISHED)
            and workflow.blocked_by_four_eyes(obj, request.user),
            "timeline": events,
            "revisions": revisions,
            "pending_revision": getattr(obj, "pending_revision", None)
            or workflow.pending_correction(obj),
            "changes_comment": last_changes if obj.status == Status.CHANGES_REQUESTED else None,
            "preview_url": self._url("preview", obj.pk),
            "compare_url": self._url("compare", obj.pk),
            "can_restore": can_restore,
            "is_scheduled": obj.is_scheduled,
        }

    # --- views ---------------------------------------------------------------------------------

    def workflow_view(self, request, object_id, action):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = object_or_404(self, request, object_id)
        kwargs = {"comment": request.POST.get("comment", "")}
        try:
            if action not in workflow.TRANSITIONS:
                raise workflow.WorkflowError(_("Unknown action."))
            if action in ("schedule", "reschedule"):
                kwargs["publish_at"] = _parse_local_datetime(request.POST.get("publish_at", ""))
            if action == "approve_correction":
                kwargs["public_note"] = request.POST.get("public_note", "")
            if workflow.TRANSITIONS[action].approves_text and "checks_shown" in request.POST:
                # The form showed failing checks: an unticked "publish anyway" is an answer.
                kwargs["confirm_checks"] = request.POST.get("confirm_checks") == "1"
            workflow.perform(action, obj, actor=request.user, **kwargs)
        except workflow.WorkflowError as refused:
            messages.error(request, refused.message)
        else:
            # Sending back or rejecting is done, but the text did not move forward: a warning.
            sent_back = action in ("request_changes", "reject_correction")
            level = messages.warning if sent_back else messages.success
            level(
                request,
                _("“%(title)s”: %(step)s — done.")
                % {"title": obj, "step": workflow.TRANSITIONS[action].label},
            )
        if request.POST.get("next") == "queue":
            return HttpResponseRedirect(reverse("admin:newsroom_review_queue"))
        return HttpResponseRedirect(self._url("change", obj.pk))

    def restore_view(self, request, object_id, number):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = object_or_404(self, request, object_id)
        try:
            revision = editing.restore_revision(obj, number, actor=request.user)
        except workflow.WorkflowError as refused:
            messages.error(request, refused.message)
        else:
            messages.success(
                request,
                _("Revision #%(old)s restored as new revision #%(new)s.")
                % {"old": number, "new": revision.number},
            )
        return HttpResponseRedirect(self._url("change", obj.pk))

    #: The public template that previews this kind, with the object as ``preview_name``.
    preview_template = ""
    preview_name = "object"

    def preview_context(self, request, obj) -> dict:
        return {self.preview_name: obj}

    def preview_view(self, request, object_id):
        """The object exactly as the public page would show it, with its unpublished text."""
        obj = object_or_404(self, request, object_id)
        number = request.GET.get("revision")
        if number:
            revision = obj.revisions.filter(number=_int(number)).first()
            if revision is None:
                raise Http404
            obj.apply_snapshot(revision.data)
        else:
            obj = editing.form_copy(obj)
        context = {**self.preview_context(request, obj), "is_preview": True}
        response = render(request, self.preview_template, context)
        response["X-Robots-Tag"] = "noindex, nofollow"
        # Shown inside the read-only review form too (a frame of the same site).
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def compare_view(self, request, object_id):
        obj = object_or_404(self, request, object_id)
        revisions = list(obj.revisions.select_related("created_by").order_by("number"))
        if not revisions:
            # Objects loaded before the workflow existed have no history yet.
            messages.info(request, _("This article has no saved revisions yet."))
            return HttpResponseRedirect(self._url("change", obj.pk))
        by_number = {r.number: r for r in revisions}
        new = by_number.get(_int(request.GET.get("b"))) or revisions[-1]
        default_old = (
            workflow.last_approved_revision(obj) if new.kind != Revision.Kind.APPROVED else None
        )
        if default_old is None or default_old.number >= new.number:
            earlier = [r for r in revisions if r.number < new.number]
            default_old = earlier[-1] if earlier else new
        old = by_number.get(_int(request.GET.get("a"))) or default_old
        diffs = diff_snapshots(old.data, new.data, self.model)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Compare revisions"),
            "article": obj,
            "old": old,
            "new": new,
            "diffs": diffs,
            "nothing_changed": old.number != new.number and not any(d.changed for d in diffs),
            "revisions": revisions,
            "change_url": self._url("change", obj.pk),
            "changelist_url": self._url("changelist"),
        }
        return TemplateResponse(request, "admin/newsroom/publishable/compare.html", context)


class ReviewQueueAdminMixin:
    """Adds the one review queue of every publishable kind (``admin:newsroom_review_queue``)."""

    def get_urls(self):
        view = self.admin_site.admin_view(self.review_queue_view)
        return [path("review-queue/", view, name="newsroom_review_queue"), *super().get_urls()]

    def review_queue_view(self, request):
        """Everything waiting for this supervisor: oldest first, with who submitted it and when."""
        if permissions.review_agency_ids(request.user) == set():
            raise PermissionDenied
        self.show_notices(request)
        rows = []
        for kind in kinds():
            rows += workflow.review_queue(request.user, kind)
        rows.sort(key=lambda row: row["at"])
        for row in rows:
            opts = row["article"]._meta
            prefix = f"admin:{opts.app_label}_{opts.model_name}"
            row["change_url"] = reverse(f"{prefix}_change", args=[row["article"].pk])
            row["compare_url"] = reverse(f"{prefix}_compare", args=[row["article"].pk])
            row["kind_name"] = opts.verbose_name
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Review queue"),
            "rows": rows,
            "changelist_url": self._url("changelist"),
        }
        return TemplateResponse(request, "admin/newsroom/publishable/review_queue.html", context)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return None


def _parse_local_datetime(value: str) -> datetime:
    """A ``datetime-local`` value (2026-11-28T14:30), read as Asia/Jakarta time."""
    try:
        parsed = datetime.fromisoformat(value.strip())
    except ValueError:
        raise workflow.WorkflowError(_("Enter the publication date and time.")) from None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed, timezone.get_default_timezone())
    return parsed
