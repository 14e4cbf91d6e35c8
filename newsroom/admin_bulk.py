"""Bulk steps in every publishable kind's list: approve, schedule or archive the selected items.

Django's admin-action pattern: the action shows a confirmation page listing each selected item
with what will happen to it or why it will be skipped (``newsroom.bulk.plan``); confirming posts
the same action back with ``post=yes`` and the items go through the workflow one by one
(``newsroom.bulk.run``), each with its own result. The ids come back through the changelist's
queryset, which is scoped to the person's agencies: an id of another agency's item is dropped.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.admin.options import IS_POPUP_VAR
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions

from . import bulk, workflow


class ApproveForm(forms.Form):
    """Nothing to ask: the checklist confirmations are per item (``confirm_checks``)."""


class ScheduleForm(forms.Form):
    publish_at = forms.DateTimeField(
        label=gettext_lazy("Publish at (WIB)"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S"],
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        error_messages={
            "required": gettext_lazy("Enter the publication date and time."),
            "invalid": gettext_lazy("Enter the publication date and time."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The browser offers no time already past (the server refuses one anyway).
        now = timezone.localtime().strftime("%Y-%m-%dT%H:%M")
        self.fields["publish_at"].widget.attrs["min"] = now

    def clean_publish_at(self):
        value = self.cleaned_data["publish_at"]  # read as Asia/Jakarta (settings.TIME_ZONE)
        if value <= timezone.now():
            raise forms.ValidationError(
                _("Choose a time in the future: the time given has already passed.")
            )
        return value


class ArchiveForm(forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Reason"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Recorded in each item's timeline."),
        error_messages={"required": gettext_lazy("Please write a comment or reason.")},
    )


#: action -> (the form it asks, the confirm button, the page's title)
BULK = {
    "approve": (ApproveForm, gettext_lazy("Yes, approve & publish")),
    "schedule": (ScheduleForm, gettext_lazy("Yes, schedule")),
    "archive": (ArchiveForm, gettext_lazy("Yes, archive")),
}


class BulkWorkflowAdminMixin:
    """Mixed into ``PublishableAdmin``: the three bulk actions, for supervisors only."""

    bulk_template = "admin/newsroom/publishable/bulk_confirm.html"
    bulk_result_template = "admin/newsroom/publishable/bulk_result.html"

    def has_review_permission(self, request) -> bool:
        """A supervisor of at least one agency (or a superuser)."""
        return permissions.review_agency_ids(request.user) != set()

    def get_actions(self, request):
        actions = super().get_actions(request)
        if self.actions is None or IS_POPUP_VAR in request.GET:
            return actions
        if self.has_review_permission(request):
            for name in ("bulk_approve", "bulk_schedule", "bulk_archive"):
                actions[name] = self.get_action(name)
        return actions

    @admin.action(description=gettext_lazy("Approve & publish selected"))
    def bulk_approve(self, request, queryset):
        return self._bulk_step(request, queryset, "approve")

    @admin.action(description=gettext_lazy("Schedule selected"))
    def bulk_schedule(self, request, queryset):
        return self._bulk_step(request, queryset, "schedule")

    @admin.action(description=gettext_lazy("Archive selected"))
    def bulk_archive(self, request, queryset):
        return self._bulk_step(request, queryset, "archive")

    def _bulk_step(self, request, queryset, action):
        if not self.has_review_permission(request):
            raise PermissionDenied
        # The changelist's queryset: this person's agencies only, then the posted ids.
        objects = list(queryset.select_related("agency")[: bulk.LIMIT + 1])
        if not objects:  # only ids outside the person's agencies (or gone since)
            messages.warning(
                request, _("None of the selected items is in your list; nothing was changed.")
            )
            return None
        if len(objects) > bulk.LIMIT:
            messages.error(
                request,
                _("Select at most %(limit)s items for one step; nothing was changed.")
                % {"limit": bulk.LIMIT},
            )
            return None  # back to the list
        form_class, submit_label = BULK[action]
        confirmed = set()
        if request.POST.get("post") == "yes":
            form = form_class(request.POST)
            confirmed = {_int(value) for value in request.POST.getlist("confirm_checks")}
            if form.is_valid():
                return self._bulk_result(request, action, objects, form, confirmed)
            messages.error(request, _("Nothing was changed yet: correct what is marked below."))
        else:
            form = form_class()
        items = bulk.plan(action, objects, request.user)
        for item in items:
            self._describe(item)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": self.get_action(f"bulk_{action}")[2],
            "items": items,
            "going": sum(1 for item in items if not item.skip),
            "skipped": sum(1 for item in items if item.skip),
            "form": form,
            "confirmed": confirmed,
            "action_name": f"bulk_{action}",
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
            "submit_label": submit_label,
            "changelist_url": self._changelist_url(request),
        }
        return TemplateResponse(request, self.bulk_template, context)

    def _bulk_result(self, request, action, objects, form, confirmed):
        items = bulk.run(
            action,
            [bulk.Item(obj) for obj in objects],
            request.user,
            comment=form.cleaned_data.get("comment", ""),
            publish_at=form.cleaned_data.get("publish_at"),
            confirmed=confirmed,
        )
        for item in items:
            self._describe(item)
        done = sum(1 for item in items if item.done)
        skipped = len(items) - done
        summary = _("%(step)s: %(done)s done, %(skipped)s skipped.") % {
            "step": workflow.TRANSITIONS[action].label,
            "done": done,
            "skipped": skipped,
        }
        (messages.warning if skipped else messages.success)(request, summary)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Result: %(step)s") % {"step": self.get_action(f"bulk_{action}")[2]},
            "items": items,
            "done": done,
            "skipped": skipped,
            "publish_at": form.cleaned_data.get("publish_at"),
            "comment": form.cleaned_data.get("comment", ""),
            "changelist_url": self._changelist_url(request),
        }
        return TemplateResponse(request, self.bulk_result_template, context)

    def _describe(self, item) -> None:
        """What the pages show beside an item: its state in words and its page."""
        item.status = self.status_label(item.obj)
        item.change_url = self._url("change", item.obj.pk)
        item.kind = item.obj._meta.verbose_name

    def _changelist_url(self, request) -> str:
        # Back to the list as it was filtered when the items were selected.
        query = request.GET.urlencode()
        return self._url("changelist") + (f"?{query}" if query else "")


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError, OverflowError):
        return None
