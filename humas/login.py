"""Staff login: Django's admin login plus an optional TOTP second factor (django-otp).

Staff who enrolled a confirmed TOTP device (admin > OTP_TOTP > TOTP devices) must give the
6-digit code from their authenticator app with their password; staff without a device log in as
before. Lockout after repeated failures is django-axes' job (settings.AXES_*), and a wrong code
counts as a failed login there too.
"""

from django import forms
from django.contrib import admin
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.utils.translation import gettext_lazy as _
from django_otp import login as otp_login
from django_otp import match_token, user_has_device


class StaffLoginForm(AdminAuthenticationForm):
    otp_token = forms.CharField(
        label=_("Authenticator code"),
        required=False,
        max_length=8,
        help_text=_("Only if you set up two-step verification: the 6-digit code from your app."),
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "pattern": "[0-9]*"}
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
        device = match_token(user, token) if token else None
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
    user_logged_in.connect(mark_verified, dispatch_uid="humas.login.mark_verified")


def mark_verified(sender, request, user, **kwargs):
    """After a login with a code, remember the device in the session (user.is_verified())."""
    device = getattr(user, "otp_device", None)
    if device is not None:
        otp_login(request, device)
