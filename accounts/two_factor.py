"""Two-step verification for staff: self-service enrolment, recovery codes, and the gate.

- Any staff member sets up an authenticator app on /admin/keamanan/verifikasi-dua-langkah/ (QR
  code or a key typed by hand, confirmed with one code), and gets ten one-time recovery codes
  (django-otp's static device), shown once, to print or download. New codes void the old ones.
- Whether someone MUST use it is decided in accounts.permissions (HUMAS_OTP_REQUIRED_ROLES).
  ``SecondFactorMiddleware`` enforces it on every request: until such a person has enrolled, their
  session reaches only this page (and logout); a session of anyone enrolled that was not verified
  with a code is ended and sent back to the login.
- The login itself (accounts.login) asks for the code; ``verify_code`` accepts the authenticator's
  code or one recovery code, each recovery code once.
- System checks stop the site from starting with a mistyped role code or without the middleware,
  so a misconfiguration fails loudly instead of silently switching the rule off.
"""

from __future__ import annotations

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django import forms
from django.conf import settings
from django.contrib import admin, auth, messages
from django.contrib.auth.views import redirect_to_login
from django.core import checks
from django.db import InterfaceError, OperationalError, transaction
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import formats, timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from humas.security import database_unavailable_response

from . import permissions

RECOVERY_CODE_COUNT = 10
#: Fresh recovery codes wait here until the person has saved them (shown once, then dropped).
FRESH_CODES_SESSION_KEY = "humas_fresh_recovery_codes"
AUTHENTICATOR_NAME = "Aplikasi autentikator"
RECOVERY_DEVICE_NAME = "Kode pemulihan"

MIDDLEWARE_PATH = "accounts.two_factor.SecondFactorMiddleware"
OTP_MIDDLEWARE_PATH = "django_otp.middleware.OTPMiddleware"

#: Pages a signed-in person reaches whatever their second factor (to leave, or to log in anew).
ALWAYS_REACHABLE = frozenset(
    {"admin:logout", "admin:login", "admin:jsi18n", "healthz", "robots_txt", "choose_language"}
)


# --- codes -----------------------------------------------------------------------------------


def normalise_code(text: str | None) -> str:
    """What a person typed, without spaces or dashes, in lower case (recovery codes are a-z2-7)."""
    return "".join((text or "").split()).replace("-", "").lower()


def group(text: str, size: int = 4, sep: str = " ") -> str:
    """``ABCDEFGH`` -> ``ABCD EFGH``: long keys and codes read and type more easily in groups."""
    return sep.join(text[i : i + size] for i in range(0, len(text), size))


def verify_code(user, code: str | None):
    """The user's confirmed device that accepts ``code``, or None.

    Six digits are an authenticator code; anything else is tried as a recovery code, which is used
    up by this call. Only the device of the matching kind is tried, so a recovery code never counts
    as a wrong authenticator code (django-otp slows down each device after wrong codes). The device
    rows are locked while checking, so one recovery code cannot open two sessions at once.
    """
    code = normalise_code(code)
    if not code or len(code) > 16:
        return None
    model = TOTPDevice if code.isdigit() else StaticDevice
    with transaction.atomic():
        for device in model.objects.filter(user=user, confirmed=True).select_for_update():
            if device.verify_token(code):
                return device
    return None


def authenticator(user) -> TOTPDevice | None:
    """The person's confirmed authenticator app, if any."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).order_by("-pk").first()


def pending_authenticator(user) -> TOTPDevice:
    """The not yet confirmed authenticator being set up (the same key on every reload)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-pk").first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=AUTHENTICATOR_NAME, confirmed=False)
    return device


def manual_key(device: TOTPDevice) -> str:
    """The base32 secret an app asks for when the QR code cannot be scanned, in groups of four."""
    return group(b32encode(device.bin_key).decode("ascii").rstrip("="))


def qr_svg(device: TOTPDevice) -> str:
    """The otpauth:// URI of ``device`` as an inline SVG QR code (segno; no script, no style)."""
    qr = segno.make(device.config_url, error="m", micro=False)
    return qr.svg_inline(scale=4, border=4, title=gettext("QR code for your authenticator app"))


