"""Staff admin of content planning: objectives, pillars, key messages, hashtag sets and platform
limit overrides, and the "content plan" fields that every publishable kind's form gains.

How planning reaches the other kinds without newsroom knowing outreach:
:func:`attach_content_plans` (called from OutreachConfig.ready, after every app's admin module is
loaded) re-registers each ``PublishableAdmin`` with :class:`ContentPlanAdminMixin` in front. The
mixin adds three fields to the kind's form (pillar, objective, key message), shows them as text
when the form is read-only, and saves them through ``outreach.planning.set_plan``. Fields rather
than an inline: a request that does not send them (a script, an older form) leaves the plan as it
was instead of failing for a missing inline management form.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.html import format_html
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.admin import AgencyScopedAdmin
from accounts.models import Role
from newsroom.admin_publishing import PublishableAdmin

from . import planning
from .planning import ContentPlan, KeyMessage, Objective, Pillar
from .platforms import LIMITS, PlatformLimit
from .posts import HashtagSet, PlannedPost

#: Who manages objectives, pillars, key messages and hashtag sets (issue 16 item 6).
PLANNING_MANAGER_ROLES = frozenset({Role.SUPERVISOR})


class PlanningAdmin(AgencyScopedAdmin):
    """Newsroom staff of the agency see these; its supervisors change them."""

    view_roles = permissions.NEWSROOM_ROLES
    change_roles = PLANNING_MANAGER_ROLES
    list_select_related = ["agency"]


@admin.register(Pillar)
class PillarAdmin(PlanningAdmin):
    list_display = ["name", "colour_chip", "target_share", "is_active", "agency", "position"]
    list_filter = ["agency", "is_active"]
    search_fields = ["name"]
    ordering = ["agency", "position", "name"]
    fields = ["agency", "name", "slug", "colour", "target_share", "position", "is_active"]
    fields += ["description"]

    @admin.display(description=_("colour"))
    def colour_chip(self, obj):
        return format_html(
            '<span style="white-space:nowrap"><span style="display:inline-block;width:1rem;'
            'height:1rem;border-radius:3px;vertical-align:middle;background:{}"></span> {}</span>',
            obj.colour,
            obj.colour,
        )

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name == "colour" and field is not None:
            field.widget = forms.TextInput(attrs={"type": "color"})
        return field


@admin.register(Objective)
class ObjectiveAdmin(PlanningAdmin):
    list_display = ["title", "period_start", "period_end", "metric", "target_value", "agency"]
    list_filter = ["agency", "metric"]
    search_fields = ["title", "audience"]
    date_hierarchy = "period_start"
    fieldsets = [
        (None, {"fields": ["agency", "title", "slug", "description", "audience"]}),
        (_("Period"), {"fields": ["period_start", "period_end"]}),
        (_("Measurable target"), {"fields": ["metric", "target_value"]}),
    ]


@admin.register(KeyMessage)
class KeyMessageAdmin(PlanningAdmin):
    list_display = ["title", "source", "period_start", "period_end", "agency"]
    list_filter = ["agency", "source"]
    search_fields = ["title", "text"]
    fields = ["agency", "title", "text", "source", "reference", "period_start", "period_end"]


@admin.register(HashtagSet)
class HashtagSetAdmin(PlanningAdmin):
    list_display = ["name", "hashtags", "agency"]
    list_filter = ["agency"]
    search_fields = ["name", "hashtags"]
    fields = ["agency", "name", "hashtags"]


@admin.register(PlatformLimit)
class PlatformLimitAdmin(admin.ModelAdmin):
    """A superuser corrects a platform's limit without a release; everyone's checks use it."""

    list_display = ["platform", "kind", "value", "table_value", "reason", "updated_by"]
    fields = ["platform", "kind", "value", "reason"]

    @admin.display(description=_("value in the table"))
    def table_value(self, obj):
        value = getattr(LIMITS[obj.platform], obj.kind, None)
        return "–" if value is None else value

    def has_module_permission(self, request):
        return permissions.is_superuser(request.user)

    def has_view_permission(self, request, obj=None):
        return permissions.is_superuser(request.user)

    def has_add_permission(self, request):
        return permissions.is_superuser(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.is_superuser(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.is_superuser(request.user)

    def save_model(self, request, obj, form, change):
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


# --- the content plan on every publishable kind ----------------------------------------------


class ScopedLabelChoiceField(forms.ModelChoiceField):
    """Names a choice by agency when the person works for several ("Dislutkan · Edukasi")."""

    show_agency = False

    def label_from_instance(self, obj):
        if self.show_agency:
            return f"{obj.agency.short_name} · {obj}"
        return str(obj)


PLAN_FIELDS = ("plan_pillar", "plan_objective", "plan_key_message")


class ContentPlanFormMixin(forms.Form):
    """Pillar, objective and key message of the item, limited to the item's agency."""

    plan_pillar = ScopedLabelChoiceField(
        queryset=Pillar.objects.none(),
        required=False,
        label=_("Content pillar"),
        help_text=_("Which of the agency's pillars this item serves."),
    )
    plan_objective = ScopedLabelChoiceField(
        queryset=Objective.objects.none(), required=False, label=_("Content objective")
    )
    plan_key_message = ScopedLabelChoiceField(
        queryset=KeyMessage.objects.none(), required=False, label=_("Key message")
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agency_ids = plan_agency_ids(self.instance, getattr(self, "user", None))
        for name, model in zip(PLAN_FIELDS, (Pillar, Objective, KeyMessage), strict=True):
            field = self.fields[name]
            queryset = model.objects.select_related("agency")
            field.queryset = (
                queryset if agency_ids is None else queryset.filter(agency_id__in=agency_ids)
            )
            field.show_agency = agency_ids is None or len(agency_ids) > 1
        plan = planning.plan_for(self.instance) if self.instance.pk else None
        if plan is not None:
            self.initial.update(
                plan_pillar=plan.pillar_id,
                plan_objective=plan.objective_id,
                plan_key_message=plan.key_message_id,
            )
        # No longer used pillars are offered only to the items that already carry them.
        self.fields["plan_pillar"].queryset = self.fields["plan_pillar"].queryset.filter(
            is_active=True
        ) | Pillar.objects.filter(pk=plan.pillar_id if plan else None)
        if self.pillar_expected(agency_ids) and (self.sends_plan or not self.is_bound):
            # Marked as required (bold label) where the agency plans by pillar; a form posted
            # without the plan fields (a script) is still judged by clean() alone.
            pillar = self.fields["plan_pillar"]
            pillar.required = True
            pillar.error_messages["required"] = gettext(
                "Choose the content pillar this item serves."
            )

    @staticmethod
    def pillar_expected(agency_ids) -> bool:
        """Whether the one agency this form is for plans its content by pillar."""
        if not agency_ids or len(agency_ids) != 1:
            return False
        return Pillar.objects.filter(agency_id__in=agency_ids, is_active=True).exists()

    @property
    def sends_plan(self) -> bool:
        """Whether the submitted form had the plan fields (a script may post without them)."""
        return self.is_bound and any(name in self.data for name in PLAN_FIELDS)

    def clean(self):
        cleaned = super().clean()
        if not self.sends_plan:
            return cleaned
        agency = cleaned.get("agency") or (
            self.instance.agency if self.instance.agency_id else None
        )
        pillar = cleaned.get("plan_pillar")
        if agency is not None:
            try:
                planning.check_same_agency(
                    agency.pk,
                    plan_pillar=pillar,
                    plan_objective=cleaned.get("plan_objective"),
                    plan_key_message=cleaned.get("plan_key_message"),
                )
            except ValidationError as wrong:
                for name, errors in wrong.error_dict.items():
                    self.add_error(name, errors)
            missing = pillar is None and "plan_pillar" not in self.errors
            if missing and Pillar.objects.filter(agency=agency, is_active=True).exists():
                self.add_error(
                    "plan_pillar", gettext("Choose the content pillar this item serves.")
                )
        return cleaned


def plan_agency_ids(instance, user) -> set[int] | None:
    """The agencies whose plan choices the form offers: the item's own, once it has one."""
    if getattr(instance, "agency_id", None):
        return {instance.agency_id}
    if user is None:
        return set()
    return permissions.agency_ids_for(user, permissions.CONTENT_EDIT_ROLES)


class PillarListFilter(admin.SimpleListFilter):
    """Items by their content pillar, and the ones still without one (for supervisors)."""

    title = _("content pillar")
    parameter_name = "pilar"
    NONE = "belum"

    def lookups(self, request, model_admin):
        ids = permissions.agency_ids_for(request.user, model_admin.view_roles)
        pillars = Pillar.objects.select_related("agency").order_by("agency", "position", "name")
        if ids is not None:
            pillars = pillars.filter(agency_id__in=ids)
        several = ids is None or len(ids) > 1
        choices = [
            (str(p.pk), f"{p.agency.short_name} · {p.name}" if several else p.name) for p in pillars
        ]
        return [(self.NONE, gettext("No pillar yet")), *choices]

    def queryset(self, request, queryset):
        from django.contrib.contenttypes.models import ContentType
        from django.db.models import Exists, OuterRef

        value = self.value()
        if not value:
            return queryset
        plans = ContentPlan.objects.filter(
            content_type=ContentType.objects.get_for_model(queryset.model), object_id=OuterRef("pk")
        )
        if value == self.NONE:
            return queryset.filter(~Exists(plans))
        if not value.isdigit():
            return queryset.none()
        return queryset.filter(Exists(plans.filter(pillar_id=int(value))))


class ContentPlanAdminMixin:
    """Adds the content plan to a PublishableAdmin (see the module docstring)."""

    plan_fieldset_title = _("Content plan")

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), PillarListFilter]

    def get_form(self, request, obj=None, change=False, **kwargs):
        base = kwargs.get("form", self.form)
        kwargs["form"] = type(f"Planned{base.__name__}", (ContentPlanFormMixin, base), {})
        return super().get_form(request, obj, change, **kwargs)

    def _editable(self, request, obj) -> bool:
        return obj is None or self.has_change_permission(request, obj)

    def get_fieldsets(self, request, obj=None):
        fieldsets = list(super().get_fieldsets(request, obj))
        fields = list(PLAN_FIELDS) if self._editable(request, obj) else ["content_plan_summary"]
        if obj is not None:
            fields.append("social_posts")
        # Right after the main fields: a required choice is not left at the bottom of the form.
        return [*fieldsets[:1], (self.plan_fieldset_title, {"fields": fields}), *fieldsets[1:]]

    def get_readonly_fields(self, request, obj=None):
        readonly = list(super().get_readonly_fields(request, obj))
        if not self._editable(request, obj):
            readonly.append("content_plan_summary")
        if obj is not None:
            readonly.append("social_posts")
        return readonly

    @admin.display(description=_("social media posts"))
    def social_posts(self, obj):
        """How many posts are planned from this item, and a link to plan one more."""
        from django.contrib.contenttypes.models import ContentType
        from django.urls import reverse

        content_type = ContentType.objects.get_for_model(type(obj))
        count = PlannedPost.objects.filter(source_type=content_type, source_id=obj.pk).count()
        query = f"?source={content_type.pk}:{obj.pk}"
        add = reverse("admin:outreach_plannedpost_add") + query
        several = reverse("admin:outreach_plannedpost_plan_from") + query
        return format_html(
            '<span style="display:block;margin-bottom:.5rem">{}</span>'
            '<a class="button" href="{}">{}</a> <a class="button" href="{}">{}</a>',
            ngettext("%(count)s post planned from this item.",
                     "%(count)s posts planned from this item.", count) % {"count": count},
            add,
            gettext("Plan a social media post"),
            several,
            gettext("Plan for several platforms"),
        )  # fmt: skip

    @admin.display(description=_("content plan"))
    def content_plan_summary(self, obj):
        plan = planning.plan_for(obj)
        if plan is None:
            return gettext("No pillar chosen yet.")
        parts = [plan.pillar.name]
        parts += [str(row) for row in (plan.objective, plan.key_message) if row is not None]
        return " · ".join(parts)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if getattr(form, "sends_plan", False) and form.instance.pk:
            planning.set_plan(
                form.instance,
                pillar=form.cleaned_data.get("plan_pillar"),
                objective=form.cleaned_data.get("plan_objective"),
                key_message=form.cleaned_data.get("plan_key_message"),
            )


def attach_content_plans(site) -> None:
    """Give every publishable kind's admin (other than planned posts) the content plan fields."""
    for model, model_admin in list(site._registry.items()):
        if not isinstance(model_admin, PublishableAdmin) or issubclass(model, PlannedPost):
            continue
        if isinstance(model_admin, ContentPlanAdminMixin):
            continue
        cls = type(model_admin)
        planned = type(cls.__name__, (ContentPlanAdminMixin, cls), {"__module__": cls.__module__})
        site.unregister(model)
        site.register(model, planned)


def forget_plan(sender, instance, **kwargs) -> None:
    """An item removed for good takes its plan with it (post_delete of every publishable kind)."""
    from django.contrib.contenttypes.models import ContentType

    ContentPlan.objects.filter(
        content_type=ContentType.objects.get_for_model(sender), object_id=instance.pk
    ).delete()
