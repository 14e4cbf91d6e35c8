"""Staff admin for agencies, users and memberships, and the agency-scoping base every admin uses."""

from django.contrib import admin, messages
from django.contrib.admin.utils import NotRelationField, get_fields_from_path
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.core.exceptions import FieldDoesNotExist
from django.http import Http404
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from audit.log import record

from . import dashboard, memberships, permissions
from .models import Agency, Membership, Role, User

admin.site.site_header = _("Humas — staff")
admin.site.site_title = _("Humas")
admin.site.index_title = _("Newsroom and PPID service")


def scoped_choices(model_admin, db_field, request):
    """The rows a person may pick in a foreign-key or many-to-many field of an admin form.

    A choice is limited to what the person may see: the related model's own admin decides
    (its get_queryset), so a new admin class scopes its choices everywhere without anyone
    remembering to; agency-owned models without an admin are scoped by their agency.
    """
    related = db_field.related_model
    related_admin = model_admin.admin_site._registry.get(related)
    if related_admin is not None:
        return related_admin.get_queryset(request)
    if any(field.name == "agency" for field in related._meta.get_fields()):
        return permissions.scope_to_agencies(related._default_manager.all(), request.user)
    return None


class ScopedChoicesMixin:
    """Limits every foreign-key and many-to-many choice to what the person may see."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            queryset = scoped_choices(self, db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "queryset" not in kwargs:
            queryset = scoped_choices(self, db_field, request)
            if queryset is not None:
                kwargs["queryset"] = queryset
        return super().formfield_for_manytomany(db_field, request, **kwargs)


#: Columns naming a row's agency (left out of lists for someone who works for one agency).
AGENCY_COLUMNS = frozenset({"agency", "agency_short", "agency_label"})


def _is_relation(model, path: str) -> bool:
    """True when ``path`` ("agency", "objection__agency", "created_by") ends at a relation."""
    try:
        fields = get_fields_from_path(model, path)
    except (FieldDoesNotExist, NotRelationField):
        return False
    return fields[-1].is_relation


class ScopedRelatedListFilter(admin.RelatedOnlyFieldListFilter):
    """The admin's filter by a related row, offering only what the person may see.

    A choice must occur in the person's own (agency-scoped) rows and be visible to them:
    agencies they work for, people who work there, other rows as the related model's admin
    scopes them (scoped_choices). Django's RelatedFieldListFilter lists the whole table, and
    with it other agencies' names.
    """

    def field_choices(self, field, request, model_admin):
        related = field.related_model
        used = (
            model_admin.get_queryset(request)
            .distinct()
            .values_list(f"{self.field_path}__pk", flat=True)
        )
        if related is Agency:
            choices = permissions.agencies_for(request.user, model_admin.view_roles)
        elif related is User:
            ids = permissions.agency_ids_for(request.user, model_admin.view_roles)
            choices = related._default_manager.all()
            if ids is not None:
                choices = choices.filter(memberships__agency__in=ids)
        else:
            choices = scoped_choices(model_admin, field, request)
            if choices is None:
                choices = related._default_manager.all()
        choices = choices.filter(pk__in=used).distinct()
        ordering = self.field_admin_ordering(field, request, model_admin)
        if ordering:
            choices = choices.order_by(*ordering)
        return [(obj.pk, str(obj)) for obj in choices]


class AgencyScopedAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    """Base for every admin whose rows belong to an agency.

    Access comes from memberships (accounts.permissions), not from Django's model permissions:
    staff see, search, autocomplete and change only their agencies' rows, and another agency's
    object answers 404 so its existence is not revealed.
    """

    #: Lookup path from the model to its Agency.
    agency_field = "agency"
    #: Roles that may see the rows.
    view_roles: frozenset[str] = permissions.STAFF_ROLES
    #: Roles that may add, change and delete rows (defaults to view_roles).
    change_roles: frozenset[str] | None = None

    def _change_roles(self):
        return self.change_roles if self.change_roles is not None else self.view_roles

    def get_queryset(self, request):
        return permissions.scope_to_agencies(
            super().get_queryset(request), request.user, self.view_roles, self.agency_field
        )

    def _agency_of(self, obj):
        value = obj
        for part in self.agency_field.split("__"):
            value = getattr(value, part, None)
            if value is None:
                return None
        return value

    def has_module_permission(self, request):
        return permissions.has_any_role(request.user, self.view_roles)

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return permissions.has_any_role(request.user, self.view_roles)
        return permissions.has_role(request.user, self._agency_of(obj), *self.view_roles)

    def has_add_permission(self, request):
        return permissions.has_any_role(request.user, self._change_roles())

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.has_any_role(request.user, self._change_roles())
        return permissions.has_role(request.user, self._agency_of(obj), *self._change_roles())

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj)

    def sees_one_agency(self, request) -> bool:
        """True for someone whose rows here all belong to one agency (most staff)."""
        ids = permissions.agency_ids_for(request.user, self.view_roles)
        return ids is not None and len(ids) <= 1

    def get_list_display(self, request):
        # An agency column that says the same name on every row only pushes the list past the
        # screen's edge (issue 14 item 10); those who see several agencies get the short name.
        columns = list(super().get_list_display(request))
        if self.sees_one_agency(request):
            return [c for c in columns if c not in AGENCY_COLUMNS]
        return ["agency_label" if c == self.agency_field else c for c in columns]

    @admin.display(description=_("agency"), ordering="agency__short_name")
    def agency_label(self, obj):
        agency = self._agency_of(obj)
        return (agency.short_name or agency.name) if agency is not None else "—"

    def get_list_filter(self, request):
        # Every related filter offers only the person's agencies and what belongs to them; a
        # filter by agency is left out for someone who works for one.
        filters = []
        for spec in super().get_list_filter(request):
            if spec == self.agency_field and self.sees_one_agency(request):
                continue
            if isinstance(spec, str) and _is_relation(self.model, spec):
                spec = (spec, ScopedRelatedListFilter)
            filters.append(spec)
        return filters

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        agencies = list(permissions.agencies_for(request.user, self._change_roles())[:2])
        if len(agencies) == 1 and "__" not in self.agency_field:
            # Someone who works for one agency never has to pick it.
            initial.setdefault(self.agency_field, agencies[0].pk)
        return initial

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Agency:
            kwargs["queryset"] = permissions.agencies_for(request.user, self._change_roles())
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        # Another agency's object is filtered out of get_queryset; answer 404, not a redirect
        # that says "does not exist" only for some ids.
        raise Http404


class MembershipInline(ScopedChoicesMixin, admin.TabularInline):
    """The agency's people on its page: read-only for agency administrators, who give and take
    roles in the Memberships admin (where the choice of person is limited to whom they manage)."""

    model = Membership
    extra = 1
    autocomplete_fields = ["user"]

    def has_add_permission(self, request, obj=None):
        return permissions.is_superuser(request.user)

    def has_change_permission(self, request, obj=None):
        return permissions.is_superuser(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.is_superuser(request.user)


#: What a new agency gets when a superuser adds it (and what the "Create standard pages" action
#: runs for existing ones): each a dotted path to ``setup(agency, *, actor) -> int`` (how many
#: things it created), named by path because accounts imports no other app (design.md §1).
AGENCY_SETUP = ["newsroom.standard_pages.set_up_new_agency"]


def set_up_agency(agency: Agency, actor) -> int:
    """Run every AGENCY_SETUP step for ``agency``; return how many things they created."""
    return sum(import_string(dotted)(agency, actor=actor) for dotted in AGENCY_SETUP)


@admin.register(Agency)
class AgencyAdmin(ScopedChoicesMixin, admin.ModelAdmin):
    list_display = ["name", "short_name", "slug", "domain", "allow_self_approval"]
    search_fields = ["name", "short_name"]
    prepopulated_fields = {"slug": ["short_name"]}
    inlines = [MembershipInline]
    actions = ["create_standard_pages"]
    fieldsets = [
        (_("Identity"), {"fields": ["name", "short_name", "slug", "description", "logo"]}),
        (
            _("Contact and service hours"),
            {"fields": ["address", "phone", "email", "website", "service_hours"]},
        ),
        (_("Head of agency"), {"fields": ["head_name", "head_title"]}),
        (
            _("Social media accounts"),
            {"fields": ["instagram_url", "facebook_url", "x_url", "youtube_url", "tiktok_url"]},
        ),
        (
            _("Own domain and office hours"),
            {"fields": ["domain", "time_zone", "office_opens", "office_closes"]},
        ),
        (
            _("Publishing and PPID"),
            {
                "fields": [
                    "allow_self_approval",
                    "prepublish_checks",
                    "ppid_clock_start",
                    "ppid_letter_place",
                    "ppid_letter_format",
                    "ppid_identity_retention_months",
                ]
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        # A field added to Agency later still shows, in a last section, until it is placed.
        placed = {name for _title, options in self.fieldsets for name in options["fields"]}
        rest = [
            field.name
            for field in Agency._meta.get_fields()
            if getattr(field, "editable", False)
            and not field.auto_created
            and field.concrete
            and field.name not in placed
        ]
        return [*self.fieldsets, *([(_("Other"), {"fields": rest})] if rest else [])]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "name" in form.base_fields:  # full names are long: "Dinas Kelautan dan Perikanan ..."
            form.base_fields["name"].widget.attrs["class"] = "vLargeTextField"
        return form

    def get_readonly_fields(self, request, obj=None):
        # The host name is infrastructure (DNS, certificates, allowed hosts): superusers set it.
        return [] if permissions.is_superuser(request.user) else ["domain"]

    def get_queryset(self, request):
        return permissions.agencies_for(request.user, {Role.AGENCY_ADMIN})

    def has_module_permission(self, request):
        return permissions.has_any_role(request.user, {Role.AGENCY_ADMIN})

    def has_view_permission(self, request, obj=None):
        if obj is None:
            return permissions.has_any_role(request.user, permissions.STAFF_ROLES)
        return permissions.has_role(request.user, obj, *permissions.STAFF_ROLES)

    def has_change_permission(self, request, obj=None):
        if obj is None:
            return permissions.has_any_role(request.user, {Role.AGENCY_ADMIN})
        return permissions.has_role(request.user, obj, Role.AGENCY_ADMIN)

    def has_add_permission(self, request):
        return permissions.is_superuser(request.user)

    def has_delete_permission(self, request, obj=None):
        return permissions.is_superuser(request.user)

    def get_inlines(self, request, obj):
        return self.inlines if obj is not None else []

    def save_formset(self, request, form, formset, change):
        if formset.model is not Membership:
            return super().save_formset(request, form, formset, change)
        # Roles given on the agency's page are audited like those given in Memberships.
        changed = formset.save(commit=False)
        for membership in formset.deleted_objects:
            memberships.remove_membership(membership, actor=request.user)
        for membership in changed:
            memberships.save_membership(membership, actor=request.user)
        formset.save_m2m()

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            record(
                "accounts.agency.changed",
                agency=obj,
                actor=request.user,
                obj=obj,
                summary=_changed_fields(form),
            )
        if not change:
            created = set_up_agency(obj, request.user)
            self.message_user(
                request,
                ngettext(
                    "%(count)s standard page was created as a draft, ready to fill.",
                    "%(count)s standard pages were created as drafts, ready to fill.",
                    created,
                )
                % {"count": created},
            )

    @admin.action(description=_("Create standard pages"))
    def create_standard_pages(self, request, queryset):
        created = sum(set_up_agency(agency, request.user) for agency in queryset)
        self.message_user(
            request,
            ngettext(
                "%(count)s standard page was created as a draft; existing pages were kept.",
                "%(count)s standard pages were created as drafts; existing pages were kept.",
                created,
            )
            % {"count": created},
            messages.SUCCESS,
        )

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404


class SecondFactorFilter(admin.SimpleListFilter):
    """Members of the administrator's agencies without two-step verification (the dashboard's
    number links here, accounts.dashboard)."""

    title = _("two-step verification")
    parameter_name = dashboard.SECOND_FACTOR_PARAMETER

    def lookups(self, request, model_admin):
        return [(dashboard.WITHOUT_SECOND_FACTOR, _("Members without two-step verification"))]

    def queryset(self, request, queryset):
        if self.value() != dashboard.WITHOUT_SECOND_FACTOR:
            return queryset
        members = dashboard.members(request.user).values("pk")
        return queryset.filter(pk__in=members).exclude(dashboard.has_second_factor())


@admin.register(User)
class UserAdmin(ScopedChoicesMixin, DjangoUserAdmin):
    """Accounts: an agency administrator sees and changes only the people they manage
    (accounts.permissions.manageable_people); anyone else's account answers 404."""

    list_display = ["username", "first_name", "last_name", "email", "is_active"]
    list_filter = [SecondFactorFilter, *DjangoUserAdmin.list_filter]

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        if permissions.is_superuser(request.user):
            return qs
        return qs.filter(pk__in=permissions.manageable_people(request.user).values("pk"))

    def has_module_permission(self, request):
        return permissions.has_any_role(request.user, {Role.AGENCY_ADMIN})

    def has_view_permission(self, request, obj=None):
        return permissions.has_any_role(request.user, {Role.AGENCY_ADMIN})

    has_add_permission = has_module_permission

    def has_change_permission(self, request, obj=None):
        if obj is not None:
            return permissions.can_manage_person(request.user, obj)
        return permissions.has_any_role(request.user, {Role.AGENCY_ADMIN})

    def has_delete_permission(self, request, obj=None):
        return permissions.is_superuser(request.user)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if obj is None:
            return fieldsets
        if permissions.is_superuser(request.user):
            # Django's own sections, with the NIP beside the name (it signs PPID notices).
            return [
                (title, {**options, "fields": (*options["fields"], "nip")})
                if "first_name" in options["fields"]
                else (title, options)
                for title, options in fieldsets
            ]
        # Agency admins manage names and passwords, never superuser rights or Django permissions.
        return [
            (None, {"fields": ("username", "password")}),
            (_("Personal info"), {"fields": ("first_name", "last_name", "nip", "email")}),
            (_("Permissions"), {"fields": ("is_active", "is_staff")}),
        ]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            # A new account belongs to no agency until it is given a role: it is recorded for
            # the agencies of the administrator who made it (a superuser's: nowhere yet).
            for agency_id in permissions.agency_ids_for(request.user, {Role.AGENCY_ADMIN}) or ():
                record("accounts.user.created", agency=agency_id, actor=request.user, obj=obj)
        if change and "is_active" in form.changed_data:
            # Switching an account off (or on) is a change to every agency it works for.
            action = "accounts.user.activated" if obj.is_active else "accounts.user.deactivated"
            for agency_id in set(obj.memberships.values_list("agency_id", flat=True)):
                record(action, agency=agency_id, actor=request.user, obj=obj)

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404


def _changed_fields(form) -> str:
    """The labels of the fields a form changed ("Nama, Zona waktu")."""
    return ", ".join(str(form.fields[name].label or name) for name in form.changed_data)


@admin.register(Membership)
class MembershipAdmin(AgencyScopedAdmin):
    list_display = ["user", "agency", "role", "created_at"]
    list_filter = ["role", "agency"]
    search_fields = ["user__username", "user__first_name", "user__last_name"]
    autocomplete_fields = ["user"]
    view_roles = frozenset({Role.AGENCY_ADMIN})
    list_select_related = ["user", "agency"]

    def get_readonly_fields(self, request, obj=None):
        # A membership changes role, never person: moving it to someone else would attach
        # them to this agency without the check on whom the administrator may manage.
        return ["user"] if obj is not None else []

    # Every role given, changed or taken away is in the agency's audit log (accounts.memberships).
    def save_model(self, request, obj, form, change):
        memberships.save_membership(obj, actor=request.user)

    def delete_model(self, request, obj):
        memberships.remove_membership(obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for membership in queryset.select_related("user"):
            memberships.remove_membership(membership, actor=request.user)
