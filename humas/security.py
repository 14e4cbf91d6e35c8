"""Cross-cutting protections: Content-Security-Policy, unused vendor files, database outages.

Everything here is wired in settings (MIDDLEWARE, STATICFILES_FINDERS); see docs/security.md.
"""

import fnmatch
import logging
import posixpath
import secrets
from pathlib import Path

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.staticfiles.finders import AppDirectoriesFinder
from django.core.exceptions import BadRequest
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import UploadedFile
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.translation import gettext as _

logger = logging.getLogger("humas.security")

# Public pages: no inline script at all except a <script nonce="{{ request.csp_nonce }}">.
# Rich text is sanitised with nh3, so styles never need 'unsafe-inline' either; images may come
# from object storage or another https host (an image cannot run code).
PUBLIC_POLICY = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'nonce-{nonce}'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "https:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    # The one embed the rich-text sanitiser lets through (newsroom.videos, newsroom.sanitize).
    "frame-src": ["https://www.youtube-nocookie.com"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}

# The staff side runs CKEditor 4, whose toolbar, dialogs and editing iframe are built from HTML
# strings with inline event handlers (onclick="CKEDITOR.tools.callFunction(...)") and inline
# styles. Handlers cannot carry a nonce, and a nonce would switch 'unsafe-inline' off in CSP 3
# browsers, so the editor would be dead. We therefore allow inline script on /admin/ only (never
# 'unsafe-eval': CKEditor 4 does not need it). Why this is still acceptable: only logged-in staff
# reach these pages, every rich-text value is cleaned on the server with an nh3 allow-list before
# it is stored (so stored markup carries no script), Django escapes every other value, and the
# rest of the policy still denies plugins, foreign scripts, foreign form targets and framing.
# The login page itself keeps the strict policy: it is the one admin page anonymous users see.
ADMIN_POLICY = {
    **PUBLIC_POLICY,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    # FullCalendar (the content calendar, static/vendor/fullcalendar) carries its icon font
    # inline as a data: URI in the styles it injects.
    "font-src": ["'self'", "data:"],
    # CKEditor's editing area and dialogs are same-document or same-origin iframes; previews
    # show the embedded videos the public pages show.
    "frame-src": ["'self'", "https://www.youtube-nocookie.com"],
    "frame-ancestors": ["'self'"],
}

STRICT_ADMIN_PATHS = ("login/", "logout/", "password_reset/")


def _render(policy: dict[str, list[str]], nonce: str) -> str:
    return "; ".join(
        f"{directive} {' '.join(sources).format(nonce=nonce)}"
        for directive, sources in policy.items()
    )


def policy_for(path: str) -> dict[str, list[str]]:
    """The policy for a request path: the looser staff policy only inside the admin."""
    admin_prefix = getattr(settings, "HUMAS_ADMIN_PREFIX", "/admin/")
    if path.startswith(admin_prefix) and not path[len(admin_prefix) :].startswith(
        STRICT_ADMIN_PATHS
    ):
        return ADMIN_POLICY
    return PUBLIC_POLICY


class ContentSecurityPolicyMiddleware:
    """Give every request a fresh nonce (``request.csp_nonce``) and send the matching policy."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.csp_nonce = secrets.token_urlsafe(18)
        response = self.get_response(request)
        if "Content-Security-Policy" not in response:
            response["Content-Security-Policy"] = _render(
                policy_for(request.path), request.csp_nonce
            )
        return response


def csp_nonce(request):
    """Template context processor: ``{{ csp_nonce }}`` for <script nonce="...">."""
    return {"csp_nonce": getattr(request, "csp_nonce", "")}


# --- Login lockout ------------------------------------------------------------------------------


class LoginLockoutBackend(AxesStandaloneBackend):
    """django-axes' lockout check, for web logins only.

    Every web login path (the admin login form) passes the request; an ``authenticate()`` without
    one comes from code on the server itself (a shell, the test client), which nobody outside can
    drive to guess passwords, so it is let through to the next backend instead of crashing.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


# --- Unused vendor files ------------------------------------------------------------------------

# django-ckeditor ships CKEditor 4's whole distribution: manual test pages, sample pages, build and
# test-runner configs, read-mes. Pages like these have carried XSS holes in the past and none is
# used by the product, so they are neither collected nor served (paths relative to STATIC_URL).
UNUSED_VENDOR_PATTERNS = (
    "ckeditor/ckeditor/samples/*",
    "ckeditor/ckeditor/*/tests/*",
    "ckeditor/ckeditor/*.html",
    "ckeditor/ckeditor/*.md",
    "ckeditor/ckeditor/*.php",
    "ckeditor/ckeditor/bender-runner.config.json",
    "ckeditor/ckeditor/build-config.js",
    "ckeditor/ckeditor/plugins/devtools/*",
    # django-ckeditor's own "browse server" page and its jQuery 1.3 gallery: replaced by
    # templates/ckeditor/browse.html.
    "ckeditor/galleriffic/*",
    "ckeditor/ckeditor_uploader/*",
)


