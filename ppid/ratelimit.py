"""Per-IP limits on the public PPID forms, counted in the shared cache (Redis when configured),
so every worker sees the same counts.

The rule is one step: :func:`reserve` takes a slot (an atomic increment) and compares the count
it got back with the limit. Checking first and counting after saving let parallel posts from one
address all pass the check before any was counted (security issue #11: 8 concurrent posts saved
7 to 9 requests against a limit of 5). An attempt holds its slot while it runs and gives it back
when it ends, unless the view calls :meth:`Slot.keep` for what counts:

- requests, objections and completions: kept when saved, so a mistake in a form does not count;
- status look-ups (guessing tracking codes): kept when the look-up fails, so only failures count.
  A look-up that succeeds still holds a slot while it runs: at the limit, even the right code is
  refused until the window ends, and parallel guesses can never get past the limit.

Use it as a context manager, so a slot is given back on every way out of the view::

    with ratelimit.reserve(request, "request") as slot:
        if not slot:
            ...  # refuse: the limit is reached
        ...
        slot.keep()  # it counts
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache

#: scope -> (how many, per how many seconds); settings.PPID_RATE_LIMITS overrides per scope.
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


class Slot:
    """One attempt counted against a limit; false when the limit was already reached."""

    def __init__(self, key: str, window: int, granted: bool):
        self.key = key
        self.window = window
        self.granted = granted
        self._held = granted

    def __bool__(self) -> bool:
        return self.granted

    def keep(self) -> None:
        """The attempt counts: the slot stays taken until the window ends."""
        self._held = False

    def release(self) -> None:
        """The attempt does not count: give the slot back (idempotent)."""
        if self._held:
            self._held = False
            _count_down(self.key, self.window)

    def __enter__(self) -> Slot:
        return self

    def __exit__(self, *exc_info) -> None:
        self.release()


def reserve(request, scope: str) -> Slot:
    """Take a slot of ``scope`` for this client, or a refused one when the limit is reached."""
    limit, window = _limit(scope)
    key = _key(request, scope)
    if _count_up(key, window) > limit:
        _count_down(key, window)  # a refusal does not count, so released slots free up again
        return Slot(key, window, granted=False)
    return Slot(key, window, granted=True)


def _count_up(key: str, window: int) -> int:
    # add() and incr() are each atomic (Redis SET NX / INCR; LocMemCache under its lock). The
    # window starts with the first attempt and is not extended by later ones.
    for _ in range(3):
        if cache.add(key, 1, timeout=window):
            return 1
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr: start a new window
            continue
        if count == 1:
            # Django's Redis incr() checks the key exists, then INCRs: a key expiring in between
            # is re-created without a time-out. Make sure the window ends.
            cache.touch(key, window)
        return count
    return 1


def _count_down(key: str, window: int) -> None:
    try:
        left = cache.decr(key)
    except ValueError:  # the window ended meanwhile: nothing to give back
        return
    if left <= 0:
        cache.touch(key, window)  # as above: a DECR on a just-expired Redis key has no time-out