@transaction.atomic
def new_recovery_codes(user) -> list[str]:
    """Replace the person's recovery codes with RECOVERY_CODE_COUNT new ones; return them."""
    device = StaticDevice.objects.filter(user=user).order_by("pk").first()
    if device is None:
        device = StaticDevice.objects.create(user=user, name=RECOVERY_DEVICE_NAME, confirmed=True)
    elif not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    # One recovery device per person: any other (made in the admin) would keep old codes alive.
    StaticDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.token_set.all().delete()
    codes = []
    while len(codes) < RECOVERY_CODE_COUNT:
        code = StaticToken.random_token()
        if code not in codes:
            codes.append(code)
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user=user, device__confirmed=True).count()


@transaction.atomic
def switch_off(user) -> None:
    """Remove every second-factor device of the person (authenticator and recovery codes)."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()


# --- forms -----------------------------------------------------------------------------------


def _code_widget():
    return forms.TextInput(
        attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
    )


class ConfirmAuthenticatorForm(forms.Form):
    """The first code from a newly scanned authenticator: proves the app and clock are right."""

    code = forms.CharField(
        label=_("6-digit code from the app"),
        max_length=12,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "spellcheck": "false"}
        ),
    )

    def __init__(self, device: TOTPDevice, *args, **kwargs):
        self.device = device
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = normalise_code(self.cleaned_data["code"])
        if not (code.isdigit() and len(code) == self.device.digits):
            raise forms.ValidationError(
                _("Enter the 6 digits shown in your authenticator app."), code="format"
            )
        allowed, _details = self.device.verify_is_allowed()
        if not allowed:
            raise forms.ValidationError(
                _("Too many wrong codes. Wait a few seconds, then enter the newest code."),
                code="throttled",
            )
        if not self.device.verify_token(code):
            raise forms.ValidationError(
                _(
                    "The code is wrong or has expired. Enter the newest code from the app, and "
                    "check that the phone's date and time are set automatically."
                ),
                code="invalid",
            )
        return code


class CurrentCodeForm(forms.Form):
    """A code from the person's enrolled authenticator (or a recovery code) before a change."""

    code = forms.CharField(
        label=_("Authenticator code or recovery code"), max_length=20, widget=_code_widget()
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_code(self):
        if verify_code(self.user, self.cleaned_data["code"]) is None:
            raise forms.ValidationError(
                _("The code is wrong, has expired or was already used."), code="invalid"
            )
        return self.cleaned_data["code"]


# --- views -----------------------------------------------------------------------------------


def _next_url(request) -> str:
    """Where to go when done: a local ``next`` address, else the admin's home page."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse("admin:index")


def _with_next(url: str, next_url: str) -> str:
    if next_url == reverse("admin:index"):
        return url
    return f"{url}?{urlencode({'next': next_url})}"


def _context(request, **extra) -> dict:
    gate = permissions.second_factor_gate(request.user)
    context = {
        **admin.site.each_context(request),
        "title": _("Two-step verification"),
        "required": permissions.second_factor_required(request.user),
        "enrolling_required": gate == permissions.GATE_ENROL,
        "next_url": _next_url(request),
        "recovery_code_count": RECOVERY_CODE_COUNT,
    }
    if gate != permissions.GATE_OPEN:
        # Nothing else is reachable yet: no side menu of pages that would only redirect here.
        context["is_nav_sidebar_enabled"] = False
        context["available_apps"] = []
    context.update(extra)
    return context


def setup(request):
    """Enrolment (QR code, key, confirmation), or the overview once an authenticator is set up."""
    user = request.user
    current = authenticator(user)
    replacing = current is not None and (request.GET.get("ganti") or request.POST.get("ganti"))
    next_url = _next_url(request)
    if current is not None and not replacing:
        return _overview(request, current)

    device = pending_authenticator(user)
    form = ConfirmAuthenticatorForm(device, request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device.confirmed = True
            device.name = AUTHENTICATOR_NAME
            device.save(update_fields=["confirmed", "name"])
            # The old app (when moving to a new phone) and any other half-done set-up go.
            TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
            codes = None if replacing and recovery_codes_left(user) else new_recovery_codes(user)
        # This session has just given a code: it counts as verified.
        otp_login(request, device)
        if codes is None:
            messages.success(request, gettext("The new authenticator app is now in use."))
            return redirect(_with_next(reverse("two_factor:setup"), next_url))
        request.session[FRESH_CODES_SESSION_KEY] = codes
        messages.success(request, gettext("Two-step verification is on."))
        return redirect(_with_next(reverse("two_factor:recovery_codes"), next_url))
    return TemplateResponse(
        request,
        "admin/accounts/two_factor/setup.html",
        _context(
            request,
            form=form,
            replacing=bool(replacing),
            qr_svg=qr_svg(device),
            manual_key=manual_key(device),
            digits=device.digits,
            step=device.step,
        ),
    )


def _overview(request, device, regenerate_form=None, switch_off_form=None):
    user = request.user
    return TemplateResponse(
        request,
        "admin/accounts/two_factor/overview.html",
        _context(
            request,
            device=device,
            codes_left=recovery_codes_left(user),
            may_switch_off=permissions.may_switch_off_second_factor(user),
            regenerate_form=regenerate_form or CurrentCodeForm(user, prefix="baru"),
            switch_off_form=switch_off_form or CurrentCodeForm(user, prefix="matikan"),
        ),
    )


def recovery_codes(request):
    """The fresh recovery codes, shown once: print, download, then confirm they are kept."""
    codes = request.session.get(FRESH_CODES_SESSION_KEY)
    next_url = _next_url(request)
    if request.method == "POST":
        request.session.pop(FRESH_CODES_SESSION_KEY, None)
        return HttpResponseRedirect(next_url)
    if not codes:
        messages.info(
            request,
            gettext("Recovery codes are shown only once. Make new ones if you have lost them."),
        )
        return redirect("two_factor:setup")
    return TemplateResponse(
        request,
        "admin/accounts/two_factor/recovery_codes.html",
        _context(
            request,
            title=_("Your recovery codes"),
            codes=[group(code, sep="-") for code in codes],
        ),
    )


def download_recovery_codes(request):
    """The fresh recovery codes as a text file (only while they are still on show)."""
    codes = request.session.get(FRESH_CODES_SESSION_KEY)
    if not codes:
        return redirect("two_factor:setup")
    # The Indonesian way like every date staff read: "7 Desember 2026, 14.30 WIB".
    made = formats.date_format(timezone.localtime(), "DATETIME_FORMAT")
    lines = [
        gettext("Humas recovery codes for %(username)s") % {"username": request.user.username},
        gettext("Made on %(date)s. Each code works once; new codes void these.") % {"date": made},
        "",
        *(group(code, sep="-") for code in codes),
        "",
    ]
    response = HttpResponse("\r\n".join(lines), content_type="text/plain; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="kode-pemulihan-humas.txt"'
    return response


@require_POST
def regenerate(request):
    """New recovery codes (the old ones stop working), after a current code."""
    current = authenticator(request.user)
    if current is None:
        return redirect("two_factor:setup")
    form = CurrentCodeForm(request.user, request.POST, prefix="baru")
    if not form.is_valid():
        return _overview(request, current, regenerate_form=form)
    request.session[FRESH_CODES_SESSION_KEY] = new_recovery_codes(request.user)
    messages.success(request, gettext("New recovery codes made: the old ones no longer work."))
    return redirect("two_factor:recovery_codes")


@require_POST
def disable(request):
    """Switch two-step verification off: only where no role of the person requires it."""
    current = authenticator(request.user)
    if current is None:
        return redirect("two_factor:setup")
    if not permissions.may_switch_off_second_factor(request.user):
        messages.error(
            request,
            gettext("Your role requires two-step verification: it cannot be switched off."),
        )
        return redirect("two_factor:setup")
    form = CurrentCodeForm(request.user, request.POST, prefix="matikan")
    if not form.is_valid():
        return _overview(request, current, switch_off_form=form)
    switch_off(request.user)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    request.session.pop(FRESH_CODES_SESSION_KEY, None)
    messages.success(request, gettext("Two-step verification is off."))
    return redirect("two_factor:setup")


app_name = "two_factor"
# admin_view: staff only (others go to the login), never cached, CSRF-protected.
urlpatterns = [
    path("verifikasi-dua-langkah/", admin.site.admin_view(setup), name="setup"),
    path(
        "verifikasi-dua-langkah/kode-pemulihan/",
        admin.site.admin_view(recovery_codes),
        name="recovery_codes",
    ),
    path(
        "verifikasi-dua-langkah/kode-pemulihan.txt",
        admin.site.admin_view(download_recovery_codes),
        name="download_recovery_codes",
    ),
    path("verifikasi-dua-langkah/kode-baru/", admin.site.admin_view(regenerate), name="regenerate"),
    path("verifikasi-dua-langkah/matikan/", admin.site.admin_view(disable), name="disable"),
]


# --- the gate --------------------------------------------------------------------------------


class SecondFactorMiddleware:
    """Holds a signed-in person to their second factor on every page (after OTPMiddleware).

    - Enrolled (any confirmed device) but this session gave no code: the session is ended and the
      person sent to the login, where the code is asked.
    - A role that requires it, no authenticator yet: every page but the enrolment (and logout)
      redirects to the enrolment, with the page asked for as ``next``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            # No session, so no one is signed in; and not reading it keeps public pages
            # cacheable (no "Vary: Cookie", see portal.cache).
            return None
        try:
            return self._gate(request)
        except (OperationalError, InterfaceError):
            # Reading the session or the devices needs the database: answer its outage as the
            # views do (humas.security), never by letting the person through.
            return database_unavailable_response(request)

    def _gate(self, request):
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        match = request.resolver_match
        view_name = match.view_name if match else ""
        if view_name in ALWAYS_REACHABLE or request.path.startswith(
            (settings.STATIC_URL, settings.MEDIA_URL)
        ):
            return None
        gate = permissions.second_factor_gate(user)
        if gate == permissions.GATE_OPEN:
            return None
        if gate == permissions.GATE_LOG_IN_AGAIN:
            auth.logout(request)
            messages.warning(
                request,
                gettext("Please log in again with the code from your authenticator app."),
            )
            return redirect_to_login(request.get_full_path(), reverse("admin:login"))
        if match and match.namespace == "two_factor":
            return None
        target = reverse("two_factor:setup")
        return HttpResponseRedirect(_with_next(target, request.get_full_path()))


# --- system checks ----------------------------------------------------------------------------


@checks.register(checks.Tags.security)
def check_second_factor_settings(app_configs=None, **kwargs):
    """A mistyped role or a missing middleware would switch the rule off without a word: refuse."""
    errors = []
    roles = getattr(settings, "HUMAS_OTP_REQUIRED_ROLES", [])
    unknown = sorted(set(roles) - permissions.SECOND_FACTOR_ROLE_CODES)
    if unknown:
        errors.append(
            checks.Error(
                f"HUMAS_OTP_REQUIRED_ROLES has unknown role codes: {', '.join(unknown)}.",
                hint="Use superuser or "
                + ", ".join(sorted(permissions.SECOND_FACTOR_ROLE_CODES - {"superuser"}))
                + ", separated by commas.",
                id="accounts.E001",
            )
        )
    middleware = list(settings.MIDDLEWARE)
    if MIDDLEWARE_PATH not in middleware or OTP_MIDDLEWARE_PATH not in middleware:
        errors.append(
            checks.Error(
                f"{MIDDLEWARE_PATH} and {OTP_MIDDLEWARE_PATH} must both be in MIDDLEWARE.",
                hint="Without them two-step verification is not enforced.",
                id="accounts.E002",
            )
        )
    elif middleware.index(MIDDLEWARE_PATH) < middleware.index(OTP_MIDDLEWARE_PATH):
        errors.append(
            checks.Error(
                f"{MIDDLEWARE_PATH} must come after {OTP_MIDDLEWARE_PATH} in MIDDLEWARE.",
                id="accounts.E003",
            )
        )
    return errors


@checks.register(checks.Tags.security, deploy=True)
def check_second_factor_required_in_production(app_configs=None, **kwargs):
    if getattr(settings, "HUMAS_OTP_REQUIRED_ROLES", []):
        return []
    return [
        checks.Warning(
            "HUMAS_OTP_REQUIRED_ROLES is empty: no one has to use two-step verification.",
            hint="Keep at least superuser,agency_admin in production.",
            id="accounts.W001",
        )
    ]
