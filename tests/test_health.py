"""/healthz: each dependency with ok / degraded / down; 503 only when the database is down."""

import datetime as dt
import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from humas import health
from ppid.tasks import send_notice_email

ROOT = Path(__file__).resolve().parent.parent


CHECKS = {"database", "cache", "task_queue", "media_storage", "private_media_storage"}
STATUSES = {"ok", "degraded", "down"}
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _fresh_storage_checks():
    health.forget_storage_results()
    yield
    health.forget_storage_results()


def waiting_task(minutes_ago: int = 0):
    """One e-mail task in the database queue, enqueued ``minutes_ago`` (no worker runs)."""
    result = send_notice_email.enqueue(0)
    if minutes_ago:
        DBTaskResult.objects.filter(pk=result.id).update(
            enqueued_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
        )
    return result


def test_healthz_names_every_dependency_and_is_never_cached(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == CHECKS
    for check in body["checks"].values():
        assert set(check) == {"status", "detail"}
        assert check["status"] == "ok" and check["detail"]
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_healthz_is_a_couple_of_queries(client, db, settings, django_assert_max_num_queries):
    settings.TASKS = DATABASE_QUEUE
    with django_assert_max_num_queries(2):  # SELECT 1 and the waiting tasks' aggregate
        assert client.get("/healthz").status_code == 200


def test_healthz_reveals_no_paths_or_personal_data(client, db, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "a-file" / "media"
    (tmp_path / "a-file").write_text("not a folder")
    text = client.get("/healthz").content.decode()
    assert str(tmp_path) not in text and "a-file" not in text
    assert "@" not in text


def test_without_redis_the_cache_is_ok_with_a_note(client, db):
    cache = client.get("/healthz").json()["checks"]["cache"]
    if isinstance(caches["default"], LocMemCache):
        assert cache == {
            "status": "ok",
            "detail": "not configured (no REDIS_URL): each process keeps its own cache",
        }
    else:  # the PostgreSQL + Redis run: a real round trip
        assert cache == {"status": "ok", "detail": "set/get round trip"}


def test_an_unreachable_cache_degrades_the_site_but_keeps_it_in_the_pool(client, db):
    # Nothing listens on port 9: the configured Redis is gone.
    dead_redis = {
        "default": {
            "BACKEND": "humas.cache_backend.RedisCache",
            "LOCATION": "redis://127.0.0.1:9/0",
            "KEY_PREFIX": "hz-dead",
        }
    }
    with override_settings(CACHES=dead_redis, HUMAS_PAGE_CACHE_SECONDS=0):
        response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["cache"]["status"] == "down"
    assert body["checks"]["database"]["status"] == "ok"


def test_a_hung_cache_holds_the_health_check_half_a_second_at_most(client, db):
    # A server that accepts connections and never answers, behind Django's plain Redis backend
    # (no socket time-outs of its own): only the health check's own bound stops the wait.
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(8)
        hung = {
            "default": {
                "BACKEND": "django.core.cache.backends.redis.RedisCache",
                "LOCATION": f"redis://127.0.0.1:{server.getsockname()[1]}/0",
            }
        }
        with override_settings(CACHES=hung, HUMAS_PAGE_CACHE_SECONDS=0):
            first = client.get("/healthz")
            second = client.get("/healthz")
    # Closing the server ends the waiting probe; let it finish before the next test.
    assert health._cache_probe_running.acquire(timeout=30)
    health._cache_probe_running.release()
    assert first.status_code == 200 and first.json()["status"] == "degraded"
    assert first.json()["checks"]["cache"] == {"status": "down", "detail": "no answer within 0.5 s"}
    # One probe per process at most: the next poll does not start another one.
    assert second.json()["checks"]["cache"] == {
        "status": "down",
        "detail": "no answer: the previous check is still waiting",
    }


def test_the_queue_is_ok_while_tasks_run_at_once(client, db, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    queue = client.get("/healthz").json()["checks"]["task_queue"]
    assert queue == {"status": "ok", "detail": "no queue: tasks run at once"}


def test_a_fresh_waiting_task_is_fine(client, db, settings):
    settings.TASKS = DATABASE_QUEUE
    waiting_task(minutes_ago=3)
    body = client.get("/healthz").json()
    assert body["status"] == "ok"
    assert body["checks"]["task_queue"] == {
        "status": "ok",
        "detail": "1 waiting, the oldest for 3 min",
    }


def test_a_task_waiting_over_15_minutes_degrades_the_queue(client, db, settings):
    settings.TASKS = DATABASE_QUEUE
    waiting_task(minutes_ago=20)
    waiting_task(minutes_ago=1)
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    queue = body["checks"]["task_queue"]
    assert queue["status"] == "degraded"
    assert queue["detail"].startswith("2 waiting, the oldest for 20 min")


def test_a_deferred_task_is_not_late_before_its_time(client, db, settings):
    # A mail retried later (run_after) waits from when it is due, not from when it was queued.
    settings.TASKS = DATABASE_QUEUE
    later = send_notice_email.using(run_after=timezone.now() + dt.timedelta(minutes=10))
    result = later.enqueue(0)
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - dt.timedelta(hours=2)
    )
    queue = client.get("/healthz").json()["checks"]["task_queue"]
    assert queue == {"status": "ok", "detail": "no task waiting"}


@pytest.mark.parametrize("setting", ["MEDIA_ROOT", "PRIVATE_MEDIA_ROOT"])
def test_an_unwritable_media_folder_degrades_the_site(client, db, settings, tmp_path, setting):
    # A path below a regular file can never be created, whoever the tests run as (even root).
    (tmp_path / "a-file").write_text("not a folder")
    setattr(settings, setting, tmp_path / "a-file" / "media")
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    name = "media_storage" if setting == "MEDIA_ROOT" else "private_media_storage"
    assert body["checks"][name]["status"] == "down"
    assert body["checks"][name]["detail"].startswith("not writable")
    others = {key: check["status"] for key, check in body["checks"].items() if key != name}
    assert set(others.values()) == {"ok"}


def test_the_write_test_leaves_no_file_behind(client, db, settings):
    client.get("/healthz")
    for root in (settings.MEDIA_ROOT, settings.PRIVATE_MEDIA_ROOT):
        assert [p for p in Path(root).rglob("*") if p.is_file()] == []


def test_healthz_answers_503_when_the_database_is_unreachable(tmp_path):
    """A real process whose database server does not answer (nothing listens on port 9)."""
    script = (
        "import django, json; django.setup()\n"
        "from django.test import Client\n"
        "r = Client(HTTP_HOST='127.0.0.1').get('/healthz')\n"
        "print(json.dumps({'status': r.status_code, 'body': r.json()}))\n"
    )
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "humas.settings",
        "DATABASE_URL": "postgres://humas@127.0.0.1:9/humas",
        "DJANGO_CONN_MAX_AGE": "0",
        "REDIS_URL": "",
        "DJANGO_MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=60, check=True,
    )  # fmt: skip
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result["status"] == 503
    body = result["body"]
    assert body["status"] == "down"
    assert body["checks"]["database"] == {
        "status": "down",
        "detail": "unavailable (OperationalError)",
    }
    assert body["checks"]["task_queue"]["status"] == "down"  # the queue lives in the database
    assert body["checks"]["media_storage"]["status"] == "ok"


def test_robots_txt_points_to_sitemap_and_hides_admin(client, db):
    response = client.get("/robots.txt")
    body = response.content.decode()
    assert response["Content-Type"].startswith("text/plain")
    assert "User-agent: *" in body
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Disallow: /berita/" not in body  # the news itself is for search engines
