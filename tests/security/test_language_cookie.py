"""The language cookie (humas.i18n.choose_language) follows the LANGUAGE_COOKIE_* settings: sent
over HTTPS only in production, out of reach of scripts, and not on cross-site requests."""

import json

from .conftest import run_production

CHOOSE_ENGLISH = (
    "import django, json; django.setup()\n"
    "from django.conf import settings\n"
    "from django.test import Client\n"
    "r = Client(HTTP_HOST='portal.example.go.id').get('/bahasa/en/?next=/berita/')\n"
    "c = r.cookies[settings.LANGUAGE_COOKIE_NAME]\n"
    "print(json.dumps({'status': r.status_code, 'name': c.key, 'value': c.value,\n"
    "    'secure': bool(c['secure']), 'httponly': bool(c['httponly']),\n"
    "    'samesite': c['samesite'], 'setting': settings.LANGUAGE_COOKIE_SECURE}))\n"
)


def test_production_sends_the_language_cookie_over_https_only(tmp_path):
    # Even where Django cannot tell the request came over HTTPS (TLS ended before a proxy that
    # sends no X-Forwarded-Proto, so DJANGO_SECURE_SSL_REDIRECT=0), the browser must not send the
    # cookie back over plain HTTP.
    result = run_production(
        "-c", CHOOSE_ENGLISH,
        DJANGO_SECURE_SSL_REDIRECT="0",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
        REDIS_URL="",
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    cookie = json.loads(result.stdout.strip().splitlines()[-1])
    assert cookie["status"] == 302
    assert (cookie["name"], cookie["value"]) == ("django_language", "en")
    assert cookie["secure"] is True
    assert cookie["setting"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_development_over_plain_http_keeps_the_language_cookie_usable(client, db, settings):
    settings.LANGUAGE_COOKIE_SECURE = False
    response = client.get("/bahasa/en/?next=/")
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and not cookie["secure"]
    assert client.get("/")["Content-Language"] == "en"
