"""200 citizens file information requests at once for 60 s against gunicorn + PostgreSQL.

    .venv/bin/python bench/load_requests.py [--citizens 200] [--seconds 60] [--workers 4]

Each citizen is a thread with its own cookies: it opens /ppid/permohonan/, sends the form, and
reads its registration number on the receipt page, again and again until the time is up. At the
end the script counts rows against successful responses: zero errors, zero lost and zero
duplicated registration numbers is a pass (exit 0). Not part of `make test` (it takes minutes).

It uses its own database (humas_load by default, rebuilt each run) and raises the per-IP form
limits, since every citizen here comes from 127.0.0.1.
"""

from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import statistics
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv/bin/python")
GUNICORN = str(ROOT / ".venv/bin/gunicorn")
PG = os.environ.get("LOAD_PG", "postgres://postgres@127.0.0.1:5432")
PORT = int(os.environ.get("LOAD_PORT", "8711"))
SETTINGS = """
from humas.settings import *  # noqa: F403
PPID_RATE_LIMITS = {"request": (10**9, 60), "objection": (10**9, 60), "status": (10**9, 60)}
# A load script sends the form at once; people need at least 3 seconds (ppid.botcheck).
PPID_FORM_MIN_SECONDS = 0
# Plain HTTP on the loopback (TLS ends at the proxy in production): cookies without "Secure".
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = False
"""
NUMBER = re.compile(r'class="ppid-number">(PPID/[A-Z]+/\d{4}/\d{5})<')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
STAMP = re.compile(r'name="started" value="([^"]+)"')


