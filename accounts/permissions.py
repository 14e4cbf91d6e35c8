"""The one place that answers "may this person do this, for this agency?".

Every admin class, public view, management command and task asks these functions; nothing else
reads memberships to decide access. Superusers may do everything.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Exists, OuterRef, QuerySet

from .models import Agency, Membership, Role, User

_CACHE_ATTR = "_humas_roles_by_agency"

# Roles that make someone agency staff in the admin at all.
STAFF_ROLES = frozenset(Role.values)
NEWSROOM_ROLES = frozenset({Role.WRITER, Role.SUPERVISOR, Role.AGENCY_ADMIN})
PPID_ROLES = frozenset({Role.PPID_OFFICER, Role.PPID_HEAD})


def _roles_by_agency(user) -> dict[int, frozenset[str]]:
    """All of a user's roles, keyed by agency id, read once per user object (one query)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return {}
    cached = getattr(user, _CACHE_ATTR, None)
    if cached is None:
        found: dict[int, set[str]] = {}
        for agency_id, role in Membership.objects.filter(user=user).values_list(
            "agency_id", "role"
        ):
            found.setdefault(agency_id, set()).add(role)
        cached = {agency_id: frozenset(roles) for agency_id, roles in found.items()}
        setattr(user, _CACHE_ATTR, cached)
    return cached


def forget_roles(user) -> None:
    """Drop the per-object role cache (after memberships change)."""
    if hasattr(user, _CACHE_ATTR):
        delattr(user, _CACHE_ATTR)


def is_superuser(user) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.is_active and user.is_superuser)


def roles_in(user, agency: Agency | int | None) -> frozenset[str]:
    """The roles a user holds in one agency (all roles for a superuser)."""
    if is_superuser(user):
        return frozenset(Role.values)
    if agency is None:
        return frozenset()
    agency_id = agency if isinstance(agency, int) else agency.pk
    return _roles_by_agency(user).get(agency_id, frozenset())


def has_role(user, agency: Agency | int | None, *roles: str) -> bool:
    """True when the user holds any of ``roles`` in ``agency`` (or is a superuser)."""
    return is_superuser(user) or bool(roles_in(user, agency) & set(roles))


def agency_ids_for(user, roles: Iterable[str] = STAFF_ROLES) -> set[int] | None:
    """Ids of the agencies where the user holds any of ``roles``; None means every agency."""
    if is_superuser(user):
        return None
    wanted = set(roles)
    return {agency_id for agency_id, held in _roles_by_agency(user).items() if held & wanted}


def has_any_role(user, roles: Iterable[str] = STAFF_ROLES) -> bool:
    """True when the user holds any of ``roles`` in at least one agency."""
    ids = agency_ids_for(user, roles)
    return ids is None or bool(ids)


def agencies_for(user, roles: Iterable[str] = STAFF_ROLES) -> QuerySet[Agency]:
    """The agencies where the user may act with any of ``roles``."""
    ids = agency_ids_for(user, roles)
    return Agency.objects.all() if ids is None else Agency.objects.filter(pk__in=ids)


def scope_to_agencies(
    queryset: QuerySet, user, roles: Iterable[str] = STAFF_ROLES, field: str = "agency"
) -> QuerySet:
    """Narrow ``queryset`` to rows of the agencies where the user holds any of ``roles``.

    ``field`` is the lookup path to the agency (``"agency"``, ``"request__agency"``).
    """
    ids = agency_ids_for(user, roles)
    if ids is None:
        return queryset
    return queryset.filter(**{f"{field}__in": ids})


# --- people: who may manage whose account and roles ----------------------------------------------


def manageable_people(user) -> QuerySet[User]:
    """The accounts a person may manage: names, e-mail, password, active flag and roles.

    Superusers manage everyone. An agency administrator manages only people whose memberships
    all lie inside the agencies they administer (and accounts with no membership yet, so a new
    colleague can be given a role); someone who also works for another agency, and every
    superuser, is left to a superuser, so an administrator cannot take over another agency's
    account by attaching it to their own agency.
    """
    ids = agency_ids_for(user, {Role.AGENCY_ADMIN})
    if ids is None:
        return User.objects.all()
    if not ids:
        return User.objects.none()
    elsewhere = Membership.objects.filter(user=OuterRef("pk")).exclude(agency_id__in=ids)
    return User.objects.filter(is_superuser=False).exclude(Exists(elsewhere))


