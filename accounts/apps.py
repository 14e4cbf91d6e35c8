from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "accounts"
    verbose_name = _("Agencies and accounts")

    def ready(self):
        from django.contrib import admin

        # Registers the system checks of two-step verification (a mistyped role code fails loudly).
        from . import login, two_factor  # noqa: F401

        # Staff login with lockout and the authenticator (or recovery) code.
        login.install(admin.site)

        from humas import dashboard

        # Agency administrators' panel on the dashboard: members and who lacks a second factor.
        dashboard.register("accounts.dashboard.panels", order=30)

        from audit.log import register_actions

        # What membership and settings changes are called in the agency's audit log.
        register_actions(
            {
                "accounts.membership.added": _("Membership: role given"),
                "accounts.membership.role_changed": _("Membership: role changed"),
                "accounts.membership.removed": _("Membership: role taken away"),
                "accounts.agency.changed": _("Agency settings changed"),
                "accounts.user.created": _("Account created"),
                "accounts.user.activated": _("Account switched on"),
                "accounts.user.deactivated": _("Account switched off"),
            }
        )
