"""What the site depends on, checked cheaply: the answer of /healthz and the admin's queue warning.

Each check answers ``ok``, ``degraded`` or ``down`` with a short detail for operators (English,
like the logs; no paths, hosts or personal data: /healthz is public). Only the database decides
whether the site can serve at all; the cache, the task queue and the media folders make it slower
or delay mail when they fail, never stop it (docs/deploy.md, "Health check").

A load balancer polls /healthz every few seconds, so the checks stay small: one ``SELECT 1``, one
aggregate over the waiting tasks, one cache round trip bounded by :data:`CACHE_PROBE_SECONDS`, and a
write test of each media folder at most every :data:`STORAGE_PROBE_INTERVAL` seconds per process.
"""

from __future__ import annotations

import secrets
import threading
import time
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.core.cache.backends.locmem import LocMemCache
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.db import DatabaseError, connection
from django.db.models import Case, Count, F, Min, When
from django.utils import timezone

OK, DEGRADED, DOWN = "ok", "degraded", "down"

#: A task waiting longer than this means no worker is taking tasks (mail is delayed).
TASK_BACKLOG_LIMIT = timedelta(minutes=15)
#: How long /healthz waits for the cache's set/get round trip.
CACHE_PROBE_SECONDS = 0.5
#: A media folder's write test is reused for this many seconds by one process.
STORAGE_PROBE_INTERVAL = 30.0


@dataclass(frozen=True)
class Check:
    status: str
    detail: str

    def as_dict(self) -> dict[str, str]:
        return {"status": self.status, "detail": self.detail}


def report() -> tuple[str, dict[str, dict[str, str]]]:
    """The overall status and every check by name, as /healthz answers them."""
    database = check_database()
    checks = {
        "database": database,
        "cache": check_cache(),
        "task_queue": check_task_queue() if database.status == OK else Check(DOWN, "database down"),
        "media_storage": check_storage("media", default_storage),
        "private_media_storage": check_storage("private_media", private_media_storage()),
    }
    if database.status != OK:
        overall = DOWN
    elif any(check.status != OK for check in checks.values()):
        overall = DEGRADED
    else:
        overall = OK
    return overall, {name: check.as_dict() for name, check in checks.items()}


# -- database -----------------------------------------------------------------------------------


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return Check(DOWN, f"unavailable ({type(exc).__name__})")
    return Check(OK, "answers")


# -- cache --------------------------------------------------------------------------------------

_cache_probe_running = threading.Lock()


def check_cache() -> Check:
    """A set/get round trip on the configured cache, given :data:`CACHE_PROBE_SECONDS`.

    The probe runs in a thread so a cache that hangs (packets dropped, no answer) cannot hold the
    health check, and one process never has more than one probe waiting.
    """
    backend = caches["default"]
    if isinstance(backend, LocMemCache | DummyCache):
        return Check(OK, "not configured (no REDIS_URL): each process keeps its own cache")
    if not _cache_probe_running.acquire(blocking=False):
        return Check(DOWN, "no answer: the previous check is still waiting")
    outcome: dict[str, object] = {}

    def probe():
        try:
            key = f"healthz:{secrets.token_hex(8)}"
            token = secrets.token_hex(8)
            backend.set(key, token, timeout=30)
            outcome["read_back"] = backend.get(key) == token
            backend.delete(key)
        except Exception as exc:  # any client error means the cache is not usable
            outcome["error"] = type(exc).__name__
        finally:
            _cache_probe_running.release()

    thread = threading.Thread(target=probe, name="healthz-cache-probe", daemon=True)
    thread.start()
    thread.join(CACHE_PROBE_SECONDS)
    if thread.is_alive():
        return Check(DOWN, f"no answer within {CACHE_PROBE_SECONDS:g} s")
    if "error" in outcome:
        return Check(DOWN, f"unreachable ({outcome['error']}); pages are built without it")
    if not outcome.get("read_back"):
        # A backend that fails open (humas.cache_backend) answers an outage like a miss.
        is_down = getattr(backend, "is_down", None)
        if callable(is_down) and is_down():
            return Check(DOWN, "unreachable; pages are built without it")
        return Check(DOWN, "a value written could not be read back; pages are built without it")
    return Check(OK, "set/get round trip")


