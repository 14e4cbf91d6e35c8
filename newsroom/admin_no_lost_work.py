"""No lost work in the form of every publishable kind (issue 14, item 1).

- "Simpan & ajukan": a workflow step taken from a form with changes saves the form first, through
  the same validation and version check as "Save", then takes the step, in one request (and one
  transaction: Django's admin saves inside ``atomic``). A form with an error comes back with the
  typed text and nothing is submitted; a refused step leaves the save done and says why.
- Autosave every 30 seconds of typing (``newsroom.autosave``), offered back when the form is
  opened again.
- Who else has the form open (``newsroom.presence``), from a heartbeat: a notice, not a lock.

The endpoints answer JSON and never a 500: another agency's object is a 404 like a missing one
(``object_or_404``), a form the person may not change a 403, bad JSON a 400.
"""

from __future__ import annotations

import json
import secrets

from django.contrib import messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect, JsonResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts import permissions
from humas.admin_input import object_or_404

from . import autosave, editing, presence, workflow

#: Workflow steps that make sense straight after the editor's own save, with the button text of
#: "save, then take the step". Only submit: the other steps are a supervisor's decision on text
#: someone else wrote (four-eyes) or do not take the edited text forward.
SAVE_FIRST_STEPS = {"submit": gettext_lazy("Save & submit for review")}


class NoLostWorkAdminMixin:
    """For ``PublishableAdmin``: save-and-step buttons, autosave and presence."""

    def get_urls(self):
        view = self.admin_site.admin_view  # staff login, CSRF, never cached
        name = f"{self.model._meta.app_label}_{self.model._meta.model_name}"
        return [
            path("add/autosave/", view(self.autosave_view), name=f"{name}_autosave_new"),
            path("<path:object_id>/autosave/", view(self.autosave_view), name=f"{name}_autosave"),
            path("<path:object_id>/presence/", view(self.presence_view), name=f"{name}_presence"),
            *super().get_urls(),
        ]

    def _admin_url(self, view: str, *args) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{view}", args=args)

    # --- the form -------------------------------------------------------------------------------

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context.update(self.no_lost_work_context(request, obj if change else None))
        return super().render_change_form(request, context, add, change, form_url, obj)

    def no_lost_work_context(self, request, obj) -> dict:
        user = request.user
        if obj is None:
            editable = self.has_add_permission(request)
            steps = [name for name in SAVE_FIRST_STEPS if permissions.has_any_role(
                user, permissions.PUBLISHING_ACTION_ROLES[name])]  # fmt: skip
            autosave_url = self._admin_url("autosave_new")
        else:
            editable = (
                self.has_change_permission(request, obj) and obj.status in editing.EDITABLE_STATES
            )
            available = workflow.available_actions(obj, user) if editable else []
            steps = [name for name in SAVE_FIRST_STEPS if name in available]
            autosave_url = self._admin_url("autosave", obj.pk)
        config = {"presence_seconds": presence.interval_seconds()}
        if obj is not None:
            page = secrets.token_hex(8)  # this page load, told apart from the next one
            viewers = presence.here(obj, user, page)
            config.update(presence_url=self._admin_url("presence", obj.pk), presence_page=page)
            config.update(presence_text=presence.notice(viewers))
        if editable:
            config.update(autosave_url=autosave_url, autosave_seconds=autosave.interval_seconds())
            # Not on a form sent back with errors: it already holds the typed text.
            offer = autosave.offered(user, self.model, obj) if request.method == "GET" else None
            if offer is not None:
                config["offer_when"] = formats.date_format(
                    timezone.localtime(offer.saved_at), "DATETIME_FORMAT"
                )
                config["offer_data"] = offer.data
        return {
            "no_lost_work": config,
            "save_and_steps": [{"name": n, "label": SAVE_FIRST_STEPS[n]} for n in steps],
        }

    def response_add(self, request, obj, post_url_continue=None):
        if "_step" in request.POST:
            return self._step_after_save(request, obj)
        return super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        if "_step" in request.POST:
            return self._step_after_save(request, obj)
        return super().response_change(request, obj)

    def _step_after_save(self, request, obj):
        """The form is saved (validation and version check passed): now take the step."""
        action = request.POST.get("_step", "")
        try:
            if action not in SAVE_FIRST_STEPS:
                raise workflow.WorkflowError(_("Unknown action."))
            workflow.perform(action, obj, actor=request.user)
        except workflow.WorkflowError as refused:
            messages.warning(
                request,
                _("“%(title)s” is saved, but the step was not taken: %(reason)s")
                % {"title": obj, "reason": refused.message},
            )
        else:
            messages.success(
                request,
                _("“%(title)s” is saved, and “%(step)s” is done.")
                % {"title": obj, "step": workflow.TRANSITIONS[action].label},
            )
        return HttpResponseRedirect(self._admin_url("change", obj.pk))

    # --- endpoints ------------------------------------------------------------------------------

    def autosave_view(self, request, object_id=None):
        """POST {"fields": {...}, "labels": {...}} keeps the person's autosave of the form;
        POST {"discard": true} forgets it."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = object_or_404(self, request, object_id) if object_id is not None else None
        payload = _json_body(request)
        if payload is None:
            return JsonResponse({"error": _("The autosave could not be read.")}, status=400)
        if isinstance(payload, dict) and payload.get("discard") is True:
            autosave.discard(request.user, self.model, obj.pk if obj else None)
            return JsonResponse({"discarded": True})
        try:
            if obj is None and not self.has_add_permission(request):
                raise autosave.AutosaveRefused(
                    _("You do not have a role in this agency that allows this step."), 403
                )
            saved = autosave.store(
                request.user,
                self.model,
                payload,
                obj=obj,
                allowed=self._autosaved_fields(request, obj),
            )
        except autosave.AutosaveRefused as refused:
            return JsonResponse({"error": refused.message}, status=refused.status)
        when = formats.time_format(timezone.localtime(saved.saved_at), "TIME_FORMAT")
        return JsonResponse(
            {
                "saved_at": saved.saved_at.isoformat(),
                "status": _("Autosaved %(time)s") % {"time": when},
            }
        )

    def _autosaved_fields(self, request, obj) -> set[str]:
        form = self.get_form(request, obj, change=obj is not None)
        readonly = set(self.get_readonly_fields(request, obj))
        # The version stays the one the form was opened with: the save's conflict check.
        return set(form.base_fields) - readonly - {"expected_version"}

    def presence_view(self, request, object_id):
        """POST {"page": ...} from an open form every ~45 s: returns who else has it open.
        POST {"leave": true, "page": ...} when the form is closed."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = object_or_404(self, request, object_id)
        payload = _json_body(request, empty={})
        if not isinstance(payload, dict):
            return JsonResponse({"error": _("The message could not be read.")}, status=400)
        page = payload.get("page") if isinstance(payload.get("page"), str) else ""
        page = page[:32]
        if payload.get("leave") is True:
            presence.left(obj, request.user, page)
            return JsonResponse({"others": [], "text": ""})
        viewers = presence.here(obj, request.user, page)
        return JsonResponse(
            {
                "others": [{"name": v.name, "since": v.since.isoformat()} for v in viewers],
                "text": presence.notice(viewers),
            }
        )


def _json_body(request, empty=None):
    """The request's JSON body; ``empty`` for no body, None when it is not JSON."""
    if not request.body:
        return empty
    try:
        return json.loads(request.body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return None
