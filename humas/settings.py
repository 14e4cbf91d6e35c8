"""Humas settings: one module, driven by environment variables with safe development defaults.

Production (DJANGO_DEBUG=0) refuses to start without DJANGO_SECRET_KEY and DJANGO_ALLOWED_HOSTS.
"""

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY is required when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-do-not-use-in-production"  # noqa: S105

# Agencies' own domains (Agency.domain) must be listed too; a leading dot accepts every subdomain
# (".kalteng.go.id"), and an agency's domain outside this list is refused when it is saved. In
# development, *.localhost (dislutkan.localhost) reaches the development server as an agency host.
ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ".localhost,127.0.0.1,[::1]" if DEBUG else "")
if not DEBUG and not ALLOWED_HOSTS:
    raise ImproperlyConfigured("DJANGO_ALLOWED_HOSTS is required when DJANGO_DEBUG is off.")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

# Base URL used in e-mails and feeds when there is no request (tasks, commands).
SITE_URL = os.environ.get("HUMAS_SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Django's admin, with the project's site (humas.admin_input.HumasAdminSite).
    "humas.apps.HumasAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django.contrib.postgres",
    "ckeditor",
    "ckeditor_uploader",
    "django_tasks",
    "django_tasks_db",
    # Login lockout after repeated failures, per account and per IP, stored in the database.
    "axes",
    # TOTP second factor for staff, with recovery codes (accounts.login, accounts.two_factor).
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    # The read-only JSON API at /api/v1/ (portal.api): DRF, its OpenAPI schema, its filters.
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "accounts",
    "newsroom",
    "ppid",
    "portal",
    "outreach",
    # The append-only audit log every app writes through audit.log.record (audit.admin shows it).
    "audit",
]