def can_manage_person(user, person) -> bool:
    """True when ``user`` may change ``person``'s account or give them a role."""
    if is_superuser(user):
        return True
    return manageable_people(user).filter(pk=person.pk).exists()


# --- newsroom: who may do what to publishable content (newsroom.workflow and .editing ask these) --

#: Roles that write and edit content (drafts, and corrections of live content).
CONTENT_EDIT_ROLES = frozenset({Role.WRITER, Role.SUPERVISOR})
#: Roles that review: approve, schedule, send back, archive and reopen.
CONTENT_REVIEW_ROLES = frozenset({Role.SUPERVISOR})

#: Workflow action -> roles (in the object's agency) that may perform it, for every publishable
#: kind. A writer never publishes; agency admins manage people, not content; superusers may do
#: everything.
PUBLISHING_ACTION_ROLES: dict[str, frozenset[str]] = {
    "submit": CONTENT_EDIT_ROLES,
    "approve": CONTENT_REVIEW_ROLES,
    "schedule": CONTENT_REVIEW_ROLES,
    "request_changes": CONTENT_REVIEW_ROLES,
    "archive": CONTENT_REVIEW_ROLES,
    "reopen": CONTENT_REVIEW_ROLES,
    "approve_correction": CONTENT_REVIEW_ROLES,
    "reject_correction": CONTENT_REVIEW_ROLES,
    "publish_now": CONTENT_REVIEW_ROLES,
    "reschedule": CONTENT_REVIEW_ROLES,
    "unschedule": CONTENT_REVIEW_ROLES,
}


def can_view_content(user, obj) -> bool:
    """Newsroom staff of the object's agency see it in the admin and in the staff preview."""
    return has_role(user, obj.agency_id, *NEWSROOM_ROLES)


def can_edit_content(user, obj) -> bool:
    """Writers and supervisors of the object's agency may change its text (state permitting)."""
    return has_role(user, obj.agency_id, *CONTENT_EDIT_ROLES)


def can_create_content(user, agency) -> bool:
    return has_role(user, agency, *CONTENT_EDIT_ROLES)


def can_do_publishing_action(user, obj, action: str) -> bool:
    """True when the user holds a role in the object's agency that may perform ``action``."""
    return has_role(user, obj.agency_id, *PUBLISHING_ACTION_ROLES[action])


def review_agency_ids(user) -> set[int] | None:
    """Agencies whose review queue the user works on (None: every agency)."""
    return agency_ids_for(user, CONTENT_REVIEW_ROLES)


# --- PPID: who may handle information requests, objections and the DIP (ppid.services ask these) -


def can_handle_ppid(user, agency) -> bool:
    """PPID officers and heads of the agency handle its requests, personal data included."""
    return has_role(user, agency, *PPID_ROLES)


def can_decide_objection(user, agency) -> bool:
    """UU 14/2008 Pasal 36: objections are answered by the atasan PPID, not by the officer."""
    return has_role(user, agency, Role.PPID_HEAD)


def ppid_agency_ids(user) -> set[int] | None:
    """Agencies whose PPID records the user may see (None: every agency)."""
    return agency_ids_for(user, PPID_ROLES)


# --- two-step verification: who must have a second factor (accounts.two_factor enforces it) ------

#: The role code in HUMAS_OTP_REQUIRED_ROLES that stands for superusers.
SUPERUSER_ROLE = "superuser"
#: Every code HUMAS_OTP_REQUIRED_ROLES may hold (a system check refuses any other).
SECOND_FACTOR_ROLE_CODES = frozenset({SUPERUSER_ROLE, *Role.values})


