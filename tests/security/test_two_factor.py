"""Two-step verification: self-service enrolment, recovery codes, and the mandatory rule.

The suite runs with HUMAS_OTP_REQUIRED_ROLES empty (tests/conftest.py); every test here about the
mandatory rule switches it on, with the production default unless it says otherwise.
"""

import re

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts import permissions
from accounts.models import Membership, Role
from tests.conftest import PASSWORD

SETUP = "/admin/keamanan/verifikasi-dua-langkah/"
CODES = SETUP + "kode-pemulihan/"
DOWNLOAD = SETUP + "kode-pemulihan.txt"
REGENERATE = SETUP + "kode-baru/"
DISABLE = SETUP + "matikan/"
LOGIN = "/admin/login/?next=/admin/"
DEFAULT_ROLES = ["superuser", "agency_admin"]


@pytest.fixture(autouse=True)
def _settings(settings):
    settings.AXES_FAILURE_LIMIT = 5
    # django-otp slows down guessing (a wait doubling after each wrong code); off here so a right
    # code may follow a wrong one at once. The lockout test below counts through axes instead.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


@pytest.fixture
def mandatory(settings):
    settings.HUMAS_OTP_REQUIRED_ROLES = DEFAULT_ROLES


def code_for(device) -> str:
    """The authenticator's current code, computed from the device key as the phone app does."""
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def pending_device(user):
    return TOTPDevice.objects.get(user=user, confirmed=False)


def enrol(client, user):
    """Open the enrolment page and confirm it with the right code; return the device."""
    assert client.get(SETUP).status_code == 200
    device = pending_device(user)
    response = client.post(SETUP, {"code": code_for(device)})
    assert response.status_code == 302, response.content.decode()[:2000]
    device.refresh_from_db()
    return device


def shown_codes(client) -> list[str]:
    page = client.get(CODES).content.decode()
    return re.findall(r"<code>([a-z2-7]{4}-[a-z2-7]{4})</code>", page)


def login(client, user, code="", ip="10.1.1.1"):
    return client.post(
        LOGIN,
        {"username": user.username, "password": PASSWORD, "otp_token": code},
        REMOTE_ADDR=ip,
    )


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


def later(seconds=90):
    """Travel past the code just used: each authenticator code is accepted only once."""
    return time_machine.travel(timezone.now() + timezone.timedelta(seconds=seconds), tick=False)


# --- enrolment ---------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_enrolment_page_shows_a_qr_code_and_the_key_grouped_for_reading(client, writer):
    client.force_login(writer)
    page = client.get(SETUP).content.decode()
    device = pending_device(writer)
    assert "<svg" in page and "Kode QR untuk aplikasi autentikator" in page
    key = re.search(r'id="two-factor-key"><code>([A-Z2-7 ]+)</code>', page).group(1)
    assert re.fullmatch(r"([A-Z2-7]{4} )+[A-Z2-7]{1,4}", key)
    from base64 import b32encode

    assert key.replace(" ", "") == b32encode(device.bin_key).decode().rstrip("=")
    assert "Verifikasi dua langkah" in page and "Pindai kode QR" in page
    # Reloading keeps the same key (the person may have scanned it already).
    client.get(SETUP)
    assert TOTPDevice.objects.filter(user=writer).get() == device


@pytest.mark.django_db
def test_enrolment_is_confirmed_with_a_correct_code_and_gives_ten_recovery_codes(client, writer):
    client.force_login(writer)
    device = enrol(client, writer)
    assert device.confirmed
    assert client.session.get("otp_device_id") == device.persistent_id
    codes = shown_codes(client)
    assert len(codes) == 10 and len(set(codes)) == 10
    stored = set(StaticToken.objects.filter(device__user=writer).values_list("token", flat=True))
    assert stored == {code.replace("-", "") for code in codes}
    # Download while they are on show; then "saved" and they are never shown again.
    download = client.get(DOWNLOAD)
    assert download["Content-Disposition"].startswith("attachment;")
    assert all(code in download.content.decode() for code in codes)
    assert client.post(CODES, {"next": "/admin/"})["Location"] == "/admin/"
    assert shown_codes(client) == []
    assert client.get(DOWNLOAD).status_code == 302
    overview = client.get(SETUP).content.decode()
    assert "10 kode pemulihan yang belum dipakai" in overview