MIDDLEWARE = [
    # Whole public pages for anonymous visitors from the shared cache (see portal.cache): first,
    # so a hit skips every middleware and a page is stored with every header the others add.
    # (In production HUMAS_WSGI_FRONT answers hits before Django.)
    "portal.cache.AnonymousPageCacheMiddleware",
    # Access-Control-Allow-Origin: * on /api/ answers (portal.api.cors), stored with the page.
    "portal.api.cors.PublicAPICorsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "humas.security.ContentSecurityPolicyMiddleware",
    "humas.security.RejectNullCharactersMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETag/Last-Modified answered with 304 on every page and feed (cached pages carry both).
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Indonesian unless the visitor chose English in the footer (humas.i18n).
    "humas.i18n.PortalLocaleMiddleware",
    # A 404 answered by the redirect of its path, if any (portal.redirects); outside
    # CommonMiddleware, so its slash-appending redirect comes first.
    "portal.redirects.RedirectFallbackMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_otp.middleware.OTPMiddleware",
    # Staff whose role needs a second factor reach nothing but its enrolment until they have one
    # (HUMAS_OTP_REQUIRED_ROLES); a session not verified with an enrolled person's code is ended.
    "accounts.two_factor.SecondFactorMiddleware",
    "humas.security.DatabaseUnavailableMiddleware",
    # Last, as django-axes requires: turns a lockout into its (Indonesian) lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "humas.urls"
WSGI_APPLICATION = "humas.wsgi.application"
# What humas.wsgi puts in front of Django ("" for nothing): the page cache answers its hits
# before Django builds a request.
HUMAS_WSGI_FRONT = "portal.cache.PageCacheFront"
ASGI_APPLICATION = "humas.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "humas.security.csp_nonce",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL in production and CI via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Several gunicorn workers or a test live server share one file: wait for locks, don't fail.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    )
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: per-process memory by default; Redis as the shared cache of all workers when configured.
REDIS_URL = os.environ.get("REDIS_URL", "")
if REDIS_URL:
    CACHES = {
        "default": {
            # Django's Redis cache with one reused client per process (humas.cache_backend).
            "BACKEND": "humas.cache_backend.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("HUMAS_CACHE_PREFIX", "humas"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Anonymous page cache lifetime in seconds (0: off). On by default only with Redis: invalidation
# must reach every worker, which a per-process memory cache cannot do.
HUMAS_PAGE_CACHE_SECONDS = int(
    os.environ.get("HUMAS_PAGE_CACHE_SECONDS", "300" if REDIS_URL else "0")
)

# The portal's main menu and the footer's link columns (portal.menus): (label, URL name or path),
# or (label, [entries]) / (label, target, [entries]) for a group; used where the portal has no
# menu of its own in the admin. The portal knows only its own pages; the project adds the other
# apps' public entry points here.
HUMAS_PORTAL_MENU = [
    (_("Home"), "portal:home"),
    (_("News"), "portal:article_list"),
    (
        _("Information"),
        [
            (_("Announcements"), "portal:announcement_list"),
            (_("Agenda"), "portal:event_list"),
            (_("Documents"), "portal:document_list"),
            (_("Galleries"), "portal:gallery_list"),
        ],
    ),
    (
        _("PPID"),
        "ppid:landing",
        [
            (_("Request information"), "ppid:request"),
            (_("Track a request"), "ppid:status"),
            (_("Public information"), "ppid:dip_list"),
        ],
    ),
]
# The home page's service shortcuts (portal.menus.shortcuts): (title, one line, URL name or path).
HUMAS_PORTAL_SHORTCUTS = [
    (
        _("Request information"),
        _("Ask an agency for public information online, free of charge."),
        "ppid:request",
    ),
    (
        _("Track a request"),
        _("Follow your request with its registration number and tracking code."),
        "ppid:status",
    ),
    (
        _("Public information list (DIP)"),
        _("Information each agency provides periodically, immediately and at any time."),
        "ppid:dip_list",
    ),
    (
        _("Documents"),
        _("Regulations, forms, reports and SOPs to download."),
        "portal:document_list",
    ),
]
# Lists of other apps that menu entries may point at (portal.menus): target -> (URL name, whether
# it takes ?instansi=<agency>).
HUMAS_PORTAL_MENU_LISTS = {"ppid": ("ppid:landing", False)}
HUMAS_PORTAL_FOOTER_LINKS = [
    (
        _("Services"),
        [
            (_("Request information"), "ppid:request"),
            (_("Track a request"), "ppid:status"),
            (_("Public information"), "ppid:dip_list"),
        ],
    ),
    (
        _("Follow the news"),
        [(_("RSS feed"), "portal:feed"), (_("News archive"), "portal:article_list")],
    ),
]
# The buttons beside an agency's contact details on its portal page.
HUMAS_PORTAL_AGENCY_LINKS = [(_("Request information"), "ppid:request")]

# The read-only JSON API (portal.api, docs/api.md). Other apps' resources: modules with
# register(router). JSON only, nobody signed in (so answers are the same for everyone and the
# page cache may keep them), errors in the visitor's language, a rate limit per client address.
HUMAS_API_MODULES = ["ppid.api"]
HUMAS_API_RATE = os.environ.get("HUMAS_API_RATE", "120/min")
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": [],
    "UNAUTHENTICATED_USER": None,
    "DEFAULT_THROTTLE_CLASSES": ["portal.api.throttling.ClientAddressThrottle"],
    "EXCEPTION_HANDLER": "portal.api.errors.handle_exception",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "URL_FORMAT_OVERRIDE": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "Humas API",
    "DESCRIPTION": _(
        "Read-only JSON API of everything public on this portal: news, pages, announcements, "
        "the agenda, documents, galleries, agencies and the PPID's public information. It never "
        "holds personal data."
    ),
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": "/api/v1",
}

AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # First, so a locked-out account or IP is refused before its password is even checked.
    "humas.security.LoginLockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
LOGIN_URL = "admin:login"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Internationalisation: Indonesian first, English offered as the second language.
LANGUAGE_CODE = "id"
LANGUAGES = [("id", _("Indonesian")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Jakarta"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["humas.formats"]
# The visitor's language choice (humas.i18n.choose_language): a year, HTTPS-only in production.
LANGUAGE_COOKIE_AGE = 365 * 24 * 60 * 60
LANGUAGE_COOKIE_SECURE = not DEBUG
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("DJANGO_STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
STATICFILES_FINDERS = [
    "django.contrib.staticfiles.finders.FileSystemFinder",
    # Django's app finder minus CKEditor's sample/test pages and other unused vendor files.
    "humas.security.AppDirectoriesFinder",
]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("DJANGO_MEDIA_ROOT", BASE_DIR / "media"))
# Personal uploads (PPID ID-card scans, powers of attorney) live outside MEDIA_ROOT and are served
# only through a permission-checked view.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("DJANGO_PRIVATE_MEDIA_ROOT", BASE_DIR / "private_media"))

STORAGES = {
    # Uploaded files get a random name and an extension from their content (humas.security).
    "default": {"BACKEND": "humas.security.UploadRenamingStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
# Public media (cover photos, logos, renditions) on S3-compatible object storage when several
# hosts serve the portal (docs/deploy.md); needs the "s3" extra (django-storages, boto3).
# Credentials come from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, read by boto3 itself.
# Private PPID files stay on PRIVATE_MEDIA_ROOT (a shared volume), served only through a view.
if os.environ.get("HUMAS_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["HUMAS_S3_BUCKET"],
            "endpoint_url": os.environ.get("HUMAS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("HUMAS_S3_REGION") or None,
            "custom_domain": os.environ.get("HUMAS_S3_CUSTOM_DOMAIN") or None,
            "default_acl": None,
            "querystring_auth": False,  # public photos: plain, cacheable URLs
            "file_overwrite": False,
        },
    }

# Upload limits (bytes, pixels) checked by our validators; Django's own limits bound the request.
HUMAS_IMAGE_MAX_BYTES = int(os.environ.get("HUMAS_IMAGE_MAX_BYTES", 10 * 1024 * 1024))
HUMAS_IMAGE_MAX_PIXELS = int(os.environ.get("HUMAS_IMAGE_MAX_PIXELS", 40_000_000))
# Files of the download centre (newsroom.document_files): PDF, office files and ZIP up to this.
HUMAS_DOCUMENT_MAX_MB = int(os.environ.get("HUMAS_DOCUMENT_MAX_MB", "20"))
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# E-mail.
EMAIL_BACKEND = os.environ.get(
    "DJANGO_EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("DJANGO_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("DJANGO_EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("DJANGO_EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("DJANGO_EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("DJANGO_EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "humas@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background tasks (django-tasks): a database queue in production, run at once in development.
TASKS = {
    "default": {
        "BACKEND": os.environ.get(
            "HUMAS_TASKS_BACKEND",
            "django_tasks.backends.immediate.ImmediateBackend"
            if DEBUG
            else "django_tasks_db.DatabaseBackend",
        )
    }
}

# Rich-text editor: the one place that decides which editor staff get (see newsroom.widgets).
# Its image uploads and "browse server" are newsroom.uploads: per agency, CSRF-checked.
HUMAS_RICH_TEXT_WIDGET = "newsroom.uploads.EditorWidget"
CKEDITOR_UPLOAD_PATH = "uploads/"
CKEDITOR_IMAGE_BACKEND = "ckeditor_uploader.backends.PillowBackend"
CKEDITOR_RESTRICT_BY_USER = False  # newsroom.uploads keeps a folder per agency instead
CKEDITOR_ALLOW_NONIMAGE_FILES = False
CKEDITOR_BROWSE_SHOW_DIRS = False
CKEDITOR_CONFIGS = {
    "default": {
        # A short toolbar of what a news text needs (issue 14, item 7), each button kept because
        # the server keeps what it makes (newsroom.sanitize). Iframe is the YouTube embed (kept
        # only as a youtube-nocookie.com frame); Undo/Redo stay for touch screens, which have no
        # Ctrl+Z. Gone: underline (reads as a link on the web), strike-through, horizontal line,
        # remove formatting and source mode (the editor's content filter, set from the
        # sanitiser's allow-list in newsroom.uploads.EditorWidget, already cleans pasted text).
        "toolbar": "Custom",
        "toolbar_Custom": [
            ["Format"],
            ["Bold", "Italic"],
            ["NumberedList", "BulletedList", "Blockquote"],
            ["Link", "Unlink"],
            ["Image", "Iframe", "Table"],
            ["Undo", "Redo"],
        ],
        # Paragraf, Judul 2, Judul 3: the page title is the article's only H1.
        "format_tags": "p;h2;h3",
        "linkDefaultProtocol": "https://",
        # Target and advanced link fields, and the link dialog's file upload (only images may be
        # uploaded), make nothing the sanitiser keeps.
        "linkShowAdvancedTab": False,
        "linkShowTargetTab": False,
        "removeDialogTabs": "link:upload",
        # Plugins with menus, shortcuts or panels nobody needs here (spell-check service, forms,
        # list styles, copy formatting, the element path bar...).
        "removePlugins": (
            "exportpdf,scayt,forms,liststyle,copyformatting,elementspath,language,bidi,div,"
            "smiley,templates,find,font,colorbutton,colordialog,justify,indentblock,pagebreak,"
            "newpage,preview,print,save,selectall,showblocks,specialchar,stylescombo,about,"
            "maximize,horizontalrule,sourcearea"
        ),
        "language": "id",
        "height": 400,
        "width": "100%",
        "versionCheck": False,
    }
}
SILENCED_SYSTEM_CHECKS = [
    # ckeditor.W001: django-ckeditor bundles CKEditor 4, no longer supported upstream. The product
    # owner keeps it; mitigations: every rich-text field is sanitised on the server with an nh3
    # allow-list before it is stored and shown (newsroom.sanitize), public pages send a
    # Content-Security-Policy, CKEditor's sample pages are not served, and the editor is chosen in
    # one setting (HUMAS_RICH_TEXT_WIDGET) so it can be swapped in one place.
    "ckeditor.W001",
]

# Security: safe by default, strict in production.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", 8 * 60 * 60))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
# Content-Security-Policy: humas.security.ContentSecurityPolicyMiddleware (strict on public pages).
# Login lockout (django-axes): after AXES_FAILURE_LIMIT failures for one username, or from one IP,
# logins are refused for AXES_COOLOFF_TIME hours. Only REMOTE_ADDR is trusted for the client IP;
# behind a proxy that overwrites it, name its header (e.g. HTTP_X_REAL_IP) in
# HUMAS_CLIENT_IP_HEADERS.
AXES_FAILURE_LIMIT = int(os.environ.get("HUMAS_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("HUMAS_LOGIN_COOLOFF_HOURS", "0.25"))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "security/lockout.html"
AXES_IPWARE_META_PRECEDENCE_ORDER = tuple(env_list("HUMAS_CLIENT_IP_HEADERS", "REMOTE_ADDR"))
AXES_VERBOSE = False
# Two-step verification (accounts.two_factor): people holding one of these roles in any agency
# ("superuser" or an accounts.models.Role value) must enrol an authenticator app and give its code
# at every login. Empty: optional for everyone. An unknown code stops startup (system check).
HUMAS_OTP_REQUIRED_ROLES = env_list("HUMAS_OTP_REQUIRED_ROLES", "superuser,agency_admin")
# The name authenticator apps show next to the account.
OTP_TOTP_ISSUER = os.environ.get("HUMAS_OTP_ISSUER", "Humas")
# django-otp's device admin would show a device's secret key (and its QR code) to whoever may view
# devices, and its config/qrcode pages answer 500 for a missing device; hidden, both are a 403.
OTP_ADMIN_HIDE_SENSITIVE_DATA = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "INFO")},
    "loggers": {"django.db.backends": {"level": "INFO"}},
}
