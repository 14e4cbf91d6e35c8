"""Browser journeys: Playwright (sync API) driving Debian's Chromium against a live server.

Every page a journey opens is checked on arrival: no Content-Security-Policy violation (the
browser enforces our real headers) and no serious or critical axe-core accessibility violation.
A screenshot of each step lands in tests/e2e/artifacts/ (git-ignored) for a failure to be looked at.
"""

import io
import os
import re
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from accounts.models import User

HERE = Path(__file__).resolve().parent
ARTIFACTS = HERE / "artifacts"
AXE = HERE / "vendor" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else shutil.which("chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]  # fmt: skip
PASSWORD = "jalan-jalan-ke-pantai-7"  # noqa: S105 (set on the demo accounts by the fixture)
MISSING = (
    "Chromium is not installed: run `apt-get install -y chromium` to run the browser journeys."
)

# Findings in markup that is Django's, not ours: (rule id, URL pattern) pairs.
AXE_KNOWN = [
    # Django admin's breadcrumbs: links told apart from the text by colour only (admin CSS).
    ("link-in-text-block", re.compile(r"/admin/")),
]
# Vendor widgets left out of the check: CKEditor 4's toolbar and iframe, the admin's select2.
AXE_EXCLUDE = [[".cke"], [".select2-container"]]


@pytest.fixture
def playwright_browser(monkeypatch):
    # Per test, not per session: a sync Playwright left running keeps an asyncio loop in this
    # thread, which breaks any later test that starts its own Playwright.
    if not CHROMIUM:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(MISSING)
        pytest.skip(MISSING)
    sync_api = pytest.importorskip("playwright.sync_api")
    # Playwright's sync API runs an event loop in this thread; the ORM calls the tests make
    # between browser steps are still plain synchronous code.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    ARTIFACTS.mkdir(exist_ok=True)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Visitor:
    """One browser context (one person) with the checks every page gets."""

    def __init__(self, browser, base_url, name, **context_options):
        self.context = browser.new_context(locale="id-ID", **context_options)
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.base = base_url
        self.name = name
        self.steps = 0
        self.page.add_init_script(
            "document.addEventListener('securitypolicyviolation', e => {"
            " (window.__csp = window.__csp || []).push(e.violatedDirective + ' ' + e.blockedURI) })"
        )

    def url(self, path):
        return self.base + path

    def goto(self, path):
        response = self.page.goto(self.url(path))
        assert response.status < 400, (path, response.status)
        self.check()
        return response

    def check(self, name=None):
        """CSP and accessibility checks of the current page, and a screenshot."""
        self.page.wait_for_load_state("load")
        violations = self.page.evaluate("window.__csp || []")
        assert violations == [], (self.page.url, violations)
        self.axe()
        self.shot(name)

    def axe(self):
        if not self.page.evaluate("typeof window.axe !== 'undefined'"):
            # evaluate() is not subject to the page's CSP, so the strict policy stays on.
            self.page.evaluate(AXE.read_text(encoding="utf-8") + "\n;0")
        results = self.page.evaluate(
            "exclude => axe.run({exclude}, {resultTypes: ['violations']})", AXE_EXCLUDE
        )
        known = {rule for rule, pattern in AXE_KNOWN if pattern.search(self.page.url)}
        serious = [
            f"{v['id']} ({v['impact']}): {[n['target'] for n in v['nodes']][:3]}"
            for v in results["violations"]
            if v["impact"] in ("serious", "critical") and v["id"] not in known
        ]
        assert serious == [], (self.page.url, serious)

    def shot(self, name=None):
        self.steps += 1
        label = name or re.sub(r"[^a-z0-9]+", "-", self.page.url.split("//", 1)[-1].lower())[:60]
        self.page.screenshot(path=ARTIFACTS / f"{self.name}-{self.steps:02d}-{label}.png",
                             full_page=True)  # fmt: skip

    def login(self, username):
        self.page.goto(self.url("/admin/login/"))
        self.check("login")
        self.page.fill("#id_username", username)
        self.page.fill("#id_password", PASSWORD)
        self.page.click("input[type=submit]")
        self.page.wait_for_url(re.compile(r"/admin/$"))

    def logout(self):
        self.page.context.clear_cookies()

    def close(self):
        self.context.close()


@pytest.fixture
def demo_site(db, live_server):
    """seed_demo on a fresh database, with a known password on the demo staff accounts."""
    call_command("seed_demo", "--allow-production", stdout=io.StringIO())
    for user in User.objects.filter(is_staff=True):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return live_server


@pytest.fixture
def visitor(playwright_browser, demo_site):
    opened = []

    def open_visitor(name, **options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        person = Visitor(playwright_browser, demo_site.url, name, **options)
        opened.append(person)
        return person

    yield open_visitor
    for person in opened:
        person.close()
