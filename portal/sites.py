"""Which agency's site a request is for: an agency's own domain (``Agency.domain``) shows only that
agency, on the same URL patterns as the portal; the portal's own hosts show every agency.

Every public view that lists content asks here (``for_site``) instead of reading the host itself.

No database query per request: the shared cache keeps the map of own domains to agency ids
(``sites:domains``) and each such agency (``sites:agency:<pk>``). Both are rebuilt whenever an
agency is saved or deleted (at once, and again after the commit, so no worker keeps reading a map
older than a committed change; :func:`connect`), and read back lazily with one query after the
cache lost them. A host is only ever looked up after Django accepted it (``ALLOWED_HOSTS``), so
the map cannot be probed with made-up hosts.

Which addresses are canonical: an agency's content belongs to its own domain when it has one (the
same page is served there, and there alone it sits among the agency's own menus and identity), so
canonical links, feed items and sitemap entries of that agency's content point there from every
host. An agency without a domain has its content on the portal's host. :func:`public_url` answers
that question for every public address.
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import Http404
from django.http.request import split_domain_port

from accounts.models import Agency

DOMAINS_KEY = "sites:domains"
AGENCY_KEY = "sites:agency:{}"
#: Bounds how long a map rebuilt inside a transaction that was then rolled back can live.
MAP_SECONDS = 600

_UNSET = object()


def request_host(request) -> str:
    """The request's host name as ``Agency.domain`` spells it: lower case, no port, no final dot."""
    return split_domain_port(request.get_host())[0]


def site_agency(request) -> Agency | None:
    """The agency whose own domain this request came in on, or None on the portal's hosts."""
    cached = getattr(request, "_site_agency", _UNSET)
    if cached is not _UNSET:
        return cached
    agency = agency_for_host(request_host(request))
    request._site_agency = agency
    return agency


def agency_for_host(host: str) -> Agency | None:
    """The agency whose own domain is ``host`` (normalised), from the shared cache."""
    domains = cache.get(DOMAINS_KEY)
    if domains is None:
        domains = rebuild()
    pk = domains.get(host)
    if pk is None:
        return None
    agency = cache.get(AGENCY_KEY.format(pk))
    if agency is None:
        agency = Agency.objects.filter(pk=pk).first()
        if agency is None or agency.domain != host:
            return None  # deleted or moved since the map was written; the rebuild is on its way
        cache.set(AGENCY_KEY.format(pk), agency, MAP_SECONDS)
    return agency


def rebuild() -> dict[str, int]:
    """Read every agency with an own domain (one query) into the shared cache; return the map."""
    agencies = list(Agency.objects.exclude(domain=None))
    domains = {agency.domain: agency.pk for agency in agencies}
    values = {AGENCY_KEY.format(agency.pk): agency for agency in agencies}
    values[DOMAINS_KEY] = domains
    # During a cache outage this is dropped (humas.cache_backend): requests read the database.
    cache.set_many(values, MAP_SECONDS)
    return domains


def for_site(queryset, request, field: str = "agency"):
    """``queryset`` limited to the site's agency on an agency's own domain; unchanged otherwise."""
    agency = site_agency(request)
    if agency is None:
        return queryset
    return queryset.filter(**{field: agency.pk})


def check_agency(request, agency_or_id) -> None:
    """404 when the request is on another agency's own domain (that site shows only its own)."""
    agency = site_agency(request)
    if agency is None:
        return
    pk = getattr(agency_or_id, "pk", agency_or_id)
    if pk != agency.pk:
        raise Http404


def site_base(request, agency: Agency | None = None) -> str:
    """``scheme://host`` where ``agency``'s content lives (see the module docstring).

    Its own domain when it has one (with the request's port, so a development server answers the
    link too), otherwise the host of this request.
    """
    if agency is not None and agency.domain and request_host(request) != agency.domain:
        port = split_domain_port(request.get_host())[1]
        return f"{request.scheme}://{agency.domain}{':' + port if port else ''}"
    return f"{request.scheme}://{request.get_host()}"


def public_url(request, path: str, agency: Agency | None = None) -> str:
    """The absolute, canonical address of ``path`` (of ``agency``'s content, if given)."""
    return site_base(request, agency) + path


#: Query parameters that choose what a list shows; any other one (tracking, a typo) is not part of
#: a page's canonical address.
CANONICAL_PARAMETERS = ("instansi", "kategori", "tag", "halaman", "tahun", "jenis", "page")


def default_canonical(request) -> str:
    """This page's address on this host with only the :data:`CANONICAL_PARAMETERS`."""
    kept = [(name, request.GET[name]) for name in CANONICAL_PARAMETERS if request.GET.get(name)]
    query = "?" + urlencode(kept) if kept else ""
    return f"{request.scheme}://{request.get_host()}{request.path}{query}"


def _agencies_changed(sender, **kwargs):
    if kwargs.get("raw"):
        return
    rebuild()  # this transaction's requests (and tests) see the change at once
    transaction.on_commit(rebuild, robust=True)  # and every worker after the commit


def connect() -> None:
    """Keep the shared map in step with the agencies (PortalConfig.ready)."""
    post_save.connect(_agencies_changed, sender=Agency, dispatch_uid="sites_agency_saved")
    post_delete.connect(_agencies_changed, sender=Agency, dispatch_uid="sites_agency_deleted")
