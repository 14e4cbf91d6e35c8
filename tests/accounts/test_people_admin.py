"""An agency administrator manages the people of their own agency, and nobody else's.

Regression for the takeover found by the outside probe: an administrator of Dislutkan attached
a Kominfo supervisor to Dislutkan and then opened that person's password form.
"""

import pytest
from django.urls import reverse

from accounts import permissions
from accounts.models import Membership, Role, User
from tests.conftest import PASSWORD


@pytest.fixture
def admin_client(client, agency_admin):
    client.force_login(agency_admin)
    return client


def add_membership(client, user, agency, role=Role.WRITER):
    return client.post(
        reverse("admin:accounts_membership_add"),
        {"user": user.pk, "agency": agency.pk, "role": role},
    )


def test_administrator_cannot_attach_another_agencys_person(admin_client, agency, other_supervisor):
    response = add_membership(admin_client, other_supervisor, agency, Role.SUPERVISOR)
    assert response.status_code == 200  # the form comes back with an error
    assert not Membership.objects.filter(user=other_supervisor, agency=agency).exists()


def test_administrator_cannot_open_another_agencys_password_form(admin_client, other_supervisor):
    url = reverse("admin:auth_user_password_change", args=[other_supervisor.pk])
    assert admin_client.get(url).status_code == 404
    response = admin_client.post(url, {"password1": "Diambil-alih-123", "password2":
                                       "Diambil-alih-123"})  # fmt: skip
    assert response.status_code == 404
    other_supervisor.refresh_from_db()
    assert other_supervisor.check_password(PASSWORD)


@pytest.mark.parametrize("field,value", [("email", "x@evil.test"), ("first_name", "Diubah"),
                                         ("is_active", "")])  # fmt: skip
def test_person_who_also_works_elsewhere_is_left_to_a_superuser(
    admin_client, agency, other_agency, make_user, field, value
):
    both = make_user("dua_instansi", Role.WRITER, agency)
    Membership.objects.create(user=both, agency=other_agency, role=Role.SUPERVISOR)
    change = reverse("admin:accounts_user_change", args=[both.pk])
    assert admin_client.get(change).status_code == 404
    data = {"username": both.username, "first_name": "", "last_name": "", "email": both.email,
            "is_active": "on", "is_staff": "on", field: value}  # fmt: skip
    assert admin_client.post(change, data).status_code == 404
    assert add_membership(admin_client, both, agency, Role.SUPERVISOR).status_code == 200
    both.refresh_from_db()
    assert getattr(both, field) == getattr(User.objects.get(pk=both.pk), field)
    assert both.is_active and both.email == "dua_instansi@example.go.id"
    assert not Membership.objects.filter(user=both, role=Role.SUPERVISOR, agency=agency).exists()


def test_administrator_never_touches_a_superuser(admin_client, superuser):
    url = reverse("admin:auth_user_password_change", args=[superuser.pk])
    assert admin_client.get(url).status_code == 404
    assert not permissions.can_manage_person(
        Membership.objects.get(role=Role.AGENCY_ADMIN).user, superuser
    )


def test_administrator_brings_in_a_new_colleague(admin_client, agency):
    response = admin_client.post(reverse("admin:accounts_user_add"), {
        "username": "pegawai_baru", "password1": "Sandi-Baru-2026!", "password2":
        "Sandi-Baru-2026!", "usable_password": "true",
    })  # fmt: skip
    assert response.status_code == 302
    newcomer = User.objects.get(username="pegawai_baru")
    assert add_membership(admin_client, newcomer, agency).status_code == 302
    change = reverse("admin:accounts_user_change", args=[newcomer.pk])
    assert admin_client.get(change).status_code == 200
    password = reverse("admin:auth_user_password_change", args=[newcomer.pk])
    assert admin_client.get(password).status_code == 200


def test_administrator_manages_own_agencys_people(admin_client, writer, agency):
    response = admin_client.post(
        reverse("admin:auth_user_password_change", args=[writer.pk]),
        {"password1": "Sandi-Baru-2026!", "password2": "Sandi-Baru-2026!"},
    )
    assert response.status_code == 302
    writer.refresh_from_db()
    assert writer.check_password("Sandi-Baru-2026!")


def test_membership_keeps_its_person_when_changed(admin_client, writer):
    membership = Membership.objects.get(user=writer)
    page = admin_client.get(reverse("admin:accounts_membership_change", args=[membership.pk]))
    assert page.status_code == 200
    assert 'name="user"' not in page.content.decode()


def test_superuser_attaches_anyone(client, superuser, agency, other_supervisor):
    client.force_login(superuser)
    assert add_membership(client, other_supervisor, agency, Role.SUPERVISOR).status_code == 302
    assert Membership.objects.filter(user=other_supervisor, agency=agency).exists()