def is_unused_vendor_file(path: str) -> bool:
    path = path.replace("\\", "/").lstrip("/")
    return any(fnmatch.fnmatchcase(path, pattern) for pattern in UNUSED_VENDOR_PATTERNS)


class AppDirectoriesFinder(AppDirectoriesFinder):
    """Django's app finder minus the unused vendor files.

    ``list`` feeds collectstatic (production) and WhiteNoise's finder mode; ``find`` feeds
    WhiteNoise's autorefresh (development), so neither can reach an excluded file.
    """

    def find(self, path, find_all=False, **kwargs):
        if is_unused_vendor_file(path):
            return []  # what Django's finder returns for "not here"
        return super().find(path, find_all=find_all, **kwargs)

    def list(self, ignore_patterns):
        for path, storage in super().list(ignore_patterns):
            if not is_unused_vendor_file(path):
                yield path, storage


# --- Uploaded file names -------------------------------------------------------------------------

# What the first bytes of a file say it is -> the extension it is stored under.
SIGNATURES = (
    (b"\xff\xd8\xff", ".jpg"),
    (b"\x89PNG\r\n\x1a\n", ".png"),
    (b"GIF87a", ".gif"),
    (b"GIF89a", ".gif"),
    (b"%PDF-", ".pdf"),
)
# Office files are zip archives: their own extension is kept (browsers never render them).
OFFICE_EXTENSIONS = {".docx", ".xlsx", ".pptx", ".odt", ".ods", ".odp"}


def sniffed_extension(content, original_name: str) -> str:
    position = content.tell() if hasattr(content, "tell") else None
    content.seek(0)
    head = content.read(16)
    if position is not None:
        content.seek(position)
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return ".webp"
    for signature, extension in SIGNATURES:
        if head.startswith(signature):
            return extension
    original = Path(original_name or "").suffix.lower()
    if head.startswith(b"PK\x03\x04") and original in OFFICE_EXTENSIONS:
        return original
    # Anything else is stored as opaque bytes: never .html, .svg, .js or .xml, whatever it was
    # called, so no web server or browser treats it as a page or a script.
    return ".bin"


class UploadRenamingStorage(FileSystemStorage):
    """The public media storage: every file that came from a browser gets a new name.

    A random name (nothing personal like "KTP Budi.jpg" leaks, nothing guessable) and an
    extension taken from the content, not from the name. Files the app writes itself (photo
    renditions, seeded demo files) keep the names the app chose, so renditions are found again.
    """

    def save(self, name, content, max_length=None):
        if isinstance(content, UploadedFile):
            folder = posixpath.dirname(str(name).replace("\\", "/"))
            new_name = secrets.token_hex(16) + sniffed_extension(content, content.name or name)
            name = posixpath.join(folder, new_name)
        return super().save(name, content, max_length=max_length)


# --- Hostile input -----------------------------------------------------------------------------


class RejectNullCharactersMiddleware:
    """400 for a NUL character in the query string or a submitted form.

    No text a person types contains one, PostgreSQL cannot store or compare one (psycopg raises
    ValueError, a 500), and forms already refuse them; this covers every raw ``request.GET`` read
    (filters, search, pagination) in one place.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if (
            "\x00" in request.path
            or _has_null(request.GET)
            or (request.method == "POST" and _has_null(request.POST))
        ):
            raise BadRequest("NUL character in the request")
        return self.get_response(request)


def _has_null(query) -> bool:
    return any("\x00" in key or any("\x00" in v for v in values) for key, values in query.lists())


# --- Database outage ----------------------------------------------------------------------------


class DatabaseUnavailableMiddleware:
    """Answer 503 with a friendly page when the database is gone, instead of a bare 500.

    The page is rendered without touching the database (no context processors, no session, no
    user), and the next request opens a fresh connection (CONN_HEALTH_CHECKS), so the site
    recovers by itself once the database is back.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, OperationalError | InterfaceError):
            return None
        logger.error("Database unavailable for %s: %s", request.path, exception)
        return database_unavailable_response(request)


def database_unavailable_response(request):
    # Rendered without the request: no context processor, session or user lookup can reach the
    # database that just failed.
    try:
        html = loader.get_template("503.html").render({})
    except Exception:  # the page must never fail in turn
        logger.exception("Could not render 503.html")
        html = "<!doctype html><title>503</title><p>" + _("Service temporarily unavailable.")
    response = HttpResponse(html, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


def server_error(request, *args, **kwargs):
    """handler500: a database outage anywhere (a middleware too, not only a view) answers 503."""
    import sys

    from django.views import defaults

    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        return database_unavailable_response(request)
    return defaults.server_error(request, *args, **kwargs)
