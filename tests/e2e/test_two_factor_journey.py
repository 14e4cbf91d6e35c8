"""Journey: a superuser, for whom two-step verification is mandatory, logs in through the real
form, lands on the enrolment page, types the key into "their app" (the test computes the code as
an authenticator app does), keeps the recovery codes, reaches the admin, and next time logs in
with a recovery code. Every page passes the CSP and accessibility checks (tests/e2e/conftest.py),
on a desktop and on a phone."""

import base64
import re

import pytest
from django_otp.oath import totp

from .conftest import PASSWORD

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def log_in(person, username, code=""):
    person.page.goto(person.url("/admin/login/"))
    person.page.fill("#id_username", username)
    person.page.fill("#id_password", PASSWORD)
    if code:
        person.page.fill("#id_otp_token", code)
    person.page.click("input[type=submit]")
    person.page.wait_for_load_state("load")


def test_superuser_enrols_on_first_login_and_later_uses_a_recovery_code(visitor, settings):
    settings.HUMAS_OTP_REQUIRED_ROLES = ["superuser", "agency_admin"]

    phone = visitor("two-factor-phone", viewport={"width": 360, "height": 800})
    log_in(phone, "superadmin")
    assert "/admin/keamanan/verifikasi-dua-langkah/" in phone.page.url
    phone.check("enrol-phone")
    assert phone.page.locator(".two-factor-qr svg").is_visible()
    phone.page.goto(phone.url("/admin/accounts/user/"))
    assert "/admin/keamanan/verifikasi-dua-langkah/" in phone.page.url  # nothing else opens yet
    phone.logout()

    desk = visitor("two-factor-desk", viewport={"width": 1366, "height": 900})
    log_in(desk, "superadmin")
    desk.check("enrol")
    key = desk.page.inner_text("#two-factor-key").replace(" ", "")
    desk.page.fill("#id_code", "12345")
    desk.page.click(".two-factor-form input[type=submit]")
    desk.check("enrol-wrong-code")
    assert "Masukkan 6 angka" in desk.page.inner_text(".errorlist")
    desk.page.fill("#id_code", f"{totp(base64.b32decode(key)):06d}")
    desk.page.click(".two-factor-form input[type=submit]")
    desk.page.wait_for_url(re.compile(r"/kode-pemulihan/$"))
    desk.check("recovery-codes")
    codes = desk.page.locator(".two-factor-codes code").all_inner_texts()
    assert len(codes) == 10
    assert desk.page.locator("[data-two-factor-print]").is_visible()  # shown by the script
    with desk.page.expect_download() as download:
        desk.page.click("text=Unduh (.txt)")
    assert codes[0] in download.value.path().read_text(encoding="utf-8")
    desk.page.click("text=Saya sudah menyimpan kode pemulihan")
    desk.page.wait_for_url(re.compile(r"/admin/$"))
    desk.check("admin-home")
    desk.goto("/admin/keamanan/verifikasi-dua-langkah/")
    assert "Masih ada 10 kode pemulihan" in desk.page.inner_text("#content-main")
    desk.logout()

    log_in(desk, "superadmin", code=codes[0])
    desk.page.wait_for_url(re.compile(r"/admin/$"))
    desk.goto("/admin/accounts/user/")
