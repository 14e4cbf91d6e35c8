"""The Humas benchmark: ``make bench`` (or ``.venv/bin/python bench/run.py``). See bench/README.md.

Builds two PostgreSQL databases with seed_bulk (1k articles + 1k PPID requests, and 100k + 100k;
kept between runs, topped up when short), serves the bare Django app and Humas with gunicorn
(2 sync workers, DEBUG off, Redis cache), loads each page with wrk (8 connections), and prints one
Markdown table plus EXPLAIN plans and the yearly PPID report time. Output also goes to
bench/last-run.md.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import signal
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv/bin/python")
GUNICORN = str(ROOT / ".venv/bin/gunicorn")
PG = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
REDIS = os.environ.get("BENCH_REDIS", "redis://127.0.0.1:6379/7")
APP_PORT, BARE_PORT = 8701, 8702
SIZES = {"1k": (1_000, 1_000, "humas_bench_1k"), "100k": (100_000, 100_000, "humas_bench_100k")}

PUBLIC_PAGES = [
    ("home", "/"),
    ("list", "/berita/"),
    ("list, deepest page", "{deep}"),
    ("article", "{article}"),
    ("agency", "{agency}"),
    ("search", "/cari/?q=nelayan"),
    ("feed", "/feed/"),
    # Announcements and the agenda (issue 15): upcoming, the archive, and the calendar file.
    ("agenda", "/agenda/"),
    ("agenda archive", "/agenda/?arsip=1"),
    ("announcements", "/pengumuman/"),
    ("agenda calendar (ICS)", "/agenda.ics"),
    # The download centre (issue 15): its list with a filter, as visitors use it.
    ("download centre", "/dokumen/?jenis=laporan"),
    # The JSON API (issue 15): the article list as a client syncing news reads it.
    ("API article list", "/api/v1/articles/"),
    ("API article list, 100 per page", "/api/v1/articles/?limit=100"),
]
STAFF_CONNECTIONS = 2
# Search latency for one visitor at a time: with 8 connections on 2 workers, p95 is mostly the
# wait in the queue (about 4 requests ahead), so the search target (p95 < 50 ms) is read here.
LATENCY_PAGES = [
    ("search, one visitor at a time", "/cari/?q=nelayan"),
    ("search for two words, one visitor at a time", "/cari/?q=jembatan+gantung"),
]
# Issue 6's peer figures (Wagtail's demo, same setup) were taken where the bare app did ~6,900
# req/s; this scales them to the machine of the run.
ISSUE_BARE_RPS = 6900
WAGTAIL = {"home": (40, 55), "blog post": (80, 100), "search": (45, 45)}
STAFF_PAGES = [
    ("admin article list", "/admin/newsroom/article/"),
    ("PPID queue", "/admin/ppid/informationrequest/"),
]


#: A Redis that is not there (nothing listens on port 1): the "Redis stopped" rows (issue 17).
DEAD_REDIS = "redis://127.0.0.1:1/0"
#: (label, page cache seconds, Redis): each public page is measured in every mode.
MODES = [("uncached", 0, REDIS), ("cached", 300, REDIS), ("Redis stopped", 300, DEAD_REDIS)]


def django_env(database: str, page_cache: int, redis: str = REDIS) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": f"{PG}/{database}",
        "REDIS_URL": redis,
        "HUMAS_CACHE_PREFIX": "bench",
        "HUMAS_PAGE_CACHE_SECONDS": str(page_cache),
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": "bench-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_SECURE_SSL_REDIRECT": "0",
        "DJANGO_STATIC_ROOT": "/tmp/humas_bench_static",
        "DJANGO_LOG_LEVEL": "WARNING",
        "HUMAS_TASKS_BACKEND": "django_tasks.backends.immediate.ImmediateBackend",
        # The load comes from one address: the API's per-address limit would answer it with 429s.
        "HUMAS_API_RATE": "100000000/min",
    }


def run(cmd: list[str], env=None, **kwargs) -> str:
    return subprocess.run(
        cmd, env=env, cwd=ROOT, check=True, capture_output=True, text=True, **kwargs
    ).stdout


def prepare_database(label: str) -> dict:
    articles, requests, database = SIZES[label]
    env = django_env(database, 0)
    exists = subprocess.run(
        ["psql", f"{PG}/{database}", "-c", "select 1"], capture_output=True
    ).returncode
    if exists != 0:
        run(["psql", f"{PG}/postgres", "-c", f"CREATE DATABASE {database}"])
    run([PY, "manage.py", "migrate", "--noinput", "-v0"], env)
    counts = run(
        [PY, "manage.py", "shell", "--no-imports", "-c",
         "from newsroom.models import Article, Document, Event;"
         " from ppid.models import InformationRequest;"
         "print(Article.objects.count(), InformationRequest.objects.count(),"
         " Event.objects.count(), Document.objects.count())"], env,
    ).split()  # fmt: skip
    missing_articles = max(0, articles - int(counts[0]))
    missing_requests = max(0, requests - int(counts[1]))
    # Agenda items: one for every ten articles (with half as many announcements).
    missing_events = max(0, articles // 10 - int(counts[2]))
    # Documents of the download centre: one for every twenty articles.
    missing_documents = max(0, articles // 20 - int(counts[3]))
    if missing_articles or missing_requests or missing_events or missing_documents:
        print(f"[{label}] seeding {missing_articles} articles, {missing_requests} requests, "
              f"{missing_events} events...")  # fmt: skip
        began = time.monotonic()
        run([PY, "manage.py", "seed_bulk", "--articles", str(missing_articles),
             "--requests", str(missing_requests),
             "--events", str(missing_events),
             "--documents", str(missing_documents)], env)  # fmt: skip
        print(f"[{label}] seeded in {time.monotonic() - began:.0f} s")
        run(["psql", f"{PG}/{database}", "-c", "VACUUM ANALYZE"])
    return json.loads(run([PY, "bench/probe.py", "prepare"], env))


class Server:
    def __init__(self, app: str, port: int, env: dict):
        self.port = port
        self.process = subprocess.Popen(
            [GUNICORN, app, "-w", "2", "-b", f"127.0.0.1:{port}", "--log-level", "warning"],
            cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip

    def __enter__(self):
        for _ in range(100):
            try:
                urllib.request.urlopen(f"http://127.0.0.1:{self.port}/", timeout=2)  # noqa: S310
                return self
            except urllib.error.HTTPError:
                return self
            except OSError:
                time.sleep(0.2)
        raise RuntimeError(self.process.stderr.read().decode())

    def cpu_seconds(self) -> float:
        """User + system CPU time of the gunicorn workers so far (Linux /proc)."""
        tick = os.sysconf("SC_CLK_TCK")
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == self.process.pid:  # a worker: its parent is the gunicorn master
                total += int(fields[11]) + int(fields[12])
        return total / tick

    def __exit__(self, *exc):
        self.process.terminate()
        self.process.wait(timeout=20)


def wrk(port: int, path: str, duration: int, cookie: str = "", server=None, conns=8) -> dict:
    cmd = ["wrk", f"-t{min(2, conns)}", f"-c{conns}", f"-d{duration}s", "--timeout", "5s",
           "-s", str(ROOT / "bench/report.lua"), f"http://127.0.0.1:{port}{path}"]  # fmt: skip
    if cookie:
        cmd[1:1] = ["-H", f"Cookie: {cookie}"]
    warm = [c if not c.startswith("-d") else "-d2s" for c in cmd]
    run(warm)
    cpu_before = server.cpu_seconds() if server else 0.0
    out = run(cmd)
    cpu = (server.cpu_seconds() - cpu_before) if server else 0.0
    line = next(x for x in out.splitlines() if x.startswith("JSON "))
    data = json.loads(line[5:])
    data["rps"] = data["requests"] / (data["duration_us"] / 1e6)
    data["errors"] = sum(data[k] for k in ("connect", "read", "write", "status", "timeout"))
    # Load-independent cost: CPU the app's workers spent per request (PostgreSQL, Redis and wrk
    # not included). On a shared machine this is steadier than requests/s.
    data["cpu_ms"] = 1000 * cpu / data["requests"] if data["requests"] else 0.0
    return data


def row(name, size, bytes_, result, queries, bare_rps, adjacent=False) -> str:
    ms = lambda us: f"{us / 1000:.1f}"  # noqa: E731
    ratio = f"{result['rps'] / bare_rps:.2f}" + (f" (bare {bare_rps:.0f})" if adjacent else "")
    return (
        f"| {name} | {size} | {bytes_ / 1024:.1f} KB | {result['rps']:.0f} | {ms(result['p50'])} "
        f"| {ms(result['p95'])} | {ms(result['p99'])} | {result['errors']} | {queries} "
        f"| {ratio} | {result['cpu_ms']:.2f} |"
    )


def peer_figures(bare_rps: float) -> str:
    scale = bare_rps / ISSUE_BARE_RPS
    span = lambda low, high: f"{low * scale:.0f}-{high * scale:.0f}"  # noqa: E731
    peers = [f"{page} {span(low, high)} (5x: {span(5 * low, 5 * high)})"
             for page, (low, high) in WAGTAIL.items()]  # fmt: skip
    return (f"Wagtail's figures from the issue, scaled by this run's bare app ({bare_rps:.0f} / "
            f"{ISSUE_BARE_RPS} req/s): {', '.join(peers)} req/s")  # fmt: skip


def static_weight() -> str:
    """What a public page loads of its own besides the HTML: CSS, JS and images under static/."""
    import gzip

    parts, total = [], 0
    for path in sorted((ROOT / "static").rglob("*")):
        if path.is_file() and path.suffix in {".css", ".js", ".svg"}:
            size = len(gzip.compress(path.read_bytes(), 9))
            total += size
            parts.append(f"{path.relative_to(ROOT)} {size / 1024:.1f} KB")
    return f"Own static files, gzip: {total / 1024:.1f} KB in all ({'; '.join(parts)})"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=int, default=10, help="seconds of wrk per page")
    parser.add_argument("--sizes", default="1k,100k")
    args = parser.parse_args()
    labels = args.sizes.split(",")
    lines = [
        f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.node()} "
        f"({os.cpu_count()} CPU, {platform.processor() or platform.machine()}), "
        f"wrk 2 threads 8 connections {args.duration} s per page, gunicorn 2 sync workers.",
        "",
    ]
    prepared = {label: prepare_database(label) for label in labels}
    run([PY, "manage.py", "collectstatic", "--noinput", "-v0"],
        django_env(SIZES[labels[0]][2], 0))  # fmt: skip

    # The bare app stays up all along: each cached page is compared with a bare run just before
    # it, so load from elsewhere on the machine hits both sides of the ratio alike.
    bare_server = Server("bench.bare_app:application", BARE_PORT, dict(os.environ)).__enter__()
    try:
        run_pages(args, labels, prepared, lines, bare_server)
    finally:
        bare_server.__exit__(None, None, None)


def run_pages(args, labels, prepared, lines, bare_server) -> None:
    bare = wrk(BARE_PORT, "/", args.duration, server=bare_server)
    lines += ["| page | size | HTML | req/s | p50 ms | p95 ms | p99 ms | errors | SQL/req "
              "| ratio to bare | worker CPU ms/req |",
              "|---|---|---|---|---|---|---|---|---|---|---|"]  # fmt: skip
    lines.append(row("bare Django (ceiling)", "-", 12, bare, 0, bare["rps"]))
    print("\n".join(lines), flush=True)

    extras = []
    for label in labels:
        info = prepared[label]
        database = SIZES[label][2]
        for mode, page_cache, redis in MODES:
            cached = mode == "cached"
            run(["redis-cli", "-u", REDIS, "FLUSHDB"])
            env = django_env(database, page_cache, redis)
            pages = PUBLIC_PAGES + (LATENCY_PAGES + STAFF_PAGES if mode == "uncached" else [])
            urls = {name: path.format(**info) for name, path in pages}
            staff = {name for name, _ in STAFF_PAGES}
            public = [u for n, u in urls.items() if n not in staff]
            measured = json.loads(run([PY, "bench/probe.py", "queries", *public], env))
            measured.update(json.loads(run(
                [PY, "bench/probe.py", "queries", *[u for n, u in urls.items() if n in staff]],
                {**env, "BENCH_COOKIE": info["cookie"]},
            )))  # fmt: skip
            with Server("humas.wsgi:application", APP_PORT, env) as server:
                for name, url in urls.items():
                    cookie = info["cookie"] if name in staff else ""
                    # Staff pages: two supervisors working at once (latency, not a flood).
                    conns = STAFF_CONNECTIONS if name in staff else 8
                    title = f"{name} ({mode})"
                    if name in staff:
                        title = f"{name} (supervisor, {STAFF_CONNECTIONS} connections)"
                    if name in dict(LATENCY_PAGES):
                        conns, title = 1, f"{name} (uncached, 1 connection)"
                    result = wrk(APP_PORT, url, args.duration, cookie, server, conns)
                    m = measured[url]
                    if cached:  # compare with the ceiling measured just now
                        adjacent = wrk(BARE_PORT, "/", max(3, args.duration // 2))["rps"]
                        line = row(title, label, m["bytes"], result, m["queries"], adjacent, True)
                    else:
                        line = row(title, label, m["bytes"], result, m["queries"], bare["rps"])
                    lines.append(line)
                    print(line, flush=True)
        if label == labels[-1]:
            env = django_env(database, 0)
            report = run([PY, "bench/probe.py", "report"], env)
            extras.append(f"Yearly PPID report ({label}): {report}")
            extras.append(f"EXPLAIN ANALYZE at {label}:\n```\n"
                          f"{run([PY, 'bench/probe.py', 'explain'], env)}```")  # fmt: skip
    extras.append(peer_figures(bare["rps"]))
    extras.append(static_weight())
    lines += ["", *extras]
    output = "\n".join(lines)
    print("\n".join(extras))
    (ROOT / "bench/last-run.md").write_text(output + "\n")


if __name__ == "__main__":
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))  # stop the servers on a kill too
    sys.exit(main())