@pytest.mark.django_db
def test_a_wrong_code_is_refused_in_indonesian_and_nothing_is_enrolled(client, writer):
    client.force_login(writer)
    client.get(SETUP)
    device = pending_device(writer)
    wrong = "000000" if code_for(device) != "000000" else "111111"
    response = client.post(SETUP, {"code": wrong})
    assert response.status_code == 200
    assert "Kode salah atau sudah kedaluwarsa" in response.content.decode()
    letters = client.post(SETUP, {"code": "abc"})
    assert "Masukkan 6 angka yang tampil di aplikasi autentikator" in letters.content.decode()
    assert not TOTPDevice.objects.filter(user=writer, confirmed=True).exists()
    assert not StaticDevice.objects.filter(user=writer).exists()
    assert client.post(SETUP, {"code": code_for(device)}).status_code == 302


@pytest.mark.django_db
def test_the_enrolment_pages_are_for_staff_only(client, writer):
    assert client.get(SETUP)["Location"].startswith("/admin/login/")
    writer.is_staff = False
    writer.save()
    client.force_login(writer)
    assert client.get(SETUP)["Location"].startswith("/admin/login/")
    assert not TOTPDevice.objects.exists()


@pytest.mark.django_db
def test_next_never_leads_off_the_site(client, writer):
    client.force_login(writer)
    client.get(SETUP)
    device = pending_device(writer)
    client.post(SETUP + "?next=https://jahat.example/", {"code": code_for(device)})
    response = client.post(CODES, {"next": "https://jahat.example/"})
    assert response["Location"] == "/admin/"


# --- recovery codes ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_login_with_a_recovery_code_works_once(client, writer):
    client.force_login(writer)
    enrol(client, writer)
    code = shown_codes(client)[0]
    client.logout()

    # Typed as shown (with the dash), in capitals or with spaces: all the same code.
    response = login(client, writer, code.upper().replace("-", " "))
    assert logged_in(response)
    assert client.session.get("otp_device_id", "").startswith("otp_static.")
    assert client.get("/admin/").status_code == 200
    client.logout()

    again = login(client, writer, code)
    assert again.status_code == 200
    assert "salah atau sudah kedaluwarsa" in again.content.decode()
    assert StaticToken.objects.filter(device__user=writer).count() == 9


@pytest.mark.django_db
def test_new_recovery_codes_void_the_old_ones(client, writer):
    client.force_login(writer)
    device = enrol(client, writer)
    old = shown_codes(client)
    client.post(CODES)
    # A wrong current code changes nothing.
    refused = client.post(REGENERATE, {"baru-code": "zzzzzzzz"})
    assert "Kode salah, sudah kedaluwarsa, atau sudah pernah dipakai" in refused.content.decode()
    with later():
        response = client.post(REGENERATE, {"baru-code": code_for(device)})
        assert response["Location"] == CODES
        new = shown_codes(client)
    assert len(new) == 10 and not set(new) & set(old)
    client.logout()
    assert login(client, writer, old[1]).status_code == 200
    assert logged_in(login(client, writer, new[1]))


@pytest.mark.django_db
def test_an_optional_second_factor_can_be_switched_off_with_a_code(client, writer):
    client.force_login(writer)
    device = enrol(client, writer)
    code = shown_codes(client)[0]
    client.post(CODES)
    page = client.get(SETUP).content.decode()
    assert "Matikan verifikasi dua langkah" in page
    response = client.post(DISABLE, {"matikan-code": code})
    assert response["Location"] == SETUP
    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    assert not StaticDevice.objects.filter(user=writer).exists()
    client.logout()
    assert logged_in(login(client, writer))


@pytest.mark.django_db
def test_a_mandatory_second_factor_cannot_be_switched_off(client, agency_admin, mandatory):
    client.force_login(agency_admin)
    device = enrol(client, agency_admin)
    code = shown_codes(client)[0]
    client.post(CODES)
    page = client.get(SETUP).content.decode()
    assert "Matikan verifikasi dua langkah" not in page
    assert "tidak dapat dimatikan" in page
    response = client.post(DISABLE, {"matikan-code": code}, follow=True)
    assert "tidak dapat dimatikan" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk, confirmed=True).exists()