def second_factor_roles() -> frozenset[str]:
    """The role codes that make a second factor mandatory (settings.HUMAS_OTP_REQUIRED_ROLES)."""
    from django.conf import settings

    return frozenset(getattr(settings, "HUMAS_OTP_REQUIRED_ROLES", ()))


def second_factor_required(user) -> bool:
    """True when the user holds, in any agency, a role whose holders must use two-step login."""
    required = second_factor_roles()
    if not required or not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if SUPERUSER_ROLE in required and is_superuser(user):
        return True
    return any(held & required for held in _roles_by_agency(user).values())


#: What a signed-in person may reach, decided by second_factor_gate().
GATE_OPEN = "open"  # everything their roles allow
GATE_ENROL = "enrol"  # only the enrolment page (mandatory, not enrolled yet)
GATE_LOG_IN_AGAIN = "log_in_again"  # nothing: enrolled, but this session gave no code


def second_factor_gate(user) -> str:
    """Whether a signed-in person's session may be used, given their second factor.

    Someone with a confirmed device (authenticator or recovery codes) must have given one of its
    codes in this session (``user.is_verified()``, set by django_otp's middleware); someone whose
    role makes it mandatory must have enrolled an authenticator app. Verified sessions cost no
    query here beyond the role lookup.
    """
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if not getattr(user, "is_authenticated", False):
        return GATE_OPEN
    is_verified = getattr(user, "is_verified", None)
    verified = bool(is_verified and is_verified())
    if not verified and _has_confirmed_device(user):
        return GATE_LOG_IN_AGAIN
    if second_factor_required(user) and not (
        isinstance(getattr(user, "otp_device", None), TOTPDevice)
        or TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    ):
        return GATE_ENROL
    return GATE_OPEN


def _has_confirmed_device(user) -> bool:
    """Any confirmed authenticator or set of recovery codes, in one query on every staff page
    (django_otp.user_has_device asks each device table in turn)."""
    from django_otp.plugins.otp_static.models import StaticDevice
    from django_otp.plugins.otp_totp.models import TOTPDevice

    totp = TOTPDevice.objects.filter(user=user, confirmed=True).values("pk")
    static = StaticDevice.objects.filter(user=user, confirmed=True).values("pk")
    return totp.union(static).exists()


def may_switch_off_second_factor(user) -> bool:
    """Only people for whom it is optional may switch two-step verification off."""
    return not second_factor_required(user)


# --- newsroom: images inside article text (CKEditor's upload and "browse server") ---------------
# Each uploaded image belongs to one agency (newsroom.uploads keeps it in that agency's folder).


def can_upload_editor_image(user, agency) -> bool:
    """Those who write the agency's article text may put images into it."""
    return has_role(user, agency, *CONTENT_EDIT_ROLES)


def editor_upload_agency_ids(user) -> set[int] | None:
    """Agencies the user may upload article images for (None: every agency)."""
    return agency_ids_for(user, CONTENT_EDIT_ROLES)


def editor_image_agency_ids(user) -> set[int] | None:
    """Agencies whose uploaded article images the user may browse (None: every agency).

    Newsroom staff only: a PPID officer or head without a newsroom role sees none.
    """
    return agency_ids_for(user, NEWSROOM_ROLES)


# --- outreach: the comment desk (outreach.desk asks these) ---------------------------------------

#: Roles that log, classify and answer the public's comments and messages. PPID staff work the
#: desk too: they turn questions that are really information requests into PPID requests.
COMMENT_DESK_ROLES = frozenset({Role.WRITER, Role.SUPERVISOR, Role.PPID_OFFICER, Role.PPID_HEAD})
#: Roles that write the agency's reply templates (what the agency says in its own name).
REPLY_TEMPLATE_ROLES = frozenset({Role.SUPERVISOR})


def can_work_comments(user, agency) -> bool:
    """Log, classify, assign and answer the agency's social media comments."""
    return has_role(user, agency, *COMMENT_DESK_ROLES)


def can_manage_reply_templates(user, agency) -> bool:
    return has_role(user, agency, *REPLY_TEMPLATE_ROLES)
