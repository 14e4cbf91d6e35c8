"""System checks of the portal: agencies' own domains this deployment does not answer.

A database check (``manage.py check --database default``, and every ``migrate``): the domains live
in the database, and ``DJANGO_ALLOWED_HOSTS`` may have changed since an agency was saved.
"""

from django.conf import settings
from django.core.checks import Warning, register
from django.db import DatabaseError
from django.http.request import validate_host


@register("database")
def agency_domains_are_served(app_configs=None, databases=None, **kwargs):
    if not databases:
        return []
    from accounts.models import Agency

    try:
        domains = list(Agency.objects.exclude(domain=None).values_list("domain", flat=True))
    except DatabaseError:  # not migrated yet
        return []
    return [
        Warning(
            f"Agency domain {domain} is not in ALLOWED_HOSTS: its visitors get 400 Bad Request.",
            hint="Add it, or its parent domain with a leading dot, to DJANGO_ALLOWED_HOSTS.",
            id="portal.W001",
        )
        for domain in domains
        if not validate_host(domain, settings.ALLOWED_HOSTS)
    ]
