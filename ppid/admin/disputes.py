"""The register of disputes taken to the Komisi Informasi, kept by the agency's PPID."""

from __future__ import annotations

from django.contrib import admin
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.admin import AgencyScopedAdmin

from ..models import Dispute
from ..services.base import record_event


@admin.register(Dispute)
class DisputeAdmin(AgencyScopedAdmin):
    agency_field = "objection__agency"
    view_roles = permissions.PPID_ROLES
    list_display = [
        "objection", "commission_number", "filed_on", "stage", "outcome", "outcome_on",
        "carried_out",
    ]  # fmt: skip
    list_filter = ["stage", "outcome", "carried_out", "objection__agency"]
    search_fields = ["commission_number", "objection__registration_number"]
    list_select_related = ["objection__agency"]
    autocomplete_fields = ["objection"]
    fields = [
        "objection", "filed_on", "commission_number", "stage", "outcome", "outcome_on",
        "carried_out", "notes",
    ]  # fmt: skip

    def has_delete_permission(self, request, obj=None):
        return False  # a register: entries are corrected, not removed

    def save_model(self, request, obj, form, change):
        if not change:
            obj.recorded_by = request.user
        super().save_model(request, obj, form, change)
        objection = obj.objection
        summary = (
            _("Dispute %(number)s at the Komisi Informasi recorded (%(stage)s)")
            if not change
            else _("Dispute %(number)s at the Komisi Informasi updated (%(stage)s)")
        ) % {"number": obj.commission_number or objection, "stage": obj.get_stage_display()}
        if obj.outcome:
            summary += f": {obj.get_outcome_display()}"
        record_event(
            objection.request,
            "ppid.dispute.recorded" if not change else "ppid.dispute.updated",
            summary,
            actor=request.user,
            objection=objection,
        )
