"""Anonymous page cache: whole public pages kept in the shared cache, invalidated by a generation.

Why a generation number instead of deleting keys: a change to one article shows on the home page,
lists, the agency page, feeds, the sitemap and search results for any query. Listing every such
key is impossible, so every cached page records the generation it was rendered in, and any change
that the public can see bumps it (one ``INCR`` in Redis): every worker on every host then misses
and renders afresh, overwriting the old entry. One round trip to the cache reads the generation and
the page together.

Scheduled articles go live without any write, so no entry may outlive the soonest future
``publish_at``: the time-to-live of each entry is capped at it (the soonest time is itself one
indexed query, cached per generation).

What is cached (all must hold; otherwise the request goes through untouched):
- a GET or HEAD request of an anonymous visitor: no session cookie (staff are logged in through
  one) and no pending flash messages (:func:`page_key`);
- answered by a view named in ``HUMAS_PAGE_CACHE_VIEWS`` (public news pages, feeds and sitemaps:
  no forms, no per-user content) or marked ``page_cacheable`` (the JSON API of public kinds),
  with a plain 200 that set no cookie, did not read the session, did not use the CSRF token (so
  no form) and did not forbid caching (:func:`storable`).

Hits run no SQL query and answer exactly as Django did, headers included, with a fresh
Content-Security-Policy nonce. Each stored page has an ETag and Last-Modified (the time of the last
change), so revalidations get 304. In production hits are answered by :class:`PageCacheFront`, a
WSGI layer in front of Django (``HUMAS_WSGI_FRONT``, which humas.wsgi puts there): a hit then costs
about what Django's own request handling costs for a trivial view.

Needs a cache shared by all workers (Redis, REDIS_URL): with the per-process memory cache, a change
made in one worker would not reach the others, so the cache is off by default without Redis.

When Redis is down (humas.cache_backend answers every call like a miss), every request is a miss
that is not stored: pages come from the database. A bump that could not be written then is not
lost: each process that met the outage bumps again when it reaches Redis, before it reads a page
from it (portal.cache_hooks), so no page older than a change made during the outage is served.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
import time
from http import HTTPStatus
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.http.cookie import parse_cookie
from django.utils.cache import get_conditional_response
from django.utils.http import http_date, parse_http_date_safe

from humas.i18n import language_from_cookies

logger = logging.getLogger("portal.cache")

GENERATION_KEY = "pagecache:gen"
CHANGED_KEY = "pagecache:changed"
DEFAULT_VIEWS = frozenset(
    {
        "portal:home",
        "portal:article_list",
        "portal:article_detail",
        "portal:agency_detail",
        "portal:search",
        "portal:feed",
        "portal:agency_feed",
        "portal:announcement_list",
        "portal:announcement_detail",
        "portal:announcement_feed",
        "portal:event_list",
        "portal:event_detail",
        "portal:event_ics",
        "portal:agenda_ics",
        "portal:agency_agenda_ics",
        # Not portal:document_download: every download is counted (portal.library).
        "portal:document_list",
        "portal:document_detail",
        "portal:gallery_list",
        "portal:gallery_detail",
        "sitemap_index",
        "django.contrib.sitemaps.views.sitemap",
    }
)
MAX_PATH = 1000


def page_cache_seconds() -> int:
    return int(getattr(settings, "HUMAS_PAGE_CACHE_SECONDS", 0))


# -- the generation ------------------------------------------------------------------------------


class CacheUnavailable(Exception):
    """The shared cache keeps nothing now (Redis is down): pages are neither served nor stored."""


def current_generation(page_key: str = "") -> tuple[int, float, dict | None]:
    """(generation, time of the last change, the stored entry of ``page_key`` or None), read in
    one round trip; the generation and the change time are created when missing.

    Raises :class:`CacheUnavailable` when the cache cannot keep a generation: during a Redis
    outage the backend (humas.cache_backend) answers every read like a miss and drops every write.
    """
    keys = [GENERATION_KEY, CHANGED_KEY] + ([page_key] if page_key else [])
    values = cache.get_many(keys)
    generation = values.get(GENERATION_KEY)
    changed = values.get(CHANGED_KEY)
    if generation is None:
        # First request, or the cache was flushed (then every page entry is gone too).
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        generation = cache.get(GENERATION_KEY)
        if generation is None:
            raise CacheUnavailable
    if changed is None:
        changed = time.time()
        cache.add(CHANGED_KEY, changed, timeout=None)
    return int(generation), float(changed), values.get(page_key)


def _fresh_generation() -> int:
    """A starting number no earlier generation can have had: after a flush, pages kept in a
    worker's memory (see :data:`_recent_pages`) must not match the new generation by chance. The
    clock in milliseconds, then random digits: below Redis's 64-bit limit for INCR."""
    return int(time.time() * 1000) * 1_000_000 + secrets.randbelow(1_000_000)


