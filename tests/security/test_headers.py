"""Security headers: CSP with a per-request nonce, frame denial, nosniff, referrer, production."""

import json

import pytest
from django.template import RequestContext, Template
from django.test import RequestFactory

from humas.security import ContentSecurityPolicyMiddleware

from .conftest import run_production

PUBLIC_PATHS = [
    "/", "/berita/", "/cari/?q=nelayan", "/ppid/", "/ppid/permohonan/", "/ppid/status/",
    "/ppid/informasi/", "/admin/login/", "/halaman-tidak-ada/",
]  # fmt: skip


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parsed = {}
    for part in header.split(";"):
        name, *sources = part.split()
        parsed[name] = sources
    return parsed


@pytest.mark.django_db
@pytest.mark.parametrize("path", PUBLIC_PATHS)
def test_public_pages_allow_only_own_and_nonced_scripts(client, path):
    response = client.get(path)
    policy = directives(response)
    script = policy["script-src"]
    assert "'unsafe-inline'" not in script and "'unsafe-eval'" not in script
    assert script[0] == "'self'" and script[1].startswith("'nonce-") and len(script) == 2
    assert policy["object-src"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["base-uri"] == ["'self'"]
    assert "'unsafe-inline'" not in policy["style-src"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"


@pytest.mark.django_db
def test_every_response_gets_a_fresh_nonce(client):
    first = directives(client.get("/"))["script-src"][1]
    second = directives(client.get("/"))["script-src"][1]
    assert first != second
    assert len(first) > len("'nonce-'") + 20


def test_templates_get_the_nonce_of_the_header():
    request = RequestFactory().get("/")
    seen = {}

    def view(request):
        from django.http import HttpResponse

        html = Template('<script nonce="{{ csp_nonce }}"></script>').render(
            RequestContext(request, {})
        )
        seen["html"] = html
        seen["attr"] = request.csp_nonce
        return HttpResponse(html)

    response = ContentSecurityPolicyMiddleware(view)(request)
    assert f"'nonce-{seen['attr']}'" in response["Content-Security-Policy"]
    assert f'nonce="{seen["attr"]}"' in seen["html"]


@pytest.mark.django_db
def test_admin_pages_with_the_editor_never_allow_eval_and_still_deny_plugins_and_framing(
    client, superuser
):
    client.force_login(superuser)
    response = client.get("/admin/newsroom/article/add/")
    assert response.status_code == 200
    policy = directives(response)
    # CKEditor 4 needs inline handlers (see humas.security.ADMIN_POLICY); never eval, never a
    # foreign script host, never plugins.
    assert policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    assert response["X-Frame-Options"] == "DENY"


def test_production_settings_are_strict():
    code = (
        "import django, json; from django.conf import settings; django.setup();"
        "print(json.dumps({k: getattr(settings, k) for k in ["
        "'DEBUG', 'SECURE_HSTS_SECONDS', 'SECURE_HSTS_INCLUDE_SUBDOMAINS', 'SECURE_SSL_REDIRECT',"
        "'SESSION_COOKIE_SECURE', 'CSRF_COOKIE_SECURE', 'SESSION_COOKIE_HTTPONLY',"
        "'X_FRAME_OPTIONS', 'SECURE_CONTENT_TYPE_NOSNIFF', 'SESSION_COOKIE_AGE',"
        "'SESSION_EXPIRE_AT_BROWSER_CLOSE']}))"
    )
    result = run_production("-c", code)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["DEBUG"] is False
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] is True
    assert values["X_FRAME_OPTIONS"] == "DENY" and values["SECURE_CONTENT_TYPE_NOSNIFF"]
    # Staff sessions end after a working day at most, and when the browser closes.
    assert values["SESSION_COOKIE_AGE"] <= 8 * 60 * 60
    assert values["SESSION_EXPIRE_AT_BROWSER_CLOSE"] is True


def test_check_deploy_is_clean_with_production_settings():
    result = run_production(
        "manage.py", "check", "--deploy", "--fail-level", "WARNING",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    result = run_production("manage.py", "check", DJANGO_SECRET_KEY="")
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is required" in result.stderr


@pytest.mark.django_db
def test_production_sends_hsts_and_redirects_to_https(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    assert client.get("/").status_code == 301
    response = client.get("/", HTTP_X_FORWARDED_PROTO="https")
    assert response.status_code == 200
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
