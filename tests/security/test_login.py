"""Staff login: lockout per account and per IP, password rules, optional TOTP, session expiry."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import PASSWORD

LOGIN = "/admin/login/?next=/admin/"


def attempt(client, username, password, ip="10.1.1.1", **extra):
    return client.post(LOGIN, {"username": username, "password": password, **extra}, REMOTE_ADDR=ip)


def logged_in(response) -> bool:
    return response.status_code == 302 and response["Location"] == "/admin/"


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = 5


@pytest.mark.django_db
def test_an_account_is_locked_after_five_wrong_passwords_even_with_the_right_one_next(
    client, writer
):
    for _ in range(4):
        response = attempt(client, writer.username, "salah-sekali-123")
        assert response.status_code == 200
    locked = attempt(client, writer.username, "salah-sekali-123")
    assert locked.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in locked.content.decode()
    # The right password does not open it during the cool-off, from another network either.
    assert attempt(client, writer.username, PASSWORD, ip="10.9.9.9").status_code == 429
    assert not client.session.get("_auth_user_id")


@pytest.mark.django_db
def test_one_address_guessing_many_accounts_is_locked_out_for_everyone_it_tries(
    client, writer, supervisor, ppid_officer
):
    for name in ["budi", "sari", "joko", "wati", "tono"]:
        attempt(client, name, "tebak-tebak-123", ip="203.0.113.7")
    assert attempt(client, supervisor.username, PASSWORD, ip="203.0.113.7").status_code == 429
    # Staff elsewhere are not affected.
    assert logged_in(attempt(client, ppid_officer.username, PASSWORD, ip="10.2.2.2"))


@pytest.mark.django_db
def test_a_successful_login_resets_the_count(client, writer):
    for _ in range(4):
        attempt(client, writer.username, "salah-sekali-123")
    assert logged_in(attempt(client, writer.username, PASSWORD))
    client.logout()
    for _ in range(4):
        attempt(client, writer.username, "salah-sekali-123")
    assert logged_in(attempt(client, writer.username, PASSWORD))


@pytest.mark.django_db
def test_lockouts_are_recorded_in_the_database(client, writer):
    from axes.models import AccessAttempt

    for _ in range(5):
        attempt(client, writer.username, "salah-sekali-123")
    record = AccessAttempt.objects.get(username=writer.username)
    assert record.failures_since_start >= 5


@pytest.mark.parametrize(
    "password", ["12345678901", "password123", "penulis2026", "pendek1"], ids=str
)
@pytest.mark.django_db
def test_weak_passwords_are_refused(password, writer):
    with pytest.raises(ValidationError):
        validate_password(password, user=writer)


@pytest.mark.django_db
def test_a_strong_password_is_accepted(writer):
    validate_password("Kapal-Nelayan-Layar-7", user=writer)


@pytest.fixture
def totp_device(writer):
    return TOTPDevice.objects.create(user=writer, name="HP", confirmed=True)


def current_code(device) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


@pytest.mark.django_db
def test_staff_with_an_authenticator_must_give_its_code(client, writer, totp_device, settings):
    # django-otp also slows down guessing (a wait doubling after each wrong code); off here so the
    # right code can follow a wrong one at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    response = attempt(client, writer.username, PASSWORD)
    assert response.status_code == 200
    assert "Masukkan kode dari aplikasi autentikator" in response.content.decode()
    wrong = attempt(client, writer.username, PASSWORD, otp_token="000000")
    assert "salah atau sudah kedaluwarsa" in wrong.content.decode()
    assert not client.session.get("_auth_user_id")
    response = attempt(client, writer.username, PASSWORD, otp_token=current_code(totp_device))
    assert logged_in(response)
    assert client.session.get("otp_device_id") == totp_device.persistent_id


@pytest.mark.django_db
def test_guessing_authenticator_codes_is_locked_out_too(client, writer, totp_device):
    for code in ["111111", "222222", "333333", "444444", "555555"]:
        attempt(client, writer.username, PASSWORD, otp_token=code)
    response = attempt(client, writer.username, PASSWORD, otp_token=current_code(totp_device))
    assert response.status_code == 429


@pytest.mark.django_db
def test_staff_without_an_authenticator_log_in_with_the_password_alone(client, writer):
    page = client.get(LOGIN).content.decode()
    assert 'name="otp_token"' in page
    assert logged_in(attempt(client, writer.username, PASSWORD))


@pytest.mark.django_db
def test_an_unconfirmed_authenticator_does_not_lock_its_owner_out(client, writer):
    TOTPDevice.objects.create(user=writer, name="belum", confirmed=False)
    assert logged_in(attempt(client, writer.username, PASSWORD))


@pytest.mark.django_db
def test_the_admin_session_cookie_expires(client, writer, settings):
    response = attempt(client, writer.username, PASSWORD)
    assert logged_in(response)
    assert client.session.get_expiry_age() == settings.SESSION_COOKIE_AGE <= 8 * 60 * 60
    assert client.session.get_expire_at_browser_close()
