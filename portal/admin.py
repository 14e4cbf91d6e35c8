"""Staff admin for the menus of each agency's site (agency administrators) and of the portal
(superusers), with their entries inline in order."""

from django.contrib import admin
from django.db.models import F
from django.db.models.functions import Coalesce
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from accounts.admin import AgencyScopedAdmin, ScopedChoicesMixin
from accounts.models import Role

from .models import Menu, MenuItem


class NamedInputsFormSet(BaseInlineFormSet):
    """A table row's inputs have only the column heading: each is named for screen readers."""

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for field in form.fields.values():
            widget = getattr(field.widget, "widget", field.widget)  # inside the related wrapper
            widget.attrs.setdefault("aria-label", str(field.label))


class MenuItemInline(ScopedChoicesMixin, admin.TabularInline):
    model = MenuItem
    formset = NamedInputsFormSet
    fk_name = "menu"
    fields = ["position", "label", "page", "list_target", "url", "parent"]
    extra = 3

    def get_queryset(self, request):
        # Each top entry followed by the entries under it, in their order.
        return (
            super()
            .get_queryset(request)
            .annotate(
                group_position=Coalesce("parent__position", "position"),
                group=Coalesce("parent_id", "id"),
            )
            .order_by("group_position", "group", F("parent_id").asc(nulls_first=True), "position")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        menu = self._menu_of(request)
        if db_field.name == "parent" and field is not None:
            # Only this menu's top entries: menus have two levels.
            field.queryset = (
                MenuItem.objects.filter(menu=menu, parent=None)
                if menu
                else (MenuItem.objects.none())
            )
        if db_field.name == "page" and field is not None:
            queryset = field.queryset.select_related("agency", "parent").order_by(
                "agency__name", "path"
            )
            agency_id = menu.agency_id if menu is not None else self._only_agency(request)
            if agency_id:
                queryset = queryset.filter(agency_id=agency_id)
            field.queryset = queryset
            own_agency = bool(agency_id)
            field.label_from_instance = _page_label if own_agency else _agency_page_label
        return field

    def _only_agency(self, request) -> int | None:
        """The one agency whose menus this person edits, if only one (then pages need no
        agency name); None for superusers and people of several agencies."""
        if permissions.is_superuser(request.user):
            return None
        ids = permissions.agency_ids_for(request.user, {Role.AGENCY_ADMIN}) or set()
        return next(iter(ids)) if len(ids) == 1 else None

    def _menu_of(self, request):
        match = getattr(request, "resolver_match", None)
        pk = match.kwargs.get("object_id") if match else None
        if not pk or not str(pk).isdigit():
            return None
        return Menu.objects.filter(pk=pk).first()

    def has_add_permission(self, request, obj=None):
        return True if obj is None else self._can_edit(request, obj)

    def has_change_permission(self, request, obj=None):
        return True if obj is None else self._can_edit(request, obj)

    def has_delete_permission(self, request, obj=None):
        return True if obj is None else self._can_edit(request, obj)

    def has_view_permission(self, request, obj=None):
        return True if obj is None else self._can_edit(request, obj)

    def _can_edit(self, request, menu):
        return permissions.has_role(request.user, menu.agency_id, Role.AGENCY_ADMIN)


def _page_label(page) -> str:
    """A page as staff know it: its section and title ("PPID › Maklumat Pelayanan")."""
    return f"{page.parent.title} › {page.title}" if page.parent_id else page.title


def _agency_page_label(page) -> str:
    return f"{page.agency.short_name or page.agency.name} · {_page_label(page)}"


@admin.register(Menu)
class MenuAdmin(AgencyScopedAdmin):
    """Agency administrators arrange their agency's header and footer menus; the portal's own
    (no agency) is for superusers."""

    list_display = ["__str__", "location", "updated_at"]
    list_filter = ["location", "agency"]
    list_select_related = ["agency"]
    view_roles = frozenset({Role.AGENCY_ADMIN})
    inlines = [MenuItemInline]

    class Media:
        css = {"all": ["css/admin-menus.css"]}

    def get_list_filter(self, request):
        # By agency only for those who see several (the portal's own menu included).
        if permissions.is_superuser(request.user):
            return super().get_list_filter(request)
        return ["location"]

    def get_fields(self, request, obj=None):
        # A menu stays with its agency: its entries point at that agency's pages.
        return ["agency", "location"] if obj is None else ["owner", "location"]

    def get_readonly_fields(self, request, obj=None):
        return ["owner"] if obj is not None else []

    @admin.display(description=_("agency"))
    def owner(self, obj):
        return obj.agency.name if obj.agency_id else _("Portal (every agency)")

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        if "agency" in form.base_fields and not permissions.is_superuser(request.user):
            form.base_fields["agency"].required = True  # the portal's menu is not theirs
            form.base_fields["agency"].empty_label = None
        return form


# Redirects and addresses not found (their admin beside the menus').
from . import admin_redirects  # noqa: E402, F401