def bump_generation() -> None:
    """Invalidate every cached page on every worker: the public content has changed (or this
    process reached the cache again after an outage, see portal.cache_hooks)."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # key missing: the next request starts a fresh generation anyway
            cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        cache.set(CHANGED_KEY, time.time(), timeout=None)
    except Exception:  # the change is committed already; a cache outage must not turn it into a 500
        logger.exception("Could not bump the page cache generation")


# -- scheduled publishing ------------------------------------------------------------------------


def next_publication(generation: int) -> float | None:
    """Epoch seconds of the soonest scheduled publication or expiry still to come, or None."""
    key = f"pagecache:next:{generation}"
    now = time.time()
    cached = cache.get(key)
    if cached is not None and (cached == 0 or cached > now):
        return cached or None
    # A scheduled publication or an expiry: the public rule's answer changes by itself then.
    moments = [kind.objects.next_change(_aware(now)) for kind in public_kinds()]
    soonest = min((m for m in moments if m is not None), default=None)
    value = soonest.timestamp() if soonest else 0
    timeout = (
        page_cache_seconds() if not soonest else max(1, min(page_cache_seconds(), value - now))
    )
    cache.set(key, value, timeout=int(timeout))
    return value or None


def public_kinds() -> list:
    """Every publishable kind the public site shows (newsroom.publishing.site_kinds)."""
    from newsroom.publishing import site_kinds  # this module loads with the settings

    return site_kinds()


def _aware(epoch: float):
    from datetime import UTC, datetime

    return datetime.fromtimestamp(epoch, tz=UTC)


def entry_lifetime(generation: int) -> int:
    """Whole seconds a page stored now may live: the setting, capped by the next publication."""
    lifetime = page_cache_seconds()
    soonest = next_publication(generation)
    if soonest is not None:
        lifetime = min(lifetime, int(soonest - time.time()))
    return lifetime


# -- serving and storing pages ------------------------------------------------------------------


#: Response headers never stored: per-visitor, or set afresh by the server for each answer.
UNSTORED_HEADERS = frozenset({"set-cookie", "date", "server", "content-length", "x-page-cache"})
CSP_HEADER = "Content-Security-Policy"


def page_key(meta) -> str | None:
    """The cache key of a request (its WSGI environ), or None when no stored page may answer it.

    Only GET/HEAD requests of anonymous visitors qualify: no session cookie (staff are logged in
    through one) and no pending flash messages. Static files, media and the admin never do. The
    key is built from the raw request line and the two headers Django trusts for scheme and host,
    so the WSGI front and the middleware compute it alike without building a Django request.
    """
    if meta.get("REQUEST_METHOD") not in ("GET", "HEAD") or page_cache_seconds() <= 0:
        return None
    path = meta.get("SCRIPT_NAME", "") + meta.get("PATH_INFO", "")
    query = meta.get("QUERY_STRING", "")
    if len(path) + len(query) > MAX_PATH or path.startswith(_excluded_prefixes()):
        return None
    cookies = parse_cookie(meta["HTTP_COOKIE"]) if "HTTP_COOKIE" in meta else {}
    if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
        return None
    language = language_from_cookies(cookies)
    where = f"{_scheme(meta)}://{_host(meta)}{path}?{query}"
    digest = hashlib.sha256(where.encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return f"pagecache:page:{language}:{digest}"


def _excluded_prefixes() -> tuple[str, ...]:
    return (
        settings.STATIC_URL or "/static/",
        settings.MEDIA_URL or "/media/",
        getattr(settings, "HUMAS_ADMIN_PREFIX", "/admin/"),
    )


def _scheme(meta) -> str:
    # As HttpRequest.scheme: the proxy's header only when settings say to trust it.
    if settings.SECURE_PROXY_SSL_HEADER:
        header, secure_value = settings.SECURE_PROXY_SSL_HEADER
        if header in meta:
            return "https" if meta[header].split(",")[0].strip() == secure_value else "http"
    return meta.get("wsgi.url_scheme", "http")


def _host(meta) -> str:
    # As HttpRequest.get_host() before validation: a page is only stored after Django accepted
    # the host, so a host it would refuse never finds an entry.
    if settings.USE_X_FORWARDED_HOST and "HTTP_X_FORWARDED_HOST" in meta:
        return meta["HTTP_X_FORWARDED_HOST"]
    if "HTTP_HOST" in meta:
        return meta["HTTP_HOST"]
    return f"{meta.get('SERVER_NAME', '')}:{meta.get('SERVER_PORT', '')}"


class CachedAnswer(NamedTuple):
    """A stored page ready to send: status, headers and body."""

    status: int
    headers: list[tuple[str, str]]
    content: bytes

    @property
    def status_line(self) -> str:
        return f"{self.status} {HTTPStatus(self.status).phrase}"

    def as_response(self) -> HttpResponse:
        return HttpResponse(self.content, status=self.status, headers=dict(self.headers))


def cached_page(meta) -> CachedAnswer | None:
    """The stored page answering this request (its WSGI environ) if there is a fresh one.

    On a miss the key and the generation read are left in ``meta``, so the middleware neither
    looks again nor stores under a generation newer than the data it rendered.
    """
    key = page_key(meta)
    if key is None:
        return None
    try:
        entry = _recent_pages.get(key)
        if entry is None or not _fresh(entry, cache.get(GENERATION_KEY)):
            generation, changed, entry = current_generation(key)
            if entry is None or not _fresh(entry, generation):
                meta[LOOKUP_ENVIRON_KEY] = (key, generation, changed)
                return None
            _remember(key, entry)
    except CacheUnavailable:  # an outage makes pages slower, never broken (logged once, there)
        return None
    except Exception:  # a cache outage makes pages slower, never broken
        logger.exception("Page cache unavailable")
        return None
    answer = _answer_from(entry)
    if "HTTP_IF_NONE_MATCH" in meta or "HTTP_IF_MODIFIED_SINCE" in meta:
        return _revalidated(answer, meta)
    return answer


LOOKUP_ENVIRON_KEY = "humas.page_cache"

#: Pages this process answered lately, by key. With one of them a hit reads only the generation
#: from the shared cache (a few bytes), not the whole page; the generation check on every request
#: keeps it exactly as fresh as the shared copy.
_recent_pages: dict[str, dict] = {}
RECENT_PAGES = 200  # at ~10-25 KB each: a few MB per worker


def _fresh(entry: dict, generation) -> bool:
    return entry["generation"] == generation and entry["expires"] > time.time()


def _remember(key: str, entry: dict) -> None:
    if len(_recent_pages) >= RECENT_PAGES:
        del _recent_pages[next(iter(_recent_pages))]  # the oldest
    _recent_pages[key] = entry


def _answer_from(entry: dict) -> CachedAnswer:
    """A stored page with a fresh Content-Security-Policy nonce (the stored one is known to
    anyone who fetched the page, so it must never be sent twice)."""
    content, headers, stored_nonce = entry["content"], list(entry["headers"]), entry["nonce"]
    if stored_nonce:
        nonce = secrets.token_urlsafe(18)
        headers = [
            (name, value.replace(stored_nonce, nonce) if name == CSP_HEADER else value)
            for name, value in headers
        ]
        if entry["nonce_in_body"]:
            content = content.replace(stored_nonce.encode(), nonce.encode())
    headers.append(("Content-Length", str(len(content))))
    headers.append(("X-Page-Cache", "hit"))
    return CachedAnswer(entry["status"], headers, content)


def _revalidated(answer: CachedAnswer, meta) -> CachedAnswer:
    """``answer``, or 304 Not Modified when the visitor already holds this version (Django's own
    rules for If-None-Match and If-Modified-Since)."""
    response = answer.as_response()
    conditional = get_conditional_response(
        _Visit(meta),
        etag=response.get("ETag"),
        last_modified=parse_http_date_safe(response.get("Last-Modified", "")),
        response=response,
    )
    if conditional is response:
        return answer
    return CachedAnswer(conditional.status_code, list(conditional.items()), b"")


class _Visit:
    """What ``get_conditional_response`` reads of a request, taken from the WSGI environ."""

    def __init__(self, meta):
        self.META = meta
        self.method = meta.get("REQUEST_METHOD", "GET")


def storable(request, response) -> bool:
    """Whether this answer may be served to every anonymous visitor (see the module docstring)."""
    match = getattr(request, "resolver_match", None)
    views = getattr(settings, "HUMAS_PAGE_CACHE_VIEWS", DEFAULT_VIEWS)
    if match is None:
        return False
    # A view may also declare itself cacheable (the JSON API's resources, portal.api.base).
    if match.view_name not in views and not getattr(match.func, "page_cacheable", False):
        return False
    if request.method != "GET" or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # a cookie was set or a CSRF token rendered: this page is per person
    session = getattr(request, "session", None)
    if session is not None and session.accessed:
        return False  # the session or the user was read while rendering
    if getattr(getattr(request, "_messages", None), "_queued_messages", None):
        return False  # a flash message is waiting for this visitor
    cache_control = response.get("Cache-Control", "").lower()
    return not any(word in cache_control for word in ("private", "no-store", "no-cache"))


def store(request, response, key: str, generation: int, changed: float) -> None:
    """Keep ``response`` (the final one, with every header) for later visitors."""
    try:
        lifetime = entry_lifetime(generation)
        if lifetime < 1:
            return
        nonce = getattr(request, "csp_nonce", "")
        nonce_in_body = bool(nonce) and nonce.encode() in response.content
        etag = response.get("ETag")
        if etag is None or (nonce_in_body and not etag.startswith("W/")):
            # Weak: a hit may differ from this body by its CSP nonce, nothing else.
            digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
            response["ETag"] = f'W/"{digest}"'
        if not response.has_header("Last-Modified"):
            response["Last-Modified"] = http_date(changed)
        entry = {
            "content": response.content,
            "status": response.status_code,
            "headers": [
                (name, value)
                for name, value in response.items()
                if name.lower() not in UNSTORED_HEADERS
            ],
            "nonce": nonce,
            "nonce_in_body": nonce_in_body,
            "generation": generation,
            "expires": time.time() + lifetime,
        }
        cache.set(key, entry, timeout=lifetime)
        _remember(key, entry)
        response["X-Page-Cache"] = "miss"
    except Exception:
        logger.exception("Could not store a page in the cache")


class AnonymousPageCacheMiddleware:
    """Serve and store whole public pages for anonymous visitors (see the module docstring).

    First in MIDDLEWARE: a hit skips every other middleware, and a page is stored with every
    header the others added (security headers, CSP, ETag), so a hit answers exactly as Django
    would. In production :class:`PageCacheFront` answers hits even before Django builds a
    request; this middleware then only sees misses (and serves hits under the test client).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        looked_up = meta.get(LOOKUP_ENVIRON_KEY)
        if looked_up is None:
            hit = cached_page(meta)
            if hit is not None:
                return hit.as_response()
            looked_up = meta.get(LOOKUP_ENVIRON_KEY)
        response = self.get_response(request)
        if looked_up is not None and storable(request, response):
            store(request, response, *looked_up)
        return response


class PageCacheFront:
    """WSGI application in front of Django (``HUMAS_WSGI_FRONT``): answers page cache hits without
    building a Django request or running any middleware, the cheapest way a worker can answer.
    Everything else, misses included, goes to Django unchanged."""

    def __init__(self, application):
        self.application = application

    def __call__(self, environ, start_response):
        answer = cached_page(environ)
        if answer is None:
            return self.application(environ, start_response)
        start_response(answer.status_line, answer.headers)
        if environ.get("REQUEST_METHOD") == "HEAD":
            return [b""]
        return [answer.content]
