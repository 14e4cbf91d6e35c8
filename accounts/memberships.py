"""Giving, changing and taking away roles: each one transaction that also writes the audit log.

The admin (accounts.admin) only translates its forms into these calls, so whoever gives a role,
from whichever screen, leaves the same trace: who, to whom, which role, when.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from audit.log import record

from . import permissions
from .models import Membership, Role


def _check(actor, membership: Membership) -> None:
    # The admin already offers only these choices; a direct call is held to the same rule.
    if not permissions.has_role(actor, membership.agency_id, Role.AGENCY_ADMIN):
        raise PermissionDenied(_("Only this agency's administrators may give or take roles."))
    if not permissions.can_manage_person(actor, membership.user):
        raise PermissionDenied(_("This person's roles are managed by a superuser."))


def _role_label(role: str) -> str:
    return str(Role(role).label) if role in Role.values else role


def save_membership(membership: Membership, *, actor) -> Membership:
    """Give a person a role in an agency, or change the role of an existing membership."""
    _check(actor, membership)
    with transaction.atomic():
        before = None
        if membership.pk:
            before = (
                Membership.objects.select_for_update()
                .filter(pk=membership.pk)
                .values_list("role", flat=True)
                .first()
            )
        membership.save()
        person = str(membership.user)
        if before is None:
            record(
                "accounts.membership.added",
                agency=membership.agency_id,
                actor=actor,
                obj=membership.user,
                label=person,
                summary=_("Role given: %(role)s") % {"role": _role_label(membership.role)},
            )
        elif before != membership.role:
            record(
                "accounts.membership.role_changed",
                agency=membership.agency_id,
                actor=actor,
                obj=membership.user,
                label=person,
                summary=_("Role changed from %(old)s to %(new)s")
                % {"old": _role_label(before), "new": _role_label(membership.role)},
            )
    permissions.forget_roles(membership.user)
    return membership


def remove_membership(membership: Membership, *, actor) -> None:
    """Take a role away (the person's account stays; their other roles too)."""
    _check(actor, membership)
    with transaction.atomic():
        record(
            "accounts.membership.removed",
            agency=membership.agency_id,
            actor=actor,
            obj=membership.user,
            label=str(membership.user),
            summary=_("Role taken away: %(role)s") % {"role": _role_label(membership.role)},
        )
        membership.delete()
    permissions.forget_roles(membership.user)
