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

When the shared cache cannot count (Redis down or timing out: its client raises, or the backend
says it is down and answers like a miss), the database counts instead (:class:`DatabaseCounter`,
one row per scope and address, changed by single UPDATE statements), so an outage neither blocks
citizens nor opens the forms to floods. Each attempt uses one counter from start to end; expired
rows are pruned whenever a new one is made.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

logger = logging.getLogger(__name__)

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


class CacheUnusable(Exception):
    """The shared cache cannot count right now."""


class CacheCounter:
    """Counts in the shared cache: one key per scope and address, expiring with its window."""

    name = "cache"

    @staticmethod
    def _key(scope: str, who: str) -> str:
        return f"ppid:ratelimit:{scope}:{who}"

    def up(self, scope: str, who: str, window: int) -> int:
        if _cache_says_down():
            raise CacheUnusable("the cache backend reports an outage")
        key = self._key(scope, who)
        try:
            # add() and incr() are each atomic (Redis SET NX / INCR; LocMemCache under its
            # lock). The window starts with the first attempt and is not extended by later ones.
            for _ in range(3):
                if cache.add(key, 1, timeout=window):
                    return 1
                try:
                    count = cache.incr(key)
                except ValueError:  # expired between add and incr: start a new window
                    continue
                if count == 1:
                    # Django's Redis incr() checks the key exists, then INCRs: a key expiring in
                    # between is re-created without a time-out. Make sure the window ends.
                    cache.touch(key, window)
                return count
        except Exception as error:  # any failure of the cache client (connection, time-out...)
            raise CacheUnusable(repr(error)) from error
        # add() refused three times and the key was never there: a backend that answers every
        # call like a miss (its circuit breaker is open). Nothing was counted.
        raise CacheUnusable("the cache answers like a miss")

    def down(self, scope: str, who: str, window: int) -> None:
        key = self._key(scope, who)
        try:
            left = cache.decr(key)
        except ValueError:  # the window ended meanwhile: nothing to give back
            return
        except Exception:  # the cache went down since the slot was taken: its count is lost too
            logger.info("Could not give back a rate-limit slot in the cache", exc_info=True)
            return
        if left <= 0:
            try:
                cache.touch(key, window)  # a DECR on a just-expired Redis key has no time-out
            except Exception:
                logger.info("Could not set the time-out of a rate-limit key", exc_info=True)


class DatabaseCounter:
    """Counts in ``ppid.RateLimitCounter`` while the cache cannot.

    Every change is one UPDATE of the row (``count = count + 1``), which the database applies one
    after the other; the count is read back in the same transaction, under the row lock the UPDATE
    took, so parallel attempts each see their own number.
    """

    name = "database"

    def up(self, scope: str, who: str, window: int) -> int:
        from .models import RateLimitCounter

        rows = RateLimitCounter.objects.filter(scope=scope, key=who[:64])
        for _ in range(3):
            now = timezone.now()
            with transaction.atomic():
                if rows.filter(expires_at__gt=now).update(count=F("count") + 1):
                    return rows.values_list("count", flat=True).get()
                # The window ended: a new one starts with this attempt (another attempt that
                # restarted it first makes this UPDATE match nothing: then count up as above).
                if rows.filter(expires_at__lte=now).update(
                    count=1, window_start=now, expires_at=now + timedelta(seconds=window)
                ):
                    return 1
            try:
                with transaction.atomic():
                    RateLimitCounter.objects.create(
                        scope=scope,
                        key=who[:64],
                        window_start=now,
                        expires_at=now + timedelta(seconds=window),
                        count=1,
                    )
            except IntegrityError:  # a parallel attempt made the row first: count on it
                continue
            prune(now)
            return 1
        return 1  # pragma: no cover - three races in a row

    def down(self, scope: str, who: str, window: int) -> None:
        from .models import RateLimitCounter

        RateLimitCounter.objects.filter(
            scope=scope, key=who[:64], expires_at__gt=timezone.now(), count__gt=0
        ).update(count=F("count") - 1)


def prune(now=None) -> int:
    """Delete the database counters whose window has ended; return how many."""
    from .models import RateLimitCounter

    deleted, _ = RateLimitCounter.objects.filter(expires_at__lte=now or timezone.now()).delete()
    return deleted


def _cache_says_down() -> bool:
    """Whether the cache backend reports an outage (humas.cache_backend's circuit breaker)."""
    probe = getattr(cache, "is_down", None)
    if probe is None:
        return False
    return bool(probe() if callable(probe) else probe)


_CACHE, _DATABASE = CacheCounter(), DatabaseCounter()
_on_database = False  # whether the last attempt in this process fell back (one log line a switch)


def _count_up(scope: str, who: str, window: int):
    global _on_database
    try:
        count = _CACHE.up(scope, who, window)
    except CacheUnusable as why:
        if not _on_database:
            _on_database = True
            logger.warning("Rate limits counted in the database: the cache cannot (%s)", why)
        return _DATABASE, _DATABASE.up(scope, who, window)
    if _on_database:
        _on_database = False
        logger.warning("Rate limits counted in the cache again")
    return _CACHE, count


class Slot:
    """One attempt counted against a limit; false when the limit was already reached."""

    def __init__(self, counter, scope: str, who: str, window: int, granted: bool):
        self.counter = counter
        self.scope = scope
        self.who = who
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
            self.counter.down(self.scope, self.who, self.window)

    def __enter__(self) -> Slot:
        return self

    def __exit__(self, *exc_info) -> None:
        self.release()


def reserve(request, scope: str) -> Slot:
    """Take a slot of ``scope`` for this client, or a refused one when the limit is reached."""
    limit, window = _limit(scope)
    who = client_ip(request)
    counter, count = _count_up(scope, who, window)
    if count > limit:
        # A refusal does not count, so released slots free up again.
        counter.down(scope, who, window)
        return Slot(counter, scope, who, window, granted=False)
    return Slot(counter, scope, who, window, granted=True)