@pytest.mark.django_db
def test_moving_to_a_new_phone_replaces_the_old_app_and_keeps_the_recovery_codes(
    client, agency_admin, mandatory
):
    client.force_login(agency_admin)
    old_device = enrol(client, agency_admin)
    codes = shown_codes(client)
    client.post(CODES)
    assert client.get(SETUP + "?ganti=1").status_code == 200
    new_device = pending_device(agency_admin)
    assert new_device.key != old_device.key
    response = client.post(SETUP, {"code": code_for(new_device), "ganti": "1"})
    assert response["Location"] == SETUP
    assert list(TOTPDevice.objects.filter(user=agency_admin)) == [new_device]
    assert shown_codes(client) == []  # no new codes: the old ones still hold
    assert StaticToken.objects.filter(device__user=agency_admin).count() == len(codes)
    assert client.get("/admin/").status_code == 200


# --- the mandatory rule --------------------------------------------------------------------------


@pytest.mark.django_db
def test_who_needs_a_second_factor_follows_the_setting(
    settings, superuser, agency_admin, writer, other_agency
):
    settings.HUMAS_OTP_REQUIRED_ROLES = DEFAULT_ROLES
    assert permissions.second_factor_required(superuser)
    assert permissions.second_factor_required(agency_admin)
    assert not permissions.second_factor_required(writer)
    # A role in any agency counts.
    Membership.objects.create(user=writer, agency=other_agency, role=Role.AGENCY_ADMIN)
    permissions.forget_roles(writer)
    assert permissions.second_factor_required(writer)
    settings.HUMAS_OTP_REQUIRED_ROLES = ["writer"]
    assert not permissions.second_factor_required(superuser)
    settings.HUMAS_OTP_REQUIRED_ROLES = []
    assert not permissions.second_factor_required(agency_admin)


def test_the_default_makes_it_mandatory_for_superusers_and_agency_admins(monkeypatch):
    import importlib

    import humas.settings

    monkeypatch.delenv("HUMAS_OTP_REQUIRED_ROLES", raising=False)
    fresh = importlib.reload(humas.settings)
    try:
        assert fresh.HUMAS_OTP_REQUIRED_ROLES == DEFAULT_ROLES
    finally:
        importlib.reload(humas.settings)


@pytest.mark.parametrize("role_user", ["superuser", "agency_admin"])
@pytest.mark.django_db
def test_a_mandatory_role_is_sent_to_enrolment_and_blocked_from_other_admin_pages(
    client, request, role_user, mandatory, agency
):
    user = request.getfixturevalue(role_user)
    response = login(client, user)
    assert logged_in(response)  # the password was right: now the second factor
    for path in [
        "/admin/",
        "/admin/accounts/user/",
        "/admin/newsroom/article/add/",
        "/admin/ckeditor/browse/",
        "/admin/password_change/",
        "/admin/otp_totp/totpdevice/",
        "/",  # the public site too: this session is not finished
    ]:
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(SETUP), path
    assert client.post("/admin/accounts/user/add/", {"username": "x"}).status_code == 302
    page = client.get(SETUP).content.decode()
    assert "Peran Anda mewajibkan verifikasi dua langkah" in page
    assert "/admin/accounts/" not in page  # no menu of pages it cannot open yet
    # Logging out stays possible.
    assert client.post("/admin/logout/").status_code == 200
    assert not client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_after_enrolling_a_mandatory_role_reaches_the_admin_and_is_sent_where_it_was_going(
    client, agency_admin, mandatory
):
    login(client, agency_admin)
    response = client.get("/admin/newsroom/article/")
    target = response["Location"]
    assert target == SETUP + "?next=%2Fadmin%2Fnewsroom%2Farticle%2F"
    client.get(target)
    device = pending_device(agency_admin)
    response = client.post(target, {"code": code_for(device)})
    assert response["Location"] == CODES + "?next=%2Fadmin%2Fnewsroom%2Farticle%2F"
    assert client.get(response["Location"]).status_code == 200
    done = client.post(CODES, {"next": "/admin/newsroom/article/"})
    assert done["Location"] == "/admin/newsroom/article/"
    assert client.get("/admin/newsroom/article/").status_code == 200


