"""Which agency's site a request is for: an agency's own domain (``Agency.domain``) shows only that
agency, on the same URL patterns as the portal; the portal's own hosts show every agency.

Every public view that lists content asks here (``for_site``) instead of reading the host itself.
"""

from __future__ import annotations

from accounts.models import Agency

_UNSET = object()


def site_agency(request) -> Agency | None:
    """The agency whose own domain this request came in on, or None on the portal's hosts."""
    cached = getattr(request, "_site_agency", _UNSET)
    if cached is not _UNSET:
        return cached
    host = request.get_host().split(":", 1)[0].lower().rstrip(".")
    agency = Agency.objects.filter(domain=host).first() if host else None
    request._site_agency = agency
    return agency


def for_site(queryset, request, field: str = "agency"):
    """``queryset`` limited to the site's agency on an agency's own domain; unchanged otherwise."""
    agency = site_agency(request)
    if agency is None:
        return queryset
    return queryset.filter(**{field: agency})
