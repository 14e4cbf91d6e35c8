"""The shared cache's backend (CACHES with REDIS_URL): Django's Redis cache, cheaper per call, and
failing open.

Infrastructure only: what is kept in it (pages, fragments, renditions) is the apps' business.

A cache is an accelerator: when Redis is stopped, unreachable or hangs, every call answers like a
miss or a write that did not happen (see :class:`RedisCache`), so callers build what they need
from the database and the site stays up, slower. Short socket time-outs bound what one attempt can
cost, and a circuit breaker (:class:`CircuitBreaker`) makes a dead Redis cost one quick attempt per
``retry_after`` seconds in each process, not one per call. Each process logs one warning when an
outage starts and one line when the cache answers again; then it sends :data:`cache_reconnected`,
so what the process could not invalidate meanwhile (the page cache's generation) is invalidated
before anything is read from the cache again.
"""

from __future__ import annotations

import logging
import threading
import time
from urllib.parse import urlsplit

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient
from django.dispatch import Signal
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger("humas.cache")

#: What a call meets when Redis is stopped, restarting, unreachable or does not answer in time.
OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError)

#: Socket options used unless CACHES' OPTIONS say otherwise: a local Redis answers in well under a
#: millisecond, so a few hundred ms without an answer means it is gone or hung.
DEFAULT_OPTIONS = {"socket_connect_timeout": 0.25, "socket_timeout": 0.5}
#: Seconds between two attempts on a Redis found down (OPTIONS "retry_after").
RETRY_AFTER = 5.0

#: Sent (``backend=``) in a process whose calls met an outage, by the first call that reaches
#: Redis again and before that call runs. Writes made meanwhile were lost: the receivers redo or
#: undo what depends on them (portal.cache_hooks bumps the page cache's generation).
cache_reconnected = Signal()


class CircuitBreaker:
    """The state of one Redis server as seen by this process.

    Closed (the normal state): every call goes to Redis. The first call that fails opens it and
    logs the outage. Open: calls answer at once without Redis, except one every ``interval``
    seconds, which tries again; the first that succeeds closes it and logs the recovery.
    """

    def __init__(self, name: str, interval: float):
        self.name = name
        self.interval = interval
        self._lock = threading.Lock()
        self.down_since: float | None = None
        self._next_attempt = 0.0

    @property
    def is_open(self) -> bool:
        return self.down_since is not None

    def allows_attempt(self) -> bool:
        """Whether this call may go to Redis (one thread per interval while it is down)."""
        if self.down_since is None:
            return True
        with self._lock:
            now = time.time()
            # A clock set back must not hold the breaker open for longer than the interval.
            if now >= self._next_attempt or now < self._next_attempt - self.interval:
                self._next_attempt = now + self.interval
                return True
            return False

    def failed(self, error: Exception) -> None:
        with self._lock:
            now = time.time()
            self._next_attempt = now + self.interval
            if self.down_since is not None:
                return  # still down: logged when it started
            self.down_since = now
        logger.warning(
            "Shared cache %s unreachable (%s: %s): pages are built from the database, "
            "next attempt every %g s",
            self.name,
            type(error).__name__,
            error,
            self.interval,
        )

    def recovered(self) -> bool:
        """Close the breaker; True for the one call that closed it (it logs and notifies)."""
        with self._lock:
            if self.down_since is None:
                return False
            lasted = time.time() - self.down_since
            self.down_since = None
        logger.warning("Shared cache %s answers again after %.0f s", self.name, max(lasted, 0))
        return True


_breakers: dict[tuple, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(servers: list[str], interval: float) -> CircuitBreaker:
    """The process's breaker of these servers (Django builds a cache object per thread)."""
    key = (tuple(servers), interval)
    with _breakers_lock:
        if key not in _breakers:
            _breakers[key] = CircuitBreaker(", ".join(map(_without_password, servers)), interval)
        return _breakers[key]


def forget_outages() -> None:
    """Close every breaker without notifying anyone (tests start each from a known state)."""
    with _breakers_lock:
        _breakers.clear()


def _without_password(url: str) -> str:
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname + (f":{parts.port}" if parts.port else "")
    return parts._replace(netloc=f"{parts.username or ''}:***@{host}").geturl()


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


_FAILED = object()


class RedisCache(DjangoRedisCache):
    """``django.core.cache.backends.redis.RedisCache`` with a reused client, failing open
    (settings.CACHES).

    While Redis cannot be reached every call behaves as if the cache were empty and forgetful:
    ``get`` gives the default, ``get_many`` nothing, ``add``/``delete``/``touch``/``has_key``
    False, ``set`` nothing, ``set_many`` every key as failed (Django's contract), ``incr`` and
    ``decr`` raise ``ValueError`` as for a missing key. ``is_down()`` says whether that is the
    case now (ppid.ratelimit then counts in the database). OPTIONS take ``retry_after`` (seconds,
    :data:`RETRY_AFTER`) besides redis-py's connection options (:data:`DEFAULT_OPTIONS`).
    """

    def __init__(self, server, params):
        options = {**DEFAULT_OPTIONS, **params.get("OPTIONS", {})}
        interval = float(options.pop("retry_after", RETRY_AFTER))
        super().__init__(server, {**params, "OPTIONS": options})
        self._class = ReusingRedisCacheClient
        self._breaker = breaker_for(self._servers, interval)

    def validate_key(self, key):
        """No memcached key warnings: they walk every character of every key in Python (a tenth
        of a page cache hit), and Redis takes any key."""

    def is_down(self) -> bool:
        """Whether calls answer without Redis now (an outage met, not over yet)."""
        return self._breaker.is_open

    def _fail_open(self, call, *args, fallback):
        breaker = self._breaker
        if not breaker.allows_attempt():
            return fallback
        try:
            if breaker.is_open:
                # The first attempt since the outage: only a PING, then the receivers redo what
                # was lost, and only then may this call read what Redis kept from before.
                self._cache.get_client(None, write=True).ping()
                if breaker.recovered():
                    cache_reconnected.send_robust(sender=type(self), backend=self)
            return call(*args)
        except OUTAGE_ERRORS as error:
            breaker.failed(error)
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._fail_open(super().add, key, value, timeout, version, fallback=False)

    def get(self, key, default=None, version=None):
        return self._fail_open(super().get, key, default, version, fallback=default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._fail_open(super().set, key, value, timeout, version, fallback=None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._fail_open(super().touch, key, timeout, version, fallback=False)

    def delete(self, key, version=None):
        return self._fail_open(super().delete, key, version, fallback=False)

    def get_many(self, keys, version=None):
        return self._fail_open(super().get_many, keys, version, fallback={})

    def has_key(self, key, version=None):
        return self._fail_open(super().has_key, key, version, fallback=False)

    def incr(self, key, delta=1, version=None):
        value = self._fail_open(super().incr, key, delta, version, fallback=_FAILED)
        if value is _FAILED:
            raise ValueError(f"Key '{key}' not found (the cache is unreachable).")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = self._fail_open(super().set_many, data, timeout, version, fallback=_FAILED)
        return list(data) if failed is _FAILED else failed

    def delete_many(self, keys, version=None):
        self._fail_open(super().delete_many, keys, version, fallback=None)

    def clear(self):
        return self._fail_open(super().clear, fallback=False)