@pytest.mark.django_db
def test_a_verified_session_passes_and_an_unverified_one_must_log_in_again(
    client, superuser, mandatory
):
    client.force_login(superuser)
    device = enrol(client, superuser)
    client.post(CODES)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/accounts/user/").status_code == 200

    # The same person signed in without a code (force_login, or a session from before enrolling):
    # the session is ended and the login asks for the code.
    other = client.__class__()
    other.force_login(superuser)
    response = other.get("/admin/accounts/user/")
    assert response.status_code == 302
    assert response["Location"].startswith("/admin/login/?next=/admin/accounts/user/")
    assert not other.session.get("_auth_user_id")
    assert other.get("/admin/").status_code == 302
    # Logging in again with the code opens it.
    with later():
        assert logged_in(login(other, superuser, code_for(device)))
        assert other.get("/admin/accounts/user/").status_code == 200


@pytest.mark.django_db
def test_an_enrolled_writer_is_held_to_the_code_too(client, writer):
    client.force_login(writer)
    enrol(client, writer)
    client.post(CODES)
    other = client.__class__()
    other.force_login(writer)
    assert other.get("/admin/")["Location"].startswith("/admin/login/")
    # Nor can that session add a phone of its own.
    other.force_login(writer)
    assert other.get(SETUP + "?ganti=1")["Location"].startswith("/admin/login/")
    assert TOTPDevice.objects.filter(user=writer).count() == 1


@pytest.mark.django_db
def test_a_role_without_the_requirement_may_skip_enrolment(client, writer, supervisor, mandatory):
    for person in (writer, supervisor):
        client.logout()
        assert logged_in(login(client, person))
        assert client.get("/admin/").status_code == 200
        assert client.get("/admin/newsroom/article/").status_code == 200
        page = client.get(SETUP).content.decode()
        assert "Peran Anda mewajibkan" not in page
        assert "Pasang aplikasi autentikator" in page
    assert not TOTPDevice.objects.filter(confirmed=True).exists()


@pytest.mark.django_db
def test_with_the_setting_empty_no_one_is_sent_to_enrolment(client, superuser, settings):
    settings.HUMAS_OTP_REQUIRED_ROLES = []
    assert logged_in(login(client, superuser))
    assert client.get("/admin/accounts/user/").status_code == 200


@pytest.mark.django_db
def test_the_admin_user_links_lead_to_the_enrolment_page(client, writer):
    client.force_login(writer)
    page = client.get("/admin/").content.decode()
    assert f'href="{SETUP}"' in page and "Verifikasi dua langkah" in page


# --- login and lockout ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_mandatory_role_logs_in_with_its_code_after_enrolling(client, superuser, mandatory):
    login(client, superuser)
    device = enrol(client, superuser)
    client.post(CODES)
    client.logout()
    response = login(client, superuser)
    assert "Masukkan kode dari aplikasi autentikator" in response.content.decode()
    with later():
        assert logged_in(login(client, superuser, code_for(device)))
        assert client.get("/admin/accounts/user/").status_code == 200


@pytest.mark.django_db
def test_guessing_codes_is_still_locked_out_by_axes(client, writer):
    client.force_login(writer)
    device = enrol(client, writer)
    recovery = shown_codes(client)[0]
    client.logout()
    for guess in ["111111", "abcdefgh", "222222", "stuvwxyz"]:
        assert login(client, writer, guess).status_code == 200
    assert login(client, writer, "333333").status_code == 429
    with later(10):
        assert login(client, writer, code_for(device)).status_code == 429
    assert login(client, writer, recovery, ip="10.9.9.9").status_code == 429
    # The recovery code was not spent by the refused attempt.
    assert StaticToken.objects.filter(device__user=writer).count() == 10


# --- settings that would switch the rule off fail loudly ----------------------------------------


def test_an_unknown_role_code_stops_the_site(settings):
    settings.HUMAS_OTP_REQUIRED_ROLES = ["superuser", "agency-admin"]
    with pytest.raises(SystemCheckError, match="agency-admin"):
        call_command("check")


def test_the_rule_without_its_middleware_stops_the_site(settings):
    settings.MIDDLEWARE = [m for m in settings.MIDDLEWARE if "SecondFactor" not in m]
    with pytest.raises(SystemCheckError, match="accounts.E002"):
        call_command("check")
