"""Roles come from memberships, per agency; superusers may do everything."""

import pytest

from accounts import permissions
from accounts.models import Agency, Membership, Role
from newsroom.models import Article


def test_role_holds_only_in_its_own_agency(writer, agency, other_agency):
    assert permissions.has_role(writer, agency, Role.WRITER)
    assert not permissions.has_role(writer, other_agency, Role.WRITER)
    assert not permissions.has_role(writer, agency, Role.SUPERVISOR)


def test_user_may_hold_roles_in_several_agencies(writer, agency, other_agency):
    Membership.objects.create(user=writer, agency=other_agency, role=Role.SUPERVISOR)
    permissions.forget_roles(writer)
    assert permissions.agency_ids_for(writer) == {agency.pk, other_agency.pk}
    assert permissions.agency_ids_for(writer, {Role.SUPERVISOR}) == {other_agency.pk}


def test_superuser_has_every_role_everywhere(superuser, agency):
    assert permissions.has_role(superuser, agency, Role.PPID_HEAD)
    assert permissions.agency_ids_for(superuser) is None


def test_anonymous_and_inactive_users_hold_no_role(writer, agency):
    from django.contrib.auth.models import AnonymousUser

    assert not permissions.has_role(AnonymousUser(), agency, Role.WRITER)
    writer.is_active = False
    assert not permissions.has_role(writer, agency, Role.WRITER)


def test_scoping_keeps_only_own_agency_rows(
    writer, other_writer, agency, other_agency, make_article
):
    own = make_article(agency, writer)
    make_article(other_agency, other_writer)
    scoped = permissions.scope_to_agencies(Article.objects.all(), writer)
    assert list(scoped) == [own]


def test_roles_are_read_with_one_query(writer, agency, other_agency, django_assert_num_queries):
    with django_assert_num_queries(1):
        for _ in range(5):
            permissions.has_role(writer, agency, Role.WRITER)
            permissions.has_role(writer, other_agency, Role.WRITER)


@pytest.mark.parametrize("short_name,initials", [("Dislutkan", "D"), ("BPSDM Kalteng", "BK")])
def test_agency_initials_stand_in_for_a_missing_logo(short_name, initials):
    assert Agency(name="x", short_name=short_name).initials == initials
