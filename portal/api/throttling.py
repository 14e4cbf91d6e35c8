"""The API's rate limit per client address (settings.REST_FRAMEWORK's throttle: this module must
not import DRF's views, which read that setting while they load)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache
from rest_framework.throttling import BaseThrottle


def _rate() -> tuple[int, int]:
    """(requests, seconds) from ``settings.HUMAS_API_RATE``, e.g. "120/min"."""
    count, _sep, period = getattr(settings, "HUMAS_API_RATE", "120/min").partition("/")
    seconds = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period.strip()[:1].lower()]
    return int(count), seconds


class ClientAddressThrottle(BaseThrottle):
    """At most ``HUMAS_API_RATE`` answers per client address in a fixed window, counted in the
    shared cache with one atomic increment (DRF's own throttles read, then write a list of times:
    parallel requests from one address would all pass the check before any was counted).

    Answers from the page cache are not counted: they cost no query. While the shared cache cannot
    count (Redis down), requests pass: the API only reads, and every worker stays usable.
    """

    def allow_request(self, request, view):
        limit, window = _rate()
        now = time.time()
        # REMOTE_ADDR as the WSGI server saw it, never a forwarding header a client can forge
        # (behind a proxy, the proxy sets it: gunicorn --forwarded-allow-ips).
        who = request.META.get("REMOTE_ADDR") or "unknown"
        key = f"api:rate:{who}:{int(now // window)}"
        self.seconds_left = window - now % window
        try:
            count = 1 if cache.add(key, 1, timeout=window + 1) else cache.incr(key)
        except Exception:  # the cache cannot count now (see the class docstring)
            return True
        return count <= limit

    def wait(self):
        return self.seconds_left
