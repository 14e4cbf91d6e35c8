"""Staff login: Django's admin login plus the TOTP second factor (django-otp).

Staff who enrolled (accounts.two_factor: their own page in the admin) must give the 6-digit code
from their authenticator app, or one of their one-time recovery codes, with their password; staff
without a device log in as before, and accounts.two_factor.SecondFactorMiddleware then sends those
whose role requires a second factor (settings.HUMAS_OTP_REQUIRED_ROLES) to enrol first. Lockout
after repeated failures is django-axes' job (settings.AXES_*), and a wrong code counts as a failed
login there too.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import user_has_device

from .two_factor import verify_code


class StaffLoginForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Authenticator code"),
        required=False,
        max_length=20,
        help_text=_(
            "Only if you set up two-step verification: the 6-digit code from your app, or one of "
            "your recovery codes."
        ),
        # No numeric keyboard or digits-only pattern: recovery codes have letters.
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "spellcheck": "false", "autocapitalize": "off"}
        ),
    )

    error_messages = {
        **AdminAuthenticationForm.error_messages,
        "otp_required": _("Enter the code from your authenticator app."),
        "otp_invalid": _("The authenticator code is wrong or has expired."),
    }

    def confirm_login_allowed(self, user):
        super().confirm_login_allowed(user)
        if not user_has_device(user, confirmed=True):
            return
        token = (self.cleaned_data.get("otp_token") or "").strip()
        device = verify_code(user, token) if token else None
        if device is None:
            # Tell axes, so guessing codes is locked out like guessing passwords.
            user_login_failed.send(
                sender=__name__,
                credentials={"username": user.get_username()},
                request=self.request,
            )
            code = "otp_invalid" if token else "otp_required"
            raise forms.ValidationError(self.error_messages[code], code=code)
        self.otp_device = device

    def get_user(self):
        user = super().get_user()
        device = getattr(self, "otp_device", None)
        if user is not None and device is not None:
            user.otp_device = device
        return user


def install(site=admin.site):
    """Use the two-step login form on the admin site (called from humas.urls)."""
    site.login_form = StaffLoginForm
    site.login_template = "security/admin_login.html"
    user_logged_in.connect(mark_verified, dispatch_uid="accounts.login.mark_verified")


def mark_verified(sender, request, user, **kwargs):
    """After a login with a code, remember the device in the session (user.is_verified())."""
    device = getattr(user, "otp_device", None)
    if device is not None:
        otp_login(request, device)
