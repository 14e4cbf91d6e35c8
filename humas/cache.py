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
- a GET or HEAD request to a view named in ``HUMAS_PAGE_CACHE_VIEWS`` (public news pages, feeds
  and sitemaps: no forms, no per-user content);
- from an anonymous visitor: no session cookie (staff are logged in through one) and no pending
  flash messages;
- and, when storing, a plain 200 response that set no cookie, did not vary on the cookie (the
  session was not read), did not use the CSRF token (so no form), and did not forbid caching.

Hits run no SQL query. Each stored page gets an ETag and Last-Modified (the time of the last
change) so ConditionalGetMiddleware answers revalidations with 304.

Needs a cache shared by all workers (Redis, REDIS_URL): with the per-process memory cache, a change
made in one worker would not reach the others, so the cache is off by default without Redis.
"""

from __future__ import annotations

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.http import http_date

from humas.i18n import portal_language

logger = logging.getLogger("humas.cache")

GENERATION_KEY = "pagecache:gen"
CHANGED_KEY = "pagecache:changed"
DEFAULT_VIEWS = frozenset(
    {
        "newsroom:home",
        "newsroom:article_list",
        "newsroom:article_detail",
        "newsroom:agency_detail",
        "newsroom:search",
        "newsroom:feed",
        "newsroom:agency_feed",
        "sitemap_index",
        "django.contrib.sitemaps.views.sitemap",
    }
)
#: Headers a stored page keeps; anything per-request (cookies, CSP nonce header) is not stored.
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Last-Modified",
    "ETag",
    "Vary",
    "X-Robots-Tag",
    "X-Frame-Options",
)
MAX_PATH = 1000


def page_cache_seconds() -> int:
    return int(getattr(settings, "HUMAS_PAGE_CACHE_SECONDS", 0))


# -- the cache backend ---------------------------------------------------------------------------


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client builds a new ``redis.Redis`` object for every cache call, and its
    constructor fills a table of ~170 response callbacks: about 0.1 ms of CPU per call, a third of
    a page cache hit. One client per connection pool is enough (clients are thread-safe and
    redis-py re-opens pooled connections after a fork)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(DjangoRedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with a reused client (settings.CACHES)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient


# -- the generation ------------------------------------------------------------------------------


def current_generation(page_key: str = "") -> tuple[int, float, dict | None]:
    """(generation, time of the last change, the stored entry of ``page_key`` or None), read in
    one round trip; the generation and the change time are created when missing."""
    keys = [GENERATION_KEY, CHANGED_KEY] + ([page_key] if page_key else [])
    values = cache.get_many(keys)
    generation = values.get(GENERATION_KEY)
    changed = values.get(CHANGED_KEY)
    if generation is None:
        # First request, or the cache was flushed (then every page entry is gone too). Start from
        # the clock so a flushed cache never reuses an old generation's number.
        cache.add(GENERATION_KEY, int(time.time() * 1000), timeout=None)
        generation = cache.get(GENERATION_KEY)
    if changed is None:
        changed = time.time()
        cache.add(CHANGED_KEY, changed, timeout=None)
    return int(generation), float(changed), values.get(page_key)


def bump_generation() -> None:
    """Invalidate every cached page on every worker: the public content has changed."""
    try:
        try:
            cache.incr(GENERATION_KEY)
        except ValueError:  # key missing: the next request starts a fresh generation anyway
            cache.add(GENERATION_KEY, int(time.time() * 1000), timeout=None)
        cache.set(CHANGED_KEY, time.time(), timeout=None)
    except Exception:  # the change is committed already; a cache outage must not turn it into a 500
        logger.exception("Could not bump the page cache generation")


def bump_generation_on_commit() -> None:
    """Bump after the transaction commits: a bump before it would let a worker cache old data."""
    transaction.on_commit(bump_generation, robust=True)


# -- scheduled publishing ------------------------------------------------------------------------


def next_publication(generation: int) -> float | None:
    """Epoch seconds of the soonest scheduled publication still to come, or None."""
    from newsroom.models import Article  # the cache module loads before the apps

    key = f"pagecache:next:{generation}"
    now = time.time()
    cached = cache.get(key)
    if cached is not None and (cached == 0 or cached > now):
        return cached or None
    soonest = (
        Article.objects.filter(status=Article.Status.PUBLISHED, publish_at__gt=_aware(now))
        .order_by("publish_at")
        .values_list("publish_at", flat=True)
        .first()
    )
    value = soonest.timestamp() if soonest else 0
    timeout = (
        page_cache_seconds() if not soonest else max(1, min(page_cache_seconds(), value - now))
    )
    cache.set(key, value, timeout=int(timeout))
    return value or None


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


# -- the middleware ------------------------------------------------------------------------------


class AnonymousPageCacheMiddleware:
    """Serve and store whole public pages for anonymous visitors (see the module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Placed right after ConditionalGetMiddleware, before the session, locale, CSRF, auth,
        # messages and login-protection middleware: a hit skips them all; a miss goes through
        # them, and what they did to the response (cookies, Vary) is seen before storing.
        key = self.lookup(request)
        if isinstance(key, HttpResponse):
            return key
        response = self.get_response(request)
        if key is not None and self.storable(request, response):
            self.store(request, response, key)
        return response

    def lookup(self, request):
        """The stored response, or the key to store under (None: not for the cache)."""
        if not self.applies_to(request):
            return None
        try:
            key = self.key_for(request)
            generation, changed, entry = current_generation(key)
        except DisallowedHost:
            return None  # let the usual handling answer 400
        except Exception:  # a cache outage makes pages slower, never broken
            logger.exception("Page cache unavailable")
            return None
        fresh = entry is not None and entry["generation"] == generation
        if fresh and entry["expires"] > time.time():
            return self.rebuild(request, entry)
        request._page_cache_generation = (generation, changed)
        return key

    @staticmethod
    def applies_to(request) -> bool:
        if page_cache_seconds() <= 0 or request.method not in ("GET", "HEAD"):
            return False
        cookies = request.COOKIES
        if settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies:
            return False
        if len(request.get_full_path()) > MAX_PATH:
            return False
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return False
        return match.view_name in getattr(settings, "HUMAS_PAGE_CACHE_VIEWS", DEFAULT_VIEWS)

    @staticmethod
    def key_for(request) -> str:
        # The language PortalLocaleMiddleware will activate.
        language = portal_language(request)
        where = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        digest = hashlib.sha256(where.encode()).hexdigest()[:32]
        return f"pagecache:page:{language}:{digest}"

    @staticmethod
    def storable(request, response) -> bool:
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

    def store(self, request, response, key) -> None:
        generation, changed = request._page_cache_generation
        try:
            lifetime = entry_lifetime(generation)
            if lifetime < 1:
                return
            if not response.has_header("ETag"):
                # Weak: a hit may differ from this body by its CSP nonce, nothing else.
                digest = hashlib.md5(response.content, usedforsecurity=False).hexdigest()
                response["ETag"] = f'W/"{digest}"'
            if not response.has_header("Last-Modified"):
                response["Last-Modified"] = http_date(changed)
            nonce = getattr(request, "csp_nonce", "")
            entry = {
                "content": response.content,
                "status": response.status_code,
                "headers": {h: response[h] for h in KEPT_HEADERS if response.has_header(h)},
                "nonce": nonce if nonce and nonce.encode() in response.content else "",
                "generation": generation,
                "expires": time.time() + lifetime,
            }
            cache.set(key, entry, timeout=lifetime)
            response["X-Page-Cache"] = "miss"
        except Exception:
            logger.exception("Could not store a page in the cache")

    @staticmethod
    def rebuild(request, entry):
        content = entry["content"]
        nonce = getattr(request, "csp_nonce", "")
        if entry["nonce"] and nonce:
            # The Content-Security-Policy nonce is fresh on every request: put this request's
            # nonce where the stored page had the nonce of the request that rendered it.
            content = content.replace(entry["nonce"].encode(), nonce.encode())
        response = HttpResponse(content, status=entry["status"])
        for header, value in entry["headers"].items():
            response[header] = value
        response["X-Page-Cache"] = "hit"
        return response
