"""The project's admin: Django's admin app with :class:`humas.admin_input.HumasAdminSite` as
``admin.site`` (listed in INSTALLED_APPS in place of ``django.contrib.admin``)."""

from django.contrib.admin.apps import AdminConfig


class HumasAdminConfig(AdminConfig):
    default_site = "humas.admin_input.HumasAdminSite"