# -- task queue ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Backlog:
    """The tasks waiting in the database queue: how many, and how long the oldest has waited."""

    waiting: int
    oldest_wait: timedelta | None

    @property
    def too_old(self) -> bool:
        return self.oldest_wait is not None and self.oldest_wait > TASK_BACKLOG_LIMIT

    @property
    def minutes(self) -> int:
        return int(self.oldest_wait.total_seconds() // 60) if self.oldest_wait else 0


def database_queue_aliases() -> list[str]:
    """The TASKS aliases whose tasks wait in the database (django_tasks_db) for a worker."""
    from django_tasks import task_backends
    from django_tasks_db.backend import DatabaseBackend

    return [alias for alias in settings.TASKS if isinstance(task_backends[alias], DatabaseBackend)]


def task_backlog() -> Backlog | None:
    """The waiting tasks (one query), or None when no task backend queues in the database.

    A task waits from when it became due: its enqueue time, or its ``run_after`` for a deferred
    one (a mail retried in ten minutes is not late before then).
    """
    aliases = database_queue_aliases()
    if not aliases:
        return None
    from django_tasks_db.models import DBTaskResult, get_date_max

    found = (
        DBTaskResult.objects.ready()
        .filter(backend_name__in=aliases)
        .aggregate(
            waiting=Count("id"),
            due_since=Min(
                Case(When(run_after=get_date_max(), then=F("enqueued_at")), default=F("run_after"))
            ),
        )
    )
    if not found["waiting"]:
        return Backlog(0, None)
    return Backlog(found["waiting"], max(timezone.now() - found["due_since"], timedelta(0)))


def check_task_queue() -> Check:
    try:
        backlog = task_backlog()
    except DatabaseError as exc:
        return Check(DOWN, f"could not be read ({type(exc).__name__})")
    if backlog is None:
        return Check(OK, "no queue: tasks run at once")
    if not backlog.waiting:
        return Check(OK, "no task waiting")
    detail = f"{backlog.waiting} waiting, the oldest for {backlog.minutes} min"
    if backlog.too_old:
        limit = int(TASK_BACKLOG_LIMIT.total_seconds() // 60)
        return Check(DEGRADED, f"{detail} (over {limit} min: is the worker running?)")
    return Check(OK, detail)


# -- media storage ------------------------------------------------------------------------------

_storage_results: dict[tuple, tuple[float, Check]] = {}


def private_media_storage() -> FileSystemStorage:
    """The PPID's private uploads folder (ppid.models.storage keeps its files there)."""
    return FileSystemStorage(location=settings.PRIVATE_MEDIA_ROOT)


def check_storage(name: str, storage) -> Check:
    """Write and delete a small file; the result is reused for :data:`STORAGE_PROBE_INTERVAL`."""
    where = (name, type(storage).__name__, str(getattr(storage, "location", "")))
    now = time.monotonic()
    remembered = _storage_results.get(where)
    if remembered is not None and now - remembered[0] < STORAGE_PROBE_INTERVAL:
        return remembered[1]
    result = _write_and_delete(storage)
    _storage_results[where] = (now, result)
    return result


def _write_and_delete(storage) -> Check:
    try:
        saved = storage.save(f"healthz-{secrets.token_hex(8)}.tmp", ContentFile(b"ok"))
    except Exception as exc:  # full disk, read-only mount, missing folder, object store refusal
        return Check(DOWN, f"not writable ({type(exc).__name__}); uploads fail")
    try:
        storage.delete(saved)
    except Exception as exc:
        return Check(
            DEGRADED, f"writable, but a test file could not be deleted ({type(exc).__name__})"
        )
    return Check(OK, "writable")


def forget_storage_results() -> None:
    """Drop the remembered write tests (tests, or after fixing a folder)."""
    _storage_results.clear()
