"""In-process measurements for bench/run.py, against the database named by DATABASE_URL.

python bench/probe.py prepare          # bench supervisor, session cookie, sample URLs (JSON)
python bench/probe.py queries URL...   # HTML size and SQL queries per request (JSON)
python bench/probe.py explain          # EXPLAIN ANALYZE of every public filter and ordering
python bench/probe.py report           # time of the yearly PPID report (busiest year)
python bench/probe.py cpu URL...       # CPU ms per request of each page, in-process (JSON)
python bench/probe.py profile URL      # where one page's time goes (pyinstrument, else cProfile)

`cpu` and `profile` count the CPU time of this process only (``time.process_time``), so their
figures hold whatever else the machine is doing; run them with HUMAS_PAGE_CACHE_SECONDS=0 to see
the uncached page. They go through Django's handler, not the WSGI front of humas.wsgi.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "humas.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from accounts.models import Agency, Membership, Role, User  # noqa: E402
from newsroom.models import Article, Category, Tag  # noqa: E402
from portal.views import MAX_PAGE, PAGE_SIZE  # noqa: E402

BENCH_AGENCY = "dinkes"
HOST = "127.0.0.1"


def prepare() -> dict:
    agency = Agency.objects.get(slug=BENCH_AGENCY)
    user, _ = User.objects.get_or_create(username="bench-supervisor", defaults={"is_staff": True})
    for role in (Role.SUPERVISOR, Role.PPID_OFFICER):
        Membership.objects.get_or_create(user=user, agency=agency, role=role)
    client = Client()
    client.force_login(user, backend="django.contrib.auth.backends.ModelBackend")
    article = Article.objects.public().filter(agency=agency).only("slug").first()
    name = settings.SESSION_COOKIE_NAME
    return {
        "cookie": f"{name}={client.cookies[name].value}",
        "article": article.get_absolute_url(),
        "agency": agency.get_absolute_url(),
        # The deepest list page the portal serves (views.MAX_PAGE), or the last one there is.
        "deep": f"/berita/?halaman={min(MAX_PAGE, Article.objects.public().count() // PAGE_SIZE)}",
        "articles": Article.objects.count(),
        "public": Article.objects.public().count(),
    }


def queries(urls: list[str], cookie: str = "") -> dict:
    client = Client(HTTP_HOST=HOST)
    if cookie:
        name, value = cookie.split("=", 1)
        client.cookies[name] = value
    out = {}
    for url in urls:
        client.get(url)  # warm: the first request of a process loads templates and translations
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        out[url] = {"status": response.status_code, "bytes": len(response.content),
                    "queries": len(captured)}  # fmt: skip
    return out


def explain() -> str:
    """The plans PostgreSQL picks at this size for each public filter and ordering."""
    from portal.search import search_articles
    from portal.views import cards

    agency = Agency.objects.get(slug=BENCH_AGENCY)
    category = Category.objects.order_by("pk").first()
    tag = Tag.objects.order_by("pk").first()
    public = Article.objects.public()
    reads = {
        "home: latest": cards(public)[:9],
        "home: featured": cards(public.filter(is_featured=True))[:3],
        "list page 2,000, step 1 (ids only, OFFSET 23988)": public.values_list("pk", flat=True)[
            23988:24001
        ],
        "list page 2,000, step 2 (the rows shown)": cards(public).filter(
            pk__in=list(public.values_list("pk", flat=True)[23988:24001])
        ),
        "list by agency": cards(public.filter(agency=agency))[:13],
        "list by category": cards(public.filter(category=category))[:13],
        "list by tag": cards(public.filter(tags=tag))[:13],
        "search 'nelayan' (common word)": cards(search_articles("nelayan"))[:13],
        "search 'jembatan gantung' (two words)": cards(search_articles("jembatan gantung"))[:13],
        "page cache: next scheduled publication": Article.objects.filter(
            status=Article.Status.PUBLISHED, publish_at__gt=django.utils.timezone.now()
        )
        .order_by("publish_at")
        .values_list("publish_at", flat=True)[:1],
    }
    parts = []
    for name, queryset in reads.items():
        queryset.explain(analyze=True)  # the second run is the one a busy portal sees (warm)
        plan = queryset.explain(analyze=True)
        parts.append(f"-- {name}\n{plan}\n")
    return "\n".join(parts)


def report() -> dict:
    from django.db.models import Count

    from ppid.models import InformationRequest
    from ppid.reports import annual_report

    busiest = (
        InformationRequest.objects.values("year").annotate(n=Count("id")).order_by("-n").first()
    )
    began = time.perf_counter()
    data = annual_report(busiest["year"])
    seconds = time.perf_counter() - began
    return {"year": busiest["year"], "requests": data["total"], "seconds": round(seconds, 3),
            "total_requests": InformationRequest.objects.count()}  # fmt: skip


def cpu(urls: list[str], repeat: int = 200) -> dict:
    """Median CPU ms per request of each page over ``repeat`` requests (after a warm-up)."""
    client = Client(HTTP_HOST=HOST)
    out = {}
    for url in urls:
        for _ in range(20):
            client.get(url)
        spent = []
        for _ in range(repeat):
            began = time.process_time()
            client.get(url)
            spent.append(time.process_time() - began)
        spent.sort()
        out[url] = {"cpu_ms": round(1000 * spent[len(spent) // 2], 2),
                    "mean_ms": round(1000 * sum(spent) / repeat, 2)}  # fmt: skip
    return out


def profile(url: str, repeat: int = 200) -> str:
    """A call-tree profile of ``repeat`` requests of ``url``: pyinstrument if it is installed."""
    client = Client(HTTP_HOST=HOST)
    for _ in range(20):
        client.get(url)
    try:
        from pyinstrument import Profiler
    except ImportError:
        import cProfile
        import io
        import pstats

        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(repeat):
            client.get(url)
        profiler.disable()
        out = io.StringIO()
        pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(40)
        return out.getvalue()
    profiler = Profiler(interval=0.0002)
    profiler.start()
    for _ in range(repeat):
        client.get(url)
    profiler.stop()
    return profiler.output_text(show_all=False)


if __name__ == "__main__":
    command, args = sys.argv[1], sys.argv[2:]
    if command == "prepare":
        print(json.dumps(prepare()))
    elif command == "queries":
        cookie = os.environ.get("BENCH_COOKIE", "")
        print(json.dumps(queries(args, cookie)))
    elif command == "explain":
        print(explain())
    elif command == "report":
        print(json.dumps(report()))
    elif command == "cpu":
        print(json.dumps(cpu(args), indent=1))
    elif command == "profile":
        print(profile(args[0]))
