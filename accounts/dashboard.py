"""The agency administrator's dashboard panel (humas.dashboard): the agency's people and who
has not set up a second factor yet (accounts.two_factor). Two queries, one more for the list."""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Prefetch
from django.urls import reverse
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from humas.dashboard import Counter, Item, Panel, Section, Stat

from . import permissions
from .models import Membership, Role, User

#: The URL parameter and value of the people list's second-factor filter.
SECOND_FACTOR_PARAMETER = "verifikasi"
WITHOUT_SECOND_FACTOR = "belum"
LIST_LENGTH = 10


def has_second_factor():
    """An expression: the user has a confirmed authenticator app."""
    return Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True))


def members(user):
    """Active people holding a role in the agencies ``user`` administers."""
    ids = permissions.agency_ids_for(user, {Role.AGENCY_ADMIN})
    memberships = (
        Membership.objects.all() if ids is None else Membership.objects.filter(agency__in=ids)
    )
    return User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))


def panels(request, *, detail: bool = False) -> list[Panel]:
    user = request.user
    if not permissions.has_any_role(user, {Role.AGENCY_ADMIN}):
        return []
    total = members(user).count()
    # Among the people this administrator manages (the people list they can open).
    people = members(user) & permissions.manageable_people(user)
    lacking = people.annotate(verified=has_second_factor()).filter(verified=False)
    missing = lacking.count()
    users_url = reverse("admin:accounts_user_changelist")
    memberships_url = reverse("admin:accounts_membership_changelist")
    label = str(User._meta.verbose_name_plural).capitalize()
    stats = [
        Stat(_("Members"), [Counter(label, total, memberships_url)]),
        Stat(
            _("Without two-step verification"),
            [
                Counter(
                    label,
                    missing,
                    f"{users_url}?{SECOND_FACTOR_PARAMETER}={WITHOUT_SECOND_FACTOR}",
                    User._meta.label_lower,
                )
            ],
            tone="warning",
            in_menu=True,
        ),
    ]
    panel = Panel("agency_admin", _("People"), stats)
    if detail:
        ids = permissions.agency_ids_for(user, {Role.AGENCY_ADMIN})
        roles = Membership.objects.select_related("agency").order_by("role")
        if ids is not None:
            roles = roles.filter(agency__in=ids)
        people = lacking.order_by("username").prefetch_related(Prefetch("memberships", roles))
        items = [
            Item(
                str(person),
                reverse("admin:accounts_user_change", args=[person.pk]),
                " · ".join(
                    [person.username]
                    + [
                        f"{m.get_role_display()} ({m.agency.short_name})"
                        for m in person.memberships.all()
                    ]
                ),
                tone="warning",
            )
            for person in people[:LIST_LENGTH]
        ]
        panel.sections = [
            Section(
                _("Members without two-step verification"),
                items,
                empty=_("Every member uses two-step verification."),
            )
        ]
    return [panel]
