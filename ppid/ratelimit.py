"""Per-IP limits on the public PPID forms, counted in the shared cache (Redis when configured),
so every worker sees the same counts."""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

#: scope -> (how many, per how many seconds). What counts: saved requests and objections, and
#: failed status look-ups (guessing tracking codes). Mistakes in a form do not count.
DEFAULT_LIMITS = {
    "request": (5, 60 * 60),
    "objection": (5, 60 * 60),
    "status": (10, 10 * 60),
}


def _limit(scope: str) -> tuple[int, int]:
    return getattr(settings, "PPID_RATE_LIMITS", {}).get(scope, DEFAULT_LIMITS[scope])


def client_ip(request) -> str:
    # REMOTE_ADDR as the WSGI server saw it; behind a proxy, the proxy must set it (e.g.
    # gunicorn --forwarded-allow-ips), never a header the client can forge.
    return request.META.get("REMOTE_ADDR") or "unknown"


def _key(request, scope: str) -> str:
    return f"ppid:ratelimit:{scope}:{client_ip(request)}"


def is_blocked(request, scope: str) -> bool:
    limit, _window = _limit(scope)
    return (cache.get(_key(request, scope)) or 0) >= limit


def record(request, scope: str) -> None:
    _limit_count, window = _limit(scope)
    key = _key(request, scope)
    if not cache.add(key, 1, timeout=window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, timeout=window)