def environment(database: str) -> dict[str, str]:
    settings_dir = ROOT / "bench" / "results"
    settings_dir.mkdir(parents=True, exist_ok=True)
    (settings_dir / "load_settings.py").write_text(SETTINGS)
    return {
        **os.environ,
        "PYTHONPATH": f"{settings_dir}:{ROOT}",
        "DJANGO_SETTINGS_MODULE": "load_settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "load-test-only-0123456789abcdefghijklmnopqrstuvwxyz",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_LOG_LEVEL": "WARNING",
        "DJANGO_STATIC_ROOT": str(settings_dir / "static_load"),
        "DATABASE_URL": f"{PG}/{database}",
        "HUMAS_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        "DJANGO_EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def prepare(env: dict[str, str], database: str) -> str:
    subprocess.run(["dropdb", "--if-exists", "-h", "127.0.0.1", "-U", "postgres", database],
                   check=True)  # fmt: skip
    subprocess.run(["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True)
    subprocess.run([PY, "manage.py", "migrate", "--noinput", "-v0"], cwd=ROOT, env=env, check=True)
    subprocess.run([PY, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, env=env,
                   check=True)  # fmt: skip
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c",
         "from accounts.models import Agency;"
         "a, _ = Agency.objects.get_or_create(slug='bebanuji', defaults={'name': 'Dinas Uji Beban',"
         " 'short_name': 'Uji'}); print(a.pk)"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return out.strip().splitlines()[-1]


class Citizen(threading.Thread):
    def __init__(self, n: int, agency: str, deadline: float, results: dict, lock):
        super().__init__(daemon=True)
        self.n, self.agency, self.deadline = n, agency, deadline
        self.results, self.lock = results, lock
        jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(jar), NoRedirect()
        )

    def fetch(self, url, data=None):
        request = urllib.request.Request(url, data=data)
        try:
            with self.opener.open(request, timeout=60) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode(errors="replace"), error.headers

    def run(self):
        base = f"http://127.0.0.1:{PORT}"
        while time.monotonic() < self.deadline:
            started = time.monotonic()
            try:
                status, page, _ = self.fetch(base + "/ppid/permohonan/")
                token = TOKEN.search(page).group(1) if status == 200 else None
                stamp = STAMP.search(page) if status == 200 else None
                if not token or not stamp:
                    self.record("error", f"form {status}")
                    continue
                form = {
                    "csrfmiddlewaretoken": token, "agency": self.agency,
                    "applicant_type": "perorangan", "name": f"Warga {self.n}",
                    "nik": "3371014507900001", "address": "Jl. Uji Beban 1, Palangka Raya",
                    "phone": "081234567890", "email": f"warga{self.n}@example.id",
                    "information_requested": "Data uji beban", "purpose": "Uji beban",
                    "obtain_method": "softcopy", "delivery_method": "email", "website": "",
                    "started": stamp.group(1),
                }  # fmt: skip
                headers = {"Referer": base + "/ppid/permohonan/"}
                data = urllib.parse.urlencode(form).encode()
                request = urllib.request.Request(base + "/ppid/permohonan/", data=data,
                                                 headers=headers)  # fmt: skip
                try:
                    with self.opener.open(request, timeout=60) as response:
                        status = response.status
                except urllib.error.HTTPError as error:
                    status = error.code
                if status != 302:
                    self.record("error", f"post {status}")
                    continue
                status, page, _ = self.fetch(base + "/ppid/permohonan/terkirim/")
                match = NUMBER.search(page)
                if status != 200 or not match:
                    self.record("error", f"receipt {status}")
                    continue
                self.record("ok", match.group(1), time.monotonic() - started)
            except Exception as error:  # a load tool counts failures, it does not stop
                self.record("error", type(error).__name__)

    def record(self, kind, value, seconds=None):
        with self.lock:
            self.results[kind].append(value)
            if seconds is not None:
                self.results["seconds"].append(seconds)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def count_rows(env) -> list[str]:
    out = subprocess.run(
        [PY, "manage.py", "shell", "-c",
         "from ppid.models import InformationRequest as R;"
         "print('\\n'.join(R.objects.values_list('registration_number', flat=True)))"],
        cwd=ROOT, env=env, check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return [line for line in out.splitlines() if line.startswith("PPID/")]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--citizens", type=int, default=200)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--threads", type=int, default=8)
    parser.add_argument("--database", default="humas_load")
    args = parser.parse_args()

    env = environment(args.database)
    agency = prepare(env, args.database)
    server = subprocess.Popen(
        [GUNICORN, "humas.wsgi:application", "--bind", f"127.0.0.1:{PORT}",
         "--workers", str(args.workers), "--worker-class", "gthread",
         "--threads", str(args.threads), "--timeout", "120", "--log-level", "warning"],
        cwd=ROOT, env=env,
    )  # fmt: skip
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2)  # noqa: S310
                break
            except OSError:
                time.sleep(0.2)
        results = {"ok": [], "error": [], "seconds": []}
        lock = threading.Lock()
        deadline = time.monotonic() + args.seconds
        citizens = [Citizen(n, agency, deadline, results, lock) for n in range(args.citizens)]
        started = time.monotonic()
        for citizen in citizens:
            citizen.start()
        for citizen in citizens:
            citizen.join()
        elapsed = time.monotonic() - started
    finally:
        server.terminate()
        server.wait(timeout=30)

    rows = count_rows(env)
    numbers = results["ok"]
    duplicated = len(numbers) - len(set(numbers))
    lost = len(set(numbers) - set(rows))
    unanswered = len(set(rows) - set(numbers))  # saved, but the citizen saw an error
    seconds = sorted(results["seconds"]) or [0]
    errors: dict[str, int] = {}
    for error in results["error"]:
        errors[error] = errors.get(error, 0) + 1
    print(f"{args.citizens} citizens, {elapsed:.0f} s, gunicorn {args.workers} workers x "
          f"{args.threads} threads, PostgreSQL")  # fmt: skip
    print(f"requests filed (302 + receipt): {len(numbers)}  ({len(numbers) / elapsed:.1f}/s)")
    print(f"rows in the database: {len(rows)}")
    print(f"errors: {len(results['error'])} {errors}")
    print(f"duplicated numbers: {duplicated}; lost (answered, no row): {lost}; "
          f"saved without a receipt: {unanswered}")  # fmt: skip
    p50 = statistics.median(seconds) * 1000
    p95 = seconds[max(int(len(seconds) * 0.95) - 1, 0)] * 1000
    print(f"filing time (form + send + receipt): p50 {p50:.0f} ms, p95 {p95:.0f} ms, "
          f"max {seconds[-1] * 1000:.0f} ms")  # fmt: skip
    ok = not results["error"] and not duplicated and not lost and len(rows) == len(set(numbers))
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
